import EvidenceKit
import Testing

@Suite("Cancellation status")
struct CancellationStatusTests {
    private func event(_ id: Int64, _ kind: CaseEventKind, _ date: String, ref: String? = nil, effective: String? = nil)
        -> CaseEvent
    {
        CaseEvent(
            id: id,
            draft: CaseEventDraft(
                account: "NIM-4471", kind: kind, date: CalendarDate(iso: date) ?? CalendarDate(daysSinceEpoch: 0),
                reference: ref, effectiveDate: effective.flatMap { CalendarDate(iso: $0) }))
    }

    private func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(iso: text)) }

    @Test("requested and waiting: days under review, and a warning past the limit")
    func underReview() throws {
        let events = [event(1, .cancellationRequested, "2026-08-10", ref: "CR-88231")]
        let early = CancellationStatus(account: "NIM-4471", events: events, asOf: try day("2026-08-20"), reviewLimitDays: 14)
        #expect(early.state == .requested && early.daysUnderReview == 10 && early.reference == "CR-88231")
        #expect(early.warnings.count == 1 && early.warnings[0].contains("stays active"))
        let late = CancellationStatus(account: "NIM-4471", events: events, asOf: try day("2026-09-01"), reviewLimitDays: 14)
        #expect(late.daysUnderReview == 22)
        #expect(late.warnings.contains { $0.contains("22 days, more than 14") })
    }

    @Test("confirmed: the days it took, the effective date, no warning; later events do not count before they happen")
    func confirmed() throws {
        let events = [
            event(1, .cancellationRequested, "2026-08-10", ref: "CR-88231"),
            event(2, .cancellationAcknowledged, "2026-08-11"),
            event(3, .cancellationConfirmed, "2026-09-03", effective: "2026-08-31"),
        ]
        let status = CancellationStatus(account: "NIM-4471", events: events, asOf: try day("2026-11-25"), reviewLimitDays: 14)
        #expect(status.state == .confirmed && status.daysUnderReview == 24)
        #expect(status.effectiveDate == (try day("2026-08-31")) && status.warnings.isEmpty)
        #expect(status.acknowledgement?.id == 2 && status.reference == "CR-88231")
        let before = CancellationStatus(account: "NIM-4471", events: events, asOf: try day("2026-08-12"), reviewLimitDays: 14)
        #expect(before.state == .acknowledged && before.decision == nil)
    }

    @Test("a request after a rejection opens a new review; none recorded says how to record one")
    func rejectedThenAgain() throws {
        let events = [
            event(1, .cancellationRequested, "2026-08-10"), event(2, .cancellationRejected, "2026-08-12"),
            event(3, .cancellationRequested, "2026-09-01"),
        ]
        let status = CancellationStatus(account: "NIM-4471", events: events, asOf: try day("2026-09-05"), reviewLimitDays: 14)
        #expect(status.state == .requested && status.request?.id == 3 && status.daysUnderReview == 4)
        let none = CancellationStatus(account: "NIM-4471", events: [], asOf: try day("2026-09-05"), reviewLimitDays: 14)
        #expect(none.state == .notRequested && none.warnings.first?.contains("case add") == true)
    }
}
