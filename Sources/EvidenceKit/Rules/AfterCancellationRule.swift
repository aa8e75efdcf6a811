/// `charge.after-cancellation`: charges dated after a confirmed cancellation took effect (high),
/// or for a service period that starts after a cancellation request (medium).
///
/// The cancellation's dates come from case events: the confirmation's effective date (else the
/// day it was confirmed), and the first open request. One finding per statement.
struct AfterCancellationRule: Rule {
    let id = "charge.after-cancellation"
    let title = "Charges after the cancellation"
    let severity = Finding.Severity.high
    let rationale = """
        Once a cancellation takes effect the provider may not bill the service any more, and a \
        service period that starts after you asked to cancel should not have been billed either.
        """

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("afterCancellationIncludesTaxes", String(settings.afterCancellationIncludesTaxes))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let status = CancellationStatus(
            account: context.account.id, events: context.caseEvents, asOf: context.asOf, reviewLimitDays: Int.max)
        // A confirmation with no recorded request still dates the cancellation.
        guard let request = status.request ?? status.acknowledgement ?? status.decision, status.state != .rejected
        else { return [] }
        let confirmation = status.state == .confirmed ? status.decision : nil
        let effective = confirmation.map { $0.draft.effectiveDate ?? $0.draft.date }
        let reference = status.reference.map { ", ref \($0)" } ?? ""
        var evidence = [Finding.Evidence("case event \(request.id): cancellation requested \(request.draft.date)\(reference)", source: nil)]
        if let confirmation {
            evidence.append(Finding.Evidence(
                "case event \(confirmation.id): cancellation confirmed \(confirmation.draft.date), effective \(effective?.description ?? "")",
                source: nil))
        }
        let periods = Dictionary(context.statements.map { ($0.statementId, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [String: [Entry]] = [:]
        var order: [String] = []
        var severities: [String: Finding.Severity] = [:]
        for entry in context.entries {
            let draft = entry.draft
            guard draft.amount.minorUnits > 0, draft.kind.isCharge,
                draft.kind != .tax || context.settings.afterCancellationIncludesTaxes
            else { continue }
            let statement = draft.statementId.flatMap { periods[$0] }
            let periodStart = statement.map { $0.periodStart ?? $0.statementDate }
            let level: Finding.Severity
            if let effective, draft.date > effective {
                level = .high
            } else if let periodStart, periodStart > request.draft.date {
                level = .medium
            } else {
                continue
            }
            let key = draft.statementId ?? draft.date.description
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
            severities[key] = min(severities[key] ?? .low, level)
        }
        return order.compactMap { key in
            guard let entries = groups[key], let first = entries.first else { return nil }
            let total = entries.total(first.draft.amount.currency)
            let level = severities[key] ?? .medium
            let what = first.draft.statementId.map { "Statement \($0)" } ?? "The bill of \(first.draft.date)"
            let why: String
            if level == .high, let effective, let confirmation {
                why = "for service after the cancellation took effect on \(effective) (confirmed \(confirmation.draft.date)\(reference))"
            } else {
                why = "for a service period that starts after you asked to cancel on \(request.draft.date)\(reference)"
            }
            return finding(
                context, key: key, amount: total, date: first.draft.date,
                summary: "\(what) bills \(total.formatted) \(why).", entries: entries, evidence: evidence, severity: level)
        }
    }
}
