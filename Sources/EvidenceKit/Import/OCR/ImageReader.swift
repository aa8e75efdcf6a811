import Foundation

/// What OCR read from a screenshot, a photo or a scan: its lines with their places, and the
/// remarks an import shows (words under the confidence floor, amounts with their labels).
struct OCRReading {
    var pages: [OCRPage]
    /// Each line with its locator and box: `page 1, line 7 (box 120,340,410,28)`.
    var lines: [(locator: String, text: String)] {
        pages.flatMap { page in page.lines.map { ("\($0.locator) (box \($0.box.description))", $0.text) } }
    }
    /// The text, page after page, one line a line.
    var text: String {
        pages.map { $0.lines.map(\.text).joined(separator: "\n") }.joined(separator: "\n\n")
    }
    var wordCount: Int { pages.reduce(0) { $0 + $1.words.count } }
    var uncertainWords: [OCRWord] { pages.flatMap { $0.words.filter(\.uncertain) } }

    /// The remarks of a document read by OCR.
    func remarks(settings: OCRSettings) -> [String] {
        var remarks = [
            "read by OCR (Tesseract, \(settings.languages)): \(wordCount) word\(wordCount == 1 ? "" : "s") on \(pages.count) page\(pages.count == 1 ? "" : "s")"
        ]
        let uncertain = uncertainWords
        if !uncertain.isEmpty {
            let shown = uncertain.prefix(8).map { "\"\($0.text)\" (\(Int($0.confidence.rounded()))%)" }.joined(separator: ", ")
            remarks.append(
                "\(uncertain.count) word\(uncertain.count == 1 ? "" : "s") read with a confidence under \(Int(settings.confidenceFloor))% (kept, uncertain): \(shown)\(uncertain.count > 8 ? ", …" : "")")
        }
        for amount in amounts().prefix(20) {
            remarks.append(
                "amount read: \"\(amount.text)\" at \(amount.locator)\(amount.uncertain ? " (uncertain: a word of it was read with low confidence)" : "")")
        }
        if looksLikeConversation {
            remarks.append(
                "a screenshot of a conversation is kept as a document, not as messages: a picture cannot show that the conversation is complete")
        }
        return remarks
    }

    /// Lines holding an amount ("Balance due $288.04"), with their place.
    func amounts() -> [(text: String, locator: String, uncertain: Bool)] {
        let pattern = /(?:[$€£¥]\s?-?[0-9][0-9,]*\.[0-9]{2}\b|\b[0-9][0-9,]*\.[0-9]{2}\s?(?:USD|EUR|GBP|CNY|元))/
        var found: [(String, String, Bool)] = []
        for page in pages {
            for line in page.lines where line.text.contains(pattern) {
                let uncertain = page.words.contains { word in
                    word.uncertain && line.box.union(word.box) == line.box && word.text.contains(where: \.isNumber)
                }
                found.append((line.text, "\(line.locator) (box \(line.box.description))", uncertain))
            }
        }
        return found
    }

    /// Chat screenshots: words a chat window shows.
    var looksLikeConversation: Bool {
        let lowered = text.lowercased()
        return ["chat", "agent", "representative", "is typing", "sent ", "delivered", "you:", "客服"].contains {
            lowered.contains($0)
        }
    }
}

/// Reads an image file by OCR, within the bounds of ``OCRSettings``.
struct ImageReader {
    /// The largest image file read (bigger files are refused before they are read).
    static let fileLimit = 64 << 20

    func read(_ url: URL, settings: OCRSettings) throws -> OCRReading {
        let bytes = try FileReader(url: url).readPrefix(Self.fileLimit + 1)
        guard bytes.count <= Self.fileLimit else {
            throw RecordError("the image is larger than \(Self.fileLimit >> 20) MiB")
        }
        do {
            let engine = try OCREngine(settings: settings)
            return OCRReading(pages: try engine.read(image: bytes))
        } catch let error as OCRError {
            throw RecordError(error.description)
        }
    }
}
