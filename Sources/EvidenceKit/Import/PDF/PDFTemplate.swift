public import Foundation

/// How to read one provider's PDF statements (`pdf-bill`), loaded from a YAML file: keywords
/// that recognise the provider's PDFs, a pattern per statement fact, and sections of bill lines.
///
/// Patterns are regular expressions (case-insensitive) matched against one physical line at a
/// time (``PDFLine``), each bounded in time (``BoundedPattern``). A field's value is its pattern's
/// group `value`, else its first group, else the whole match. See `docs/pdf-templates.md`;
/// `evidence template suggest FILE.pdf` drafts one and `evidence template test` tries it.
public struct PDFTemplate: Sendable, Equatable {
    /// The statement facts a template can read.
    public enum Field: String, Sendable, CaseIterable, CodingKey {
        case account, statementId, statementDate, dueDate, periodStart, periodEnd, previousBalance, totalDue
        /// The subscriber's own line (phone number), given to every entry.
        case line
    }

    /// How a section's amounts carry their sign.
    public enum Sign: String, Sendable, Decodable {
        /// As printed: `-5.00`, `(5.00)`, `5.00 CR` are negative.
        case signed
        /// The opposite: a section of payments printed as positive amounts.
        case inverted
    }

    /// A run of bill lines between a start and an end line.
    public struct Section: Sendable, Equatable {
        public var name: String
        public var start: String
        public var end: String?
        /// With named groups `description` and `amount`, and optionally `date`, `time`, `number`,
        /// `quantity`, `unit`.
        public var line: String
        public var skip: [String]
        /// The kind of the section's lines, unless a description pattern says otherwise.
        public var kind: EntryKind?
        public var category: String?
        public var sign: Sign
        public var patterns: [CSVMapping.Pattern]
    }

    public var name: String
    public var provider: String?
    /// The account of every statement, when the PDF does not print it.
    public var account: String?
    /// All must appear in a PDF's text (case-insensitive) for the template to apply.
    public var keywords: [String]
    /// None may appear.
    public var exclude: [String]
    public var currency: Currency?
    /// The layouts of statement dates, due dates and periods, tried in order.
    public var dateFormats: [DatePattern]
    /// The layout of a line's `date` group; without a year (`MM/dd`) the statement's year is used.
    public var lineDateFormat: String?
    public var decimalMark: Character
    public var fields: [Field: String]
    public var sections: [Section]

    /// Loads and checks a template file; errors name the file and the key.
    public static func load(from url: URL) throws(RecordError) -> PDFTemplate {
        do {
            guard let template = try SafeYAML.decode(PDFTemplate.self, at: url) else {
                throw RecordError("the template file cannot be read")
            }
            return template
        } catch let error as RecordError {
            throw RecordError("\(url.lastPathComponent): \(error.message)")
        } catch {
            throw RecordError("\(url.lastPathComponent): \(YAMLErrorText.describe(error))")
        }
    }

    /// The keywords of this template missing from `text`, and the exclude keywords present in it.
    public func keywordProblems(in text: String) -> (missing: [String], excluded: [String]) {
        let lowered = text.lowercased()
        return (
            keywords.filter { !lowered.contains($0.lowercased()) },
            exclude.filter { lowered.contains($0.lowercased()) }
        )
    }

    /// Whether the template applies to a PDF with `text`: every keyword and no exclude keyword.
    public func recognises(_ text: String) -> Bool {
        let problems = keywordProblems(in: text)
        return problems.missing.isEmpty && problems.excluded.isEmpty
    }
}

extension PDFTemplate: Decodable {
    private enum Key: String, CodingKey, CaseIterable {
        case name, provider, account, keywords, exclude, currency, dateFormats, lineDateFormat, decimalMark, fields, lines
    }

    public init(from decoder: any Decoder) throws {
        try YAMLKeys.rejectUnknown(in: decoder, known: Key.self)
        let container = try decoder.container(keyedBy: Key.self)
        name = try container.decode(String.self, forKey: .name)
        provider = try container.decodeIfPresent(String.self, forKey: .provider)
        account = try container.decodeIfPresent(String.self, forKey: .account)
        keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
        guard !keywords.isEmpty, keywords.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw RecordError("keywords: give at least one word that every PDF of this layout has (the provider's name)")
        }
        exclude = try container.decodeIfPresent([String].self, forKey: .exclude) ?? []
        currency = try container.decodeIfPresent(Currency.self, forKey: .currency)
        let formats = try container.decodeIfPresent([String].self, forKey: .dateFormats) ?? ["yyyy-MM-dd"]
        var patterns: [DatePattern] = []
        for format in formats { patterns.append(try DatePattern(format)) }
        dateFormats = patterns
        lineDateFormat = try container.decodeIfPresent(String.self, forKey: .lineDateFormat)
        if let format = lineDateFormat {
            _ = try DatePattern(format.contains("yy") ? format : format + " yyyy")
        }
        decimalMark = "."
        if let mark = try container.decodeIfPresent(String.self, forKey: .decimalMark) {
            guard mark == "." || mark == "," else { throw RecordError("decimalMark must be \".\" or \",\"") }
            decimalMark = Character(mark)
        }
        try YAMLKeys.rejectUnknown(in: try container.superDecoder(forKey: .fields), known: Field.self)
        let fieldContainer = try container.nestedContainer(keyedBy: Field.self, forKey: .fields)
        var fields: [Field: String] = [:]
        for field in Field.allCases {
            if let pattern = try fieldContainer.decodeIfPresent(String.self, forKey: field) { fields[field] = pattern }
        }
        guard fields[.statementDate] != nil else {
            throw RecordError("fields.statementDate is required: a statement is known by its date")
        }
        self.fields = fields
        sections = try container.decode([Section].self, forKey: .lines)
        guard !sections.isEmpty else { throw RecordError("lines: give at least one section") }
        try validatePatterns()
    }

    /// Every pattern compiles (their time is bounded when they run).
    private func validatePatterns() throws {
        for (field, pattern) in fields {
            _ = try BoundedPattern(pattern, name: "fields.\(field.rawValue)")
        }
        for section in sections {
            let name = "lines \(section.name)"
            _ = try BoundedPattern(section.start, name: "\(name): start")
            if let end = section.end { _ = try BoundedPattern(end, name: "\(name): end") }
            for skip in section.skip { _ = try BoundedPattern(skip, name: "\(name): skip") }
            for pattern in section.patterns { _ = try BoundedPattern(pattern.match, name: "\(name): patterns") }
            let line = try NSRegularExpressionCheck.groupNames(in: section.line, name: "\(name): line")
            for required in ["description", "amount"] where !line.contains(required) {
                throw RecordError("\(name): line pattern needs a named group (?<\(required)>...)")
            }
        }
    }
}

extension PDFTemplate.Section: Decodable {
    private enum Key: String, CodingKey, CaseIterable {
        case name, start, end, line, skip, kind, category, sign, patterns
    }

    public init(from decoder: any Decoder) throws {
        try YAMLKeys.rejectUnknown(in: decoder, known: Key.self)
        let container = try decoder.container(keyedBy: Key.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "lines"
        start = try container.decode(String.self, forKey: .start)
        end = try container.decodeIfPresent(String.self, forKey: .end)
        line = try container.decode(String.self, forKey: .line)
        skip = try container.decodeIfPresent([String].self, forKey: .skip) ?? []
        kind = try container.decodeIfPresent(EntryKind.self, forKey: .kind)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        sign = try container.decodeIfPresent(PDFTemplate.Sign.self, forKey: .sign) ?? .signed
        patterns = try container.decodeIfPresent([CSVMapping.Pattern].self, forKey: .patterns) ?? []
    }
}

/// The named groups a pattern declares, read from its text (`(?<name>`).
enum NSRegularExpressionCheck {
    static func groupNames(in pattern: String, name: String) throws(RecordError) -> Set<String> {
        _ = try BoundedPattern(pattern, name: name)
        var names: Set<String> = []
        var rest = Substring(pattern)
        while let range = rest.range(of: "(?<") {
            rest = rest[range.upperBound...]
            let groupName = rest.prefix { $0.isLetter || $0.isNumber }
            if rest.dropFirst(groupName.count).first == ">" { names.insert(String(groupName)) }
        }
        return names
    }
}
