public import Foundation

/// Any provider's or bank's CSV export, read through a ``CSVMapping`` (`mapped-csv`).
public struct MappedCSVParser: RecordParser {
    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        guard let mapping = context.mapping else {
            throw RecordError("mapped-csv needs a mapping: give one with --mapping FILE")
        }
        let file = try FileReader(url: context.url)
        let reader = try Self.reader(for: file, mapping: mapping)
        var header: [String] = []
        if mapping.readsHeader {
            guard let record = try reader.next() else { throw RecordError("the file has no header line") }
            header = record.fields.map { $0.trimmingSpaces }
        }
        let rows = try MappedRowReader(
            mapping: mapping, header: header, headerLocator: "line \(mapping.skipLines + 1)", context: context)
        var delayed: [CSVRecord] = []  // the last skipFooterLines records, not yet known not to be footer
        var count = 0
        while let record = try reader.next() {
            count += 1
            context.reportProgress(count, bytes: file.bytesRead)
            delayed.append(record)
            if delayed.count > mapping.skipFooterLines {
                let row = delayed.removeFirst()
                try rows.read(row.fields, at: row.locator, into: sink)
            }
        }
    }

    /// A CSV reader positioned after the mapping's `skipLines`.
    static func reader(for file: FileReader, mapping: CSVMapping) throws -> CSVReader {
        let source = TranscodingByteSource(file, encoding: mapping.encoding)
        let reader = CSVReader(source: source, delimiter: mapping.delimiter)
        for _ in 0..<mapping.skipLines where try reader.next() == nil { break }
        return reader
    }

    /// True when the file's header (after `skipLines`) has every column the mapping names.
    public static func matches(_ url: URL, mapping: CSVMapping) -> Bool {
        guard let file = try? FileReader(url: url), let reader = try? reader(for: file, mapping: mapping),
            let header = try? reader.next()
        else { return false }
        let names = Set(header.fields.map { $0.trimmingSpaces })
        let wanted = mapping.namedColumns
        return !wanted.isEmpty && wanted.allSatisfy(names.contains)
    }
}

/// Turns one mapped row (of a CSV file or a sheet) into a ledger entry, a bank transaction or a call.
struct MappedRowReader {
    let mapping: CSVMapping
    let context: ParseContext
    let positions: [CSVMapping.Field: Int]
    let accountPosition: Int?
    let currencyPosition: Int?
    let skips: [(Int, BoundedPattern)]
    let patterns: [(BoundedPattern, CSVMapping.Pattern)]
    let amounts: AmountParser
    /// The fields a row must have: up to the last column the mapping reads.
    let fieldsNeeded: Int

    /// The columns of the mapping's date fields, which a sheet may hold as serial numbers.
    var dateColumns: Set<Int> {
        Set([CSVMapping.Field.date, .statementDate, .dueDate, .periodStart, .periodEnd].compactMap { positions[$0] })
    }

    init(mapping: CSVMapping, header: [String], headerLocator: String, context: ParseContext) throws {
        self.mapping = mapping
        self.context = context
        func position(_ column: CSVMapping.Column) throws -> Int {
            switch column {
            case .position(let number): return number - 1
            case .name(let name):
                if let first = header.firstIndex(of: name), let second = header[(first + 1)...].firstIndex(of: name) {
                    throw RecordError(
                        locator: headerLocator,
                        "the header names \"\(name)\" twice (columns \(first + 1) and \(second + 1)); which one mapping \"\(mapping.name)\" means is unclear")
                }
                guard let index = header.firstIndex(of: name) else {
                    throw RecordError(
                        locator: headerLocator,
                        "the header has no column \"\(name)\" that mapping \"\(mapping.name)\" names")
                }
                return index
            }
        }
        var positions: [CSVMapping.Field: Int] = [:]
        for (field, column) in mapping.columns { positions[field] = try position(column) }
        self.positions = positions
        accountPosition = try mapping.accountColumn.map(position)
        currencyPosition = try mapping.currencyColumn.map(position)
        skips = try mapping.skipRows.map {
            (try position($0.column), try BoundedPattern($0.pattern, name: "mapping \(mapping.name): skipRows pattern"))
        }
        patterns = try mapping.patterns.map {
            (try BoundedPattern($0.match, name: "mapping \(mapping.name): pattern"), $0)
        }
        amounts = AmountParser(decimalMark: mapping.decimalMark)
        fieldsNeeded = (Array(positions.values) + [accountPosition, currencyPosition].compactMap { $0 }).max().map { $0 + 1 } ?? 0
    }

    func read(_ fields: [String], at locator: String, into sink: any RecordSink) throws {
        func value(at position: Int?) -> String? {
            guard let position, position >= 0, position < fields.count else { return nil }
            return FieldText.nonEmpty(fields[position])
        }
        func field(_ name: CSVMapping.Field) -> String? { value(at: positions[name]) }
        // A pattern that runs out of time rejects the file at this line.
        func matches(_ pattern: BoundedPattern, _ text: String) throws -> Bool {
            do {
                return try pattern.matches(text)
            } catch {
                throw RecordError(locator: locator, error.message)
            }
        }
        for (position, expression) in skips {
            if let text = value(at: position), try matches(expression, text) { return }
        }
        // After the rows to skip, which may be short (a footer such as ";;;Total;1070").
        if fields.count < fieldsNeeded {
            throw RecordError(
                locator: locator,
                "\(fields.count) field\(fields.count == 1 ? "" : "s"), but mapping \"\(mapping.name)\" reads column \(fieldsNeeded) (a line cut short, or another delimiter?)")
        }
        func required(_ name: CSVMapping.Field) throws -> String {
            guard let text = field(name) else {
                throw RecordError(locator: locator, "\(mapping.columns[name].map { "\($0)" } ?? name.rawValue) is empty")
            }
            return text
        }
        func dateField(_ name: CSVMapping.Field) throws -> CalendarDate? {
            guard let text = field(name) else { return nil }
            guard let date = mapping.dateFormat.date(from: text) else {
                throw RecordError(locator: locator, "\(name.rawValue) \"\(text)\" does not match dateFormat \(mapping.dateFormat)")
            }
            return date
        }
        if mapping.target == .calls {
            let reader = CallRecordReader(mapping: mapping, context: context)
            let account = value(at: accountPosition) ?? mapping.account ?? context.account
            return try sink.call(try reader.call(account: account, locator: locator, field: field))
        }
        let currencyText = value(at: currencyPosition)
        let currency = try currencyText.map { try FieldText.currency($0, at: locator) }
            ?? mapping.currency ?? context.defaultCurrency
        func amount(_ name: CSVMapping.Field, _ text: String) throws -> Money {
            try FieldText.amount(text, name.rawValue, currency: currency, parser: amounts, at: locator)
        }
        guard let date = try dateField(.date) else { throw RecordError(locator: locator, "date is empty") }
        let description = try required(.description)
        let signed: Money
        switch mapping.sign {
        case .signed, .creditSuffix:
            signed = try amount(.amount, try required(.amount))
        case .inverted:
            signed = -(try amount(.amount, try required(.amount)))
        case .debitCredit:
            let debit = try field(.debit).map { try amount(.debit, $0) }
            let credit = try field(.credit).map { try amount(.credit, $0) }
            guard debit != nil || credit != nil else {
                throw RecordError(locator: locator, "both debit and credit are empty")
            }
            let debitUnits = debit.map { Int64($0.minorUnits.magnitude) } ?? 0
            let creditUnits = credit.map { Int64($0.minorUnits.magnitude) } ?? 0
            let owed = debitUnits - creditUnits
            signed = Money(minorUnits: mapping.target == .bank ? -owed : owed, currency: currency)
        case .inOut:
            let word = try required(.inOut)
            let units = Int64(try amount(.amount, try required(.amount)).minorUnits.magnitude)
            let out: Bool
            if mapping.moneyOut.contains(word.lowercased()) {
                out = true
            } else if mapping.moneyIn.contains(word.lowercased()) {
                out = false
            } else {
                throw RecordError(
                    locator: locator,
                    "inOut \"\(word)\" is neither money out (\(mapping.moneyOut.sorted().joined(separator: ", "))) nor in (\(mapping.moneyIn.sorted().joined(separator: ", "))); skip such rows with skipRows")
            }
            signed = Money(minorUnits: out == (mapping.target == .bank) ? -units : units, currency: currency)
        }
        let statedAccount = value(at: accountPosition) ?? mapping.account
        switch mapping.target {
        case .calls:
            break  // read above: a call record has no amount
        case .bank:
            let account = statedAccount ?? context.account
            try sink.bankTransaction(
                BankTransactionDraft(
                    account: account, date: date, description: description, amount: signed,
                    provenance: context.provenance(locator)))
        case .ledger:
            let account = try context.resolveAccount(statedAccount, locator: locator)
            try sink.account(account, provider: mapping.provider)
            let statementId = field(.statementId)
            if let statementId {
                guard let statementDate = try dateField(.statementDate) else {
                    throw RecordError(locator: locator, "statementDate is empty")
                }
                try sink.statement(
                    Statement(
                        account: account, statementId: statementId, statementDate: statementDate,
                        dueDate: try dateField(.dueDate), periodStart: try dateField(.periodStart),
                        periodEnd: try dateField(.periodEnd), currency: currency,
                        previousBalance: try field(.previousBalance).map { try amount(.previousBalance, $0) },
                        totalDue: try field(.statementTotal).map { try amount(.statementTotal, $0) }),
                    locator: locator)
            }
            let matched = try patterns.first { try matches($0.0, description) }?.1
            let kind = try field(.kind).map { try FieldText.kind($0, at: locator) } ?? matched?.kind ?? mapping.kind
            try sink.entry(
                EntryDraft(
                    account: account, statementId: statementId, date: date, kind: kind, description: description,
                    category: field(.category) ?? matched?.category,
                    quantity: try FieldText.quantity(field(.quantity), at: locator), unit: field(.unit),
                    amount: signed, time: try FieldText.time(field(.time), at: locator), number: field(.number),
                    line: field(.line), provenance: context.provenance(locator)))
        }
    }
}
