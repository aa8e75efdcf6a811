/// The text of a message's `attributedBody`: an `NSAttributedString` archived in Apple's old
/// "typedstream" format (the newer systems leave `text` empty and keep the words only there).
///
/// A small, bounded reader of just what is needed: after the class name `NSString` (within the
/// archive's class chain of `NSAttributedString`), a `+` marks the string's bytes, preceded by
/// their length: one byte below 0x80, or 0x81 and two bytes, or 0x82 and four bytes, little-endian.
/// The bytes are UTF-8. Anything else (another layout, a length past the end, bytes that are not
/// UTF-8) gives nil: the message is then imported without text, with a remark, never a crash.
public enum TypedStreamText {
    /// Archives larger than this are not read (a message's text is far smaller).
    static let largest = 1 << 20

    public static func string(_ blob: [UInt8]) -> String? {
        guard blob.count <= largest, blob.starts(with: [0x04, 0x0B] + Array("streamtyped".utf8)) else { return nil }
        let marker = Array("NSString".utf8)
        guard let found = firstIndex(of: marker, in: blob) else { return nil }
        var index = found + marker.count
        // Skip the class's version and the object header up to the '+' that starts the bytes.
        let searchEnd = min(blob.count, index + 16)
        while index < searchEnd, blob[index] != 0x2B { index += 1 }
        guard index < searchEnd else { return nil }
        index += 1
        guard index < blob.count else { return nil }
        let length: Int
        switch blob[index] {
        case 0x81:
            guard index + 2 < blob.count else { return nil }
            length = Int(blob[index + 1]) | Int(blob[index + 2]) << 8
            index += 3
        case 0x82:
            guard index + 4 < blob.count else { return nil }
            length = Int(blob[index + 1]) | Int(blob[index + 2]) << 8 | Int(blob[index + 3]) << 16 | Int(blob[index + 4]) << 24
            index += 5
        case let byte where byte < 0x80:
            length = Int(byte)
            index += 1
        default:
            return nil
        }
        guard length >= 0, length <= blob.count - index else { return nil }
        return String(validating: blob[index..<(index + length)], as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
