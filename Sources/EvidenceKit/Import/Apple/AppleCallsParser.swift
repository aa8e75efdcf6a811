import Foundation
import GRDB

/// The call history of an iPhone or a Mac (`ios-calls`): `CallHistory.storedata` (Core Data,
/// table `ZCALLRECORD`) and the older `call_history.db` (table `call`).
///
/// Direction: outgoing when the phone originated the call, incoming when it was answered, else
/// missed. Only calls over the provider's network (`com.apple.Telephony`) can be on a bill; a
/// FaceTime or app call (WhatsApp and others) is kept with its service and never matched against
/// billed calls. `ZADDRESS` may be text or a blob. Each call is cited by its row,
/// `ZCALLRECORD Z_PK 12` or `call ROWID 12`.
public struct AppleCallsParser: RecordParser {
    /// The service of the provider's own calls.
    static let telephony = "com.apple.Telephony"

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let database = try UntrustedDatabase(copying: context.url, original: context.original)
        let tables = try database.tables()
        if tables.contains("ZCALLRECORD") {
            try readCoreData(database, context: context, sink: sink)
        } else if tables.contains("call") {
            try readOld(database, context: context, sink: sink)
        } else {
            throw RecordError("the database has neither ZCALLRECORD (CallHistory.storedata) nor call (call_history.db)")
        }
        if database.readLog { sink.remark("rows still in its -wal file were read too (the -wal file itself is not kept)") }
    }

    private func readCoreData(_ database: UntrustedDatabase, context: ParseContext, sink: any RecordSink) throws {
        try database.require("ZCALLRECORD", columns: ["Z_PK", "ZDATE", "ZDURATION", "ZADDRESS", "ZORIGINATED", "ZANSWERED"])
        let columns = try database.columns(of: "ZCALLRECORD")
        let provider = columns.contains("ZSERVICE_PROVIDER") ? "ZSERVICE_PROVIDER" : "NULL"
        let type = columns.contains("ZCALLTYPE") ? "ZCALLTYPE" : "NULL"
        let name = columns.contains("ZNAME") ? "ZNAME" : "NULL"
        var others = 0
        try database.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT Z_PK, ZDATE, ZDURATION, ZADDRESS, ZORIGINATED, ZANSWERED, \(provider), \(type), \(name) FROM ZCALLRECORD ORDER BY Z_PK")
            while let row = try rows.next() {
                let locator = "ZCALLRECORD Z_PK \(row.value(0, as: Int64.self).map(String.init) ?? "?")"
                guard let seconds = row.value(1, as: Double.self), let startedAt = AppleTime.instant(coreDataSeconds: seconds) else {
                    throw RecordError(locator: locator, "ZDATE \((row[1] as DatabaseValue).description) is no instant from 2001 to 2100")
                }
                let duration = try Self.duration(row.value(2, as: Double.self), at: locator)
                let originated = (row.value(4, as: Int64.self) ?? 0) != 0
                let answered = (row.value(5, as: Int64.self) ?? 0) != 0
                let service = Self.service(provider: row.value(6, as: String.self), callType: row.value(7, as: Int64.self))
                if service != nil { others += 1 }
                try sink.call(
                    CallDraft(
                        account: context.account, startedAt: startedAt,
                        direction: originated ? .outgoing : answered ? .incoming : .missed, number: Self.address(row[3]),
                        durationSeconds: duration, contactName: row.value(8, as: String.self).flatMap { $0.isEmpty ? nil : $0 },
                        provenance: context.provenance(locator), service: service))
            }
        }
        if others > 0 {
            sink.remark("\(others) FaceTime or app call\(others == 1 ? "" : "s") kept apart: not carried by the provider, never matched against a bill")
        }
    }

    /// The older `call_history.db`: `date` in seconds since 1970, `flags` bit 0 set for outgoing,
    /// bit 4 for FaceTime.
    private func readOld(_ database: UntrustedDatabase, context: ParseContext, sink: any RecordSink) throws {
        try database.require("call", columns: ["ROWID", "address", "date", "duration", "flags"])
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT ROWID, address, date, duration, flags FROM call ORDER BY ROWID")
            while let row = try rows.next() {
                let locator = "call ROWID \(row.value(0, as: Int64.self).map(String.init) ?? "?")"
                guard let seconds = row.value(2, as: Double.self), let startedAt = AppleTime.instant(unixSeconds: seconds) else {
                    throw RecordError(locator: locator, "date \((row[2] as DatabaseValue).description) is no instant from 2001 to 2100")
                }
                let duration = try Self.duration(row.value(3, as: Double.self), at: locator)
                let flags = row.value(4, as: Int64.self) ?? 0
                let outgoing = flags & 1 == 1
                try sink.call(
                    CallDraft(
                        account: context.account, startedAt: startedAt,
                        direction: outgoing ? .outgoing : duration > 0 ? .incoming : .missed, number: Self.address(row[1]),
                        durationSeconds: duration, provenance: context.provenance(locator),
                        service: flags & 16 != 0 ? "FaceTime" : nil))
            }
        }
    }

    /// Nil for the provider's own calls; else the service: `FaceTime`, or the app's identifier.
    static func service(provider: String?, callType: Int64?) -> String? {
        switch provider {
        case telephony?: return nil
        case "com.apple.FaceTime"?: return "FaceTime"
        case let other? where !other.isEmpty: return other
        default:
            // No provider recorded: Core Data's call type says (1 phone, 8 FaceTime video, 16 FaceTime audio).
            return callType == 8 || callType == 16 ? "FaceTime" : nil
        }
    }

    /// The other party as text, whether stored as text or as a blob; nil when withheld or empty.
    static func address(_ value: DatabaseValue) -> String? {
        let text: String?
        switch value.storage {
        case .string(let string): text = string
        case .blob(let data): text = String(bytes: data.prefix(256), encoding: .utf8)
        case .int64(let number): text = String(number)
        default: text = nil
        }
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        return trimmed.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func duration(_ value: Double?, at locator: String) throws -> Int {
        guard let value, value.isFinite, value >= 0, value <= Double(AndroidBackup.longestCallSeconds) else {
            throw RecordError(locator: locator, "the duration is not a call's length in seconds")
        }
        return Int(value.rounded())
    }
}
