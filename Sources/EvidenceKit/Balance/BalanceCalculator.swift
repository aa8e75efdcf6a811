import GRDB

/// Computes balances, past due and aging exactly as DOMAIN.md defines them.
///
/// Past due = max(0, positive entries dated on or before D of statements due before D, plus every
/// negative entry dated on or before D, whichever statement carries it). Payments therefore pay the
/// oldest statements first, so what is left past due comes from the newest past-due statements:
/// aging assigns it to them newest first, each up to its own undisputed positive lines.
///
/// Disputed = the positive entries dated on or before D that a `dispute-filed` case event dated on
/// or before D names (directly, or through a finding it names). Undisputed past due = max(0, past
/// due − the disputed entries of past-due statements).
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
            let disputed = "id IN (\(Store.disputedEntriesSQL))"
            // `account = ?2` only when an account is asked for: written as `?2 IS NULL OR …` it
            // would keep SQLite from using the (account, date) index and scan the whole ledger.
            let accountCondition = account == nil ? "" : "AND account = ?2"
            let totals = try Row.fetchAll(
                db,
                sql: """
                    SELECT account, currency,
                        sum(amount) AS balance,
                        sum(CASE WHEN amount < 0 THEN amount ELSE 0 END) AS decreases,
                        sum(CASE WHEN amount > 0 AND \(disputed) THEN amount ELSE 0 END) AS disputed
                    FROM entry
                    WHERE date <= ?1 \(accountCondition)
                    GROUP BY account, currency ORDER BY account, currency
                    """, arguments: account.map { [date, $0] } ?? [date])
            for row in totals {
                let accountId: String = row["account"]
                let code: String = row["currency"]
                guard let currency = Currency(code: code) else { continue }
                let statements = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.statementId AS statementId, s.dueDate AS dueDate, sum(e.amount) AS owed,
                            sum(CASE WHEN e.\(disputed) THEN e.amount ELSE 0 END) AS disputed
                        FROM entry e JOIN statement s ON s.id = e.statement
                        WHERE e.account = ?2 AND e.currency = ?3 AND e.amount > 0 AND e.date <= ?1
                            AND s.dueDate IS NOT NULL AND s.dueDate < ?1
                        GROUP BY s.statementId ORDER BY s.dueDate DESC, s.statementId DESC
                        """, arguments: [date, accountId, code])
                let charged = statements.reduce(Int64(0)) { $0 + ($1["owed"] as Int64) }
                let disputedPastDue = statements.reduce(Int64(0)) { $0 + ($1["disputed"] as Int64) }
                let decreases: Int64 = row["decreases"]
                let pastDue = max(0, charged + decreases)
                let undisputed = max(0, pastDue - disputedPastDue)
                var aging = AccountBalance.Aging.zero(currency)
                var shares: [AccountBalance.PastDueStatement] = []
                var left = undisputed
                for statement in statements where left > 0 {
                    let owed: Int64 = statement["owed"]
                    let disputedHere: Int64 = statement["disputed"]
                    let dueText: String = statement["dueDate"]
                    guard let due = CalendarDate(iso: dueText) else { continue }
                    let share = min(left, owed - disputedHere)
                    guard share > 0 else { continue }
                    aging.add(share, daysPastDue: due.days(until: asOf))
                    shares.append(
                        AccountBalance.PastDueStatement(
                            statementId: statement["statementId"], dueDate: due,
                            amount: Money(minorUnits: share, currency: currency), daysPastDue: due.days(until: asOf)))
                    left -= share
                }
                results.append(
                    AccountBalance(
                        account: accountId, currency: currency, asOf: asOf,
                        balance: Money(minorUnits: row["balance"], currency: currency),
                        pastDue: Money(minorUnits: pastDue, currency: currency),
                        disputed: Money(minorUnits: row["disputed"], currency: currency),
                        undisputedPastDue: Money(minorUnits: undisputed, currency: currency), aging: aging,
                        pastDueStatements: shares))
            }
            return results
        }
    }
}
