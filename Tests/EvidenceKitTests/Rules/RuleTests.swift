import EvidenceKit
import Foundation
import Testing

/// Small ledgers, built by hand, that must raise each rule's finding, and near misses that must not.
@Suite("Rules")
struct RuleTests {
    static let chicago = TimeZone(identifier: "America/Chicago") ?? .current

    /// Builds entries, statements and a context for one account, A-1.
    struct Ledger {
        var account = Account(id: "A-1", provider: "Nimbus Mobile", planName: "Unlimited", unlimitedData: true)
        var statements: [Statement] = []
        var entries: [Entry] = []
        var calls: [Call] = []
        var bank: [BankTransaction] = []
        var events: [CaseEvent] = []
        var settings = RuleSettings()

        static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text) ?? CalendarDate(daysSinceEpoch: 0) }

        /// A statement dated the 1st of `month` (`2026-08`), due the 22nd, covering that month.
        mutating func statement(_ month: String, previous: Int64? = nil, total: Int64? = nil) {
            statements.append(
                Statement(
                    account: "A-1", statementId: "S-\(month)", statementDate: Self.date("\(month)-01"),
                    dueDate: Self.date("\(month)-22"), periodStart: Self.date("\(month)-01"),
                    periodEnd: Self.date("\(month)-28"), currency: .usd,
                    previousBalance: previous.map(usd), totalDue: total.map(usd)))
        }

        mutating func line(
            _ month: String?, _ date: String, _ kind: EntryKind, _ description: String, _ cents: Int64,
            category: String? = nil, time: String? = nil, number: String? = nil, minutes: String? = nil
        ) {
            let id = Int64(entries.count + 1)
            entries.append(
                Entry(
                    id: id,
                    draft: EntryDraft(
                        account: "A-1", statementId: month.map { "S-\($0)" }, date: Self.date(date), kind: kind,
                        description: description, category: category, quantity: minutes, unit: minutes.map { _ in "min" },
                        amount: usd(cents), time: time, number: number,
                        provenance: Provenance(sha256: "0", file: "bill.csv", locator: "line \(id + 1)")),
                    disputed: false))
        }

        mutating func event(_ kind: CaseEventKind, _ date: String, effective: String? = nil, amount: Int64? = nil) {
            events.append(
                CaseEvent(
                    id: Int64(events.count + 1),
                    draft: CaseEventDraft(
                        account: "A-1", kind: kind, date: Self.date(date), effectiveDate: effective.map(Self.date),
                        amount: amount.map(usd))))
        }

        mutating func call(_ utc: String, _ number: String, seconds: Int) {
            let formatter = ISO8601DateFormatter()
            let moment = formatter.date(from: utc) ?? Date(timeIntervalSince1970: 0)
            calls.append(
                Call(
                    id: Int64(calls.count + 1),
                    draft: CallDraft(
                        account: "A-1", startedAt: Instant(millisecondsSinceEpoch: Int64(moment.timeIntervalSince1970) * 1000),
                        direction: .outgoing, number: number, durationSeconds: seconds,
                        provenance: Provenance(sha256: "1", file: "calls.xml", locator: "/calls/call[\(calls.count + 1)]"))))
        }

        func findings(_ rule: String, asOf: String = "2026-12-31") -> [Finding] {
            let context = RuleContext(
                account: account, asOf: Self.date(asOf), settings: settings, timeZone: RuleTests.chicago,
                statements: statements, entries: entries, calls: calls, bankTransactions: bank, caseEvents: events)
            return RuleRegistry.rules(settings).filter { $0.id == rule }.flatMap { $0.evaluate(context) }
        }
    }

    @Test("charge.duplicate: twice on one statement; the same charge in two months is no duplicate")
    func duplicate() {
        var ledger = Ledger()
        ledger.line("2026-07", "2026-07-01", .charge, "Unlimited plan", 6500)
        ledger.line("2026-08", "2026-08-01", .charge, "Unlimited plan", 6500)
        #expect(ledger.findings("charge.duplicate").isEmpty)
        ledger.line("2026-08", "2026-08-01", .charge, "Unlimited  Plan", 6500)
        let found = ledger.findings("charge.duplicate")
        #expect(found.count == 1)
        #expect(found.first?.amount == usd(6500) && found.first?.entries.map(\.id) == [2, 3])
    }

    @Test("charge.after-cancellation: after the effective date (high); a prorated final charge before it is not; a period after a request (medium)")
    func afterCancellation() {
        var ledger = Ledger()
        ledger.statement("2026-08")
        ledger.statement("2026-09")
        ledger.line("2026-08", "2026-08-31", .charge, "Plan, prorated to Aug 31", 4000)
        ledger.line("2026-09", "2026-09-01", .charge, "Plan", 6500)
        ledger.line("2026-09", "2026-09-01", .tax, "Tax", 520)
        ledger.event(.cancellationRequested, "2026-08-10")
        // Only requested: September's period starts after the request.
        let requested = ledger.findings("charge.after-cancellation")
        #expect(requested.map(\.severity) == [.medium] && requested.first?.amount == usd(7020))
        ledger.event(.cancellationConfirmed, "2026-09-03", effective: "2026-08-31")
        let confirmed = ledger.findings("charge.after-cancellation")
        #expect(confirmed.map(\.severity) == [.high] && confirmed.first?.entries.map(\.id) == [2, 3])
        ledger.settings.afterCancellationIncludesTaxes = false
        #expect(ledger.findings("charge.after-cancellation").first?.amount == usd(6500))
    }

    @Test("charge.third-party: premium SMS by pattern or category, summed over months; a plan is not")
    func thirdParty() {
        var ledger = Ledger()
        ledger.line("2026-07", "2026-07-01", .charge, "Unlimited Everything 5G", 6500)
        ledger.line("2026-07", "2026-07-01", .charge, "Premium SMS - StarQuiz Club", 999)
        ledger.line("2026-08", "2026-08-01", .charge, "Premium SMS - StarQuiz Club", 999)
        ledger.line("2026-08", "2026-08-01", .charge, "QuizPlus", 499, category: "premium-sms")
        let found = ledger.findings("charge.third-party")
        #expect(found.map(\.amount) == [usd(1998), usd(499)])
    }

    @Test("charge.price-change: a rise beyond the threshold, times the periods at the new price; a small rise is not")
    func priceChange() {
        var ledger = Ledger()
        for (month, cents) in [("2026-06", 700), ("2026-07", 700), ("2026-08", 1100), ("2026-09", 1100)] {
            ledger.line(month, "\(month)-01", .charge, "Device protection", Int64(cents))
            ledger.line(month, "\(month)-01", .charge, "Plan", month < "2026-08" ? 6500 : 6650)
        }
        let found = ledger.findings("charge.price-change")
        // Device protection +4.00 for 2 periods; the plan's 65.00 → 66.50 is 2.3 %, under 5 %.
        #expect(found.map(\.amount) == [usd(800)])
        ledger.settings.priceChangePercent = 2
        #expect(ledger.findings("charge.price-change").count == 2)
    }

    @Test("charge.unlimited-overage: only on a plan with unlimited data")
    func overage() {
        var ledger = Ledger()
        ledger.line("2026-07", "2026-06-30", .charge, "Data overage 2GB", 1500)
        ledger.line("2026-07", "2026-07-01", .charge, "Unlimited Everything 5G", 6500)
        #expect(ledger.findings("charge.unlimited-overage").map(\.amount) == [usd(1500)])
        ledger.account.unlimitedData = false
        #expect(ledger.findings("charge.unlimited-overage").isEmpty)
    }

    @Test("fee.late-despite-payment: paid in full by the due date; a payment one day late makes the fee fair")
    func lateFee() {
        var onTime = Ledger()
        onTime.statement("2026-08", previous: 0, total: 15768)
        onTime.statement("2026-09")
        onTime.line("2026-08", "2026-08-01", .charge, "Plan", 15768)
        onTime.line("2026-09", "2026-08-22", .payment, "Payment", -15768)
        onTime.line("2026-09", "2026-09-01", .fee, "Late payment fee", 1000)
        let found = onTime.findings("fee.late-despite-payment")
        #expect(found.map(\.amount) == [usd(1000)] && found.first?.entries.count == 2)

        var late = Ledger()
        late.statement("2026-08", previous: 0, total: 15768)
        late.statement("2026-09")
        late.line("2026-08", "2026-08-01", .charge, "Plan", 15768)
        late.line("2026-09", "2026-08-23", .payment, "Payment", -15768)
        late.line("2026-09", "2026-09-01", .fee, "Late payment fee", 1000)
        #expect(late.findings("fee.late-despite-payment").isEmpty)
        // The customer's own record of a payment on time counts too.
        late.event(.paymentMade, "2026-08-21", amount: 15768)
        #expect(late.findings("fee.late-despite-payment").count == 1)
    }

    @Test("usage.unmatched-call and usage.duration-mismatch against the call log, in the account's time zone")
    func calls() {
        var ledger = Ledger()
        // 19:47 CDT on 06-16 is 00:47Z on 06-17; the log has it 5 minutes later, which still matches.
        ledger.line("2026-07", "2026-06-16", .usage, "Call to +1 773 555 0163", 0, time: "19:47", number: "+17735550163", minutes: "21")
        ledger.line("2026-07", "2026-06-11", .usage, "Call to +44 20 7946 0321, London", 1150, time: "10:14", minutes: "23")
        ledger.line("2026-07", "2026-06-20", .usage, "Call to +1 312 555 0142", 300, time: "09:00", number: "3125550142", minutes: "7")
        ledger.call("2026-06-01T15:00:00Z", "+16305550118", seconds: 60)  // the log covers June from here
        ledger.call("2026-06-17T00:52:00Z", "+17735550163", seconds: 1205)
        ledger.call("2026-06-20T14:01:00Z", "+13125550142", seconds: 337)
        #expect(ledger.findings("usage.unmatched-call").map(\.entries.first?.id) == [2])
        // 337 s is 6 minutes rounded up; 7 are billed: one minute of 3.00 over.
        let mismatch = ledger.findings("usage.duration-mismatch")
        #expect(mismatch.map(\.entries.first?.id) == [3] && mismatch.first?.amount == usd(42))
        ledger.settings.callMatchMinutes = 2
        #expect(ledger.findings("usage.unmatched-call").count == 2)
        // Billed calls before the log begins are not judged.
        var early = Ledger()
        early.line("2026-03", "2026-02-10", .usage, "Call to +1 312 555 0142", 0, time: "10:00", number: "+13125550142")
        early.call("2026-06-20T14:01:00Z", "+13125550142", seconds: 60)
        #expect(early.findings("usage.unmatched-call").isEmpty)
    }

    @Test("statement totals and balances carried forward against the lines")
    func statementArithmetic() {
        var ledger = Ledger()
        ledger.statement("2026-09", previous: 15768, total: 10268)
        ledger.statement("2026-10", previous: 10268, total: 19836)
        ledger.statement("2026-11", previous: 19536, total: 28804)
        ledger.line("2026-09", "2026-08-20", .payment, "Payment", -15768)
        ledger.line("2026-09", "2026-09-01", .charge, "Plan", 10268)
        ledger.line("2026-10", "2026-10-01", .charge, "Plan", 9268)
        ledger.line("2026-11", "2026-11-01", .charge, "Plan", 9268)
        #expect(ledger.findings("statement.total-mismatch").map(\.amount) == [usd(300)])
        // November carries 195.36 forward where October printed 198.36.
        #expect(ledger.findings("statement.balance-forward-mismatch").map(\.amount) == [usd(300)])
    }

    @Test("payment.not-credited: a bank payment no later statement shows; one credited within the window is fine")
    func paymentNotCredited() {
        var ledger = Ledger()
        ledger.statement("2026-10")
        ledger.line("2026-10", "2026-08-22", .payment, "Payment - thank you", -15768)
        func bank(_ id: Int64, _ date: String, _ text: String, _ cents: Int64) -> BankTransaction {
            BankTransaction(
                id: id,
                draft: BankTransactionDraft(
                    account: "A-1", date: Ledger.date(date), description: text, amount: usd(cents),
                    provenance: Provenance(sha256: "2", file: "bank.csv", locator: "line \(id)")))
        }
        ledger.bank = [
            bank(1, "2026-08-20", "NIMBUS MOBILE BILLPAY A-1", -15768), bank(2, "2026-09-19", "NIMBUS MOBILE BILLPAY A1", -10268),
            bank(3, "2026-09-20", "RENT", -120000),
        ]
        let found = ledger.findings("payment.not-credited")
        #expect(found.map(\.amount) == [usd(10268)])
        #expect(found.first?.evidence.first?.source?.locator == "line 2")
    }

    @Test("credit.promised-not-applied, and a user's pattern rule")
    func promisedAndPattern() throws {
        var ledger = Ledger()
        ledger.statement("2026-10")
        ledger.event(.creditPromised, "2026-09-10", amount: 2000)
        ledger.line("2026-10", "2026-10-01", .charge, "International roaming pass", 1000)
        #expect(ledger.findings("credit.promised-not-applied").map(\.amount) == [usd(2000)])
        ledger.line("2026-10", "2026-10-01", .credit, "Goodwill credit", -2000)
        #expect(ledger.findings("credit.promised-not-applied").isEmpty)

        let store = try temporaryStore()
        try Data(
            """
            rules:
              patternRules:
                - {id: charge.roaming, match: 'roaming', kind: charge, minAmount: "5.00", severity: low, summary: You did not travel.}
            """.utf8
        ).write(to: store.url.appendingPathComponent("config.yaml"))
        ledger.settings = try store.configuration().rules
        let found = ledger.findings("charge.roaming")
        #expect(found.map(\.amount) == [usd(1000)] && found.first?.severity == .low)
    }

    @Test("the documented config.yaml gives the default settings; a built-in id or a bad pattern is refused")
    func documentedDefaults() throws {
        let store = try temporaryStore()
        #expect(try store.configuration().rules == RuleSettings())
        let config = store.url.appendingPathComponent("config.yaml")
        try Data("rules:\n  patternRules:\n    - {id: charge.duplicate, match: x}\n".utf8).write(to: config)
        #expect(throws: StoreError.self) { try store.configuration() }
        try Data("rules:\n  lateFeePatterns: ['(late']\n".utf8).write(to: config)
        #expect(throws: StoreError.self) { try store.configuration() }
    }

    @Test("finding ids are stable: the same facts give the same id whatever the row ids")
    func stableIds() {
        var first = Ledger()
        first.line("2026-08", "2026-08-01", .charge, "Plan", 6500)
        first.line("2026-08", "2026-08-01", .charge, "Plan", 6500)
        var second = Ledger()
        second.line(nil, "2026-01-01", .charge, "Something else", 100)
        second.line("2026-08", "2026-08-01", .charge, "Plan", 6500)
        second.line("2026-08", "2026-08-01", .charge, "Plan", 6500)
        #expect(first.findings("charge.duplicate").map(\.id) == second.findings("charge.duplicate").map(\.id))
        #expect(first.findings("charge.duplicate").first?.id.hasPrefix("F-") == true)
    }

    @Test("a charge twice on one statement with different line dates is a duplicate; a confirmation alone dates a cancellation")
    func reviewedEdges() {
        var ledger = Ledger()
        ledger.line("2026-03", "2026-03-01", .charge, "Plan", 7000)
        ledger.line("2026-03", "2026-03-05", .charge, "Plan", 7000)
        #expect(ledger.findings("charge.duplicate").map(\.amount) == [usd(7000)])

        var confirmedOnly = Ledger()
        confirmedOnly.statement("2026-04")
        confirmedOnly.line("2026-04", "2026-04-01", .charge, "Plan", 7000)
        confirmedOnly.event(.cancellationConfirmed, "2026-03-01", effective: "2026-03-01")
        #expect(confirmedOnly.findings("charge.after-cancellation").map(\.severity) == [.high])
    }
}
