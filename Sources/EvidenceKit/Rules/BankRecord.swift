/// A bank or card record as `evidence bank` shows it: what it is to a provider account, and the
/// ledger payment that credits it (matched as `payment.not-credited` matches it).
public struct BankRecord: Sendable {
    public var transaction: BankTransaction
    /// The provider account it pays or comes from; nil when it names none.
    public var account: String?
    public var role: PaymentMatching.Role
    /// The ledger payment that credits it; nil for a payment no statement shows (and for
    /// anything that is not a payment).
    public var creditedBy: Entry?
    /// A payment no statement credits yet, and no statement of its account is dated more than
    /// `paymentMatchDays` after it: too soon to say it was not credited.
    public var awaitingStatement = false
    /// A payment the bank reversed (it bounced): never counted as paid.
    public var reversed = false

    /// The bank records of `account` (every one when nil), dated from `from` to `to`, in date order.
    public static func load(
        store: Store, account: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil
    ) throws(StoreError) -> [BankRecord] {
        let window = try store.configuration().rules.paymentMatchDays
        let transactions = try store.bankTransactions(account: account)
        var records = transactions.map { BankRecord(transaction: $0, account: nil, role: .other, creditedBy: nil) }
        let position = Dictionary(transactions.indices.map { (transactions[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        for known in try store.accounts() where account == nil || known.id == account {
            let own = transactions.filter { $0.draft.account == nil || $0.draft.account == known.id }
            for transaction in own {
                guard let index = position[transaction.id], records[index].account == nil else { continue }
                let role = PaymentMatching.role(of: transaction.draft, for: known)
                if role != .other {
                    records[index].account = known.id
                    records[index].role = role
                }
            }
            for id in PaymentMatching.reversedPayments(of: known, bank: own) {
                if let index = position[id] { records[index].reversed = true }
            }
            var credits: [Entry] = []
            try store.forEachEntry(EntryFilter(account: known.id)) { entry in
                if entry.draft.kind == .payment && entry.draft.amount.minorUnits < 0 { credits.append(entry) }
            }
            let payments = PaymentMatching.payments(
                of: known, bank: own, events: try store.caseEvents(account: known.id), window: window)
            let credited = PaymentMatching.credit(payments.map { ($0.date, $0.amount) }, with: credits, window: window)
            let lastStatement = try store.statements(account: known.id).map(\.statementDate).max()
            for (payment, credit) in zip(payments, credited) {
                guard let id = payment.bankRecord?.id, let index = position[id] else { continue }
                if let credit {
                    records[index].creditedBy = credits[credit]
                } else {
                    records[index].awaitingStatement = lastStatement.map { payment.date.days(until: $0) <= window } ?? true
                }
            }
        }
        return records.filter { record in
            let date = record.transaction.draft.date
            return from.map { date >= $0 } ?? true && to.map { date <= $0 } ?? true
        }
    }
}
