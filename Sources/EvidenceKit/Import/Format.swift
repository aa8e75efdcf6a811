/// The input formats `evidence import` reads (FORMATS.md).
public enum Format: String, CaseIterable, Sendable, Codable {
    case billCSV = "bill-csv"
    case mappedCSV = "mapped-csv"
    case ublInvoice = "ubl-invoice"
    case billXML = "bill-xml"

    /// What the format is, in one line.
    public var summary: String {
        switch self {
        case .billCSV: return "the project's own bill CSV, one line per bill line (the interchange format)"
        case .mappedCSV: return "any provider's or bank's CSV export, read through a mapping file (--mapping FILE)"
        case .ublInvoice: return "UBL 2.1 Invoice and CreditNote XML (Peppol BIS Billing 3.0, EN 16931)"
        case .billXML: return "the project's own bill XML (namespace urn:evidence:bill:1)"
        }
    }

    /// How a file is recognised as this format.
    public var recognisedBy: String {
        switch self {
        case .billCSV:
            return "a CSV header with " + BillCSVParser.requiredColumns.joined(separator: ", ")
        case .mappedCSV:
            return "--mapping FILE, or a mapping saved in the store whose columns the header has"
        case .ublInvoice:
            return "XML root Invoice or CreditNote in the UBL 2.1 namespace"
        case .billXML:
            return "XML root <bill> in namespace \(BillXMLParser.namespace)"
        }
    }

    /// The parser of this format.
    public var parser: any RecordParser {
        switch self {
        case .billCSV: return BillCSVParser()
        case .mappedCSV: return MappedCSVParser()
        case .ublInvoice: return UBLInvoiceParser()
        case .billXML: return BillXMLParser()
        }
    }
}
