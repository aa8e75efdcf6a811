public import Foundation
import GRDB

/// Which calls, messages or documents to list.
public struct RecordFilter: Sendable {
    public var account: String?
    /// Days in `timeZone` (calls and messages are instants; documents have dates).
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var timeZone: TimeZone
    /// With `account`: also the records no account was given to.
    public var includingUnassigned: Bool

    public init(
        account: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, timeZone: TimeZone = .current,
        includingUnassigned: Bool = false
    ) {
        self.account = account
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.includingUnassigned = includingUnassigned
    }

    /// The SQL condition and arguments for an instant column (milliseconds).
    fileprivate func instantCondition(_ column: String) -> (String, StatementArguments) {
        let start = from.flatMap { Instant(date: $0, hour: 0, minute: 0, in: timeZone) }
        let end = to.flatMap {
            Instant(date: CalendarDate(daysSinceEpoch: $0.daysSinceEpoch + 1), hour: 0, minute: 0, in: timeZone)
        }
        return (
            """
            (?1 IS NULL OR account = ?1 OR (?4 AND account IS NULL))
                AND (?2 IS NULL OR \(column) >= ?2) AND (?3 IS NULL OR \(column) < ?3)
            """,
            [account, start?.millisecondsSinceEpoch, end?.millisecondsSinceEpoch, includingUnassigned]
        )
    }
}

extension Store {
    /// Call-log records in time order.
    public func calls(_ filter: RecordFilter) throws(StoreError) -> [Call] {
        let (condition, arguments) = filter.instantCondition("startedAt")
        return try read { db in
            let sources = try SourceNames(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM call WHERE \(condition) ORDER BY startedAt, id", arguments: arguments)
                .map { row in
                    let number: String = row["number"]
                    return Call(
                        id: row["id"],
                        draft: CallDraft(
                            account: row["account"],
                            startedAt: Instant(millisecondsSinceEpoch: row["startedAt"]),
                            direction: CallDirection(rawValue: row["direction"]) ?? .incoming,
                            number: number.isEmpty ? nil : number, durationSeconds: row["durationSeconds"],
                            contactName: row["contactName"], provenance: sources.provenance(row), service: row["service"]))
                }
        }
    }

    /// Text and multimedia messages in time order.
    public func messages(_ filter: RecordFilter) throws(StoreError) -> [Message] {
        let (condition, arguments) = filter.instantCondition("sentAt")
        return try read { db in
            let sources = try SourceNames(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM message WHERE \(condition) ORDER BY sentAt, id", arguments: arguments)
                .map { row in
                    Message(
                        id: row["id"],
                        draft: MessageDraft(
                            account: row["account"], sentAt: Instant(millisecondsSinceEpoch: row["sentAt"]),
                            direction: MessageDirection(rawValue: row["direction"]) ?? .received,
                            address: row["address"], body: row["body"], subject: row["subject"],
                            isMultimedia: row["isMultimedia"],
                            references: StoredJSON.decode([String].self, row["refs"]) ?? [],
                            provenance: sources.provenance(row), service: row["service"]))
                }
        }
    }

    /// Confirmation records in date order (undated ones last).
    public func documents(_ filter: RecordFilter) throws(StoreError) -> [Document] {
        try read { db in
            let sources = try SourceNames(db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM document
                    WHERE (?1 IS NULL OR account = ?1 OR (?4 AND account IS NULL))
                        AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)
                    ORDER BY date IS NULL, date, sentAt, id
                    """,
                arguments: [filter.account, filter.from?.description, filter.to?.description, filter.includingUnassigned]
            ).map { row in
                let dateText: String? = row["date"]
                let sentAt: Int64? = row["sentAt"]
                return Document(
                    id: row["id"],
                    draft: DocumentDraft(
                        account: row["account"], kind: DocumentKind(rawValue: row["kind"]) ?? .document,
                        date: dateText.flatMap { CalendarDate(iso: $0) },
                        sentAt: sentAt.map(Instant.init(millisecondsSinceEpoch:)), from: row["sender"],
                        to: row["recipient"], subject: row["subject"], messageId: row["messageId"], text: row["text"],
                        references: StoredJSON.decode([String].self, row["refs"]) ?? [],
                        attachments: StoredJSON.decode([Attachment].self, row["attachments"]) ?? [],
                        note: row["note"], provenance: sources.provenance(row)))
            }
        }
    }

    /// Bank and card transactions, by date: those of `account` (all when nil; transactions whose
    /// mapping named no account count for every account).
    public func bankTransactions(account: String? = nil) throws(StoreError) -> [BankTransaction] {
        try read { db in
            let sources = try SourceNames(db)
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM bankTransaction WHERE ?1 IS NULL OR account IN (?1, '') ORDER BY date, id",
                arguments: [account]
            ).map { row in
                let code: String = row["currency"]
                let dateText: String = row["date"]
                guard let currency = Currency(code: code), let date = CalendarDate(iso: dateText) else {
                    throw StoreError(.damaged, "the ledger holds an invalid bank transaction (\(dateText), \(code))")
                }
                let account: String = row["account"]
                return BankTransaction(
                    id: row["id"],
                    draft: BankTransactionDraft(
                        account: account.isEmpty ? nil : account, date: date, description: row["description"],
                        amount: Money(minorUnits: row["amount"], currency: currency), provenance: sources.provenance(row),
                        bankId: row["bankId"], bankAccount: row["bankAccount"], transactionType: row["transactionType"]))
            }
        }
    }

    /// The time zones of every account (see ``AccountTimeZones``).
    public func timeZones() throws(StoreError) -> AccountTimeZones {
        AccountTimeZones(accounts: try accounts(), configuration: try configuration())
    }

    /// The time zone to show an account's calls and messages in: its own, else the configuration's,
    /// else the system's.
    public func timeZone(of account: String?) throws(StoreError) -> TimeZone {
        try timeZones().zone(for: account)
    }

}

/// The SHA-256 and file name of every source by its number, read once per query: rows name
/// their source by number, and the strings are then shared by every record of one file.
struct SourceNames {
    private var byNumber: [Int64: (sha256: String, fileName: String)] = [:]

    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, sha256, fileName FROM source") {
            byNumber[row[0]] = (row[1], row[2])
        }
    }

    /// The source of number `number`; empty names for a number no source has (a damaged ledger).
    func names(_ number: Int64) -> (sha256: String, fileName: String) {
        byNumber[number] ?? ("", "")
    }

    /// The provenance of a row with `source` and `locator` columns.
    func provenance(_ row: Row) -> Provenance {
        let names = names(row["source"])
        return Provenance(sha256: names.sha256, file: names.fileName, locator: row["locator"])
    }
}
