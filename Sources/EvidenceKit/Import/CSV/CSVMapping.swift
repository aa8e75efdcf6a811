public import Foundation
import Yams

/// How to read one provider's or bank's CSV export (`mapped-csv`), loaded from a YAML file.
///
/// See `docs/mapping.md` for every key; `evidence mapping suggest FILE` drafts one.
public struct CSVMapping: Sendable, Equatable {
    /// What the rows are: lines of the provider's bills, transactions of a bank account, or the
    /// provider's call-detail records.
    public enum Target: String, Sendable, Decodable {
        case ledger, bank, calls
    }

    /// The unit of a call-detail duration column holding a plain number (`mm:ss` is read as such).
    public enum DurationUnit: String, Sendable, Decodable {
        case seconds, minutes
    }

    /// How amounts carry their sign.
    public enum Sign: String, Sendable, Decodable {
        /// One amount column already in the target's convention (a `CR` suffix still means credit).
        case signed
        /// One amount column with the opposite sign.
        case inverted
        /// Two columns: for a ledger, debit = charges, credit = payments and credits;
        /// for a bank, debit = money out, credit = money in.
        case debitCredit = "debit-credit"
        /// Unsigned amounts, with a `CR` suffix marking credits.
        case creditSuffix = "credit-suffix"
        /// Unsigned amounts, and a column (`columns.inOut`) saying whether the money went out or
        /// came in, in the words of `moneyOut` and `moneyIn` (Alipay's and WeChat Pay's `收/支`:
        /// `支出`, `收入`). For a bank, out is negative; for a ledger, out is a charge.
        case inOut = "in-out"
    }

    /// A column by header name or by 1-based position.
    public enum Column: Sendable, Equatable, Decodable, CustomStringConvertible {
        case name(String)
        case position(Int)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let position = try? container.decode(Int.self) {
                guard position >= 1 else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "column numbers start at 1")
                }
                self = .position(position)
            } else {
                self = .name(try container.decode(String.self))
            }
        }

        public var description: String {
            switch self {
            case .name(let name): return "column \"\(name)\""
            case .position(let position): return "column \(position)"
            }
        }
    }

    /// Rows to skip when a column matches a regular expression (summary rows).
    public struct SkipRow: Sendable, Equatable, Decodable {
        public var column: Column
        public var pattern: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case column, pattern }

        public init(from decoder: any Decoder) throws {
            try YAMLKeys.rejectUnknown(in: decoder, known: CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            column = try container.decode(Column.self, forKey: .column)
            pattern = try container.decode(String.self, forKey: .pattern)
        }
    }

    /// Kind and category for rows whose description matches (case-insensitive regular expression).
    public struct Pattern: Sendable, Equatable, Decodable {
        public var match: String
        public var kind: EntryKind?
        public var category: String?

        private enum CodingKeys: String, CodingKey, CaseIterable { case match, kind, category }

        public init(from decoder: any Decoder) throws {
            try YAMLKeys.rejectUnknown(in: decoder, known: CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            match = try container.decode(String.self, forKey: .match)
            kind = try container.decodeIfPresent(EntryKind.self, forKey: .kind)
            category = try container.decodeIfPresent(String.self, forKey: .category)
        }
    }

    /// The fields a column can feed.
    public enum Field: String, Sendable, CaseIterable, CodingKey {
        case date, description, amount, debit, credit, currency, kind, category, quantity, unit, time, number
        case line, statementId, statementDate, dueDate, periodStart, periodEnd, previousBalance, statementTotal
        case direction, duration, inOut
    }

    public var name: String
    public var target: Target = .ledger
    public var provider: String?
    public var account: String?
    public var accountColumn: Column?
    public var encoding: TextEncoding = .utf8
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var skipLines = 0
    public var skipRows: [SkipRow] = []
    public var skipFooterLines = 0
    public var dateFormat: DatePattern
    public var decimalMark: Character = "."
    public var currency: Currency?
    public var currencyColumn: Column?
    public var sign: Sign = .signed
    public var columns: [Field: Column]
    public var kind: EntryKind = .charge
    public var patterns: [Pattern] = []
    /// Call-detail records: the zone of their local times (default: the account's), the unit of a
    /// plain-number duration, and the export's own words for directions (`Incoming Call: incoming`).
    public var timeZone: String?
    public var durationUnit: DurationUnit = .seconds
    public var directions: [String: CallDirection] = [:]
    /// With `sign: in-out`: the words of the `inOut` column for money out and money in (lowercased).
    public var moneyOut: Set<String> = []
    public var moneyIn: Set<String> = []
    /// Whether a header row is read before the data: a column is named, or an account or
    /// currency column is given.
    public var readsHeader: Bool {
        columns.values.contains { if case .name = $0 { true } else { false } } || accountColumn != nil || currencyColumn != nil
    }

    /// For a workbook (`mapped-xlsx`): the sheet, by name or 1-based position; the first when nil.
    public var sheet: Column?

    /// Loads and checks a mapping file; errors name the file and the key.
    public static func load(from url: URL) throws(RecordError) -> CSVMapping {
        do {
            guard let mapping = try SafeYAML.decode(CSVMapping.self, at: url) else {
                throw RecordError("\(url.lastPathComponent): the mapping file cannot be read")
            }
            return mapping
        } catch let error as RecordError {
            throw error
        } catch {
            throw RecordError("\(url.lastPathComponent): \(YAMLErrorText.describe(error))")
        }
    }

    /// The columns this mapping names by header name: a file whose header has them all can use it.
    public var namedColumns: [String] {
        var columns: [Column] = Array(self.columns.values)
        columns += [accountColumn, currencyColumn].compactMap { $0 }
        columns += skipRows.map(\.column)
        return columns.compactMap { if case .name(let name) = $0 { return name } else { return nil } }
    }
}

extension CSVMapping: Decodable {
    private enum Key: String, CodingKey, CaseIterable {
        case name, target, provider, account, accountColumn, encoding, delimiter, skipLines, skipRows
        case skipFooterLines, dateFormat, decimalMark, thousandsSeparator, currency, currencyColumn, sign
        case columns, kind, patterns, timeZone, durationUnit, directions, moneyOut, moneyIn, sheet
    }

    public init(from decoder: any Decoder) throws {
        try YAMLKeys.rejectUnknown(in: decoder, known: Key.self)
        let container = try decoder.container(keyedBy: Key.self)
        name = try container.decode(String.self, forKey: .name)
        target = try container.decodeIfPresent(Target.self, forKey: .target) ?? .ledger
        provider = try container.decodeIfPresent(String.self, forKey: .provider)
        account = try container.decodeIfPresent(String.self, forKey: .account)
        accountColumn = try container.decodeIfPresent(Column.self, forKey: .accountColumn)
        encoding = try container.decodeIfPresent(TextEncoding.self, forKey: .encoding) ?? .utf8
        if let text = try container.decodeIfPresent(String.self, forKey: .delimiter) {
            let unescaped = text == "\\t" ? "\t" : text
            guard unescaped.utf8.count == 1, let byte = unescaped.utf8.first else {
                throw RecordError("delimiter \"\(text)\" must be one character (\"\\t\" for a tab)")
            }
            delimiter = byte
        }
        skipLines = try container.decodeIfPresent(Int.self, forKey: .skipLines) ?? 0
        skipRows = try container.decodeIfPresent([SkipRow].self, forKey: .skipRows) ?? []
        skipFooterLines = try container.decodeIfPresent(Int.self, forKey: .skipFooterLines) ?? 0
        guard skipLines >= 0, skipFooterLines >= 0 else { throw RecordError("skipLines and skipFooterLines must be 0 or more") }
        let format = try container.decodeIfPresent(String.self, forKey: .dateFormat) ?? "yyyy-MM-dd"
        dateFormat = try DatePattern(format)
        if let mark = try container.decodeIfPresent(String.self, forKey: .decimalMark) {
            guard mark == "." || mark == "," else { throw RecordError("decimalMark must be \".\" or \",\"") }
            decimalMark = Character(mark)
        }
        // Accepted for the reader's sake; amounts take any of , . ' and space as thousands separators.
        _ = try container.decodeIfPresent(String.self, forKey: .thousandsSeparator)
        currency = try container.decodeIfPresent(Currency.self, forKey: .currency)
        currencyColumn = try container.decodeIfPresent(Column.self, forKey: .currencyColumn)
        sign = try container.decodeIfPresent(Sign.self, forKey: .sign) ?? .signed
        try YAMLKeys.rejectUnknown(in: try container.superDecoder(forKey: .columns), known: Field.self)
        let columnContainer = try container.nestedContainer(keyedBy: Field.self, forKey: .columns)
        var columns: [Field: Column] = [:]
        for field in Field.allCases {
            if let column = try columnContainer.decodeIfPresent(Column.self, forKey: field) { columns[field] = column }
        }
        self.columns = columns
        kind = try container.decodeIfPresent(EntryKind.self, forKey: .kind) ?? .charge
        patterns = try container.decodeIfPresent([Pattern].self, forKey: .patterns) ?? []
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        if let zone = timeZone, TimeZone(identifier: zone) == nil {
            throw RecordError("timeZone \"\(zone)\" is not a known time zone (for example America/Chicago)")
        }
        durationUnit = try container.decodeIfPresent(DurationUnit.self, forKey: .durationUnit) ?? .seconds
        let words = try container.decodeIfPresent([String: CallDirection].self, forKey: .directions) ?? [:]
        var directions: [String: CallDirection] = [:]
        for (word, direction) in words {
            if let other = directions[word.lowercased()], other != direction {
                throw RecordError("directions: \"\(word)\" is given as both \(other.rawValue) and \(direction.rawValue)")
            }
            directions[word.lowercased()] = direction
        }
        self.directions = directions
        moneyOut = Set((try container.decodeIfPresent([String].self, forKey: .moneyOut) ?? []).map { $0.trimmingSpaces.lowercased() })
        moneyIn = Set((try container.decodeIfPresent([String].self, forKey: .moneyIn) ?? []).map { $0.trimmingSpaces.lowercased() })
        sheet = try container.decodeIfPresent(Column.self, forKey: .sheet)
        try validate()
    }

    private func validate() throws {
        let required: [Field] = target == .calls ? [.date, .time, .number, .direction, .duration] : [.date, .description]
        for field in required where columns[field] == nil {
            throw RecordError("columns.\(field.rawValue) is required" + (target == .calls ? " for target calls" : ""))
        }
        if target == .calls { return try validatePatterns() }
        switch sign {
        case .debitCredit:
            guard columns[.debit] != nil, columns[.credit] != nil else {
                throw RecordError("sign debit-credit needs columns.debit and columns.credit")
            }
        case .signed, .inverted, .creditSuffix:
            guard columns[.amount] != nil else { throw RecordError("sign \(sign.rawValue) needs columns.amount") }
        case .inOut:
            guard columns[.amount] != nil, columns[.inOut] != nil else {
                throw RecordError("sign in-out needs columns.amount and columns.inOut")
            }
            guard !moneyOut.isEmpty, !moneyIn.isEmpty, moneyOut.isDisjoint(with: moneyIn) else {
                throw RecordError("sign in-out needs moneyOut and moneyIn: the words of the inOut column, none in both")
            }
        }
        if columns[.statementId] != nil && columns[.statementDate] == nil {
            throw RecordError("columns.statementId needs columns.statementDate too")
        }
        try validatePatterns()
    }

    private func validatePatterns() throws {
        for pattern in patterns.map(\.match) + skipRows.map(\.pattern) {
            guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                throw RecordError("pattern \"\(pattern)\" is not a valid regular expression")
            }
        }
    }
}
