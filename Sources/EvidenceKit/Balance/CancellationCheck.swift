/// The answer to "is my cancellation blocked by arrears, and by how much?" (DOMAIN.md).
///
/// Blocked when the undisputed past due exceeds the tolerance (`cancellationTolerance`). The
/// answer names the statements the blocking amount comes from and the disputed amount left out.
public struct CancellationCheck: Sendable, Codable {
    public var account: String
    public var asOf: CalendarDate
    public var currency: Currency
    public var blocked: Bool
    public var balance: Money
    public var pastDue: Money
    public var disputed: Money
    public var undisputedPastDue: Money
    public var tolerance: Money
    public var blockingStatements: [AccountBalance.PastDueStatement]
    /// The answer in plain words, and what would unblock it.
    public var reasons: [String]

    /// The checks of every account (or one), one per account and currency.
    public static func evaluate(store: Store, account: String? = nil, asOf: CalendarDate) throws(StoreError) -> [CancellationCheck] {
        let configuration = try store.configuration()
        let balances = try BalanceCalculator(store: store).balances(account: account, asOf: asOf)
        var checks = balances.map { CancellationCheck(balance: $0, tolerance: configuration.cancellationTolerance) }
        // An account without entries owes nothing: not blocked.
        for known in try store.accounts() where (account == nil || known.id == account) && !balances.contains(where: { $0.account == known.id }) {
            let zero = Money.zero(configuration.defaultCurrency)
            checks.append(CancellationCheck(
                balance: AccountBalance(
                    account: known.id, currency: zero.currency, asOf: asOf, balance: zero, pastDue: zero, disputed: zero,
                    undisputedPastDue: zero, aging: .zero(zero.currency), pastDueStatements: []),
                tolerance: configuration.cancellationTolerance))
        }
        return checks.sorted { ($0.account, $0.currency.code) < ($1.account, $1.currency.code) }
    }

    init(balance: AccountBalance, tolerance configured: Money) {
        account = balance.account
        asOf = balance.asOf
        currency = balance.currency
        self.balance = balance.balance
        pastDue = balance.pastDue
        disputed = balance.disputed
        undisputedPastDue = balance.undisputedPastDue
        tolerance = configured.currency == balance.currency ? configured : .zero(balance.currency)
        blocked = balance.undisputedPastDue > tolerance
        blockingStatements = blocked ? balance.pastDueStatements : []
        reasons = []
        reasons = explanation()
    }

    /// The same check judged on a later day on which nothing else changed (no statement fell past
    /// due, no record or case event is dated in between): only the days past due grow.
    func judged(asOf later: CalendarDate) -> CancellationCheck {
        var moved = self
        let days = asOf.days(until: later)
        moved.asOf = later
        moved.blockingStatements = blockingStatements.map {
            var statement = $0
            statement.daysPastDue += days
            return statement
        }
        moved.reasons = moved.explanation()
        return moved
    }

    /// The answer in plain words, from the figures.
    private func explanation() -> [String] {
        let leftOut = Money(minorUnits: pastDue.minorUnits - undisputedPastDue.minorUnits, currency: currency)
        guard blocked else {
            var reasons = ["The undisputed past due of \(undisputedPastDue.formatted) is within the tolerance of \(tolerance.formatted)."]
            if leftOut.minorUnits > 0 {
                reasons.append("\(leftOut.formatted) of past-due charges is disputed and left out.")
            }
            return reasons
        }
        let sources = blockingStatements.map {
            "\($0.statementId) (due \($0.dueDate), \($0.daysPastDue) days past due, \($0.amount.formatted))"
        }
        return [
            "The undisputed past due of \(undisputedPastDue.formatted) is more than the tolerance of \(tolerance.formatted).",
            "It comes from " + sources.joined(separator: ", ") + ".",
            "Disputed and left out: \(leftOut.formatted).",
            "To unblock it, pay \(Money(minorUnits: undisputedPastDue.minorUnits - tolerance.minorUnits, currency: currency).formatted), "
                + "or dispute the charges you contest (`evidence flags`, then `evidence case add --event dispute-filed "
                + "--finding ID`); disputed charges are left out of the arrears.",
        ]
    }
}
