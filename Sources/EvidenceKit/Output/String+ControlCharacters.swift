extension StringProtocol {
    /// The text with every control character written out as `\xNN` (its code point in hex): the
    /// C0 controls (U+0000–U+001F, which include tab, line feed and escape), DEL (U+007F) and the
    /// C1 controls (U+0080–U+009F).
    ///
    /// For text that came from a file someone else made (a zip entry's name, a manifest's path)
    /// and is printed: an escape sequence in it must not reach the terminal raw, where it could
    /// recolour, hide or rewrite what is shown, and a line break must not split one line in two.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControlCharacter) else { return String(self) }
        let digits = Array("0123456789abcdef".unicodeScalars)
        var escaped = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard scalar.isControlCharacter else {
                escaped.append(scalar)
                continue
            }
            escaped.append(contentsOf: ["\\", "x", digits[Int(scalar.value >> 4)], digits[Int(scalar.value & 0x0F)]])
        }
        return String(escaped)
    }
}

extension Unicode.Scalar {
    /// C0, DEL or C1: the code points a terminal may act on instead of showing.
    var isControlCharacter: Bool {
        value < 0x20 || (value >= 0x7F && value <= 0x9F)
    }
}
