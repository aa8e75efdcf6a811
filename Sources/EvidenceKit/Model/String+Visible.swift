extension StringProtocol {
    /// The text with control characters written out as `\u{1B}`, for a message that quotes a file.
    ///
    /// C0 controls (line breaks and tabs included), DEL, C1 controls, the Unicode line and paragraph
    /// separators and the bidirectional controls are escaped, so that a quoted value stays on one
    /// line and reads as it is stored, whatever a hostile file puts in it.
    var visible: String {
        guard unicodeScalars.contains(where: \.needsEscape) else { return String(self) }
        var output = ""
        for scalar in unicodeScalars {
            if scalar.needsEscape {
                output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

extension Unicode.Scalar {
    fileprivate var needsEscape: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

extension UInt8 {
    /// This byte in a message: `"!"` when it is a printable ASCII character, else `byte 0xE9`.
    var shown: String {
        (0x21...0x7E).contains(self) ? "\"\(Character(Unicode.Scalar(self)))\"" : "byte 0x" + hex
    }

    /// `E9`: two upper-case hex digits.
    var hex: String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(self >> 4)], digits[Int(self & 0x0F)]])
    }
}
