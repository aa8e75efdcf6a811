import Foundation

/// The header fields of an email or of one MIME part (RFC 5322 section 2.2), unfolded.
struct MailHeaders {
    /// Names lowercased, values unfolded and trimmed, in the order they appear.
    private(set) var fields: [(name: String, value: String)] = []

    /// Parses a header block (the bytes before the first empty line).
    init(_ block: ArraySlice<UInt8>) {
        var current: [UInt8] = []
        for line in Lines(block) {
            if let first = line.first, first == 0x20 || first == 0x09 {
                current += line  // a folded line continues the field before it
            } else {
                add(current)
                current = Array(line)
            }
        }
        add(current)
    }

    /// Whether `line` starts a header field: a name of printable ASCII characters other than the
    /// colon, then the colon (white space before it is obsolete syntax, still read).
    static func isField(_ line: ArraySlice<UInt8>) -> Bool {
        let name = line.prefix { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
        guard !name.isEmpty else { return false }
        return line[name.endIndex...].drop { $0 == 0x20 || $0 == 0x09 }.first == UInt8(ascii: ":")
    }

    /// The first field with this name (case-insensitive).
    subscript(_ name: String) -> String? {
        let name = name.lowercased()
        return fields.first { $0.name == name }?.value
    }

    private mutating func add(_ line: [UInt8]) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self).trimmingSpaces.lowercased()
        let value = Self.text(line[(colon + 1)...]).trimmingSpaces
        fields.append((name, value))
    }

    /// Header bytes should be ASCII; raw 8-bit bytes are read as UTF-8 when they are, else as Windows-1252.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return TextEncoding.windows1252.decode(bytes)
    }
}

/// The lines of a byte range, without their line ends (LF or CRLF).
struct Lines: Sequence, IteratorProtocol {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        rest = bytes
    }

    mutating func next() -> ArraySlice<UInt8>? {
        guard !rest.isEmpty else { return nil }
        guard let newline = rest.firstIndex(of: 0x0A) else {
            defer { rest = rest[rest.endIndex...] }
            return Self.dropCR(rest)
        }
        let line = rest[..<newline]
        rest = rest[(newline + 1)...]
        return Self.dropCR(line)
    }

    private static func dropCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0D ? line.dropLast() : line
    }
}

/// Header syntax shared by structured fields (RFC 5322 section 3.2).
enum HeaderSyntax {
    /// Splits `text` at `separator` where it stands outside quoted strings (and, when asked,
    /// outside `<…>` addresses and `(…)` comments); quotes and brackets stay in the pieces.
    static func split(_ text: String, at separator: Character, outsideBrackets: Bool = false) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        var depth = 0
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if outsideBrackets && !quoted && (character == "<" || character == "(") {
                depth += 1
            } else if outsideBrackets && !quoted && (character == ">" || character == ")") {
                depth = max(0, depth - 1)
            } else if !quoted && depth == 0 && character == separator {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }
}
