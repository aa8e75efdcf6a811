/// `charge.price-change`: a recurring charge whose amount differs from the previous periods by
/// more than `priceChangePercent`.
///
/// A charge recurs when its description appears on two or more statements (or months, for lines
/// outside statements). Only rises are flagged; the amount at issue is the rise times the periods
/// billed at the new price.
struct PriceChangeRule: Rule {
    let id = "charge.price-change"
    let title = "A recurring charge went up"
    let severity = Finding.Severity.medium
    let rationale = """
        A recurring charge that rises without notice is a change of contract terms; providers must \
        announce price changes, and an unannounced rise can be disputed.
        """

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("priceChangePercent", String(settings.priceChangePercent))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        // description → periods in order → that period's entries
        var series: [String: [(period: String, entries: [Entry])]] = [:]
        var order: [String] = []
        for entry in context.entries where (entry.draft.kind == .charge || entry.draft.kind == .fee) && entry.draft.amount.minorUnits > 0 {
            let draft = entry.draft
            let key = context.normalized(draft) + "|" + draft.amount.currency.code
            let period = draft.statementId ?? String(draft.date.description.prefix(7))
            if series[key] == nil { order.append(key) }
            if let index = series[key]?.lastIndex(where: { $0.period == period }) {
                series[key, default: []][index].entries.append(entry)
            } else {
                series[key, default: []].append((period, [entry]))
            }
        }
        var findings: [Finding] = []
        for key in order {
            guard let periods = series[key], periods.count >= 2 else { continue }
            let prices = periods.map { Self.usualAmount($0.entries) }
            var index = 1
            while index < periods.count {
                let old = prices[index - 1]
                let new = prices[index]
                let rise = new - old
                guard rise > 0, rise * 100 > Int64(context.settings.priceChangePercent) * old else {
                    index += 1
                    continue
                }
                var end = index
                while end + 1 < periods.count && prices[end + 1] == new { end += 1 }
                let count = end - index + 1
                let oldEntry = periods[index - 1].entries.filter { $0.draft.amount.minorUnits == old }
                let newEntries = periods[index...end].flatMap { $0.entries.filter { $0.draft.amount.minorUnits == new } }
                guard let first = newEntries.first else { break }
                let currency = first.draft.amount.currency
                let percent = old > 0 ? " (+\((rise * 100 + old / 2) / old) %)" : ""
                let atIssue = Money(minorUnits: rise * Int64(count), currency: currency)
                findings.append(finding(
                    context, key: key + "|" + periods[index].period, amount: atIssue, date: first.draft.date,
                    summary: "\"\(first.draft.description)\" went from \(Money(minorUnits: old, currency: currency).formatted) "
                        + "to \(first.draft.amount.formatted)\(percent) on \(periods[index].period); "
                        + "over \(count) period\(count == 1 ? "" : "s") that is \(atIssue.formatted) more.",
                    entries: (oldEntry.last.map { [$0] } ?? []) + newEntries))
                index = end + 1
            }
        }
        return findings
    }

    /// The amount most lines of one period have (the larger on a tie).
    private static func usualAmount(_ entries: [Entry]) -> Int64 {
        var counts: [Int64: Int] = [:]
        for entry in entries { counts[entry.draft.amount.minorUnits, default: 0] += 1 }
        return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 0
    }
}
