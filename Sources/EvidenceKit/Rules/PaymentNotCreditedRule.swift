/// `payment.not-credited`: a payment recorded elsewhere (a bank record, a `payment-made` case event)
/// that no statement shows.
///
/// A bank transaction is a payment to the provider when it is money out and its description names
/// the account id or the provider. It is credited when a ledger payment of the same amount is
/// dated within `paymentMatchDays` of it (each ledger payment credits one payment; both decided
/// by ``PaymentMatching``). It is flagged only when a statement dated more than
/// `paymentMatchDays` after it exists, which should show it.
struct PaymentNotCreditedRule: Rule {
    let id = "payment.not-credited"
    let title = "Payment never credited"
    let severity = Finding.Severity.high
    let rationale = "Money you paid and can show a record of must reduce your balance; a payment no statement shows is still owed back to you."

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("paymentMatchDays", String(settings.paymentMatchDays))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let window = context.settings.paymentMatchDays
        let payments = PaymentMatching.payments(
            of: context.account, bank: context.bankTransactions, events: context.caseEvents, window: window)
        let credits = context.entries.filter { $0.draft.kind == .payment && $0.draft.amount.minorUnits < 0 }
        let credited = PaymentMatching.credit(payments.map { ($0.date, $0.amount) }, with: credits, window: window)
        var findings: [Finding] = []
        for (payment, credit) in zip(payments, credited) where credit == nil {
            let later = context.statements.filter { payment.date.days(until: $0.statementDate) > window }
            guard !later.isEmpty else { continue }
            let amount = -payment.amount
            findings.append(finding(
                context, key: "\(payment.date)|\(payment.amount.minorUnits)|\(payment.amount.currency.code)", amount: amount,
                date: payment.date,
                summary: "Your payment of \(amount.formatted) on \(payment.date) does not appear on any later statement "
                    + "(\(later.map(\.statementId).joined(separator: ", "))).",
                entries: [], evidence: Self.evidence(payment)))
        }
        return findings
    }

    /// The bank record first, then the case events that record the payment.
    private static func evidence(_ payment: PaymentMatching.Payment) -> [Finding.Evidence] {
        var evidence = payment.bankRecord.map {
            [Finding.Evidence("bank: \($0.draft.description) \($0.draft.amount.formatted)", source: $0.draft.provenance)]
        } ?? []
        for event in payment.events {
            evidence.append(Finding.Evidence("case event \(event.id): payment made \(event.draft.date)", source: nil))
        }
        return evidence
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
