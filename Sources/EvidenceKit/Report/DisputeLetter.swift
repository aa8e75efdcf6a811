/// The letter to the provider: a plain-text template with `{{placeholders}}` filled from the report.
///
/// A person can replace the template with their own file (`evidence report --letter FILE`, or
/// `letter-template.txt` in the store). Placeholders: `{{date}}`, `{{holder}}`, `{{provider}}`,
/// `{{account}}`, `{{phone}}`, `{{cancellation}}`, `{{items}}`, `{{total}}`, `{{references}}`,
/// `{{enclosures}}`. An unknown placeholder is left as it is.
public struct DisputeLetter: Sendable {
    public static let defaultTemplate = """
        {{date}}

        To: {{provider}}, billing disputes
        From: {{holder}}
        Account: {{account}}   Line: {{phone}}

        Subject: Billing dispute and cancellation of account {{account}}

        I dispute the charges listed below and ask you to correct my account.

        {{cancellation}}

        Disputed items:
        {{items}}

        I ask for a credit or refund of {{total}}, written confirmation of the cancellation, and that no
        disputed amount be reported as past due or sent to collection while this dispute is open.

        Reference numbers of my earlier contacts: {{references}}

        Enclosed (an evidence archive whose checksums anyone can verify):
        {{enclosures}}

        Please answer in writing within 30 days.

        {{holder}}
        """

    public let template: String

    public init(template: String) {
        self.template = template
    }

    func render(_ report: Report) -> String {
        let status = report.cancellation
        var cancellation = "I have not yet asked to cancel this account."
        if status.request == nil, status.state == .confirmed, let decision = status.decision {
            cancellation = "You confirmed the cancellation of this account on \(decision.draft.date)"
                + (status.effectiveDate.map { ", effective \($0)" } ?? "")
                + (status.reference.map { " (reference \($0))" } ?? "") + ", yet went on billing me."
        } else if let request = status.request {
            cancellation = "I asked to cancel this account on \(request.draft.date)"
                + (request.draft.channel.map { " by \($0.rawValue)" } ?? "")
                + (status.reference.map { " (reference \($0))" } ?? "") + "."
            if status.state == .confirmed, let decision = status.decision {
                cancellation += " You confirmed the cancellation on \(decision.draft.date)"
                    + (status.effectiveDate.map { ", effective \($0)" } ?? "") + ", yet went on billing me."
            } else if let days = status.daysUnderReview {
                cancellation += " It has been \(days) days without a confirmation."
            }
        }
        if let check = report.checks.first, check.blocked {
            cancellation += " You say the account cannot be closed while \(check.undisputedPastDue.formatted) is unpaid;"
                + " that amount is made of the charges disputed below."
        }
        let items = report.findings.filter { $0.rule != "arrears.past-due" }.map { finding in
            "- \(finding.amount.formatted): \(finding.summary) [\(finding.id)]"
        }
        let values: [String: String] = [
            "date": report.asOf.description,
            "holder": report.account.holder ?? "(account holder)",
            "provider": report.account.provider ?? "(provider)",
            "account": report.account.id,
            "phone": report.account.phoneNumbers.joined(separator: ", "),
            "cancellation": cancellation,
            "items": items.isEmpty ? "- (none found)" : items.joined(separator: "\n"),
            "total": report.claim.total.formatted,
            "references": Array(Set(report.events.flatMap(\.references))).sorted().joined(separator: ", "),
            "enclosures": report.sources.map { "- \($0.fileName) (SHA-256 \($0.sha256))" }.joined(separator: "\n"),
        ]
        var text = template
        for (name, value) in values { text = text.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return text
    }
}
