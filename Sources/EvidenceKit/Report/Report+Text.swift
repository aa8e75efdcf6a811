/// Words and figures both renderers print, so that Markdown and HTML say the same thing.
extension Report {
    var title: String { "Billing dispute: \(account.provider ?? "provider") account \(account.id)" }

    var periodText: String {
        switch (periodStart, periodEnd) {
        case let (start?, end?): return "\(start) to \(end) (\(statementCount) statements)"
        case let (start?, nil): return "from \(start) (\(statementCount) statements)"
        default: return "\(statementCount) statements"
        }
    }

    var planText: String {
        var words = [account.planName ?? "plan not recorded"]
        if account.unlimitedData { words.append("unlimited data") }
        if let price = account.monthlyPrice { words.append("\(price.formatted) a month") }
        return words.joined(separator: ", ")
    }

    /// The verdict in one sentence per currency.
    var verdicts: [String] {
        checks.map { check in
            check.blocked
                ? "Cancellation is blocked by arrears: \(check.undisputedPastDue.formatted) undisputed past due "
                    + "(tolerance \(check.tolerance.formatted)); \(Money(minorUnits: check.pastDue.minorUnits - check.undisputedPastDue.minorUnits, currency: check.currency).formatted) disputed and left out."
                : "Cancellation is not blocked by arrears: the undisputed past due is \(check.undisputedPastDue.formatted) "
                    + "(tolerance \(check.tolerance.formatted)); \(check.disputed.formatted) is disputed."
        }
    }

    var cancellationText: String {
        let status = cancellation
        guard let request = status.request else { return "No cancellation request is recorded." }
        var text = "Cancellation requested on \(request.draft.date)"
            + (request.draft.channel.map { " by \($0.rawValue)" } ?? "")
            + (request.draft.representative.map { " (representative: \($0))" } ?? "")
            + (status.reference.map { ", reference \($0)" } ?? "") + "."
        switch status.state {
        case .confirmed:
            if let decision = status.decision {
                text += " Confirmed on \(decision.draft.date)" + (status.effectiveDate.map { ", effective \($0)" } ?? "") + "."
            }
        case .rejected:
            text += " Rejected on \(status.decision?.draft.date.description ?? "")."
        case .requested, .acknowledged:
            text += " Not confirmed after \(status.daysUnderReview ?? 0) days."
        case .notRequested:
            break
        }
        return text
    }

    static func sourceText(_ provenance: Provenance) -> String {
        "\(provenance.file), \(provenance.locator) (SHA-256 \(provenance.sha256.prefix(12))…)"
    }

    static func callOutcomeText(_ outcome: CallCheck.Outcome) -> String {
        switch outcome {
        case let .logged(_, startedAt, seconds, source):
            return "logged \(startedAt), \(seconds / 60) min \(seconds % 60) s (\(source.file) \(source.locator))"
        case .notInLog: return "NOT in the call log"
        case .notCovered: return "before or after the call log's period"
        }
    }
}
