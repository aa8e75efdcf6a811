extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (Unicode category Zs and U+0009):
    /// what `trimmingCharacters(in: .whitespaces)` gives, without Foundation's round trip through
    /// NSString, which cost a third of an import's time.
    var trimmingSpaces: String {
        let text = String(self)
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, !mayBeSpace(first), !mayBeSpace(last) {
            return text
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpaceOrTab }),
            let end = scalars.lastIndex(where: { !$0.isSpaceOrTab })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

extension Unicode.Scalar {
    var isSpaceOrTab: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && properties.generalCategory == .spaceSeparator)
    }
}

/// A first or last byte that can belong to a space: ASCII space or tab, or any non-ASCII byte.
private func mayBeSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte >= 0x80
}
