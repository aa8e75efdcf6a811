import Foundation

/// Decodes RFC 2047 encoded words in header values: `=?UTF-8?Q?caf=C3=A9?=`, `=?ISO-8859-1?B?...?=`.
///
/// White space between two adjacent encoded words is dropped, as the RFC says; text that is not an
/// encoded word is kept as it is. An encoded word in a charset this program cannot convert, or
/// whose encoding is broken, is left undecoded rather than guessed at.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var previousWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            if let (decoded, after) = word(rest[start.lowerBound...]) {
                // White space between adjacent encoded words is not part of the text.
                if !(previousWasEncoded && before.allSatisfy({ $0 == " " || $0 == "\t" })) { output += before }
                output += decoded
                previousWasEncoded = true
                rest = after
            } else {
                output += before + "=?"
                previousWasEncoded = false
                rest = rest[start.upperBound...]
            }
        }
        return output + rest
    }

    /// One encoded word at the start of `text`, and what follows it.
    private static func word(_ text: Substring) -> (String, Substring)? {
        let parts = text.dropFirst(2)
        guard let firstMark = parts.firstIndex(of: "?") else { return nil }
        let charset = parts[..<firstMark].split(separator: "*").first.map(String.init) ?? ""
        let afterCharset = parts[parts.index(after: firstMark)...]
        guard let secondMark = afterCharset.firstIndex(of: "?") else { return nil }
        let encoding = afterCharset[..<secondMark].uppercased()
        let payloadStart = afterCharset.index(after: secondMark)
        guard let end = afterCharset[payloadStart...].range(of: "?=") else { return nil }
        let payload = afterCharset[payloadStart..<end.lowerBound]
        guard !payload.contains(" "), let textEncoding = TextEncoding(charset: charset) else { return nil }
        let bytes: [UInt8]?
        switch encoding {
        case "B": bytes = Base64.decode(Array(payload.utf8)[...]).map(Array.init)
        case "Q": bytes = QuotedPrintable.decode(Array(payload.utf8)[...], underscoreIsSpace: true)
        default: bytes = nil
        }
        guard let bytes else { return nil }
        return (textEncoding.decode(bytes), afterCharset[end.upperBound...])
    }
}
