/// The tags and values of an OFX file, read in chunks with bounded work: OFX 1.x (SGML after an
/// `OFXHEADER:100` block, closing tags optional) and OFX 2.x (XML after `<?OFX OFXHEADER="200"?>`).
///
/// One tolerant reader serves both: it hands out start tags, end tags and values, and leaves
/// the structure to ``OFXParser``. A DOCTYPE or entity declaration is refused, as for all XML;
/// comments and processing instructions are skipped; CDATA is a value.
final class OFXReader {
    enum Token: Equatable {
        /// A start tag, its name uppercased.
        case start(String)
        case end(String)
        /// The text of a value, entities decoded, surrounding white space trimmed, never empty.
        case text(String)
    }

    /// What the header says.
    struct Header: Equatable {
        /// 1 for OFX 1.x (SGML), 2 for OFX 2.x (XML).
        var major: Int
        var encoding: TextEncoding
    }

    /// The longest tag name and the longest value read (OFX's own limits are far below).
    static let longestName = 64
    static let longestValue = 1 << 16

    private let source: any ByteSource
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var available = 0
    private var pushedBack: [UInt8] = []
    /// The line the reader is on (1-based), for messages and locators.
    private(set) var line = 1
    /// How many bytes of the file have been read, for progress.
    private(set) var bytesRead: Int64 = 0
    private(set) var header = Header(major: 1, encoding: .windows1252)

    init(source: any ByteSource) throws {
        self.source = source
        header = try readHeader()
    }

    // MARK: Bytes

    private func nextByte() throws -> UInt8? {
        if let byte = pushedBack.popLast() { return counted(byte) }
        if position == available {
            available = try source.read(into: &chunk)
            position = 0
            if available == 0 { return nil }
        }
        let byte = chunk[position]
        position += 1
        bytesRead += 1
        return counted(byte)
    }

    private func counted(_ byte: UInt8) -> UInt8 {
        if byte == 0x0A { line += 1 }
        return byte
    }

    private func pushBack(_ byte: UInt8) {
        if byte == 0x0A { line -= 1 }
        pushedBack.append(byte)
    }

    private func peekByte() throws -> UInt8? {
        guard let byte = try nextByte() else { return nil }
        pushBack(byte)
        return byte
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func skipSpace() throws {
        while let byte = try nextByte() {
            if !Self.isSpace(byte) {
                pushBack(byte)
                return
            }
        }
    }

    /// Reads up to (not including) `stop`, at most `limit` bytes; nil at the end of the file.
    private func bytes(until stop: UInt8, limit: Int, what: String) throws -> [UInt8]? {
        var found: [UInt8] = []
        while let byte = try nextByte() {
            if byte == stop { return found }
            guard found.count < limit else { throw RecordError(locator: "line \(line)", "\(what) is longer than \(limit) bytes") }
            found.append(byte)
        }
        return nil
    }

    /// Skips past the next occurrence of `terminator`; false at the end of the file.
    private func skip(past terminator: [UInt8]) throws -> Bool {
        var matched = 0
        while let byte = try nextByte() {
            if byte == terminator[matched] {
                matched += 1
                if matched == terminator.count { return true }
            } else {
                matched = byte == terminator[0] ? 1 : 0
            }
        }
        return false
    }

    // MARK: Header

    private func readHeader() throws -> Header {
        try skipSpace()
        guard let first = try peekByte() else { throw RecordError("the file holds no OFX") }
        if first == UInt8(ascii: "<") { return try xmlHeader() }
        // OFX 1.x: KEY:VALUE lines up to the first tag.
        var fields: [String: String] = [:]
        while let byte = try peekByte(), byte != UInt8(ascii: "<") {
            let lineNumber = line
            guard let text = try bytes(until: 0x0A, limit: 1024, what: "a header line") else {
                throw RecordError(locator: "line \(lineNumber)", "the file ends in its OFX header, before any tag")
            }
            let entry = Self.trimmed(String(decoding: text, as: UTF8.self))
            if entry.isEmpty { continue }
            guard let colon = entry.firstIndex(of: ":") else {
                throw RecordError(locator: "line \(lineNumber)", "\"\(entry.prefix(40))\" is not an OFX header line (KEY:VALUE)")
            }
            fields[entry[..<colon].trimmingSpaces.uppercased()] = entry[entry.index(after: colon)...].trimmingSpaces.uppercased()
            guard fields.count <= 32 else { throw RecordError(locator: "line \(lineNumber)", "the OFX header has too many lines") }
        }
        guard fields["OFXHEADER"] != nil else { throw RecordError("line 1: no OFXHEADER line: not an OFX file") }
        if let data = fields["DATA"], data != "OFXSGML" {
            throw RecordError("the OFX header says DATA:\(data); only OFXSGML is OFX 1.x")
        }
        return Header(major: 1, encoding: try Self.encoding(charset: fields["CHARSET"], encoding: fields["ENCODING"]))
    }

    /// The text encoding an OFX 1.x header names: `ENCODING:UTF-8`, else `CHARSET` 1252,
    /// ISO-8859-1 or NONE (read as Windows-1252, which ASCII is part of).
    static func encoding(charset: String?, encoding: String?) throws -> TextEncoding {
        if encoding == "UTF-8" || encoding == "UTF8" { return .utf8 }
        switch charset ?? "NONE" {
        case "1252", "WINDOWS-1252", "CP1252", "NONE", "USASCII", "US-ASCII": return .windows1252
        case "8859-1", "ISO-8859-1", "ISO8859-1", "LATIN1": return .iso88591
        case "UTF-8", "UTF8", "65001": return .utf8
        case let other: throw RecordError("the OFX header's CHARSET:\(other) is not one this program reads (1252, ISO-8859-1, UTF-8)")
        }
    }

    /// OFX 2.x: `<?xml …?>` then `<?OFX OFXHEADER="200" …?>`; or no header at all before `<OFX>`.
    private func xmlHeader() throws -> Header {
        var header = Header(major: 1, encoding: .utf8)
        while true {
            try skipSpace()
            guard try nextByte() == UInt8(ascii: "<") else { throw RecordError(locator: "line \(line)", "expected a tag") }
            guard try peekByte() == UInt8(ascii: "?") else {
                pushBack(UInt8(ascii: "<"))
                return header
            }
            _ = try nextByte()
            let lineNumber = line
            guard let body = try bytes(until: UInt8(ascii: ">"), limit: 1024, what: "a processing instruction") else {
                throw RecordError(locator: "line \(lineNumber)", "the file ends inside <?…?>")
            }
            let text = String(decoding: body, as: UTF8.self)
            let name = text.prefix { !$0.isWhitespace }.uppercased()
            if name == "XML", let declared = Self.attribute("encoding", in: text) {
                guard let encoding = TextEncoding(charset: declared), encoding != .utf16 else {
                    throw RecordError(locator: "line \(lineNumber)", "the XML declaration's encoding \"\(declared)\" is not one this program reads")
                }
                header.encoding = encoding
            } else if name == "OFX" {
                header.major = 2
            }
        }
    }

    private static func attribute(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: name + "=") else { return nil }
        let rest = text[range.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    // MARK: Tokens

    /// The next token and the line it starts on; nil at the end of the file.
    func next() throws -> (token: Token, line: Int)? {
        if let name = pendingEnd {
            pendingEnd = nil
            return (.end(name), line)
        }
        while true {
            try skipSpace()
            let start = line
            guard let byte = try nextByte() else { return nil }
            if byte != UInt8(ascii: "<") {
                pushBack(byte)
                let text = try value()
                if text.isEmpty { continue }
                return (.text(text), start)
            }
            guard let kind = try nextByte() else { throw RecordError(locator: "line \(start)", "the file ends in a tag") }
            switch kind {
            case UInt8(ascii: "?"):
                guard try skip(past: Array("?>".utf8)) else { throw RecordError(locator: "line \(start)", "the file ends inside <?…?>") }
            case UInt8(ascii: "!"):
                if let text = try markupDeclaration(at: start) { return (.text(text), start) }
            case UInt8(ascii: "/"):
                let name = try tagName(at: start)
                return (.end(name), start)
            default:
                pushBack(kind)
                let name = try tagName(at: start)
                if selfClosed {
                    selfClosed = false
                    pendingEnd = name
                }
                return (.start(name), start)
            }
        }
    }

    /// `<NAME/>` gives a start and then an end.
    private var selfClosed = false
    private var pendingEnd: String?

    /// The text up to the next tag (or the end of the file), decoded and trimmed.
    private func value() throws -> String {
        var raw: [UInt8] = []
        while let byte = try nextByte() {
            if byte == UInt8(ascii: "<") {
                pushBack(byte)
                break
            }
            guard raw.count < Self.longestValue else {
                throw RecordError(locator: "line \(line)", "a value is longer than \(Self.longestValue) bytes")
            }
            raw.append(byte)
        }
        if header.encoding == .utf8, String(validating: raw, as: UTF8.self) == nil {
            throw RecordError(locator: "line \(line)", "a value is not UTF-8, as the header declares")
        }
        return Self.trimmed(Self.decodeEntities(header.encoding.decode(raw)))
    }

    /// `text` without the spaces, tabs and line breaks around it.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.isSpaceOrTab || scalar == "\r" || scalar == "\n" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }

    /// A tag's name up to `>` (attributes, which OFX does not use, are skipped).
    private func tagName(at start: Int) throws -> String {
        guard let body = try bytes(until: UInt8(ascii: ">"), limit: 4096, what: "a tag") else {
            throw RecordError(locator: "line \(start)", "the file ends inside a tag")
        }
        var text = body[...]
        if text.last == UInt8(ascii: "/") {
            text = text.dropLast()
            selfClosed = true
        }
        let name = text.prefix { !Self.isSpace($0) }
        guard !name.isEmpty, name.count <= Self.longestName,
            name.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") })
        else {
            throw RecordError(locator: "line \(start)", "<\(String(decoding: body.prefix(40), as: UTF8.self))> is not an OFX tag")
        }
        return String(decoding: name, as: UTF8.self).uppercased()
    }

    /// After `<!`: a comment (skipped, nil), CDATA (its text), anything else refused.
    private func markupDeclaration(at start: Int) throws -> String? {
        var opening: [UInt8] = []
        while opening.count < 7, let byte = try nextByte() {
            opening.append(byte)
            if opening == Array("--".utf8) {
                guard try skip(past: Array("-->".utf8)) else { throw RecordError(locator: "line \(start)", "the file ends inside a comment") }
                return nil
            }
        }
        guard opening == Array("[CDATA[".utf8) else {
            throw RecordError(
                locator: "line \(start)",
                "<!\(String(decoding: opening, as: UTF8.self))…: a DOCTYPE or entity declaration is not allowed in OFX (external entities are never read)")
        }
        var text: [UInt8] = []
        var matched = 0
        let terminator = Array("]]>".utf8)
        while let byte = try nextByte() {
            text.append(byte)
            guard text.count <= Self.longestValue else { throw RecordError(locator: "line \(start)", "a CDATA section is longer than \(Self.longestValue) bytes") }
            if byte == terminator[matched] {
                matched += 1
                if matched == terminator.count {
                    return Self.trimmed(header.encoding.decode(text.dropLast(3)))
                }
            } else {
                matched = byte == terminator[0] ? 1 : 0
            }
        }
        throw RecordError(locator: "line \(start)", "the file ends inside a CDATA section")
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;` and numeric references; any other `&` is
    /// kept as written (OFX 1.x files often hold a bare `AT&T`).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            let candidate = rest.dropFirst().prefix(10)
            if let semicolon = candidate.firstIndex(of: ";"), let decoded = entity(String(candidate[..<semicolon])) {
                result.append(decoded)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static func entity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, value >= 0x20 || value == 0x09, let scalar = Unicode.Scalar(value) else { return nil }
            return Character(scalar)
        }
    }
}
