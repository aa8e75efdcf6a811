/// Text from a file made safe to show on a terminal.
///
/// A file's bytes and names are untrusted: an escape sequence in a description or a file name
/// could move the cursor, retitle the window or hide the rest of a line. Every control character
/// but the line break and the tab, and the invisible characters that reorder text (bidi
/// overrides and isolates), is written as a visible escape: ESC as `\x1b`, NUL as `\x00`,
/// U+202E as `\u{202E}`. This is the one place that decides how such text is shown.
public enum TerminalText {
    /// `text` with every unsafe character replaced by a visible escape; line breaks and tabs kept
    /// (for tables and reports of several lines).
    public static func escaped(_ text: some StringProtocol) -> String {
        escape(text) { isUnsafe($0) }
    }

    /// `text` on one line: line breaks, tabs and the Unicode line and paragraph separators are
    /// escaped too (for a value quoted in a one-line message).
    public static func oneLine(_ text: some StringProtocol) -> String {
        escape(text) { isUnsafe($0) || $0 == "\n" || $0 == "\t" || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// Control characters (C0 but line break and tab, DEL, C1) and the bidirectional formatting
    /// characters that can make a line read differently from what it holds.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }

    private static func escape(_ text: some StringProtocol, where needsEscape: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            if scalar.value < 0x100 {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count == 1 ? "0" : "") + hex
            } else {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }
}

extension StringProtocol {
    /// The text on one line with every control character shown as an escape (`\x1b`, `\x0a`,
    /// `\u{202E}`): for a message that quotes something a file holds.
    var visible: String { TerminalText.oneLine(self) }
}
