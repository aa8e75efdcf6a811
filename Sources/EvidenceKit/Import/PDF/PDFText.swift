public import Foundation

/// A rectangle on a PDF page, in points from the page's top-left corner as it is shown.
public struct PDFBox: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The smallest box holding both.
    func union(_ other: PDFBox) -> PDFBox {
        let left = min(x, other.x)
        let top = min(y, other.y)
        let right = max(x + width, other.x + other.width)
        let bottom = max(y + height, other.y + other.height)
        return PDFBox(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// `120,340,410,28`: x, y, width and height in whole points.
    public var description: String {
        [x, y, width, height].map { String(Int($0.rounded())) }.joined(separator: ",")
    }
}

/// One line of a page as a person sees it (what `pdftotext -layout` prints): the characters that
/// share a baseline, left to right, with spaces where the gaps are.
public struct PDFLine: Hashable, Sendable {
    /// 1-based page number.
    public var page: Int
    /// 1-based line number on its page, top to bottom.
    public var number: Int
    public var text: String
    public var box: PDFBox

    public init(page: Int, number: Int, text: String, box: PDFBox) {
        self.page = page
        self.number = number
        self.text = text
        self.box = box
    }

    /// `page 2, line 14`: where a person finds the line.
    public var locator: String { "page \(page), line \(number)" }
}

/// One page's text.
public struct PDFPage: Hashable, Sendable {
    /// 1-based.
    public var number: Int
    public var lines: [PDFLine]
    /// The page had no text layer and its lines were read by OCR.
    public var readByOCR: Bool

    public init(number: Int, lines: [PDFLine], readByOCR: Bool = false) {
        self.number = number
        self.lines = lines
        self.readByOCR = readByOCR
    }
}

/// What a PDF says about itself: kept as facts about the file, never taken for the document's date
/// without saying so.
public struct PDFFacts: Hashable, Sendable {
    public var pageCount: Int
    /// The PDF's own creation date (`/CreationDate`), as the program that wrote it set it.
    public var creationDate: Date?
    /// The program that wrote the PDF (`/Producer`).
    public var producer: String?
    public var title: String?
    /// The file has an encryption dictionary (a user or an owner password).
    public var encrypted: Bool
    /// Printing or copying is restricted by an owner password (the text is read all the same).
    public var restricted: Bool

    public init(
        pageCount: Int, creationDate: Date? = nil, producer: String? = nil, title: String? = nil, encrypted: Bool = false,
        restricted: Bool = false
    ) {
        self.pageCount = pageCount
        self.creationDate = creationDate
        self.producer = producer
        self.title = title
        self.encrypted = encrypted
        self.restricted = restricted
    }
}

/// A PDF's text, page by page and line by line, with the facts of the file.
public struct PDFText: Hashable, Sendable {
    public var facts: PDFFacts
    public var pages: [PDFPage]
    /// What the reader wants the user to know (pages without text, text cut short).
    public var remarks: [String]

    public init(facts: PDFFacts, pages: [PDFPage], remarks: [String] = []) {
        self.facts = facts
        self.pages = pages
        self.remarks = remarks
    }

    /// Every line, page after page.
    public var lines: [PDFLine] { pages.flatMap(\.lines) }

    /// The text as stored with a document: lines separated by line feeds, pages by form feeds
    /// (as `pdftotext` writes them), so that `page N, line M` can be found in it again.
    public var storedText: String {
        pages.map { $0.lines.map(\.text).joined(separator: "\n") }.joined(separator: "\u{0C}")
    }

    /// The pages and lines of a document's stored text (see ``storedText``).
    public static func pages(ofStoredText text: String) -> [[String]] {
        text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.isEmpty ? [] : page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
