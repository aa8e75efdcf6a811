import Dispatch
public import Foundation

/// A user's regular expression (a reference pattern, a mapping's pattern, a rule's), matched
/// with a bound on its work.
///
/// ICU's engine backtracks: a pattern such as `(a+)+$` takes exponential time on a long line
/// that almost matches. Every match here stops after ``timeLimitMicroseconds`` and throws, naming the pattern,
/// instead of running for minutes.
struct BoundedPattern: @unchecked Sendable {  // NSRegularExpression is immutable, not marked Sendable on Linux
    /// How long the search for one match may take, in microseconds, plus one a character of the text.
    static let timeLimitMicroseconds = 250_000

    /// What the pattern is, for messages: `reference pattern`, `rules: patternRules crammed-quiz`.
    let name: String
    let source: String
    private let expression: NSRegularExpression

    /// Compiles `source` (case-insensitive); a ``RecordError`` names a pattern that is not valid.
    init(_ source: String, name: String) throws(RecordError) {
        self.name = name
        self.source = source
        do {
            expression = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
        } catch {
            throw RecordError("\(name) \"\(source)\" is not a valid regular expression")
        }
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) throws(RecordError) -> Bool {
        var found = false
        try enumerate(in: text) { _ in
            found = true
            return false
        }
        return found
    }

    /// Every match in `text`, in order.
    func allMatches(in text: String) throws(RecordError) -> [NSTextCheckingResult] {
        var results: [NSTextCheckingResult] = []
        try enumerate(in: text) {
            results.append($0)
            return true
        }
        return results
    }

    /// Calls `body` with each match until it returns false; throws when the time limit is passed.
    private func enumerate(in text: String, _ body: (NSTextCheckingResult) -> Bool)
        throws(RecordError)
    {
        // The limit is per match, and grows with the text (a microsecond a character) so that a
        // long text scanned once is not taken for backtracking, which grows far faster.
        let limit = DispatchTimeInterval.microseconds(Self.timeLimitMicroseconds + text.utf16.count)
        var deadline = DispatchTime.now() + limit
        var exceeded = false
        // enumerateMatches takes an escaping block on Linux, although it calls it only before returning.
        withoutActuallyEscaping(body) { body in
            expression.enumerateMatches(
                in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)
            ) { result, _, stop in
                if let result {
                    if !body(result) { stop.pointee = true }
                    deadline = DispatchTime.now() + limit
                } else if DispatchTime.now() > deadline {
                    exceeded = true
                    stop.pointee = true
                }
            }
        }
        if exceeded {
            let excerpt = (text.count > 40 ? String(text.prefix(40)) + "…" : text).visible
            throw RecordError(
                "\(name) \"\(source)\" needs too long (over \((Self.timeLimitMicroseconds + text.utf16.count) / 1000) ms) on one text (\"\(excerpt)\", \(text.count) characters): "
                    + "it backtracks too much; simplify it (avoid nested repetition such as (a+)+)")
        }
    }
}
