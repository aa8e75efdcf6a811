import Foundation
import Testing

@testable import EvidenceKit

/// Screenshots read by OCR (fixtures made by Tests/Fixtures/ocr/make-fixtures.py).
@Suite("OCR of images")
struct OCRTests {
    @Test("a balance screenshot gives its words with boxes, its date, reference and amount")
    func balanceScreenshot() throws {
        let sink = try parse(fixture("ocr/balance.png"), with: DocumentParser())
        let document = try #require(sink.documents.first)
        #expect(document.text.contains("Balance due $288.04"))
        #expect(document.references == ["CR-88231"])
        #expect(document.date == CalendarDate(iso: "2026-11-02"))
        #expect(sink.remarks.contains { $0.contains("2026-11-02") || $0.contains("line 2") })
        #expect(sink.remarks.contains { $0.hasPrefix("amount read: \"Balance due $288.04\" at page 1, line 3 (box ") })
    }

    @Test("words keep boxes in pixels and lines are rebuilt top to bottom")
    func wordsAndBoxes() throws {
        let engine = try OCREngine()
        let pages = try engine.read(image: Array(try Data(contentsOf: fixture("ocr/balance.png"))))
        let page = try #require(pages.first)
        #expect(page.width == 640 && page.height == 260)
        #expect(page.lines.map(\.text) == [
            "Nimbus Mobile", "Statement date 2026-11-02", "Balance due $288.04", "Reference: CR-88231",
        ])
        let amount = try #require(page.words.first { $0.text == "$288.04" })
        // Drawn at y = 20 + 2 × 41.6 from the top, right of "Balance due".
        #expect(amount.box.y > 95 && amount.box.y < 115 && amount.box.x > 150)
        #expect(amount.confidence > 80 && !amount.uncertain)
    }

    @Test("a chat screenshot is a document with its reference, and says it is not messages")
    func chatScreenshot() throws {
        let sink = try parse(fixture("ocr/chat.png"), with: DocumentParser())
        let document = try #require(sink.documents.first)
        #expect(sink.messages.isEmpty)
        #expect(document.references.contains("44718"))
        #expect(sink.remarks.contains { $0.contains("kept as a document, not as messages") })
    }

    @Test(
        "bad images are refused with one clear line",
        arguments: [
            ("bomb.png", "more than the 50 million pixels allowed"),
            ("lying.jpg", "more than the 50 million pixels allowed"),
            ("tiny.png", "1×1 pixels, too small"),
            ("truncated.png", "truncated or damaged"),
            ("heic.heic", "convert it to JPEG or PNG first"),
        ])
    func badImages(name: String, message: String) throws {
        #expect {
            try parse(fixture("ocr/\(name)"), with: DocumentParser(), documentDate: CalendarDate(iso: "2026-11-02"))
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("an image without text needs --date and says OCR found nothing")
    func blank() throws {
        #expect {
            try parse(fixture("ocr/blank.png"), with: DocumentParser())
        } throws: { error in
            "\(error)".contains("OCR found no text in the image")
        }
    }

    @Test("a Chinese-language screenshot is read with eng+chi_sim: its words, amount and reference")
    func chinese() throws {
        var context = ParseContext(
            url: fixture("ocr/chinese-balance.png"), fileName: "chinese-balance.png", sha256: "0", references: .builtIn,
            documentDate: CalendarDate(iso: "2026-11-20"))
        context.ocr = OCRSettings(languages: "eng+chi_sim")
        let sink = CollectingSink()
        try DocumentParser().parse(context, into: sink)
        let document = try #require(sink.documents.first)
        let squeezed = document.text.replacingOccurrences(of: " ", with: "")
        #expect(squeezed.contains("中国移动") && squeezed.contains("应缴金额") && squeezed.contains("288.04"), "\(document.text)")
        #expect(document.references.contains("CR-88231"))
    }

    @Test("a missing language pack names the Debian package")
    func missingLanguage() throws {
        #expect {
            try OCREngine(settings: OCRSettings(languages: "eng+xyz_abc"))
        } throws: { error in
            "\(error)".contains("install the Debian package tesseract-ocr-xyz-abc")
        }
    }

    @Test("a scanned PDF page without text is read by OCR: its date and reference")
    func scannedLetter() throws {
        let sink = try parse(fixture("ocr/scanned-letter.pdf"), with: DocumentParser())
        let document = try #require(sink.documents.first)
        #expect(document.date == CalendarDate(iso: "2026-11-18"))
        #expect(document.references.contains("DR-50912"))
        #expect(sink.remarks.contains { $0.hasPrefix("page 1 has no text layer and was read by OCR at 300 dpi") })
    }

    @Test("a scanned page that renders to nothing is kept and says so")
    func blankScan() throws {
        #expect {
            try parse(fixture("ocr/blank-scan.pdf"), with: DocumentParser())
        } throws: { error in
            "\(error)".contains("OCR found none on it either")
        }
    }

    @Test("a scanned bill goes through its pdf-bill template: entries, total, OCR remark")
    func scannedBill() throws {
        let url = fixture("ocr/scanned-bill.pdf")
        var context = ParseContext(url: url, fileName: url.lastPathComponent, sha256: "0", account: nil, references: .builtIn)
        context.template = try PDFTemplate.load(from: fixture("ocr/scanned-bill.yaml"))
        let sink = CollectingSink()
        try PDFBillParser().parse(context, into: sink)
        #expect(sink.entries.map(\.description) == ["Unlimited plan", "Late payment fee", "State tax"])
        #expect(sink.entries.allSatisfy { $0.extra["readBy"]?.hasPrefix("OCR (Tesseract) from a scanned page") == true })
        #expect(sink.total == 7937)
        #expect(sink.remarks.contains { $0.hasPrefix("page 1 has no text layer and was read by OCR at 300 dpi") })
        #expect(!sink.remarks.contains { $0.contains("differs from the previous balance plus the lines") })
    }

    @Test("a photo with no date in its text takes the day it was taken from EXIF, and says so")
    func exifDate() throws {
        let sink = try parse(fixture("ocr/photo-exif.jpg"), with: DocumentParser())
        let document = try #require(sink.documents.first)
        #expect(document.date == CalendarDate(iso: "2026-11-19"))
        #expect(document.references.contains("55120"))
        #expect(sink.remarks.contains { $0.contains("EXIF DateTimeOriginal") })
    }
}
