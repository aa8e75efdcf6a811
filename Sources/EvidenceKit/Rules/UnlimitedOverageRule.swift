/// `charge.unlimited-overage`: data overage or speed-boost charges on a plan with unlimited data.
struct UnlimitedOverageRule: Rule {
    let id = "charge.unlimited-overage"
    let title = "Data overage on an unlimited plan"
    let severity = Finding.Severity.high
    let rationale = "A plan sold with unlimited data has no data allowance to exceed, so it cannot owe data overage."

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("overagePatterns", settings.overagePatterns.joined(separator: " | ")),
         ("overageCategories", settings.overageCategories.joined(separator: ", "))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        guard context.account.unlimitedData else { return [] }
        let patterns = PatternSet(context.settings.overagePatterns, context)
        let categories = Set(context.settings.overageCategories.map { $0.lowercased() })
        let plan = context.account.planName.map { " \"\($0)\"" } ?? ""
        let overages = context.entries.filter { entry in
            let draft = entry.draft
            return draft.kind.isCharge && draft.amount.minorUnits > 0
                && (categories.contains(draft.category?.lowercased() ?? "") || patterns.matches(draft.description))
        }
        return EntryKeys(overages).map { entry, key in
            let draft = entry.draft
            return finding(
                context, key: key, amount: draft.amount, date: draft.date,
                summary: "\(draft.shortText) on \(draft.statementId ?? draft.date.description) charges for data "
                    + "on the plan\(plan), whose data is unlimited.",
                entries: [entry])
        }
    }
}

/// Entries with a key that identifies each one stably (identical lines get their occurrence number).
///
/// Give it every entry a rule picked; identical lines are picked alike, so their numbering holds.
struct EntryKeys: Sequence {
    private let pairs: [(Entry, String)]

    init(_ entries: [Entry]) {
        var seen: [String: Int] = [:]
        pairs = entries.map { entry in
            let draft = entry.draft
            let base = [draft.statementId ?? "", draft.date.description, draft.time ?? "", draft.normalizedDescription,
                        String(draft.amount.minorUnits), draft.amount.currency.code].joined(separator: "|")
            let occurrence = seen[base, default: 0]
            seen[base] = occurrence + 1
            return (entry, "\(base)|\(occurrence)")
        }
    }

    func makeIterator() -> IndexingIterator<[(Entry, String)]> { pairs.makeIterator() }
}
