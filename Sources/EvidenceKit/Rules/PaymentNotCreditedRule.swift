/// `payment.not-credited`: a payment recorded elsewhere (a bank record, a `payment-made` case event)
/// that no statement shows.
///
/// A bank transaction is a payment to the provider when it is money out and its description names
/// the account id or the provider. It is credited when a ledger payment of the same amount is
/// dated within `paymentMatchDays` of it (each ledger payment credits one payment). It is flagged
/// only when a statement dated more than `paymentMatchDays` after it exists, which should show it.
struct PaymentNotCreditedRule: Rule {
    let id = "payment.not-credited"
    let title = "Payment never credited"
    let severity = Finding.Severity.high
    let rationale = "Money you paid and can show a record of must reduce your balance; a payment no statement shows is still owed back to you."

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("paymentMatchDays", String(settings.paymentMatchDays))]
    }

    private struct Payment {
        var date: CalendarDate
        var amount: Money
        var evidence: [Finding.Evidence]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let window = context.settings.paymentMatchDays
        var payments: [Payment] = context.bankTransactions.filter { isPaymentToProvider($0, context.account) }.map {
            Payment(
                date: $0.draft.date, amount: $0.draft.amount,
                evidence: [Finding.Evidence("bank: \($0.draft.description) \($0.draft.amount.formatted)", source: $0.draft.provenance)])
        }
        for event in context.caseEvents where event.draft.kind == .paymentMade {
            guard let amount = event.draft.amount else { continue }
            let paid = -amount
            let record = Finding.Evidence("case event \(event.id): payment made \(event.draft.date)", source: nil)
            if let index = payments.firstIndex(where: { $0.amount == paid && abs($0.date.days(until: event.draft.date)) <= window }) {
                payments[index].evidence.append(record)
            } else {
                payments.append(Payment(date: event.draft.date, amount: paid, evidence: [record]))
            }
        }
        var credits = context.entries.filter { $0.draft.kind == .payment && $0.draft.amount.minorUnits < 0 }
        var findings: [Finding] = []
        for payment in payments.sorted(by: { $0.date < $1.date }) {
            if let index = credits.firstIndex(where: {
                $0.draft.amount == payment.amount && abs(payment.date.days(until: $0.draft.date)) <= window
            }) {
                credits.remove(at: index)
                continue
            }
            let later = context.statements.filter { payment.date.days(until: $0.statementDate) > window }
            guard !later.isEmpty else { continue }
            let amount = -payment.amount
            findings.append(finding(
                context, key: "\(payment.date)|\(payment.amount.minorUnits)|\(payment.amount.currency.code)", amount: amount,
                date: payment.date,
                summary: "Your payment of \(amount.formatted) on \(payment.date) does not appear on any later statement "
                    + "(\(later.map(\.statementId).joined(separator: ", "))).",
                entries: [], evidence: payment.evidence))
        }
        return findings
    }

    private func isPaymentToProvider(_ transaction: BankTransaction, _ account: Account) -> Bool {
        guard transaction.draft.amount.minorUnits < 0 else { return false }
        let text = Self.squashed(transaction.draft.description)
        if text.contains(Self.squashed(account.id)) { return true }
        guard let provider = account.provider else { return false }
        let words = provider.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 }
        return words.first.map { text.contains(String($0)) } ?? false
    }

    /// Lowercase letters and digits only: `NIM-4471` and `nim4471` compare equal.
    private static func squashed(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

/// `credit.promised-not-applied`: a credit promised in a case event that no later statement shows.
struct CreditPromisedNotAppliedRule: Rule {
    let id = "credit.promised-not-applied"
    let title = "Promised credit not applied"
    let severity = Finding.Severity.medium
    let rationale = "A credit the provider promised (and you recorded) must appear on a later statement."

    func evaluate(_ context: RuleContext) -> [Finding] {
        var credits = context.entries.filter { $0.draft.amount.minorUnits < 0 && $0.draft.kind != .payment }
        return context.caseEvents.compactMap { event in
            guard event.draft.kind == .creditPromised, let amount = event.draft.amount else { return nil }
            if let index = credits.firstIndex(where: { $0.draft.amount == -amount && $0.draft.date >= event.draft.date }) {
                credits.remove(at: index)
                return nil
            }
            let later = context.statements.filter { $0.statementDate > event.draft.date }
            guard !later.isEmpty else { return nil }
            let reference = event.draft.reference.map { " (ref \($0))" } ?? ""
            return finding(
                context, key: "\(event.id)", amount: amount, date: event.draft.date,
                summary: "The credit of \(amount.formatted) promised on \(event.draft.date)\(reference) is on none of the "
                    + "later statements (\(later.map(\.statementId).joined(separator: ", "))).",
                entries: [], evidence: [Finding.Evidence("case event \(event.id): credit promised \(event.draft.date)", source: nil)])
        }
    }
}
