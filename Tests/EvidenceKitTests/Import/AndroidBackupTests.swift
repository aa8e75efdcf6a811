import EvidenceKit
import Foundation
import Testing

/// Fixtures and their expected values: Tests/Fixtures/android/EXPECTED.md.
@Suite("android-calls-xml and android-sms-xml")
struct AndroidBackupTests {
    private func calls(_ name: String) throws -> CollectingSink {
        try parse(fixture("android/\(name)"), with: AndroidCallsParser())
    }

    private func messages(_ name: String) throws -> CollectingSink {
        try parse(fixture("android/\(name)"), with: AndroidMessagesParser())
    }

    @Test("a current backup: UTC instants to the millisecond, directions, numbers, contact names")
    func currentCalls() throws {
        let sink = try calls("calls-current.xml")
        #expect(sink.calls.map(\.startedAt.iso8601) == [
            "2026-08-05T21:20:07.331Z", "2026-08-10T15:02:14.512Z", "2026-08-12T14:41:55Z", "2026-08-12T14:42:40.120Z",
        ])
        #expect(sink.calls.map(\.direction) == [.incoming, .outgoing, .missed, .voicemail])
        #expect(sink.calls.map(\.number) == ["+13125550148", "+13125550146", "+13125550148", "+13125550177"])
        #expect(sink.calls.map(\.durationSeconds) == [245, 1124, 0, 38])
        #expect(sink.calls.map(\.contactName) == ["Nimbus Mobile Billing", "Nimbus Mobile", "Nimbus Mobile Billing", nil])
        #expect(sink.calls.map(\.provenance.locator) == (1...4).map { "/calls/call[\($0)]" })
        #expect(sink.remarks.isEmpty)
    }

    @Test("an old backup with only number, duration, date and type; numbers kept as written")
    func oldFormat() throws {
        let sink = try calls("calls-old-format.xml")
        #expect(sink.calls.map(\.number) == ["3125550148", "+13125550146", "3125550148"])
        #expect(sink.calls.map(\.startedAt.iso8601) == [
            "2026-07-01T13:00:00Z", "2026-07-01T13:30:12.250Z", "2026-07-03T00:45:00.999Z",
        ])
        #expect(sink.calls.allSatisfy { $0.contactName == nil })
    }

    @Test("call types 1 to 7 as words")
    func allTypes() throws {
        #expect(try calls("calls-all-types.xml").calls.map(\.direction.rawValue) == [
            "incoming", "outgoing", "missed", "voicemail", "rejected", "blocked", "answered-externally",
        ])
    }

    @Test("withheld numbers: -1, -2, empty, presentation 2")
    func withheld() throws {
        let sink = try calls("calls-withheld.xml")
        #expect(sink.calls.map(\.number) == [nil, nil, nil, "+13125550148"])
    }

    @Test("a count above what the file holds: everything there is imported, and the remark says so", arguments: [
        ("calls-count-too-high.xml", 3, "5"), ("sms-count-too-high.xml", 3, "4"),
    ])
    func countTooHigh(file: String, found: Int, declared: String) throws {
        let isCalls = file.hasPrefix("calls")
        let sink = isCalls ? try calls(file) : try messages(file)
        #expect((isCalls ? sink.calls.count : sink.messages.count) == found)
        let remark = try #require(sink.remarks.first)
        #expect(remark.contains(declared) && remark.contains("\(found)"))
    }

    @Test("bad records reject the file, naming the element and the value", arguments: [
        ("calls-bad-date.xml", "/calls/call[2]", "yesterday"), ("calls-bad-type.xml", "/calls/call[3]", "9"),
        ("calls-truncated.xml", "line 8", "line 8"),
    ])
    func rejected(file: String, locator: String, value: String) throws {
        #expect {
            try calls(file)
        } throws: { error in
            let text = "\(error)"
            return text.contains(locator) && text.contains(value)
        }
    }

    @Test("SMS types 1 to 6; bodies keep escaped markup, accents, emoji and line breaks; null is absent")
    func currentMessages() throws {
        let sink = try messages("sms-current.xml")
        #expect(sink.messages.map(\.direction) == [.received, .sent, .draft, .outbox, .failed, .queued])
        #expect(sink.messages[0].body == "Nimbus: amounts in <b>bold</b> are past due.")
        #expect(sink.messages[1].body == "Café mañana? 😀")
        #expect(sink.messages[1].body.unicodeScalars.count == 14)
        #expect(sink.messages[2].body == "I cancelled on 2026-08-10.\nPlease stop billing me.")
        #expect(sink.messages[3].sentAt.iso8601 == "2026-08-16T00:00:00.001Z")
        #expect(sink.messages.allSatisfy { $0.subject == nil && !$0.isMultimedia })
    }

    @Test("MMS: text parts joined, SMIL and images left out, group addresses kept")
    func multimedia() throws {
        let sink = try messages("sms-mms.xml")
        #expect(sink.messages.map(\.provenance.locator) == ["/smses/sms[1]", "/smses/mms[1]", "/smses/mms[2]"])
        #expect(sink.messages[1].body == "Your September bill: $102.68\nDue 2026-09-22")
        #expect(sink.messages[1].isMultimedia && sink.messages[1].direction == .received)
        #expect(sink.messages[2].body == "This is the bill I dispute")
        #expect(sink.messages[2].address == "+13125550148~+13125550165")
        #expect(sink.messages[2].direction == .sent)
    }

    @Test("reference numbers in message bodies")
    func references() throws {
        let sink = try messages("sms-references.xml")
        #expect(sink.messages.map(\.references) == [["CR-88231"], ["4471"], ["88231-A"], [], ["CR-88231", "4471"]])
    }
}

@Suite("Reference numbers")
struct ReferenceFinderTests {
    @Test("the built-in pattern", arguments: [
        ("Reference: CR-88231.", ["CR-88231"]), ("ticket #4471", ["4471"]),
        ("confirmation number 88231-A", ["88231-A"]), ("Your ref. no. AB12345 is open", ["AB12345"]),
        ("Confirmation #: 99881", ["99881"]), ("see the reference to your bill", []), ("in case you missed it", []),
        ("referenced 12345 times", []),
    ])
    func builtIn(text: String, expected: [String]) throws {
        #expect(try ReferenceFinder.builtIn.references(in: text) == expected)
    }

    @Test("configured patterns replace the built-in one; a bad pattern is refused by name")
    func configured() throws {
        let finder = try ReferenceFinder(patterns: [#"\bclaim\s+([A-Z]{2}\d{3})"#])
        #expect(try finder.references(in: "claim XY123, Reference: CR-88231") == ["XY123"])
        #expect(throws: RecordError.self) { try ReferenceFinder(patterns: ["(unclosed"]) }
    }
}

@Suite("Instants")
struct InstantTests {
    @Test("UTC text, local dates across midnight and daylight saving")
    func local() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let call = Instant(millisecondsSinceEpoch: 1_781_657_220_000)  // 2026-06-16 19:47 CDT
        #expect(call.iso8601 == "2026-06-17T00:47:00Z")
        #expect(call.date(in: chicago).description == "2026-06-16")
        #expect(call.localText(in: chicago) == "2026-06-16 19:47:00")
        let winter = try #require(CalendarDate(iso: "2026-11-18"))
        #expect(Instant(date: winter, hour: 19, minute: 10, second: 5, in: chicago)?.iso8601 == "2026-11-19T01:10:05Z")
        let skipped = try #require(CalendarDate(iso: "2026-03-08"))
        #expect(Instant(date: skipped, hour: 2, minute: 30, in: chicago) == nil)
        #expect(Instant(millisecondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }
}
