/// Lays the report out as Markdown (for a complaint form, an email, a court filing).
public enum MarkdownReport {
    public static func render(_ report: Report, redacted: Bool = false) -> String {
        var out: [String] = []
        out.append("# \(report.title)")
        out.append("")
        out.append("As of \(report.asOf). Every figure below cites the original file and line it comes from; each file's SHA-256 is in the evidence index.")
        if redacted {
            out.append("")
            out.append("_Personal data is redacted in this report. The original files in the evidence archive are kept as they were._")
        }
        out.append("")
        out.append("## Account")
        out.append("")
        out.append("- Provider: \(report.account.provider ?? "not recorded")")
        out.append("- Account: \(report.account.id)")
        if let holder = report.account.holder { out.append("- Holder: \(holder)") }
        if !report.account.phoneNumbers.isEmpty { out.append("- Line: \(report.account.phoneNumbers.joined(separator: ", "))") }
        out.append("- Plan: \(report.planText)")
        out.append("- Period covered: \(report.periodText)")
        out.append("")
        out.append("## Cancellation")
        out.append("")
        out.append(report.cancellationText)
        out.append("")
        for (verdict, check) in zip(report.verdicts, report.checks) {
            out.append("**\(verdict)**")
            out.append("")
            out.append("| balance | past due | disputed | undisputed past due |")
            out.append("| ---: | ---: | ---: | ---: |")
            out.append("| \(check.balance.formatted) | \(check.pastDue.formatted) | \(check.disputed.formatted) | \(check.undisputedPastDue.formatted) |")
            if !check.blockingStatements.isEmpty {
                out.append("")
                out.append("| statement | due | days past due | amount |")
                out.append("| --- | --- | ---: | ---: |")
                for statement in check.blockingStatements {
                    out.append("| \(statement.statementId) | \(statement.dueDate) | \(statement.daysPastDue) | \(statement.amount.formatted) |")
                }
            }
            out.append("")
        }
        out.append("## What is disputed")
        out.append("")
        out.append("| | amount |")
        out.append("| --- | ---: |")
        for line in report.claim.lines { out.append("| \(escape(line.label)) | \(line.amount.formatted) |") }
        out.append("| **Credit requested** | **\(report.claim.total.formatted)** |")
        out.append("")
        out.append("## Findings")
        for finding in report.findings {
            out.append("")
            out.append("### \(finding.amount.formatted): \(escape(finding.summary))")
            out.append("")
            out.append("Rule `\(finding.rule)`, severity \(finding.severity.rawValue), \(finding.status.rawValue), id `\(finding.id)`. \(finding.rationale)")
            out.append("")
            for entry in finding.entries {
                let draft = entry.draft
                out.append("- \(draft.date) \(escape(draft.description)) \(draft.amount.formatted): \(Report.sourceText(draft.provenance))")
            }
            for item in finding.evidence {
                out.append("- \(escape(item.description))" + (item.source.map { ": \(Report.sourceText($0))" } ?? ""))
            }
        }
        if !report.dismissed.isEmpty {
            out.append("")
            out.append("Dismissed, not claimed: " + report.dismissed.map { "`\($0.id)` \($0.rule) (\($0.dismissal ?? ""))" }.joined(separator: "; ") + ".")
        }
        out.append("")
        out.append("## Timeline of the case")
        out.append("")
        out.append("| date | time | what | references | source |")
        out.append("| --- | --- | --- | --- | --- |")
        for item in report.events {
            out.append("| \(item.date) | \(item.time ?? "") | \(escape(item.summary)) | \(item.references.joined(separator: " ")) | \(item.source.map { "\($0.file) \($0.locator)" } ?? "your record") |")
        }
        if !report.callChecks.isEmpty {
            out.append("")
            out.append("## Billed calls against the call log")
            out.append("")
            out.append("| billed | call | amount | call log | bill line |")
            out.append("| --- | --- | ---: | --- | --- |")
            for check in report.callChecks {
                let draft = check.entry.draft
                out.append("| \(check.billedAt) | \(escape(draft.description)) | \(draft.amount.formatted) | \(Report.callOutcomeText(check.outcome)) | \(draft.provenance.file) \(draft.provenance.locator) |")
            }
        }
        out.append("")
        out.append("## Letter to the provider")
        out.append("")
        out.append("```text")
        out.append(report.letter)
        out.append("```")
        out.append("")
        out.append("## For an FCC informal complaint")
        out.append("")
        for (question, answer) in report.complaint { out.append("- **\(question)**: \(escape(answer))") }
        out.append("")
        out.append("## Evidence index")
        out.append("")
        out.append("| file | format | bytes | imported | SHA-256 |")
        out.append("| --- | --- | ---: | --- | --- |")
        for source in report.sources {
            out.append("| \(escape(source.fileName)) | \(source.format) | \(source.byteCount) | \(source.importedAt) | `\(source.sha256)` |")
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// Keeps a table cell in its cell.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
