/// Base64 (RFC 2045 section 6.8), strict about its alphabet and lenient about line breaks.
enum Base64 {
    /// The decoded bytes; nil when the text holds a character outside the alphabet (white space
    /// and line breaks are skipped) or padding in the middle.
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            case 0x20, 0x09, 0x0D, 0x0A:
                continue
            default:
                return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    /// Where ``decode(_:)`` fails: the first byte outside the alphabet, or the `=` that starts
    /// padding followed by more base64; nil when `text` decodes.
    static func firstInvalid(_ text: ArraySlice<UInt8>) -> Int? {
        var padding: Int?
        for index in text.indices {
            let byte = text[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                continue
            case UInt8(ascii: "="):
                if padding == nil { padding = index }
            case _ where byte.isASCIIAlphanumeric || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/"):
                if let padding { return padding }
            default:
                return index
            }
        }
        return nil
    }
}

/// Quoted-printable (RFC 2045 section 6.7) and the Q encoding of header words (RFC 2047).
enum QuotedPrintable {
    /// The decoded bytes. A soft line break (`=` at the end of a line) joins lines; an `=` not
    /// followed by two hex digits is kept as it is, as RFC 2045 advises.
    static func decode(_ text: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "=") {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == 0x0A {
                    index = text.index(after: next)
                    continue
                }
                if next + 1 < text.endIndex, text[next] == 0x0D, text[next + 1] == 0x0A {
                    index = next + 2
                    continue
                }
                if next + 1 < text.endIndex, let high = hex(text[next]), let low = hex(text[next + 1]) {
                    output.append(high << 4 | low)
                    index = next + 2
                    continue
                }
                if next == text.endIndex { break }  // a soft break at the very end
            }
            output.append(underscoreIsSpace && byte == UInt8(ascii: "_") ? 0x20 : byte)
            index += 1
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
