public import Foundation

/// Recognises a file's format by its content: the XML root element and namespace, or the CSV
/// header (FORMATS.md); the file's extension is only used to word the error.
public struct FormatDetector: Sendable {
    /// The mapping given with `--mapping`: used for any CSV file that is not bill-csv.
    public var explicitMapping: CSVMapping?
    /// Mappings saved in the store, used for a CSV file whose header has the columns they name.
    public var savedMappings: [CSVMapping]

    public init(explicitMapping: CSVMapping? = nil, savedMappings: [CSVMapping] = []) {
        self.explicitMapping = explicitMapping
        self.savedMappings = savedMappings
    }

    /// The format of the file, and the mapping for a mapped CSV; a ``RecordError`` naming the
    /// formats tried when none fits.
    public func detect(_ url: URL) throws -> (Format, CSVMapping?) {
        let head = try Self.head(of: url)
        if head.first == UInt8(ascii: "<") {
            return (try xmlFormat(url), nil)
        }
        if let reader = try? CSVReader(source: FileReader(url: url)), let header = try? reader.next(),
            BillCSVParser.recognises(header: header.fields)
        {
            return (.billCSV, nil)
        }
        if let mapping = explicitMapping ?? savedMappings.first(where: { MappedCSVParser.matches(url, mapping: $0) }) {
            return (.mappedCSV, mapping)
        }
        let tried = Format.allCases.map(\.rawValue).joined(separator: ", ")
        let isYAML = ["yaml", "yml"].contains(url.pathExtension.lowercased())
        let hint = isYAML
            ? "; a CSV mapping is not imported itself: give it with --mapping FILE"
            : "; for a provider's or bank's CSV give a mapping with --mapping FILE"
        throw RecordError("not a known format (tried \(tried))\(hint)")
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
            default:
                let namespace = root.namespace.map { " in namespace \($0)" } ?? " without a namespace"
                throw RecordError(
                    "XML root <\(root.localName)>\(namespace) is not a known format (tried ubl-invoice, bill-xml)")
            }
        }
        throw RecordError("the XML has no root element")
    }

    /// The first bytes of the file after a UTF-8 byte order mark and leading white space.
    private static func head(of url: URL) throws -> [UInt8] {
        let reader = try FileReader(url: url)
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = try reader.read(into: &buffer)
        var bytes = buffer[0..<count]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return Array(bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    }
}
