/// The input formats `evidence import` reads (FORMATS.md).
public enum Format: String, CaseIterable, Sendable, Codable {
    case billCSV = "bill-csv"
    case mappedCSV = "mapped-csv"
    case mappedXLSX = "mapped-xlsx"
    case ublInvoice = "ubl-invoice"
    case billXML = "bill-xml"
    case pdfBill = "pdf-bill"
    case androidCalls = "android-calls-xml"
    case androidMessages = "android-sms-xml"
    case iosCalls = "ios-calls"
    case iosMessages = "ios-messages"
    case ofx
    case camt053
    case email
    case document

    /// What the format is, in one line.
    public var summary: String {
        switch self {
        case .billCSV: return "the project's own bill CSV, one line per bill line (the interchange format)"
        case .mappedCSV: return "any provider's or bank's CSV export, read through a mapping file (--mapping FILE)"
        case .mappedXLSX: return "an Excel workbook (.xlsx) from a bank, a card, a payment app or a provider, read through a mapping like a CSV (--mapping FILE)"
        case .ublInvoice: return "UBL 2.1 Invoice and CreditNote XML (Peppol BIS Billing 3.0, EN 16931)"
        case .billXML: return "the project's own bill XML (namespace urn:evidence:bill:1)"
        case .pdfBill: return "a provider's PDF statement, read through a YAML template (--template FILE)"
        case .androidCalls: return "Android call-log backups of the \"SMS Backup & Restore\" app"
        case .androidMessages: return "Android SMS and MMS backups of the \"SMS Backup & Restore\" app"
        case .iosCalls: return "the call history of an iPhone or a Mac: CallHistory.storedata, or the older call_history.db (FaceTime and app calls kept apart)"
        case .iosMessages: return "the Messages database of an iPhone (sms.db) or a Mac (chat.db): texts, group chats, attachments listed"
        case .camt053: return "ISO 20022 bank-to-customer statements (camt.053.001.02 to .08), as European banks give them"
        case .ofx: return "bank and credit-card statements in OFX 1.x (SGML) or 2.x (XML): the QFX (Quicken) and OFX (Money) downloads of US banks and cards"
        case .email: return "emails: RFC 5322 .eml files and mbox mailboxes (each message a document)"
        case .document: return "any other file (PDF, image, text) kept as a document; a PDF's, an image's (by OCR) or a text's date (else --date) and references come from its text"
        }
    }

    /// How a file is recognised as this format.
    public var recognisedBy: String {
        switch self {
        case .billCSV:
            return "a CSV header with " + BillCSVParser.requiredColumns.joined(separator: ", ")
        case .mappedCSV:
            return "--mapping FILE, or a mapping saved in the store whose columns the header has"
        case .mappedXLSX:
            return "a zip holding xl/workbook.xml, with --mapping FILE or a saved mapping whose columns its header has"
        case .ublInvoice:
            return "XML root Invoice or CreditNote in the UBL 2.1 namespace"
        case .billXML:
            return "XML root <bill> in namespace \(BillXMLParser.namespace)"
        case .pdfBill:
            return "a PDF, with --template FILE or a template saved in the store whose keywords its text has"
        case .androidCalls:
            return "XML root <calls> without a namespace"
        case .androidMessages:
            return "XML root <smses> without a namespace"
        case .iosCalls:
            return "a SQLite database with a table ZCALLRECORD, or call"
        case .iosMessages:
            return "a SQLite database with tables message and handle"
        case .camt053:
            return "XML root <Document> in a namespace \(Camt053Parser.namespacePrefix)NN"
        case .ofx:
            return "an OFXHEADER: line (OFX 1.x), an <?OFX …?> instruction (OFX 2.x) or an <OFX> root, at the start"
        case .email:
            return "a header block with From:, Date: or Subject: (or an mbox \"From \" line); .eml and .mbox files"
        case .document:
            return "a PDF (without a template that fits it), a PNG, JPEG, TIFF, WebP, GIF or BMP image (by its first bytes), or --format document for any file"
        }
    }

    /// The parser of this format.
    public var parser: any RecordParser {
        switch self {
        case .billCSV: return BillCSVParser()
        case .mappedCSV: return MappedCSVParser()
        case .mappedXLSX: return MappedXLSXParser()
        case .ublInvoice: return UBLInvoiceParser()
        case .billXML: return BillXMLParser()
        case .pdfBill: return PDFBillParser()
        case .androidCalls: return AndroidCallsParser()
        case .androidMessages: return AndroidMessagesParser()
        case .ofx: return OFXParser()
        case .camt053: return Camt053Parser()
        case .iosCalls: return AppleCallsParser()
        case .iosMessages: return AppleMessagesParser()
        case .email: return EmailParser()
        case .document: return DocumentParser()
        }
    }

    /// Whether the file names its account (bills do); for calls, messages and documents the
    /// account is `--account`, else the only account in the store.
    public var carriesAccount: Bool {
        switch self {
        case .billCSV, .mappedCSV, .mappedXLSX, .ublInvoice, .billXML, .pdfBill: return true
        case .androidCalls, .androidMessages, .email, .document, .ofx, .camt053, .iosCalls, .iosMessages: return false
        }
    }
}
