/// `charge.duplicate`: the same charge more than once for the same date or service period.
struct DuplicateChargeRule: Rule {
    let id = "charge.duplicate"
    let title = "The same charge billed twice"
    let severity = Finding.Severity.high
    let rationale = """
        Two lines with the same description and amount on one statement (or on one day) bill one \
        service twice; every copy after the first is money you do not owe.
        """

    func evaluate(_ context: RuleContext) -> [Finding] {
        var groups: [String: [Entry]] = [:]
        var order: [String] = []
        for entry in context.entries where entry.draft.kind.isCharge && entry.draft.amount.minorUnits > 0 {
            let draft = entry.draft
            let period = draft.statementId ?? draft.date.description
            // A charge, fee or tax twice on one statement is a duplicate whatever its line dates; usage
            // lines (calls) are the same only at the same date and time.
            let moment = draft.kind == .usage ? [draft.date.description, draft.time ?? ""] : []
            let key = ([period, context.normalized(draft), String(draft.amount.minorUnits), draft.amount.currency.code]
                + moment).joined(separator: "|")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.compactMap { key in
            guard let copies = groups[key], copies.count > 1, let first = copies.first else { return nil }
            let draft = first.draft
            let extra = Money(minorUnits: draft.amount.minorUnits * Int64(copies.count - 1), currency: draft.amount.currency)
            let place = draft.statementId.map { "statement \($0)" } ?? "the same day"
            return finding(
                context, key: key, amount: extra, date: draft.date,
                summary: "\(draft.shortText) is billed \(copies.count) times on \(place) (\(draft.date)): "
                    + "\(extra.formatted) more than one charge.",
                entries: copies)
        }
    }
}
