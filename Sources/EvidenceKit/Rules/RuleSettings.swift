import Foundation

/// Thresholds and patterns of the rules: the `rules:` section of the store's `config.yaml`.
///
/// Every key has a documented default (``StoreConfiguration/documentedDefaults``); `evidence rules`
/// shows the values in force. Patterns are regular expressions matched case-insensitively against
/// an entry's description; categories are matched exactly.
public struct RuleSettings: Sendable, Equatable {
    /// `charge.third-party`: descriptions and categories of premium-SMS, content and other
    /// third-party charges.
    public var thirdPartyPatterns = [
        #"premium\s*(sms|text|message)"#, #"third[- ]?party"#, #"\b(content|digital)\s+(purchase|service|provider)"#,
        #"\bshort\s*code\b"#, #"\bclub\b"#, #"\b(trivia|horoscope|ringtone|wallpaper)s?\b"#, #"billed on behalf"#,
    ]
    public var thirdPartyCategories = ["premium-sms", "third-party", "content"]
    /// `charge.unlimited-overage`: data overage and speed-boost charges.
    public var overagePatterns = [
        #"\boverage\b"#, #"\bdata\s+(boost|pass|add-?on|top-?up)\b"#, #"\bspeed\s+boost\b"#, #"\b(extra|additional)\s+data\b"#,
    ]
    public var overageCategories = ["data-overage"]
    /// `fee.late-despite-payment`: what a late fee is called.
    public var lateFeePatterns = [#"\blate\s+(payment\s+)?(fee|charge)\b"#, #"\bpast[- ]due\s+(fee|charge)\b"#]
    /// `charge.price-change`: a recurring charge that moves by more than this percentage.
    public var priceChangePercent = 5
    /// `usage.unmatched-call`: how far apart (minutes) a billed call and a logged call may start.
    public var callMatchMinutes = 10
    /// `payment.not-credited`: days between a payment and the provider's credit for it.
    public var paymentMatchDays = 5
    /// `charge.after-cancellation`: count taxes billed after the cancellation too.
    public var afterCancellationIncludesTaxes = true
    /// Pattern rules a person adds without code.
    public var patternRules: [PatternRuleSetting] = []

    public init() {}

    /// One user pattern rule: entries whose description matches (and kind and amount range, when
    /// given) raise a finding of `id` at `severity`.
    public struct PatternRuleSetting: Sendable, Equatable, Decodable {
        public var id: String
        public var match: String
        public var kind: EntryKind?
        public var minAmount: String?
        public var maxAmount: String?
        public var severity: Finding.Severity
        public var summary: String

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case id, match, kind, minAmount, maxAmount, severity, summary
        }

        public init(from decoder: any Decoder) throws {
            try YAMLKeys.rejectUnknown(in: decoder, known: CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            match = try container.decode(String.self, forKey: .match)
            kind = try container.decodeIfPresent(EntryKind.self, forKey: .kind)
            minAmount = try container.decodeIfPresent(String.self, forKey: .minAmount)
            maxAmount = try container.decodeIfPresent(String.self, forKey: .maxAmount)
            severity = try container.decodeIfPresent(Finding.Severity.self, forKey: .severity) ?? .medium
            summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? "A charge matches the pattern \(match)."
        }
    }
}

extension RuleSettings: Decodable {
    private enum Key: String, CodingKey, CaseIterable {
        case thirdPartyPatterns, thirdPartyCategories, overagePatterns, overageCategories, lateFeePatterns
        case priceChangePercent, callMatchMinutes, paymentMatchDays, afterCancellationIncludesTaxes, patternRules
    }

    public init(from decoder: any Decoder) throws {
        try YAMLKeys.rejectUnknown(in: decoder, known: Key.self)
        let container = try decoder.container(keyedBy: Key.self)
        var settings = RuleSettings()
        func read<T: Decodable>(_ key: Key, into value: inout T) throws {
            if let decoded = try container.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        try read(.thirdPartyPatterns, into: &settings.thirdPartyPatterns)
        try read(.thirdPartyCategories, into: &settings.thirdPartyCategories)
        try read(.overagePatterns, into: &settings.overagePatterns)
        try read(.overageCategories, into: &settings.overageCategories)
        try read(.lateFeePatterns, into: &settings.lateFeePatterns)
        try read(.priceChangePercent, into: &settings.priceChangePercent)
        try read(.callMatchMinutes, into: &settings.callMatchMinutes)
        try read(.paymentMatchDays, into: &settings.paymentMatchDays)
        try read(.afterCancellationIncludesTaxes, into: &settings.afterCancellationIncludesTaxes)
        try read(.patternRules, into: &settings.patternRules)
        let patterns = settings.thirdPartyPatterns + settings.overagePatterns + settings.lateFeePatterns
            + settings.patternRules.map(\.match)
        for pattern in patterns where (try? NSRegularExpression(pattern: pattern)) == nil {
            throw RecordError("rules: pattern \"\(pattern)\" is not a valid regular expression")
        }
        for rule in settings.patternRules {
            for amount in [rule.minAmount, rule.maxAmount].compactMap({ $0 })
            where (try? AmountParser().parse(amount, currency: .usd)) == nil {
                throw RecordError("rules: patternRules \(rule.id): amount \"\(amount)\" is not an amount")
            }
            if RuleRegistry.builtIn.contains(where: { $0.id == rule.id }) {
                throw RecordError("rules: patternRules id \(rule.id) is a built-in rule's id; choose another")
            }
        }
        guard settings.priceChangePercent >= 0, settings.callMatchMinutes >= 0, settings.paymentMatchDays >= 0 else {
            throw RecordError("rules: priceChangePercent, callMatchMinutes and paymentMatchDays must be 0 or more")
        }
        self = settings
    }
}

/// A list of compiled, case-insensitive patterns, remembering its answer for each text it has
/// seen (bills repeat the same few descriptions thousands of times).
///
/// A pattern that needs more than ``BoundedPattern/timeLimitMicroseconds`` on a description counts as not
/// matching it, and the context keeps the first such problem for the finding engine to report.
final class PatternSet: @unchecked Sendable {  // used by one rule evaluation at a time
    private let expressions: [BoundedPattern]
    private let problems: PatternProblems
    private var answers: [String: Bool] = [:]

    init(_ patterns: [String], _ context: RuleContext) {
        expressions = patterns.compactMap { try? BoundedPattern($0, name: "config.yaml: rules: pattern") }
        problems = context.patternProblems
    }

    func matches(_ text: String) -> Bool {
        if let known = answers[text] { return known }
        var answer = false
        for expression in expressions {
            do {
                if try expression.matches(text) {
                    answer = true
                    break
                }
            } catch {
                problems.record(error)
            }
        }
        answers[text] = answer
        return answer
    }
}

/// The first pattern of the rules' settings that ran out of time, shared by one evaluation.
final class PatternProblems: @unchecked Sendable {
    private let lock = NSLock()
    private var problem: RecordError?

    func record(_ error: RecordError) {
        lock.lock()
        defer { lock.unlock() }
        if problem == nil { problem = error }
    }

    var first: RecordError? {
        lock.lock()
        defer { lock.unlock() }
        return problem
    }
}
