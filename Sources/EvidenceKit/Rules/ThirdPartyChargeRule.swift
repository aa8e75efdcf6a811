/// `charge.third-party`: premium-SMS, content and other third-party charges ("cramming").
struct ThirdPartyChargeRule: Rule {
    let id = "charge.third-party"
    let title = "Third-party charge (cramming)"
    let severity = Finding.Severity.high
    let rationale = """
        Premium-SMS and content subscriptions are billed by third parties through the phone bill, \
        often without a clear order ("cramming"); US carriers must remove charges you did not authorise.
        """

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("thirdPartyPatterns", settings.thirdPartyPatterns.joined(separator: " | ")),
         ("thirdPartyCategories", settings.thirdPartyCategories.joined(separator: ", "))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let patterns = PatternSet(context.settings.thirdPartyPatterns, context)
        let categories = Set(context.settings.thirdPartyCategories.map { $0.lowercased() })
        var groups: [String: [Entry]] = [:]
        var order: [String] = []
        for entry in context.entries where entry.draft.kind.isCharge && entry.draft.amount.minorUnits > 0 {
            let draft = entry.draft
            guard categories.contains(draft.category?.lowercased() ?? "") || patterns.matches(draft.description) else {
                continue
            }
            let key = context.normalized(draft) + "|" + draft.amount.currency.code
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.compactMap { key in
            guard let entries = groups[key], let first = entries.first, let last = entries.last else { return nil }
            let total = entries.total(first.draft.amount.currency)
            let times = entries.count == 1 ? "on \(first.draft.date)" : "\(entries.count) times from \(first.draft.date) to \(last.draft.date)"
            return finding(
                context, key: key, amount: total, date: first.draft.date,
                summary: "\"\(first.draft.description)\" is a third-party charge billed \(times), \(total.formatted) in all; "
                    + "dispute it unless you ordered it.",
                entries: entries)
        }
    }
}
