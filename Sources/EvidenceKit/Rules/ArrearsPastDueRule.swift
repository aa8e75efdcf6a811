/// `arrears.past-due`: an undisputed past-due balance, with its aging.
struct ArrearsPastDueRule: Rule {
    let id = "arrears.past-due"
    let title = "Undisputed past-due balance"
    let severity = Finding.Severity.medium
    let rationale = """
        Past-due statements still ask for this much after every payment and credit, not counting \
        the entries you dispute; it is what the provider can claim blocks a cancellation.
        """

    func evaluate(_ context: RuleContext) -> [Finding] {
        context.balances.compactMap { balance in
            guard balance.undisputedPastDue.minorUnits > 0, let oldest = balance.pastDueStatements.last else { return nil }
            let ids = Set(balance.pastDueStatements.map(\.statementId))
            let entries = context.entries.filter {
                $0.draft.amount.minorUnits > 0 && $0.draft.amount.currency == balance.currency
                    && ids.contains($0.draft.statementId ?? "")
            }
            let aging = balance.pastDueStatements.reversed().map {
                "\($0.amount.formatted) of \($0.statementId) is \($0.daysPastDue) days past due"
            }
            return finding(
                context, key: balance.currency.code, amount: balance.undisputedPastDue, date: oldest.dueDate,
                summary: "\(context.account.id) has \(balance.undisputedPastDue.formatted) past due that you do not dispute "
                    + "as of \(context.asOf): " + aging.joined(separator: "; ") + ".",
                entries: entries)
        }
    }
}
