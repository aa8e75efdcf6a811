import Foundation

/// Hides personal data in derived text (`--redact`): phone numbers and account numbers keep only
/// their last four digits, email addresses and the holder's name are replaced.
///
/// It works on finished text (a rendered report, a CSV), so nothing a renderer writes escapes it.
/// SHA-256 digests, dates and amounts are left alone. Original files are never changed.
public struct Redactor: Sendable {
    private let names: [String]
    private let accounts: [String]

    public init(accounts: [Account]) {
        var names: [String] = []
        for holder in accounts.compactMap(\.holder) {
            names.append(holder)
            names += holder.split(separator: " ").map(String.init).filter { $0.count >= 3 }
        }
        self.names = names.sorted { $0.count > $1.count }
        self.accounts = accounts.map(\.id).sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for account in accounts where account.count > 4 {
            result = result.replacingOccurrences(
                of: account, with: String(repeating: "*", count: account.count - 4) + account.suffix(4))
        }
        result = Self.replace(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: result) { _ in "[email redacted]" }
        // A phone number: +country code and 7 to 14 more digits, or a 10-digit North American number,
        // with spaces, dots, dashes or parentheses between groups; not part of a longer word or number.
        let phone = #"(?<![\w.-])(?:\+\d{1,3}[\s.-]?(?:\(?\d+\)?[\s.-]?){2,5}\d+|\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4})(?![\w-])"#
        result = Self.replace(phone, in: result) { match in
            let digits = match.filter(\.isNumber)
            guard digits.count >= 7 else { return match }
            return String(repeating: "•", count: digits.count - 4) + digits.suffix(4)
        }
        for name in names {
            result = Self.replace(#"\b\#(NSRegularExpression.escapedPattern(for: name))\b"#, in: result) { _ in "[name redacted]" }
        }
        return result
    }

    private static func replace(_ pattern: String, in text: String, with transform: (String) -> String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        var result = ""
        var last = text.startIndex
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            result += text[last..<range.lowerBound]
            result += transform(String(text[range]))
            last = range.upperBound
        }
        return result + text[last...]
    }
}
