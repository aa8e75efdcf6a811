/// Passes an XML file's bytes to libxml2, mending what real exporters write and bounding what
/// would make libxml2 slow.
///
/// - SMS Backup & Restore writes a character outside the Basic Multilingual Plane (an emoji) as
///   two character references to its UTF-16 surrogates, `&#55357;&#56832;`, which XML forbids and
///   libxml2 rejects. A high surrogate followed by a low one becomes the one reference they mean
///   (`&#x1F600;`); a surrogate without its pair becomes U+FFFD, counted in ``replacedSurrogates``.
/// - An element with more than ``maximumAttributes`` attributes is refused before libxml2 parses
///   it (libxml2 2.9 checks duplicate attributes in quadratic time).
///
/// References inside comments, CDATA sections and processing instructions are left alone. Line
/// breaks are never added or removed, so libxml2's line numbers stay those of the file.
struct XMLInputFilter {
    static let maximumAttributes = 256

    private enum State {
        case text, afterLessThan, markup, tag, endTag, value(quote: UInt8)
        case comment, cdata, instruction, declaration
    }

    private var state = State.text
    /// The last bytes of markup, to find `-->`, `]]>`, `?>` and what follows `<!`.
    private var recent: (UInt8, UInt8) = (0, 0)
    private var attributes = 0
    private var line = 1
    /// A character reference being read (`&#…`), still to be written.
    private var reference: [UInt8] = []
    /// A high surrogate's reference waiting for its low half.
    private var pendingHigh: UInt32?
    private(set) var replacedSurrogates = 0

    /// Appends the filtered form of `bytes` to `output`.
    mutating func filter(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(RecordError) {
        var index = 0
        while index < bytes.count {
            let end = plainRunEnd(bytes, from: index)
            if end > index {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<end]))
                index = end
            } else {
                try take(bytes[index], into: &output)
                index += 1
            }
        }
    }

    /// Where the run of bytes from `start` that ``take(_:into:)`` would only copy ends: in text,
    /// attribute values, tags and declarations, up to the next byte that changes the state, starts a
    /// reference or ends a line. Other states go byte by byte.
    private func plainRunEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard reference.isEmpty, pendingHigh == nil else { return start }
        let stops: (UInt8, UInt8, UInt8, UInt8)
        switch state {
        case .text: stops = (UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: "\n"), UInt8(ascii: "<"))
        case .value(let quote): stops = (UInt8(ascii: "&"), quote, UInt8(ascii: "\n"), quote)
        case .tag: stops = (UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\n"), UInt8(ascii: ">"))
        case .endTag, .declaration: stops = (UInt8(ascii: ">"), UInt8(ascii: ">"), UInt8(ascii: "\n"), UInt8(ascii: ">"))
        default: return start
        }
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == stops.0 || byte == stops.1 || byte == stops.2 || byte == stops.3 { break }
            end += 1
        }
        return end
    }

    /// Writes what is still held back at the end of the file.
    mutating func finish(into output: inout [UInt8]) {
        flushReference(into: &output)
        flushPendingHigh(into: &output)
    }

    private mutating func take(_ byte: UInt8, into output: inout [UInt8]) throws(RecordError) {
        if byte == UInt8(ascii: "\n") { line += 1 }
        switch state {
        case .text, .value:
            if readsReference(byte, into: &output) { return }
            if case .value(let quote) = state, byte == quote {
                state = .tag
            } else if case .text = state, byte == UInt8(ascii: "<") {
                state = .afterLessThan
            }
        case .afterLessThan:
            switch byte {
            case UInt8(ascii: "!"): state = .markup
            case UInt8(ascii: "?"): state = .instruction
            case UInt8(ascii: "/"): state = .endTag
            default:
                state = .tag
                attributes = 0
            }
            recent = (0, byte)
        case .markup:
            // `<!-` starts a comment, `<![` a CDATA section, anything else a declaration.
            state = byte == UInt8(ascii: "-") ? .comment : byte == UInt8(ascii: "[") ? .cdata : .declaration
            recent = (0, 0)
        case .tag:
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                attributes += 1
                guard attributes <= Self.maximumAttributes else {
                    throw RecordError(
                        locator: "line \(line)",
                        "an element with more than \(Self.maximumAttributes) attributes; no export writes one, so the file is refused")
                }
                state = .value(quote: byte)
            } else if byte == UInt8(ascii: ">") {
                state = .text
            }
        case .endTag, .declaration:
            if byte == UInt8(ascii: ">") { state = .text }
        case .comment:
            if byte == UInt8(ascii: ">") && recent == (UInt8(ascii: "-"), UInt8(ascii: "-")) { state = .text }
            recent = (recent.1, byte)
        case .cdata:
            if byte == UInt8(ascii: ">") && recent == (UInt8(ascii: "]"), UInt8(ascii: "]")) { state = .text }
            recent = (recent.1, byte)
        case .instruction:
            if byte == UInt8(ascii: ">") && recent.1 == UInt8(ascii: "?") { state = .text }
            recent = (recent.1, byte)
        }
        output.append(byte)
    }

    /// Reads character references in text and attribute values; true when `byte` was taken.
    private mutating func readsReference(_ byte: UInt8, into output: inout [UInt8]) -> Bool {
        if reference.isEmpty {
            guard byte == UInt8(ascii: "&") else {
                flushPendingHigh(into: &output)
                return false
            }
            reference.append(byte)
            return true
        }
        if reference.count == 1 {
            guard byte == UInt8(ascii: "#") else {
                flushPendingHigh(into: &output)
                flushReference(into: &output)
                return false
            }
            reference.append(byte)
            return true
        }
        if byte == UInt8(ascii: ";") {
            reference.append(byte)
            complete(into: &output)
            return true
        }
        let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) || byte == UInt8(ascii: "x")
        guard isDigit, reference.count < 12 else {
            flushPendingHigh(into: &output)
            flushReference(into: &output)
            return false
        }
        reference.append(byte)
        return true
    }

    /// A whole `&#…;` has been read: pairs surrogates, writes anything else as it was.
    private mutating func complete(into output: inout [UInt8]) {
        let digits = reference.dropFirst(2).dropLast()
        let value: UInt32?
        if digits.first == UInt8(ascii: "x") {
            value = UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
        } else {
            value = UInt32(String(decoding: digits, as: UTF8.self), radix: 10)
        }
        switch value {
        case .some(0xD800...0xDBFF):
            flushPendingHigh(into: &output)
            pendingHigh = value
            reference.removeAll(keepingCapacity: true)
        case .some(let low) where (0xDC00...0xDFFF).contains(low):
            if let high = pendingHigh {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                output += Array("&#x\(String(scalar, radix: 16, uppercase: true));".utf8)
                pendingHigh = nil
            } else {
                output += Self.replacement
                replacedSurrogates += 1
            }
            reference.removeAll(keepingCapacity: true)
        default:
            flushPendingHigh(into: &output)
            flushReference(into: &output)
        }
    }

    private static let replacement = Array("&#xFFFD;".utf8)

    private mutating func flushReference(into output: inout [UInt8]) {
        output += reference
        reference.removeAll(keepingCapacity: true)
    }

    private mutating func flushPendingHigh(into output: inout [UInt8]) {
        guard pendingHigh != nil else { return }
        output += Self.replacement
        replacedSurrogates += 1
        pendingHigh = nil
    }
}
