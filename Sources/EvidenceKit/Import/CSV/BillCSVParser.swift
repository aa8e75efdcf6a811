import Foundation

/// The project's own bill CSV (FORMATS.md `bill-csv`): columns by header name, in any order.
public struct BillCSVParser: RecordParser {
    public static let requiredColumns = [
        "account_id", "statement_id", "statement_date", "due_date", "date", "kind", "description", "amount",
        "currency",
    ]
    public static let optionalColumns = [
        "provider", "period_start", "period_end", "category", "quantity", "unit", "time", "number", "line",
        "previous_balance", "statement_total",
    ]

    public init() {}

    /// True when a header row names every required column.
    public static func recognises(header: [String]) -> Bool {
        let names = Set(header.map(normalize))
        return requiredColumns.allSatisfy(names.contains)
    }

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let file = try FileReader(url: context.url)
        let reader = CSVReader(source: file)
        guard let header = try reader.next() else {
            throw RecordError("the file is empty; a bill-csv file starts with a header line")
        }
        var columns: [String: Int] = [:]
        for (offset, name) in header.fields.enumerated() {
            let key = Self.normalize(name)
            if let first = columns[key], !key.isEmpty {
                throw RecordError(
                    locator: header.locator,
                    "the header names \"\(key)\" twice (columns \(first + 1) and \(offset + 1)); which one to read is unclear")
            }
            columns[key] = offset
        }
        let missing = Self.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw RecordError(
                locator: header.locator, "missing required column\(missing.count > 1 ? "s" : ""): "
                    + missing.joined(separator: ", "))
        }
        // Each column's position, looked up once rather than by name on every line.
        let positions = BillColumn.allCases.map { columns[$0.name] }
        let known = Set(Self.requiredColumns + Self.optionalColumns)
        let extraColumns = header.fields.enumerated().filter { !known.contains(Self.normalize($0.element)) }

        // Lines repeat their statement's columns: when they are the line before's, so is the statement.
        let statementColumns: [BillColumn] = [
            .accountId, .statementId, .statementDate, .dueDate, .periodStart, .periodEnd, .currency, .previousBalance,
            .statementTotal, .provider,
        ]
        var last: (fields: [String?], account: String, statement: Statement)?
        var count = 0
        while let record = try reader.next() {
            count += 1
            context.reportProgress(count, bytes: file.bytesRead)
            let locator = record.locator
            guard record.fields.count == header.fields.count else {
                throw RecordError(
                    locator: locator,
                    "\(record.fields.count) fields, but the header has \(header.fields.count)")
            }
            func field(_ column: BillColumn) -> String? { positions[column.rawValue].map { record.fields[$0] } }
            func required(_ column: BillColumn) throws -> String {
                guard let value = FieldText.nonEmpty(field(column)) else {
                    throw RecordError(locator: locator, "\(column.name) is empty")
                }
                return value
            }
            let account: String
            let statement: Statement
            if let last, statementColumns.indices.allSatisfy({ field(statementColumns[$0]) == last.fields[$0] }) {
                account = last.account
                statement = last.statement
            } else {
                account = try context.resolveAccount(try required(.accountId), locator: locator)
                let currency = try FieldText.currency(try required(.currency), at: locator)
                statement = Statement(
                    account: account, statementId: try required(.statementId),
                    statementDate: try FieldText.date(try required(.statementDate), "statement_date", at: locator),
                    dueDate: try FieldText.date(try required(.dueDate), "due_date", at: locator),
                    periodStart: try FieldText.optionalDate(field(.periodStart), "period_start", at: locator),
                    periodEnd: try FieldText.optionalDate(field(.periodEnd), "period_end", at: locator),
                    currency: currency,
                    previousBalance: try FieldText.nonEmpty(field(.previousBalance)).map {
                        try FieldText.amount($0, "previous_balance", currency: currency, at: locator)
                    },
                    totalDue: try FieldText.nonEmpty(field(.statementTotal)).map {
                        try FieldText.amount($0, "statement_total", currency: currency, at: locator)
                    })
                try sink.account(account, provider: FieldText.nonEmpty(field(.provider)))
                try sink.statement(statement, locator: locator)
                last = (statementColumns.map(field), account, statement)
            }
            let currency = statement.currency
            let statementId = statement.statementId
            var extra: [String: String] = [:]
            for (index, name) in extraColumns where !record.fields[index].isEmpty {
                extra[name] = record.fields[index]
            }
            try sink.entry(
                EntryDraft(
                    account: account, statementId: statementId,
                    date: try FieldText.date(try required(.date), "date", at: locator),
                    kind: try FieldText.kind(try required(.kind), at: locator),
                    description: try required(.description),
                    category: FieldText.nonEmpty(field(.category)),
                    quantity: try FieldText.quantity(field(.quantity), at: locator),
                    unit: FieldText.nonEmpty(field(.unit)),
                    amount: try FieldText.amount(try required(.amount), "amount", currency: currency, at: locator),
                    time: try FieldText.time(field(.time), at: locator),
                    number: FieldText.nonEmpty(field(.number)),
                    line: FieldText.nonEmpty(field(.line)),
                    extra: extra,
                    provenance: context.provenance(locator)))
        }
    }

    static func normalize(_ name: String) -> String {
        name.trimmingSpaces.lowercased()
    }
}

/// The columns bill-csv knows, by position in ``BillCSVParser/requiredColumns`` + ``BillCSVParser/optionalColumns``.
private enum BillColumn: Int, CaseIterable {
    case accountId, statementId, statementDate, dueDate, date, kind, description, amount, currency
    case provider, periodStart, periodEnd, category, quantity, unit, time, number, line, previousBalance, statementTotal

    var name: String { (BillCSVParser.requiredColumns + BillCSVParser.optionalColumns)[rawValue] }
}
