public import Foundation

/// Recognises a file's format by its content: the XML root element and namespace, or the CSV
/// header (FORMATS.md); the file's extension is only used to word the error.
public struct FormatDetector: Sendable {
    /// The mapping given with `--mapping`: used for any CSV file that is not bill-csv.
    public var explicitMapping: CSVMapping?
    /// Mappings saved in the store, used for a CSV file whose header has the columns they name.
    public var savedMappings: [CSVMapping]
    /// The template given with `--template`: used for every PDF.
    public var explicitTemplate: PDFTemplate?
    /// Templates saved in the store, used for a PDF whose text has all of one's keywords.
    public var savedTemplates: [PDFTemplate]
    /// `--password`, to read an encrypted PDF's text for its keywords.
    public var password: String?

    public init(
        explicitMapping: CSVMapping? = nil, savedMappings: [CSVMapping] = [], explicitTemplate: PDFTemplate? = nil,
        savedTemplates: [PDFTemplate] = [], password: String? = nil
    ) {
        self.explicitMapping = explicitMapping
        self.savedMappings = savedMappings
        self.explicitTemplate = explicitTemplate
        self.savedTemplates = savedTemplates
        self.password = password
    }

    /// The template for a PDF recognised as a document: `--template`, else the first saved one
    /// whose keywords its text has; nil for a letter (or a PDF whose text cannot be read: its
    /// import as a document says why).
    public func template(for url: URL) -> PDFTemplate? {
        guard let head = try? Self.head(of: url), head.starts(with: Array("%PDF-".utf8)) else { return nil }
        if let explicitTemplate { return explicitTemplate }
        guard !savedTemplates.isEmpty, let text = try? PDFReader().read(url, password: password).storedText
        else { return nil }
        return savedTemplates.first { $0.recognises(text) }
    }

    /// The format of the file, and the mapping for a mapped CSV; a ``RecordError`` naming the
    /// formats tried when none fits, with the most useful reason found in the file's first bytes
    /// (UTF-16 text, binary data, a misplaced byte-order mark, a first line that is not UTF-8).
    public func detect(_ url: URL) throws -> (Format, CSVMapping?) {
        let raw = try Self.head(of: url)
        guard !raw.isEmpty else { throw RecordError("the file is empty") }
        if ["Manifest.plist", "Manifest.db"].contains(url.lastPathComponent),
            let backup = AppleBackup(folder: url.deletingLastPathComponent())
        {
            _ = try backup.files()
            throw RecordError("this is an iPhone backup's \(url.lastPathComponent): import the backup folder itself")
        }
        if raw.starts(with: Array("SQLite format 3\0".utf8)) {
            return (try Self.databaseFormat(url), nil)
        }
        if DocumentParser.recognises(head: raw) {
            return (.document, nil)
        }
        if MappedXLSXParser.recognises(head: raw[...]) {
            guard let mapping = explicitMapping ?? savedMappings.first(where: { MappedXLSXParser.matches(url, mapping: $0) }) else {
                throw RecordError(
                    "an Excel workbook (.xlsx) or another zip: to read a workbook, give its mapping with --mapping FILE (the same YAML as for a CSV export)")
            }
            return (.mappedXLSX, mapping)
        }
        let head = Self.trimmed(raw)
        if OFXParser.recognises(head: head) {
            return (.ofx, nil)
        }
        if head.first == UInt8(ascii: "<") {
            return (try xmlFormat(url), nil)
        }
        if EmailParser.recognises(head: raw) {
            return (.email, nil)
        }
        if let reader = try? CSVReader(source: FileReader(url: url)), let header = try? reader.next(),
            BillCSVParser.recognises(header: header.fields)
        {
            return (.billCSV, nil)
        }
        if let mapping = explicitMapping ?? savedMappings.first(where: { MappedCSVParser.matches(url, mapping: $0) }) {
            return (.mappedCSV, mapping)
        }
        let fileExtension = url.pathExtension.lowercased()
        if ["eml", "mbox"].contains(fileExtension) {
            return (.email, nil)
        }
        let tried = Format.allCases.map(\.rawValue).joined(separator: ", ")
        let reason = TextHead(raw[...], mayBeCut: raw.count == Self.headSize).problem.map { ": " + $0 } ?? ""
        let hint: String
        switch fileExtension {
        case "yaml", "yml": hint = "; a CSV mapping is not imported itself: give it with --mapping FILE"
        case "csv", "tsv": hint = "; for a provider's or bank's CSV give a mapping with --mapping FILE"
        default: hint = "; to keep it as a document give --format document --date YYYY-MM-DD --note TEXT"
        }
        throw RecordError("not a known format (tried \(tried))\(reason)\(hint)")
    }

    private func xmlFormat(_ url: URL) throws -> Format {
        let reader = try XMLStreamReader(url: url)
        while let event = try reader.next() {
            guard case .start(let root) = event else { continue }
            switch (root.localName, root.namespace) {
            case ("Invoice", UBLInvoiceParser.invoiceNamespace?), ("CreditNote", UBLInvoiceParser.creditNoteNamespace?):
                return .ublInvoice
            case ("bill", BillXMLParser.namespace?):
                return .billXML
            case ("calls", nil):
                return .androidCalls
            case ("smses", nil):
                return .androidMessages
            case ("Document", let namespace?) where namespace.hasPrefix(Camt053Parser.namespacePrefix):
                return .camt053
            default:
                let namespace = root.namespace.map { " in namespace \($0.visible)" } ?? " without a namespace"
                throw RecordError(
                    "XML root <\(root.localName)>\(namespace) is not a known format (tried ubl-invoice, bill-xml, android-calls-xml, android-sms-xml, camt053)")
            }
        }
        throw RecordError("the XML has no root element")
    }

    /// The format of a SQLite database by its tables (a copy is opened, never the file itself).
    private static func databaseFormat(_ url: URL) throws -> Format {
        let tables = try UntrustedDatabase(copying: url, original: url).tables()
        if tables.isSuperset(of: ["message", "handle"]) { return .iosMessages }
        if tables.contains("ZCALLRECORD") || tables.contains("call") { return .iosCalls }
        throw RecordError(
            "a SQLite database, but neither a Messages database (tables message and handle) nor a call history (ZCALLRECORD or call)")
    }

    /// How much of a file is read to recognise it: enough for an email's header block.
    private static let headSize = 8192

    /// The first `headSize` bytes of the file.
    private static func head(of url: URL) throws -> [UInt8] {
        try FileReader(url: url).readPrefix(headSize)
    }

    /// The head after a UTF-8 byte order mark and leading white space.
    private static func trimmed(_ head: [UInt8]) -> ArraySlice<UInt8> {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
