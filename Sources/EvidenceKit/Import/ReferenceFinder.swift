public import Foundation

/// Finds the provider's reference numbers in the text of emails and text messages
/// ("Reference: CR-88231", "ticket #4471", "confirmation number 88231-A").
///
/// Each pattern is a regular expression (case-insensitive) whose first capture group, or whole
/// match when it has none, is the reference. A reference must hold a digit, so "reference to your
/// bill" finds nothing. The patterns come from the store's `config.yaml` (`referencePatterns`).
public struct ReferenceFinder: Sendable {
    /// The patterns used when the configuration names none.
    public static let defaultPatterns = [
        #"\b(?:reference|ref|confirmation|conf|ticket|case|order|request|tracking)\.?(?:\s+(?:number|num|no|id)\.?)?(?:\s+is)?(?:\s*[:#]+\s*|\s+)#?([A-Z0-9][A-Z0-9-]{2,}[A-Z0-9])\b"#,
        // Chinese labels (参考编号, 工单号, 受理号, 订单号, 单号, 编号), spaces between characters
        // allowed as OCR leaves them.
        #"(?:参\s?考\s?编\s?号|参\s?考\s?号|工\s?单\s?号|受\s?理\s?号|订\s?单\s?号|单\s?号|编\s?号)\s*[:：#]?\s*([A-Z0-9][A-Z0-9-]{2,}[A-Z0-9])\b"#,
    ]

    /// The finder with the built-in patterns.
    public static let builtIn: ReferenceFinder = {
        // The built-in pattern is a constant that a test compiles; it cannot fail here.
        guard let finder = try? ReferenceFinder(patterns: defaultPatterns) else { return ReferenceFinder() }
        return finder
    }()

    public let patterns: [String]
    private let expressions: [BoundedPattern]

    /// No patterns: finds nothing.
    private init() {
        patterns = []
        expressions = []
    }

    /// Compiles the patterns; a ``RecordError`` names one that is not a valid regular expression.
    public init(patterns: [String] = ReferenceFinder.defaultPatterns) throws(RecordError) {
        self.patterns = patterns
        var expressions: [BoundedPattern] = []
        for pattern in patterns { expressions.append(try BoundedPattern(pattern, name: "reference pattern")) }
        self.expressions = expressions
    }

    /// The references in `texts`, each once, in order of first appearance.
    ///
    /// Throws when a pattern needs more than ``BoundedPattern/timeLimitMicroseconds`` on one text.
    public func references(in texts: String...) throws(RecordError) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        for text in texts {
            var matches: [(Int, String)] = []
            for expression in expressions {
                for match in try expression.allMatches(in: text) {
                    let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                    guard let swiftRange = Range(range, in: text) else { continue }
                    let reference = String(text[swiftRange])
                    if reference.contains(where: \.isNumber) { matches.append((range.location, reference)) }
                }
            }
            for (_, reference) in matches.sorted(by: { $0.0 < $1.0 }) where seen.insert(reference).inserted {
                found.append(reference)
            }
        }
        return found
    }
}
