import Foundation

/// Any other file kept as a confirmation record (`document`): a PDF, a screenshot, a scanned
/// letter, a text. The original is stored byte for byte; the document gets the `--date` and
/// `--note` of the import, and a plain-text file's text (with the reference numbers in it).
public struct DocumentParser: RecordParser {
    /// The most text kept from a plain-text file.
    static let textLimit = 1 << 20

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let head = try FileReader(url: context.url).readPrefix(Self.textLimit)
        guard !head.isEmpty else { throw RecordError("the file is empty") }
        guard let date = context.documentDate else {
            throw RecordError("a document needs the day it was sent or received: give --date YYYY-MM-DD (and --note TEXT)")
        }
        let text = Self.plainText(of: head)
        try sink.document(
            DocumentDraft(
                account: context.account, kind: .document, date: date, subject: nil, text: text,
                references: try context.references.references(in: context.note ?? "", text), note: context.note,
                provenance: context.provenance("file")))
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

    /// PDF, PNG, JPEG, GIF and TIFF files, by their first bytes.
    static func recognises(head: [UInt8]) -> Bool {
        let signatures: [[UInt8]] = [
            Array("%PDF-".utf8), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF],
            Array("GIF87a".utf8), Array("GIF89a".utf8), [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A],
        ]
        return signatures.contains { head.starts(with: $0) }
    }
}
