import GRDB

/// Turns `entry` rows into values, sharing the strings rows repeat.
///
/// A row names its statement and source by number; their ids and names are read once, so the
/// million entries of a large ledger share a few hundred strings instead of each holding a copy
/// of its statement id, source SHA-256 and file name. The account and date of the row before are
/// reused, without making a string, when the next row has the same ones.
final class EntryReader {
    /// The columns ``entry(_:)`` reads, in the order it reads them (by position: looking columns
    /// up by name cost a tenth of reading a large ledger).
    static let columns = """
        id, account, statement, date, kind, description, category, quantity, unit, amount, currency, time, number,
        line, extra, source, locator
        """

    private var statementIds: [Int64: String] = [:]
    private let sources: SourceNames
    private var lastAccount = ""
    private var lastDate: (text: String, date: CalendarDate)?

    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, statementId FROM statement") {
            statementIds[row[0]] = row[1]
        }
        sources = try SourceNames(db)
    }

    func entry(_ row: RawRow) throws -> Entry {
        let currency = try Store.currency(row.text(10) ?? "")
        if !row.text(1, equals: lastAccount) { lastAccount = row.text(1) ?? "" }
        let date: CalendarDate
        if let lastDate, row.text(3, equals: lastDate.text) {
            date = lastDate.date
        } else {
            let dateText = row.text(3) ?? ""
            date = try Store.date(dateText)
            lastDate = (dateText, date)
        }
        let statement = row.int64(2)
        let source = sources.names(row.int64(15))
        return Entry(
            id: row.int64(0),
            draft: EntryDraft(
                account: lastAccount, statementId: statement == 0 ? nil : statementIds[statement] ?? "",
                date: date, kind: row.text(4).flatMap(EntryKind.init(rawValue:)) ?? .adjustment,
                description: row.text(5) ?? "", category: row.text(6), quantity: row.text(7), unit: row.text(8),
                amount: Money(minorUnits: row.int64(9), currency: currency), time: row.text(11), number: row.text(12),
                line: row.text(13), extra: ExtraFields.decode(row.text(14)),
                provenance: Provenance(sha256: source.sha256, file: source.fileName, locator: row.text(16) ?? "")),
            disputed: false)
    }
}
