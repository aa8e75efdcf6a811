public import Foundation

/// What a parser needs to know about the file it reads and the import it is part of.
public struct ParseContext: Sendable {
    /// The bytes to parse (the stored original, or the file itself on a dry run).
    public var url: URL
    /// The user's own file, for what lies beside it (a database's `-wal`); never written to.
    public var original: URL?
    /// The file's name as the user gave it, for provenance and messages.
    public var fileName: String
    public var sha256: String
    /// `--account`: the account for formats that carry none, and a check for those that do.
    public var account: String?
    /// The mapping of a `mapped-csv` file.
    public var mapping: CSVMapping?
    /// The currency of amounts whose source names none.
    public var defaultCurrency: Currency
    /// The zone of local times in the file (a call-detail CSV) and of the dates of emails.
    public var timeZone: TimeZone
    /// Finds reference numbers in message and email text.
    public var references: ReferenceFinder
    /// `--date` and `--note`: the date and description of a document.
    public var documentDate: CalendarDate?
    public var note: String?
    /// `--password`: opens a PDF that needs a user password; never stored.
    public var password: String?
    /// The template of a `pdf-bill` file (`--template`, or a stored one whose keywords it has).
    public var template: PDFTemplate?
    /// How images and scanned PDF pages are read (config.yaml).
    public var ocr = OCRSettings()
    /// Hears how far into the file the parse is (bytes), now and then; for a progress bar.
    public var progress: (@Sendable (Int64) -> Void)?

    /// Reports `bytes` to `progress` every 8,192 calls (`count` is the caller's record count).
    func reportProgress(_ count: Int, bytes: @autoclosure () -> Int64) {
        if count & 8191 == 0 { progress?(bytes()) }
    }

    public init(
        url: URL, fileName: String, sha256: String, account: String? = nil, mapping: CSVMapping? = nil,
        defaultCurrency: Currency = .usd, timeZone: TimeZone = .current, references: ReferenceFinder,
        documentDate: CalendarDate? = nil, note: String? = nil
    ) {
        self.url = url
        self.fileName = fileName
        self.sha256 = sha256
        self.account = account
        self.mapping = mapping
        self.defaultCurrency = defaultCurrency
        self.timeZone = timeZone
        self.references = references
        self.documentDate = documentDate
        self.note = note
    }

    /// The provenance of a record at `locator` in this file.
    public func provenance(_ locator: String) -> Provenance {
        Provenance(sha256: sha256, file: fileName, locator: locator)
    }

    /// The account a record belongs to: the file's own, checked against `--account`.
    func resolveAccount(_ stated: String?, locator: String) throws -> String {
        switch (stated.flatMap { $0.isEmpty ? nil : $0 }, account) {
        case let (stated?, given?) where stated != given:
            throw RecordError(locator: locator, "account \(stated) differs from --account \(given)")
        case let (stated?, _):
            return stated
        case let (nil, given?):
            return given
        case (nil, nil):
            throw RecordError(locator: locator, "no account id; give one with --account ID")
        }
    }
}

/// A reader of one input format: it streams the file's records into a sink.
public protocol RecordParser: Sendable {
    /// Reads the whole file, handing each record to `sink`; throws ``RecordError`` at the first problem.
    func parse(_ context: ParseContext, into sink: any RecordSink) throws
}

/// Small checks on field text shared by the parsers.
enum FieldText {
    static func date(_ text: String, _ name: String, at locator: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text.trimmingSpaces) else {
            throw RecordError(locator: locator, "\(name) \"\(text)\" is not a YYYY-MM-DD date")
        }
        return date
    }

    static func optionalDate(_ text: String?, _ name: String, at locator: String) throws -> CalendarDate? {
        guard let text = nonEmpty(text) else { return nil }
        return try date(text, name, at: locator)
    }

    static func kind(_ text: String, at locator: String) throws -> EntryKind {
        guard let kind = EntryKind(rawValue: text.trimmingSpaces.lowercased()) else {
            let known = EntryKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw RecordError(locator: locator, "kind \"\(text)\" is not one of \(known)")
        }
        return kind
    }

    static func currency(_ text: String, at locator: String) throws -> Currency {
        guard let currency = Currency(code: text.trimmingSpaces) else {
            throw RecordError(locator: locator, "currency \"\(text)\" is not an ISO 4217 code")
        }
        return currency
    }

    static func amount(
        _ text: String, _ name: String, currency: Currency, parser: AmountParser = AmountParser(), at locator: String
    ) throws -> Money {
        do {
            return try parser.parse(text, currency: currency)
        } catch {
            throw RecordError(locator: locator, name == "amount" ? "\(error)" : "\(name): \(error)")
        }
    }

    /// A decimal quantity kept as its exact text; nil when empty.
    static func quantity(_ text: String?, at locator: String) throws -> String? {
        guard let text = nonEmpty(text) else { return nil }
        var digits = 0
        var dots = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x2E: dots += 1
            case 0x2D where index == 0, 0x2B where index == 0: break
            default: dots = 2
            }
        }
        guard digits > 0, dots <= 1 else {
            throw RecordError(locator: locator, "quantity \"\(text)\" is not a number")
        }
        return text
    }

    /// A local time `HH:MM` or `HH:MM:SS`; nil when empty.
    static func time(_ text: String?, at locator: String) throws -> String? {
        guard let text = nonEmpty(text) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let limits = [23, 59, 59]
        guard parts.count == 2 || parts.count == 3,
            zip(parts, limits).allSatisfy({ part, limit in
                part.count == 2 && Int(part).map { (0...limit).contains($0) } == true
            })
        else {
            throw RecordError(locator: locator, "time \"\(text)\" is not HH:MM or HH:MM:SS")
        }
        return text
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingSpaces, !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
