import EvidenceKit
import Foundation

/// One fuzz target: a parse entry point of EvidenceKit fed arbitrary bytes (docs/fuzzing.md).
///
/// `run` is what the libFuzzer entry (`Entry/FuzzEntry.swift`) calls for each input and what the
/// "fuzz findings replay" test calls for each saved finding. A thrown error is a rejection and
/// fine; only a crash, a trap, a sanitizer report or an input that takes too long is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case csvReader = "csv-reader"
    case billCSV = "bill-csv"
    /// Input: a mapping YAML, a NUL byte, then the CSV (no NUL: the whole input is the mapping).
    case mappedCSV = "mapped-csv"
    case amount
    /// Input: CalendarDate(iso:) and an email Date header take the whole text; a DatePattern
    /// takes the first line as its layout and the rest as the date.
    case dates
    case billXML = "bill-xml"
    case ubl
    case androidCalls = "android-calls"
    case androidSMS = "android-sms"
    /// An .eml or an mbox: the parser tells them apart by the first line.
    case email
    /// The input is written as a zip file and verified in place.
    case bagVerify = "bag-verify"
    /// A PDF read as a document: poppler, the bomb check, physical lines, date and references.
    case pdf
    /// Input: a pdf-bill template's YAML, a NUL byte, then the PDF it reads (no NUL: the whole
    /// input is the template, read alone).
    case pdfBill = "pdf-bill"
    /// An OFX 1.x (SGML) or 2.x (XML) bank or card download.
    case ofx
    /// An ISO 20022 camt.053 statement.
    case camt053
    /// A message's attributedBody (typedstream) read for its text.
    case typedstream
    /// An iPhone's or a Mac's Messages database, written as a file and read through the guards.
    case iosMessages = "ios-messages"
    /// An iPhone's call history, likewise.
    case iosCalls = "ios-calls"
    /// An Excel workbook, read through a mapping of its first three columns (date, text, amount).
    case xlsx

    /// Feeds `input` to this target's entry point; returns whether it was accepted.
    @discardableResult
    public func run(_ input: [UInt8]) -> Bool {
        switch self {
        case .csvReader: return Self.readCSV(input)
        case .billCSV: return Self.parseFile(input, with: BillCSVParser(), name: "input.csv")
        case .mappedCSV: return Self.parseMappedCSV(input)
        case .amount: return Self.parseAmount(input)
        case .dates: return Self.parseDates(input)
        case .billXML: return Self.parseFile(input, with: BillXMLParser(), name: "input.xml")
        case .ubl: return Self.parseFile(input, with: UBLInvoiceParser(), name: "input.xml")
        case .androidCalls: return Self.parseFile(input, with: AndroidCallsParser(), name: "calls.xml")
        case .androidSMS: return Self.parseFile(input, with: AndroidMessagesParser(), name: "sms.xml")
        case .email: return Self.parseFile(input, with: EmailParser(), name: "input.eml")
        case .bagVerify:
            return Self.withFile(input, name: "bag.zip") { url in (try? BagVerifier().verify(url)) != nil }
        case .pdf: return Self.parseFile(input, with: DocumentParser(), name: "input.pdf")
        case .pdfBill: return Self.parsePDFBill(input)
        case .ofx: return Self.parseFile(input, with: OFXParser(), name: "download.qfx")
        case .camt053: return Self.parseFile(input, with: Camt053Parser(), name: "camt053.xml")
        case .typedstream: return TypedStreamText.string(input) != nil
        case .iosMessages: return Self.parseFile(input, with: AppleMessagesParser(), name: "sms.db")
        case .iosCalls: return Self.parseFile(input, with: AppleCallsParser(), name: "CallHistory.storedata")
        case .xlsx: return Self.parseWorkbook(input)
        }
    }

    /// The RFC 4180 reader, once over 64 KiB reads and once over 3-byte reads: both must give the
    /// same records (or both reject), since a file's bytes arrive in chunks of any size.
    private static func readCSV(_ input: [UInt8]) -> Bool {
        func records(chunk: Int) -> [CSVRecord]? {
            let reader = CSVReader(source: MemoryByteSource(input, chunk: chunk))
            var records: [CSVRecord] = []
            do {
                while let record = try reader.next() { records.append(record) }
            } catch {
                return nil
            }
            return records
        }
        let whole = records(chunk: 1 << 16)
        precondition(whole == records(chunk: 3), "CSVReader gives other records when the bytes come 3 at a time")
        let semicolons = CSVReader(source: MemoryByteSource(input), delimiter: UInt8(ascii: ";"))
        while (try? semicolons.next()) ?? nil != nil {}
        return whole != nil
    }

    private static func parseMappedCSV(_ input: [UInt8]) -> Bool {
        let split = input.firstIndex(of: 0) ?? input.endIndex
        let mapping = withFile(Array(input[..<split]), name: "mapping.yaml") { url in
            try? CSVMapping.load(from: url)
        }
        guard let mapping, split < input.endIndex else { return false }
        return parseFile(Array(input[(split + 1)...]), with: MappedCSVParser(), name: "input.csv", mapping: mapping)
    }

    private static func parseAmount(_ input: [UInt8]) -> Bool {
        let text = String(decoding: input, as: UTF8.self)
        var accepted = false
        for mark in [".", ",", nil] as [Character?] {
            for currency in ["USD", "JPY", "BHD"].compactMap(Currency.init(code:)) {
                if (try? AmountParser(decimalMark: mark).parse(text, currency: currency)) != nil { accepted = true }
            }
        }
        return accepted
    }

    private static func parseDates(_ input: [UInt8]) -> Bool {
        let text = String(decoding: input, as: UTF8.self)
        var accepted = CalendarDate(iso: text) != nil
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if let pattern = try? DatePattern(String(lines[0])) {
            accepted = pattern.date(from: lines.count > 1 ? String(lines[1]) : "") != nil || accepted
        }
        // An email's Date header, parsed by the email parser as an import would.
        let header = Array("Subject: date\nDate: ".utf8) + input.filter { $0 != 0x0A && $0 != 0x0D } + Array("\n\n".utf8)
        return parseFile(header, with: EmailParser(), name: "date.eml") || accepted
    }

    /// A template (read as `--template` reads one) and the PDF after the first NUL byte.
    private static func parsePDFBill(_ input: [UInt8]) -> Bool {
        let split = input.firstIndex(of: 0) ?? input.endIndex
        let template = withFile(Array(input[..<split]), name: "template.yaml") { url in try? PDFTemplate.load(from: url) }
        guard let template, split < input.endIndex else { return template != nil }
        return parseFile(Array(input[(split + 1)...]), with: PDFBillParser(), name: "bill.pdf", template: template)
    }

    /// Writes `input` to a new temporary file and parses it as `evidence import` would.
    /// A workbook read with a mapping that takes columns 1 to 3 of the first sheet, header or not.
    private static func parseWorkbook(_ input: [UInt8]) -> Bool {
        let yaml = "name: fuzz\ntarget: bank\ndateFormat: MM/dd/yyyy\ncurrency: USD\ncolumns: {date: 1, description: 2, amount: 3}\n"
        let mapping = withFile(Array(yaml.utf8), name: "mapping.yaml") { url in try? CSVMapping.load(from: url) }
        guard let mapping else { return false }
        return parseFile(input, with: MappedXLSXParser(), name: "input.xlsx", mapping: mapping)
    }

    private static func parseFile(
        _ input: [UInt8], with parser: any RecordParser, name: String, mapping: CSVMapping? = nil,
        template: PDFTemplate? = nil
    ) -> Bool {
        withFile(input, name: name) { url in
            var context = ParseContext(
                url: url, fileName: name, sha256: "0", mapping: mapping,
                timeZone: TimeZone(identifier: "America/Chicago") ?? .current, references: .builtIn)
            context.template = template
            return (try? parser.parse(context, into: DiscardingSink())) != nil
        }
    }

    private static func withFile<Result>(_ input: [UInt8], name: String, _ body: (URL) -> Result) -> Result {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("evidence-fuzz-\(UUID().uuidString)-\(name)")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(input)) else {
            fatalError("cannot write the fuzz input to \(url.path)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return body(url)
    }
}

/// A sink that drops every record: the fuzzers look for crashes, not for what was read.
final class DiscardingSink: RecordSink {
    func account(_ id: String, provider: String?) {}
    func statement(_ statement: Statement, locator: String) {}
    func entry(_ entry: EntryDraft) {}
    func bankTransaction(_ transaction: BankTransactionDraft) {}
    func bankStatement(_ statement: BankStatementDraft) {}
    func call(_ call: CallDraft) {}
    func message(_ message: MessageDraft) {}
    func document(_ document: DocumentDraft) {}
    func remark(_ text: String) {}
}
