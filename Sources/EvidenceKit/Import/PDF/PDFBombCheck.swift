/// Refuses a PDF whose compressed streams inflate past a bound before poppler reads it.
///
/// poppler inflates a content stream as it parses it and cannot be stopped inside a page: 64 KiB
/// of Flate data can hold gigabytes of spaces. Every Flate stream of the file is inflated here
/// first (zlib, output counted and thrown away), stopping at ``streamLimit`` for one stream and at
/// ``totalLimit`` for the file. A real bill's content streams are well under a megabyte, and a
/// page scanned at 300 dpi in colour about 25 MiB.
struct PDFBombCheck {
    /// The most one stream may inflate to.
    static let streamLimit = 32 << 20
    /// The most all the streams of a file may inflate to together.
    static let totalLimit = 512 << 20

    /// Throws a ``RecordError`` naming the byte offset of the first stream past a bound.
    func check(_ bytes: [UInt8]) throws(RecordError) {
        let inflater: ZipInflater
        do {
            inflater = try ZipInflater()
        } catch {
            throw RecordError("cannot check the PDF's compressed streams (\(error))")
        }
        var total = 0
        var index = 0
        let keyword = Array("stream".utf8)
        while let found = Self.find(keyword, in: bytes, from: index) {
            index = found + keyword.count
            // "endstream" is not a stream's start; a start follows its dictionary's ">>".
            guard Self.followsDictionary(bytes, at: found) else { continue }
            var start = index
            if start < bytes.count, bytes[start] == 0x0D { start += 1 }
            guard start < bytes.count, bytes[start] == 0x0A || bytes[start - 1] == 0x0D else { continue }
            if bytes[start] == 0x0A { start += 1 }
            // A zlib header (deflate, no preset dictionary), then raw deflate data.
            guard start + 2 < bytes.count, bytes[start] & 0x0F == 8,
                (Int(bytes[start]) << 8 | Int(bytes[start + 1])) % 31 == 0, bytes[start + 1] & 0x20 == 0
            else { continue }
            inflater.reset()
            var produced = 0
            var exceeded = false
            _ = bytes[(start + 2)...].withUnsafeBytes { input in
                try? inflater.inflate(input) { piece in
                    produced += piece.count
                    if produced > Self.streamLimit || total + produced > Self.totalLimit {
                        exceeded = true
                        return false
                    }
                    return true
                }
            }
            if exceeded {
                let bound = produced > Self.streamLimit
                    ? "a compressed stream (at byte \(found)) inflates to more than \(Self.streamLimit >> 20) MiB"
                    : "its compressed streams inflate to more than \(Self.totalLimit >> 20) MiB together"
                throw RecordError("\(bound): refused as a PDF bomb")
            }
            total += produced
        }
    }

    private static func followsDictionary(_ bytes: [UInt8], at index: Int) -> Bool {
        var position = index - 1
        while position >= 0, [0x20, 0x0D, 0x0A, 0x09, 0x0C, 0x00].contains(bytes[position]) { position -= 1 }
        return position >= 1 && bytes[position] == UInt8(ascii: ">") && bytes[position - 1] == UInt8(ascii: ">")
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
