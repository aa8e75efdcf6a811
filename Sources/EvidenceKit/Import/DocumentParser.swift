import Foundation

/// Any other file kept as a confirmation record (`document`): a PDF, a screenshot, a scanned
/// letter, a text. The original is stored byte for byte. A PDF's text is read page by page and
/// line by line (``PDFReader``), a plain-text file's as it is; the reference numbers in the text
/// are found, and so is the document's date when the import gives no `--date` (with a remark
/// saying where it came from). An image (a screenshot, a photo, a scan: PNG, JPEG, TIFF, WebP,
/// GIF, BMP) is read by OCR (``OCREngine``): its lines keep their boxes in pixels, its amounts
/// and uncertain words are listed in remarks.
public struct DocumentParser: RecordParser {
    /// The most text kept from a plain-text file.
    static let textLimit = 1 << 20

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let head = try FileReader(url: context.url).readPrefix(Self.textLimit)
        guard !head.isEmpty else { throw RecordError("the file is empty") }
        var subject: String?
        var blank: String?
        let text: String
        let lines: [(locator: String, text: String)]
        var isImage = false
        if head.starts(with: Array("%PDF-".utf8)) {
            let pdf = try PDFReader(ocr: context.ocr).read(context.url, password: context.password)
            pdf.remarks.forEach(sink.remark)
            sink.remark(Self.describe(pdf.facts))
            text = pdf.storedText
            lines = (pdf.pages.first?.lines ?? []).map { ($0.locator, $0.text) }
            subject = pdf.facts.title.flatMap { $0.lowercased() == "untitled" ? nil : $0 }
            blank = pdf.remarks.first { $0.hasSuffix(PDFReader.noTextRemark) || $0.hasSuffix(PDFReader.noTextEvenByOCRRemark) }
        } else if ImageKind.of(head: Array(head.prefix(12))) != nil {
            isImage = true
            let reading = try ImageReader().read(context.url, settings: context.ocr)
            reading.remarks(settings: context.ocr).forEach(sink.remark)
            text = reading.text
            lines = reading.lines
            if reading.wordCount == 0 { blank = "OCR found no text in the image" }
        } else {
            text = Self.plainText(of: head)
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { ("line \($0.offset + 1)", String($0.element)) }
        }
        var date = context.documentDate
        if date == nil, let found = try DocumentDateFinder().firstDate(in: lines) {
            date = found.date
            sink.remark(found.remark)
        }
        if date == nil, isImage, let taken = EXIFDate().dateTaken(in: head) {
            date = taken
            sink.remark(
                "date \(taken) taken from the picture's own metadata (EXIF DateTimeOriginal: when the camera or phone took it); give --date to set another")
        }
        guard let date else {
            let reason = blank.map { " (\($0))" } ?? (text.isEmpty ? "" : " (no date was found near the top of its text)")
            throw RecordError(
                "a document needs the day it was sent or received\(reason): give --date YYYY-MM-DD (and --note TEXT)")
        }
        try sink.document(
            DocumentDraft(
                account: context.account, kind: .document, date: date, subject: subject, text: text,
                references: try context.references.references(in: context.note ?? "", text), note: context.note,
                provenance: context.provenance("file")))
    }

    /// One remark with the PDF's own facts, kept apart from the document's date.
    static func describe(_ facts: PDFFacts) -> String {
        var parts = ["\(facts.pageCount) page\(facts.pageCount == 1 ? "" : "s")"]
        if let created = facts.creationDate {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            parts.append("created \(formatter.string(from: created)) (the file's own metadata, not taken as its date)")
        }
        if let producer = facts.producer { parts.append("producer \"\(producer.visible)\"") }
        if facts.encrypted {
            parts.append(
                facts.restricted
                    ? "encrypted with an owner password only (printing or copying restricted; the text is read)"
                    : "encrypted")
        }
        return "PDF: " + parts.joined(separator: ", ")
    }

    /// The text of a file's first `textLimit` bytes when they are UTF-8 text (no NUL bytes), else
    /// empty: a PDF or an image has none we can read.
    private static func plainText(of bytes: [UInt8]) -> String {
        if recognises(head: bytes) || bytes.contains(0) { return "" }
        var kept = bytes[...]
        // A cut inside a multi-byte character: drop its first bytes (at most three).
        var trimmed = 0
        while String(validating: kept, as: UTF8.self) == nil, trimmed < 3, !kept.isEmpty {
            kept = kept.dropLast()
            trimmed += 1
        }
        guard let text = String(validating: kept, as: UTF8.self) else { return "" }
        return text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// PDF files and the images of ``ImageKind`` (PNG, JPEG, TIFF, WebP, GIF, BMP, and HEIC to
    /// refuse it with a hint), by their first bytes.
    static func recognises(head: [UInt8]) -> Bool {
        head.starts(with: Array("%PDF-".utf8)) || ImageKind.of(head: Array(head.prefix(12))) != nil
    }
}
