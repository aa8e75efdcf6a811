import Foundation
import GRDB

/// Which entries to list.
public struct EntryFilter: Sendable {
    public var account: String?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(account: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.account = account
        self.from = from
        self.to = to
    }
}

extension Store {
    /// Every account, by id.
    public func accounts() throws(StoreError) -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").map(Self.account)
        }
    }

    /// Updates an account's plan facts, creating the account when it is new.
    public func save(_ account: Account) throws(StoreError) {
        do {
            try write { db in
                try db.execute(
                    sql: """
                        INSERT INTO account (id, provider, planName, unlimitedData, monthlyPrice, monthlyPriceCurrency,
                            phoneNumbers, timeZone, holder)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, planName = excluded.planName,
                            holder = excluded.holder,
                            unlimitedData = excluded.unlimitedData, monthlyPrice = excluded.monthlyPrice,
                            monthlyPriceCurrency = excluded.monthlyPriceCurrency, phoneNumbers = excluded.phoneNumbers,
                            timeZone = excluded.timeZone
                        """,
                    arguments: [
                        account.id, account.provider, account.planName, account.unlimitedData,
                        account.monthlyPrice?.minorUnits, account.monthlyPrice?.currency.code,
                        account.phoneNumbers.joined(separator: "\n"), account.timeZone, account.holder,
                    ])
            }
        } catch {
            throw StoreError(error, "\(url.path): the account could not be saved")
        }
    }

    /// Entries in date order (then by id), with their first provenance, handed one at a time.
    public func forEachEntry(_ filter: EntryFilter, _ body: (Entry) throws -> Void) throws(StoreError) {
        var conditions: [String] = []
        var values: [String] = []
        if let account = filter.account {
            conditions.append("account = ?")
            values.append(account)
        }
        if let from = filter.from {
            conditions.append("date >= ?")
            values.append(from.description)
        }
        if let to = filter.to {
            conditions.append("date <= ?")
            values.append(to.description)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let disputed = try disputedEntryIds()
        try read { db in
            let reader = try EntryReader(db)
            // The identity index gives (account, date) order; entries of one day are put in id
            // order here, which costs less than SQLite sorting whole rows.
            let query = try BulkStatement(
                db, sql: "SELECT \(EntryReader.columns) FROM entry \(whereClause) ORDER BY account, date")
            for value in values { query.bind(value) }
            var day: [Entry] = []
            func flush() throws {
                day.sort { $0.id < $1.id }
                for entry in day { try body(entry) }
                day.removeAll(keepingCapacity: true)
            }
            try query.forEachRow { row in
                var entry = try reader.entry(row)
                entry.disputed = disputed.contains(entry.id)
                if let last = day.last, last.draft.date != entry.draft.date || last.draft.account != entry.draft.account {
                    try flush()
                }
                day.append(entry)
            }
            try flush()
        }
    }

    /// All statements of an account (all accounts when nil), oldest first.
    public func statements(account: String? = nil) throws(StoreError) -> [Statement] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM statement WHERE ?1 IS NULL OR account = ?1 ORDER BY account, statementDate",
                arguments: [account]
            ).map(Self.statement)
        }
    }

    static func account(_ row: Row) throws -> Account {
        let price: Money? = try {
            guard let units: Int64 = row["monthlyPrice"], let code: String = row["monthlyPriceCurrency"] else {
                return nil
            }
            return Money(minorUnits: units, currency: try currency(code))
        }()
        let phones: String = row["phoneNumbers"] ?? ""
        return Account(
            id: row["id"], provider: row["provider"], holder: row["holder"], planName: row["planName"], unlimitedData: row["unlimitedData"],
            monthlyPrice: price, phoneNumbers: phones.split(separator: "\n").map(String.init), timeZone: row["timeZone"])
    }

    static func statement(_ row: Row) throws -> Statement {
        let currency = try currency(row["currency"])
        let optionalDate = { (name: String) throws -> CalendarDate? in
            let text: String? = row[name]
            return try text.map(date)
        }
        let money = { (name: String) -> Money? in
            let units: Int64? = row[name]
            return units.map { Money(minorUnits: $0, currency: currency) }
        }
        return Statement(
            account: row["account"], statementId: row["statementId"], statementDate: try date(row["statementDate"]),
            dueDate: try optionalDate("dueDate"), periodStart: try optionalDate("periodStart"),
            periodEnd: try optionalDate("periodEnd"), currency: currency,
            previousBalance: money("previousBalance"), totalDue: money("totalDue"))
    }

    /// The first day after `asOf` on which what the rules and balances say could change: the date
    /// of a later entry, statement, bank transaction or case event, or the day after a due date on
    /// or after `asOf` (when that statement falls past due). Nil when the ledger holds none.
    func firstChange(after asOf: CalendarDate) throws(StoreError) -> CalendarDate? {
        let text: String? = try read { db in
            try String.fetchOne(db, sql: Self.firstChangeSQL, arguments: [asOf.description])
        }
        guard let text else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw StoreError(.damaged, "the ledger holds an invalid date \"\(text)\"")
        }
        return date
    }

    private static let firstChangeSQL = """
        SELECT min(day) FROM (
            SELECT min(date) AS day FROM entry WHERE date > ?1
            UNION ALL SELECT min(statementDate) FROM statement WHERE statementDate > ?1
            UNION ALL SELECT min(date(dueDate, '+1 day')) FROM statement WHERE dueDate >= ?1
            UNION ALL SELECT min(date) FROM bankTransaction WHERE date > ?1
            UNION ALL SELECT min(date) FROM caseEvent WHERE date > ?1)
        """

    static func currency(_ code: String) throws -> Currency {
        guard let currency = Currency(code: code) else {
            throw StoreError(.damaged, "the ledger holds an invalid currency code \"\(code)\"")
        }
        return currency
    }

    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw StoreError(.damaged, "the ledger holds an invalid date \"\(text)\"")
        }
        return date
    }
}
