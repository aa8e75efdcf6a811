import Foundation

/// A `Content-Type` or `Content-Disposition` value: `text/plain; charset="utf-8"`.
struct HeaderValue {
    /// Lowercased: `text/plain`, `attachment`.
    var value: String
    /// Parameter names lowercased; RFC 2231 continuations (`name*0=`) and charsets (`name*=utf-8''…`) joined and decoded.
    var parameters: [String: String]

    init(_ text: String) {
        let pieces = HeaderSyntax.split(text, at: ";")
        value = (pieces.first ?? "").trimmingSpaces.lowercased()
        var simple: [String: String] = [:]
        var continued: [String: [(Int, String, Bool)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmingSpaces.lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingSpaces
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
                raw = String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            let extended = name.hasSuffix("*")
            if extended { name.removeLast() }
            let nameParts = name.split(separator: "*", maxSplits: 1)
            if nameParts.count == 2, let index = Int(nameParts[1]) {
                continued[String(nameParts[0]), default: []].append((index, raw, extended))
            } else if extended {
                simple[name] = Self.extendedValue(raw, first: true)
            } else {
                simple[name] = EncodedWords.decode(raw)
            }
        }
        for (name, sections) in continued {
            let ordered = sections.sorted { $0.0 < $1.0 }
            simple[name] = ordered.enumerated().map { position, section in
                section.2 ? Self.extendedValue(section.1, first: position == 0) : section.1
            }.joined()
        }
        parameters = simple
    }

    /// `utf-8'en'caf%C3%A9` (RFC 2231): the charset and language come only on the first section.
    private static func extendedValue(_ raw: String, first: Bool) -> String {
        var encoding = TextEncoding.utf8
        var text = Substring(raw)
        if first {
            let parts = raw.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3 {
                encoding = TextEncoding(charset: String(parts[0])) ?? .utf8
                text = parts[2]
            }
        }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == UInt8(ascii: "%"), utf8.distance(from: next, to: utf8.endIndex) >= 2,
                let value = UInt8(String(decoding: utf8[next..<utf8.index(next, offsetBy: 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = utf8.index(next, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = next
            }
        }
        return encoding.decode(bytes)
    }
}
