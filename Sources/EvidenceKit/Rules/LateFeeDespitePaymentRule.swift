/// `fee.late-despite-payment`: a late fee although payments covering the amount due were dated on
/// or before the due date.
///
/// The fee is for the latest statement due before the fee's date. Payments count when dated from
/// that statement's date to its due date: ledger payments, and `payment-made` case events.
struct LateFeeDespitePaymentRule: Rule {
    let id = "fee.late-despite-payment"
    let title = "Late fee although you paid on time"
    let severity = Finding.Severity.high
    let rationale = "A late fee is owed only when the amount due was not paid by the due date."

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("lateFeePatterns", settings.lateFeePatterns.joined(separator: " | "))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let patterns = PatternSet(context.settings.lateFeePatterns, context)
        let allPayments = context.entries.filter { $0.draft.kind == .payment && $0.draft.amount.minorUnits < 0 }
        let fees = context.entries.filter {
            $0.draft.kind.isCharge && $0.draft.amount.minorUnits > 0 && patterns.matches($0.draft.description)
        }
        return EntryKeys(fees).compactMap { fee, key in
            let draft = fee.draft
            guard let previous = context.statements.filter({ ($0.dueDate.map { $0 < draft.date } ?? false) && $0.statementId != draft.statementId })
                    .max(by: { ($0.dueDate ?? $0.statementDate) < ($1.dueDate ?? $1.statementDate) }),
                let due = previous.dueDate
            else { return nil }
            let currency = draft.amount.currency
            let owed = previous.totalDue?.minorUnits ?? (previous.previousBalance?.minorUnits ?? 0)
                + context.total(of: previous, currency).minorUnits
            let payments = allPayments.filter {
                $0.draft.amount.currency == currency && $0.draft.date >= previous.statementDate && $0.draft.date <= due
            }
            let events = context.caseEvents.filter {
                $0.draft.kind == .paymentMade && $0.draft.amount?.currency == currency
                    && $0.draft.date >= previous.statementDate && $0.draft.date <= due
            }
            // A payment recorded both in the ledger and as a case event counts once.
            let ledgerPaid = -payments.total(currency).minorUnits
            let eventPaid = events.reduce(Int64(0)) { $0 + ($1.draft.amount?.minorUnits ?? 0) }
            let paid = max(ledgerPaid, eventPaid)
            guard paid >= owed else { return nil }
            let paidMoney = Money(minorUnits: paid, currency: currency)
            let dates = (payments.map(\.draft.date) + events.map(\.draft.date)).map(\.description)
            return finding(
                context, key: key, amount: draft.amount, date: draft.date,
                summary: "A late fee of \(draft.amount.formatted) on \(draft.statementId ?? draft.date.description), although "
                    + "\(paidMoney.formatted) was paid on \(Set(dates).sorted().joined(separator: ", ")), by the \(due) due date "
                    + "of \(previous.statementId) (due \(Money(minorUnits: owed, currency: currency).formatted)).",
                entries: [fee] + payments,
                evidence: events.map { Finding.Evidence("case event \($0.id): payment made \($0.draft.date)", source: nil) })
        }
    }
}
