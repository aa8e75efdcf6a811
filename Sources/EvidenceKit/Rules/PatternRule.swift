/// A rule a person adds in `config.yaml` (`rules.patternRules`), without code: entries whose
/// description matches, of the kind and in the amount range given, raise a finding.
struct PatternRule: Rule {
    let setting: RuleSettings.PatternRuleSetting

    var id: String { setting.id }
    var title: String { "Your pattern: \(setting.match)" }
    var severity: Finding.Severity { setting.severity }
    var rationale: String { setting.summary }

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("match", setting.match), ("kind", setting.kind?.rawValue ?? "any"),
         ("minAmount", setting.minAmount ?? "none"), ("maxAmount", setting.maxAmount ?? "none")]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let pattern = PatternSet([setting.match], context)
        let picked = context.entries.filter { entry in
            let draft = entry.draft
            let currency = draft.amount.currency
            let minimum = setting.minAmount.flatMap { try? AmountParser().parse($0, currency: currency) }
            let maximum = setting.maxAmount.flatMap { try? AmountParser().parse($0, currency: currency) }
            return pattern.matches(draft.description) && (setting.kind.map { $0 == draft.kind } ?? true)
                && (minimum.map { draft.amount >= $0 } ?? true) && (maximum.map { draft.amount <= $0 } ?? true)
        }
        return EntryKeys(picked).map { entry, key in
            let draft = entry.draft
            return finding(
                context, key: key, amount: draft.amount, date: draft.date,
                summary: "\(draft.shortText) on \(draft.date): \(setting.summary)", entries: [entry])
        }
    }
}
