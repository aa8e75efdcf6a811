import Foundation

/// Decodes RFC 2047 encoded words in header values: `=?UTF-8?Q?caf=C3=A9?=`, `=?ISO-8859-1?B?...?=`.
///
/// White space between two adjacent encoded words is dropped, as the RFC says; text that is not an
/// encoded word is kept as it is. An encoded word in a charset this program cannot convert, or
/// whose encoding is broken, is left undecoded rather than guessed at.
///
/// Time is linear in the length of the value, however many `=?` it holds: a candidate word ends at
/// white space, at its `?=`, or where the next `=?` starts, so no byte is looked at more than a few times.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let bytes = Array(value.utf8)
        var output = ""
        var literalStart = 0  // the first byte not yet copied to `output`
        var previousWasEncoded = false
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == equals, bytes[index + 1] == question else {
                index += 1
                continue
            }
            guard let (decoded, end) = word(bytes, at: index) else {
                index += 2
                continue
            }
            let before = bytes[literalStart..<index]
            // White space between adjacent encoded words is not part of the text.
            if !(previousWasEncoded && before.allSatisfy(isBlank)) {
                output += String(decoding: before, as: UTF8.self)
            }
            output += decoded
            previousWasEncoded = true
            index = end
            literalStart = end
        }
        return output + String(decoding: bytes[literalStart...], as: UTF8.self)
    }

    private static let equals = UInt8(ascii: "=")
    private static let question = UInt8(ascii: "?")

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The encoded word starting at `start` (at its `=?`): its text, and the index just past its `?=`.
    ///
    /// The charset and encoding end at the next `?`; the encoded text ends at the first `?=`. A `?`
    /// inside the encoded text is tolerated (some mailers leave it unencoded), but white space, or
    /// another `=?` that does not close the word (`=?=` after base64 padding does), ends the attempt.
    private static func word(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        var index = start + 2
        func token() -> ArraySlice<UInt8>? {
            let tokenStart = index
            while index < bytes.count, bytes[index] != question {
                if isBlank(bytes[index]) || bytes[index] == equals { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[tokenStart..<index]
        }
        guard let charsetToken = token(), let encodingToken = token() else { return nil }
        let payloadStart = index
        var payloadEnd: Int?
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if isBlank(byte) { return nil }
            if byte == question, bytes[index + 1] == equals {
                payloadEnd = index
                break
            }
            if byte == equals, bytes[index + 1] == question {
                // `=?=`: base64 padding, then the end of the word; otherwise another word starts here.
                guard index + 2 < bytes.count, bytes[index + 2] == equals else { return nil }
                payloadEnd = index + 1
                index += 1
                break
            }
            index += 1
        }
        guard let payloadEnd else { return nil }
        let charset = String(decoding: charsetToken.split(separator: UInt8(ascii: "*")).first ?? [], as: UTF8.self)
        guard let textEncoding = TextEncoding(charset: charset) else { return nil }
        let payload = bytes[payloadStart..<payloadEnd]
        let decoded: [UInt8]?
        switch String(decoding: encodingToken, as: UTF8.self).uppercased() {
        case "B": decoded = Base64.decode(payload)
        case "Q": decoded = QuotedPrintable.decode(payload, underscoreIsSpace: true)
        default: decoded = nil
        }
        guard let decoded else { return nil }
        return (textEncoding.decode(decoded), payloadEnd + 2)
    }
}
