import Foundation
import GRDB

/// A case event that cannot be recorded as given: it names something the store does not hold.
public struct CaseEventError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension Store {
    /// The ids of entries disputed as of `?1` (a date text): named by a `dispute-filed` case event dated
    /// on or before it, directly (`entry`) or as an entry of a finding it names (`finding-entry`).
    static let disputedEntriesSQL = """
        SELECT CAST(l.target AS INTEGER) FROM caseEventLink l JOIN caseEvent c ON c.id = l.caseEventId
        WHERE c.event = 'dispute-filed' AND l.kind IN ('entry', 'finding-entry') AND c.date <= ?1
        """

    /// The ids of the entries disputed as of `asOf` (all dispute events when nil).
    public func disputedEntryIds(asOf: CalendarDate? = nil) throws(StoreError) -> Set<Int64> {
        try read { db in
            Set(try Int64.fetchAll(db, sql: Self.disputedEntriesSQL, arguments: [asOf?.description ?? "9999-12-31"]))
        }
    }

    /// Records a case event and returns it with its id.
    ///
    /// The account, and the entries and documents it names, must exist; finding ids are kept as
    /// given (the rules engine computes findings, and a finding keeps its id across runs).
    ///
    /// `findingEntries` are the entries of the findings it names, kept with it so that a dispute
    /// of a finding disputes exactly the entries the finding was about when it was filed.
    public func record(_ event: CaseEventDraft, findingEntries: [Int64] = []) throws -> CaseEvent {
        do {
            return try write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [event.account]) == true
                else {
                    throw CaseEventError(
                        "account \(event.account) is not in the store (import its bills first, or `evidence account set \(event.account)`)")
                }
                for entry in event.entries
                where try Bool.fetchOne(db, sql: "SELECT 1 FROM entry WHERE id = ? AND account = ?", arguments: [entry, event.account]) != true {
                    throw CaseEventError("entry \(entry) is not a ledger entry of account \(event.account) (see `evidence ledger`)")
                }
                for document in event.documents
                where try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [document]) != true {
                    throw CaseEventError("document \(document) is not in the store (see `evidence documents`)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO caseEvent (account, event, date, time, channel, ref, rep, effectiveDate, amount,
                            currency, note, recordedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        event.account, event.kind.rawValue, event.date.description, event.time, event.channel?.rawValue,
                        event.reference, event.representative, event.effectiveDate?.description,
                        event.amount?.minorUnits, event.amount?.currency.code, event.note, Importer.timestamp(Date()),
                    ])
                let id = db.lastInsertedRowID
                var links = event.entries.map { ("entry", String($0)) } + event.findings.map { ("finding", $0) }
                links += event.documents.map { ("document", String($0)) }
                links += findingEntries.map { ("finding-entry", String($0)) }
                for (position, (kind, target)) in links.enumerated() {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO caseEventLink (caseEventId, kind, target, position) VALUES (?, ?, ?, ?)",
                        arguments: [id, kind, target, position])
                }
                return CaseEvent(id: id, draft: event)
            }
        } catch let error as CaseEventError {
            throw error
        } catch {
            throw StoreError(error, "\(url.path): the case event could not be recorded")
        }
    }

    /// The case events of an account (of all accounts when nil), in date and time order.
    public func caseEvents(account: String? = nil) throws(StoreError) -> [CaseEvent] {
        try read { db in
            let links = try Row.fetchAll(db, sql: "SELECT * FROM caseEventLink ORDER BY caseEventId, position")
            var byEvent: [Int64: [(String, String)]] = [:]
            for link in links {
                byEvent[link["caseEventId"], default: []].append((link["kind"], link["target"]))
            }
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM caseEvent WHERE ?1 IS NULL OR account = ?1 ORDER BY account, date, time IS NULL, time, id",
                arguments: [account]
            ).map { row in
                let id: Int64 = row["id"]
                let linked = byEvent[id] ?? []
                func targets(_ kind: String) -> [String] { linked.filter { $0.0 == kind }.map(\.1) }
                let dateText: String = row["date"]
                guard let date = CalendarDate(iso: dateText) else {
                    throw StoreError(.damaged, "the ledger holds an invalid case event date \"\(dateText)\"")
                }
                let units: Int64? = row["amount"]
                let code: String? = row["currency"]
                let amount = units.flatMap { units in code.flatMap(Currency.init(code:)).map { Money(minorUnits: units, currency: $0) } }
                let effective: String? = row["effectiveDate"]
                return CaseEvent(
                    id: id,
                    draft: CaseEventDraft(
                        account: row["account"], kind: CaseEventKind(rawValue: row["event"]) ?? .note, date: date,
                        time: row["time"], channel: (row["channel"] as String?).flatMap(Channel.init(rawValue:)),
                        reference: row["ref"], representative: row["rep"],
                        effectiveDate: effective.flatMap { CalendarDate(iso: $0) }, amount: amount,
                        entries: targets("entry").compactMap { Int64($0) }, findings: targets("finding"),
                        documents: targets("document").compactMap { Int64($0) }, note: row["note"]))
            }
        }
    }
}
