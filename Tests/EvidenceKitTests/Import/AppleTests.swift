import Foundation
import Testing

@testable import EvidenceKit

@Suite("iPhone and Mac databases")
struct AppleTests {
    private func read(_ name: String, with parser: any RecordParser) throws -> CollectingSink {
        try parse(fixture("apple/\(name)"), with: parser, account: "NIM-4471")
    }

    private func rejection(_ name: String, with parser: any RecordParser = AppleMessagesParser()) -> String {
        EvidenceKitTests.rejection(fixture("apple/\(name)"), with: parser, account: "NIM-4471")
    }

    @Test("each date unit: nanoseconds and seconds since 2001, seconds since 1970, by magnitude")
    func dateUnits() throws {
        let sink = try read("messages-date-units.db", with: AppleMessagesParser())
        #expect(sink.messages.map(\.sentAt.iso8601) == Array(repeating: "2026-08-10T14:30:00Z", count: 3))
        #expect(rejection("messages-date-fits-no-unit.db").contains("message ROWID 1: date 1786372200000 is no instant"))
    }

    @Test("text from attributedBody: plain, emoji, non-Latin, the two-byte length; a group chat; a tapback left out")
    func attributedBody() throws {
        let sink = try read("messages-attributed-body.db", with: AppleMessagesParser())
        #expect(sink.messages.map(\.body).prefix(3) == [
            "Nimbus Mobile: We received your request to cancel, ref CR-88231.", "Thanks 👍😀 done", "您的取消申请已收到，参考编号 CR-88231。",
        ])
        #expect(sink.messages[3].body.hasSuffix(String(repeating: "x", count: 300) + " ref CR-99999"))
        #expect(sink.messages[0].references == ["CR-88231"])
        #expect(sink.messages[0].provenance.locator == "message ROWID 1" && sink.messages[0].direction == .received)
        #expect(sink.messages[4].address == "+13125550142, +17735550163" && sink.messages[5].direction == .sent)
        #expect(sink.messages.count == 6)
        #expect(sink.messages[0].service == "SMS")
        #expect(sink.remarks.contains("1 reaction and group events (tapbacks, members joining) left out"))
    }

    @Test("an attributedBody it cannot read: imported without text, with a remark")
    func unreadable() throws {
        let sink = try read("messages-attributed-body-unreadable.db", with: AppleMessagesParser())
        #expect(sink.messages.map(\.body) == [""])
        #expect(sink.remarks.contains { $0.contains("could not be read from attributedBody") })
    }

    @Test("rows only in the -wal beside the file are read, and the file and its folder are left as they were")
    func walOnly() throws {
        let folder = fixture("apple")
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let bytes = try Data(contentsOf: fixture("apple/messages-wal-only.db"))
        let sink = try read("messages-wal-only.db", with: AppleMessagesParser())
        #expect(sink.messages.map(\.body) == ["only in the log: ref CR-77777"])
        #expect(sink.remarks.contains { $0.contains("-wal file were read too") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try Data(contentsOf: fixture("apple/messages-wal-only.db")) == bytes)
    }

    @Test("calls: direction from originated and answered; FaceTime and app calls kept apart; an address stored as a blob")
    func calls() throws {
        let sink = try read("calls-carrier-facetime-app.storedata", with: AppleCallsParser())
        #expect(sink.calls.map { "\($0.direction) \($0.number ?? "-") \($0.durationSeconds) \($0.service ?? "carrier")" } == [
            "outgoing +18005550199 754 carrier", "missed +18005550199 0 carrier", "incoming +13125550142 95 carrier",
            "outgoing mom@example.com 600 FaceTime", "outgoing +447700900123 300 net.whatsapp.WhatsApp",
        ])
        #expect(sink.calls[0].startedAt.iso8601 == "2026-08-10T14:30:00Z")
        #expect(sink.calls[0].provenance.locator == "ZCALLRECORD Z_PK 1")
    }

    @Test("the older call_history.db: Unix seconds, flags for direction and FaceTime")
    func oldCallHistory() throws {
        let sink = try read("call-history-old.db", with: AppleCallsParser())
        #expect(sink.calls.map { "\($0.startedAt.iso8601) \($0.direction) \($0.service ?? "carrier")" } == [
            "2026-08-10T14:30:00Z outgoing carrier", "2026-08-10T14:31:00Z missed carrier",
            "2026-08-10T14:32:00Z outgoing FaceTime",
        ])
    }

    @Test("hostile databases: one clear line each, and a trigger never runs")
    func hostile() throws {
        #expect(rejection("hostile-view-named-message.db").contains("message is a view, not a table"))
        #expect(rejection("hostile-wrong-column-types.db").contains("message ROWID 1: date 'yesterday' is no instant")
            || rejection("hostile-wrong-column-types.db").contains("message ROWID 1: date \"yesterday\" is no instant"))
        #expect(rejection("truncated.db").contains("the database"))
        #expect(rejection("not-a-phone-database.db").contains("the database has no table message"))
        #expect(rejection("not-a-phone-database.db", with: AppleCallsParser()).contains("neither ZCALLRECORD"))
        let sink = try read("hostile-trigger.db", with: AppleMessagesParser())
        #expect(sink.messages.count == 1)
    }

    @Test("a table with more rows than the limit is refused before a row is read")
    func rowLimit() throws {
        let database = try UntrustedDatabase(copying: fixture("apple/messages-date-units.db"), original: nil, rowLimit: 2)
        #expect(throws: RecordError.self) { try database.require("message", columns: ["ROWID"]) }
        do {
            try database.require("message", columns: ["ROWID"])
        } catch {
            #expect("\(error)" == "table message holds more than 2 rows")
        }
        #expect(UntrustedDatabase.mostRows == 2_000_000)
    }

    @Test("recognised by their tables")
    func detection() throws {
        let detector = FormatDetector()
        #expect(try detector.detect(fixture("apple/messages-date-units.db")).0 == .iosMessages)
        #expect(try detector.detect(fixture("apple/calls-carrier-facetime-app.storedata")).0 == .iosCalls)
        #expect(try detector.detect(fixture("apple/call-history-old.db")).0 == .iosCalls)
        #expect(throws: RecordError.self) { try detector.detect(fixture("apple/not-a-phone-database.db")) }
    }
}
