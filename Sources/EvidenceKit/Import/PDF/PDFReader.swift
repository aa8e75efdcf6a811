public import Foundation

/// Reads a PDF's text as pages of physical lines, within bounds on the file's size, its pages and
/// the text of each page, and turns every problem into a ``RecordError`` a person can act on.
public struct PDFReader: Sendable {
    /// The largest PDF read.
    public var maximumBytes = 128 << 20
    /// The most pages read; a file with more is refused (a page tree of 100,000 pages).
    public var maximumPages = 2000
    /// The most characters read from one page; the rest is dropped, with a remark.
    public var maximumCharactersPerPage = 200_000
    /// The most time the whole text may take, in seconds, checked between pages.
    public var maximumSeconds = 30.0
    /// When set, a page without text (a scan) is drawn at 300 dpi within the pixel budget and
    /// read by OCR; a page with text is never OCR'd. Nil: such pages stay empty, with a remark.
    public var ocr: OCRSettings?
    /// The resolution scanned pages are drawn at for OCR.
    public static let ocrDPI = 300

    public init(ocr: OCRSettings? = nil) { self.ocr = ocr }

    /// The text of the PDF at `url`; `password` opens one that needs a user password.
    public func read(_ url: URL, password: String? = nil) throws(RecordError) -> PDFText {
        let bytes: [UInt8]
        do {
            bytes = try FileReader(url: url).readPrefix(maximumBytes + 1)
        } catch {
            throw RecordError(error.message)
        }
        return try read(bytes: bytes, password: password)
    }

    /// The text of a PDF held in memory (an email's attachment).
    public func read(bytes: [UInt8], password: String? = nil) throws(RecordError) -> PDFText {
        guard bytes.count <= maximumBytes else {
            throw RecordError("the PDF is larger than \(maximumBytes >> 20) MiB; a bill or a letter is far smaller")
        }
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw RecordError("not a PDF (it does not start with %PDF-)") }
        try PDFBombCheck().check(bytes)
        return try PDFDocument.serialized { () throws(RecordError) -> PDFText in
            try open(bytes, password: password)
        }
    }

    /// Opens the document, reads its pages and releases it (inside poppler's lock).
    private func open(_ bytes: [UInt8], password: String?) throws(RecordError) -> PDFText {
        let document: PDFDocument
        do throws(PDFDocument.OpenError) {
            document = try PDFDocument(bytes: bytes, password: password)
        } catch {
            switch error {
            case .needsPassword where password == nil:
                throw RecordError(
                    "the PDF is encrypted and needs its password to be read: give it with --password PASSWORD (it is not stored)")
            case .needsPassword:
                throw RecordError("the password given with --password does not open this PDF")
            case .unreadable(let reason):
                throw RecordError("not a readable PDF (\(reason.visible)): the file is damaged or only starts like a PDF")
            }
        }
        let pageCount = document.pageCount
        guard pageCount > 0 else { throw RecordError("the PDF has no pages: the file is damaged or only starts like a PDF") }
        guard pageCount <= maximumPages else {
            throw RecordError("the PDF has \(pageCount) pages; at most \(maximumPages) are read")
        }
        let facts = PDFFacts(
            pageCount: pageCount, creationDate: document.creationDate, producer: document.producer, title: document.title,
            encrypted: document.encrypted, restricted: document.restricted)
        let builder = PhysicalLineBuilder()
        let started = Date()
        var pages: [PDFPage] = []
        var remarks: [String] = []
        var empty: [Int] = []
        var scanned: [OCRPage] = []
        var engine: OCREngine?
        for index in 0..<pageCount {
            if scanned.isEmpty, Date().timeIntervalSince(started) > maximumSeconds {
                throw RecordError(
                    locator: "page \(index + 1)", "reading the PDF's text took over \(Int(maximumSeconds)) seconds; stopped")
            }
            let (characters, truncated) = document.characters(ofPage: index, limit: maximumCharactersPerPage)
            var lines = builder.lines(page: index + 1, characters: characters)
            if lines.isEmpty, let ocr {
                if engine == nil {
                    do { engine = try OCREngine(settings: ocr) } catch { throw RecordError("\(error)") }
                }
                if let engine, let rendered = document.render(page: index, dpi: Self.ocrDPI, pixelBudget: ocr.pixelBudget) {
                    do {
                        let page = try engine.read(rendered: rendered, page: index + 1)
                        scanned.append(page)
                        lines = page.lines
                    } catch {
                        throw RecordError(locator: "page \(index + 1)", "\(error)")
                    }
                }
            }
            if truncated {
                remarks.append(
                    "page \(index + 1) has more than \(maximumCharactersPerPage) characters of text: only the first are kept")
            }
            if lines.isEmpty { empty.append(index + 1) }
            pages.append(PDFPage(number: index + 1, lines: lines, readByOCR: scanned.last?.number == index + 1))
        }
        if !empty.isEmpty {
            let which = empty.count == pageCount
                ? (pageCount == 1 ? "page 1 has" : "none of its \(pageCount) pages has")
                : Self.pageList(empty) + (empty.count == 1 ? " has" : " have")
            remarks.append("\(which) \(ocr == nil ? Self.noTextRemark : Self.noTextEvenByOCRRemark)")
        }
        if let ocr, !scanned.isEmpty {
            let reading = OCRReading(pages: scanned)
            var ocrRemarks = reading.remarks(settings: ocr)
            ocrRemarks[0] = Self.pageList(scanned.map(\.number)) + (scanned.count == 1 ? " has" : " have")
                + " no text layer and \(scanned.count == 1 ? "was" : "were") read by OCR at \(Self.ocrDPI) dpi (Tesseract, \(ocr.languages), \(reading.wordCount) words): amounts read from it are only as sure as the OCR"
            remarks += ocrRemarks.filter { !$0.hasPrefix("amount read:") && !$0.hasPrefix("a screenshot of") }
        }
        return PDFText(facts: facts, pages: pages, remarks: remarks)
    }

    /// The end of the remark on pages without text.
    static let noTextRemark = "no text: a scanned page; OCR comes with the OCR support"
    /// The end of the remark on pages without text that OCR found no text on either.
    static let noTextEvenByOCRRemark = "no text: a scanned page, and OCR found none on it either (blank or unreadable)"

    /// `page 3`, `pages 2, 5 and 7` (at most ten named).
    private static func pageList(_ pages: [Int]) -> String {
        if pages.count == 1 { return "page \(pages[0])" }
        let shown = pages.prefix(10).map(String.init)
        let more = pages.count > 10 ? " and \(pages.count - 10) more" : ""
        if more.isEmpty {
            return "pages " + shown.dropLast().joined(separator: ", ") + " and " + (shown.last ?? "")
        }
        return "pages " + shown.joined(separator: ", ") + more
    }

    /// The poppler-glib version linked, for `evidence --version`.
    public static var popplerVersion: String { PDFDocument.version }
}
