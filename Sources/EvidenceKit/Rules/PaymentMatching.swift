/// Which bank and card records are payments to the provider, and which ledger payment credits
/// each: the one place `payment.not-credited` and `evidence bank` decide it
/// (`fee.late-despite-payment` reads ledger payments and `payment-made` case events only).
public enum PaymentMatching {
    /// What a bank or card record is to a provider account.
    public enum Role: String, Sendable {
        /// Money out whose description names the account id or the provider.
        case payment
        /// Money in from the provider (its description names the account or the provider).
        case refund
        /// The bank's reversal of a payment (camt.053 `RvslInd`): the payment bounced.
        case reversal
        /// Anything else: salary, rent, groceries.
        case other
    }

    /// A payment to the provider: a bank or card record, `payment-made` case events, or both.
    public struct Payment: Sendable {
        public var date: CalendarDate
        /// As the bank shows it: negative.
        public var amount: Money
        public var bankRecord: BankTransaction?
        /// The `payment-made` case events that record it.
        public var events: [CaseEvent]
    }

    /// The payments to `account`'s provider, in date order: its bank and card records whose role is
    /// payment, and its `payment-made` case events (an event of the same amount within `window`
    /// days of a bank payment records that payment rather than another).
    public static func payments(
        of account: Account, bank: [BankTransaction], events: [CaseEvent], window: Int
    ) -> [Payment] {
        let reversed = reversedPayments(of: account, bank: bank)
        var payments = bank.filter { role(of: $0.draft, for: account) == .payment && !reversed.contains($0.id) }.map {
            Payment(date: $0.draft.date, amount: $0.draft.amount, bankRecord: $0, events: [])
        }
        for event in events where event.draft.kind == .paymentMade {
            guard let amount = event.draft.amount else { continue }
            let paid = -amount
            if let index = payments.firstIndex(where: { $0.amount == paid && abs($0.date.days(until: event.draft.date)) <= window }) {
                payments[index].events.append(event)
            } else {
                payments.append(Payment(date: event.draft.date, amount: paid, bankRecord: nil, events: [event]))
            }
        }
        return payments.sorted(by: { $0.date < $1.date })
    }

    /// The role of `transaction` for `account`.
    public static func role(of transaction: BankTransactionDraft, for account: Account) -> Role {
        guard names(account, in: transaction.description) else { return .other }
        if transaction.transactionType == reversalType { return .reversal }
        return transaction.amount.minorUnits < 0 ? .payment : .refund
    }

    /// The type a bank's reversal of a booking is kept with.
    public static let reversalType = "REVERSAL"

    /// The ids of the payments to `account` that a later reversal of the same amount returned
    /// (each reversal returns the latest such payment on or before its date): never counted as paid.
    public static func reversedPayments(of account: Account, bank: [BankTransaction]) -> Set<Int64> {
        var reversed: Set<Int64> = []
        let payments = bank.filter { role(of: $0.draft, for: account) == .payment }
        for reversal in bank where role(of: reversal.draft, for: account) == .reversal {
            let returned = payments.last {
                !reversed.contains($0.id) && $0.draft.amount == -reversal.draft.amount && $0.draft.date <= reversal.draft.date
            }
            if let returned { reversed.insert(returned.id) }
        }
        return reversed
    }

    /// Whether `text` names the account id (`NIM-4471` and `nim4471` alike) or the first word of
    /// four letters or more of the provider's name.
    static func names(_ account: Account, in text: String) -> Bool {
        let text = squashed(text)
        if text.contains(squashed(account.id)) { return true }
        guard let provider = account.provider else { return false }
        let words = provider.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 }
        return words.first.map { text.contains(String($0)) } ?? false
    }

    /// For each payment (a date and the amount as the bank shows it, negative; given in date
    /// order, which is the order they take credits in), the index in `credits` of the ledger
    /// payment that credits it: the first of the same amount dated within `window` days, each
    /// crediting one payment. Nil where none does.
    public static func credit(
        _ payments: [(date: CalendarDate, amount: Money)], with credits: [Entry], window: Int
    ) -> [Int?] {
        var open = Array(credits.indices)
        var found = [Int?](repeating: nil, count: payments.count)
        for index in payments.indices {
            let payment = payments[index]
            if let position = open.firstIndex(where: {
                credits[$0].draft.amount == payment.amount && abs(payment.date.days(until: credits[$0].draft.date)) <= window
            }) {
                found[index] = open.remove(at: position)
            }
        }
        return found
    }

    /// Lowercase letters and digits only.
    private static func squashed(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
