import GRDB

/// Computes balances, past due and aging exactly as DOMAIN.md defines them.
///
/// Past due = max(0, positive entries dated on or before D of statements due before D, plus every
/// negative entry dated on or before D, whichever statement carries it). Payments therefore pay the
/// oldest statements first, so what is left past due comes from the newest past-due statements:
/// aging assigns it to them newest first, each up to its own positive lines.
public struct BalanceCalculator: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// One balance per account and currency, ordered by account then currency.
    public func balances(account: String? = nil, asOf: CalendarDate) throws(StoreError) -> [AccountBalance] {
        let date = asOf.description
        return try store.read { db in
            var results: [AccountBalance] = []
            let totals = try Row.fetchAll(
                db,
                sql: """
                    SELECT account, currency,
                        sum(amount) AS balance,
                        sum(CASE WHEN amount < 0 THEN amount ELSE 0 END) AS decreases
                    FROM entry
                    WHERE date <= ?1 AND (?2 IS NULL OR account = ?2)
                    GROUP BY account, currency ORDER BY account, currency
                    """, arguments: [date, account])
            for row in totals {
                let accountId: String = row["account"]
                let code: String = row["currency"]
                guard let currency = Currency(code: code) else { continue }
                let owedByStatement = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.dueDate AS dueDate, sum(e.amount) AS owed
                        FROM entry e JOIN statement s ON s.account = e.account AND s.statementId = e.statementId
                        WHERE e.account = ?1 AND e.currency = ?2 AND e.amount > 0 AND e.date <= ?3
                            AND s.dueDate IS NOT NULL AND s.dueDate < ?3
                        GROUP BY s.statementId ORDER BY s.dueDate DESC, s.statementId DESC
                        """, arguments: [accountId, code, date])
                let charged = owedByStatement.reduce(Int64(0)) { $0 + ($1["owed"] as Int64) }
                let decreases: Int64 = row["decreases"]
                let pastDue = max(0, charged + decreases)
                let disputed: Int64 = 0
                let undisputed = max(0, pastDue - disputed)
                var aging = AccountBalance.Aging.zero(currency)
                var left = undisputed
                for statement in owedByStatement where left > 0 {
                    let owed: Int64 = statement["owed"]
                    let dueText: String = statement["dueDate"]
                    guard let due = CalendarDate(iso: dueText) else { continue }
                    let share = min(left, owed)
                    aging.add(share, daysPastDue: due.days(until: asOf))
                    left -= share
                }
                results.append(
                    AccountBalance(
                        account: accountId, currency: currency, asOf: asOf,
                        balance: Money(minorUnits: row["balance"], currency: currency),
                        pastDue: Money(minorUnits: pastDue, currency: currency),
                        disputed: Money(minorUnits: disputed, currency: currency),
                        undisputedPastDue: Money(minorUnits: undisputed, currency: currency), aging: aging))
            }
            return results
        }
    }
}
