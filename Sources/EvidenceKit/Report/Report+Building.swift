import Foundation

/// A report that cannot be made as asked.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension Report {
    /// Builds the report of `account` (the only account when nil) as of `asOf`.
    ///
    /// `letterTemplate` replaces the letter's template; without it, the store's
    /// `letter-template.txt` does when there is one, else the built-in one (see ``DisputeLetter``).
    public static func build(
        store: Store, account: String?, asOf: CalendarDate, letterTemplate: String? = nil
    ) throws -> Report {
        let accounts = try store.accounts()
        guard let chosen = account.map({ id in accounts.first { $0.id == id } }) ?? (accounts.count == 1 ? accounts.first : nil)
        else {
            if let account { throw ReportError(description: "account \(account) is not in the store") }
            throw ReportError(
                description: accounts.isEmpty
                    ? "the store has no account yet: import the bills first"
                    : "the store has several accounts (\(accounts.map(\.id).joined(separator: ", "))): give --account ID")
        }
        let configuration = try store.configuration()
        // One read of the account's ledger serves the findings, the statements and the call checks.
        let context = try RuleContext.load(store: store, account: chosen, asOf: asOf, configuration: configuration)
        let all = try FindingEngine(store: store).findings(in: context)
        let statements = context.statements
        let findings = all.filter { $0.status != .dismissed }.enumerated().sorted { left, right in
            (left.element.severity, left.element.date, left.offset) < (right.element.severity, right.element.date, right.offset)
        }.map(\.element)
        let timeline = try Timeline(store: store, account: chosen.id).items.filter {
            $0.date <= asOf && [.caseEvent, .document, .message].contains($0.kind)
        }
        let status = CancellationStatus(
            account: chosen.id, events: context.caseEvents, asOf: asOf,
            reviewLimitDays: configuration.cancellationReviewDays)
        var report = Report(
            account: chosen, asOf: asOf, periodStart: statements.compactMap { $0.periodStart ?? $0.statementDate }.min(),
            periodEnd: statements.compactMap { $0.periodEnd }.max(), statementCount: statements.count,
            checks: try CancellationCheck.evaluate(store: store, account: chosen.id, asOf: asOf), cancellation: status,
            findings: findings, dismissed: all.filter { $0.status == .dismissed }, claim: Claim(findings: findings),
            events: timeline, callChecks: Self.callChecks(context), sources: try store.sources(account: chosen.id),
            letter: "", complaint: [])
        let stored = FileManager.default.contents(atPath: store.url.appendingPathComponent("letter-template.txt").path)
            .map { String(decoding: $0, as: UTF8.self) }
        report.letter = DisputeLetter(template: letterTemplate ?? stored ?? DisputeLetter.defaultTemplate).render(report)
        report.complaint = Self.complaint(report)
        return report
    }

    private static func callChecks(_ context: RuleContext) -> [CallCheck] {
        let matching = CallMatching(context)
        return matching.billed.map { billed in
            let local = "\(billed.entry.draft.date) \(billed.entry.draft.time ?? "")"
            guard matching.isCovered(billed) else { return CallCheck(entry: billed.entry, billedAt: local, outcome: .notCovered) }
            guard let call = matching.match(billed) else {
                return CallCheck(entry: billed.entry, billedAt: local, outcome: .notInLog)
            }
            return CallCheck(
                entry: billed.entry, billedAt: local,
                outcome: .logged(
                    callId: call.id, startedAt: String(call.draft.startedAt.localText(in: context.timeZone).prefix(16)),
                    seconds: call.draft.durationSeconds, source: call.draft.provenance))
        }
    }

    /// The questions of the FCC's informal complaint form (consumer complaint center, billing), answered.
    private static func complaint(_ report: Report) -> [(question: String, answer: String)] {
        let account = report.account
        let references = report.events.flatMap(\.references)
        var contacts = report.events.filter { $0.kind == .caseEvent }.map { "\($0.date): \($0.summary)" }
        if contacts.isEmpty { contacts = ["(record your contacts with `evidence case add`)"] }
        return [
            ("Company", account.provider ?? "(the provider's name: `evidence account set --provider`)"),
            ("Account number", account.id),
            ("Phone number with the problem", account.phoneNumbers.joined(separator: ", ")),
            ("Account holder", account.holder ?? "(your name: `evidence account set --holder`)"),
            ("Type of problem", "Billing: charges disputed, and cancellation refused until they are paid"),
            ("Amount disputed", report.claim.total.formatted),
            ("Description", report.findings.filter { $0.rule != "arrears.past-due" }.map(\.summary).joined(separator: " ")),
            ("Contacts with the company", contacts.joined(separator: "; ")),
            ("Reference numbers", Array(Set(references)).sorted().joined(separator: ", ")),
            ("Resolution sought", "Confirm the cancellation as of the day it was requested, remove the disputed charges, "
                + "credit the payments made, and refund \(report.claim.total.formatted) or apply it to the account."),
        ]
    }
}

extension Report.Claim {
    /// Adds up what the findings ask for, each entry at most once: an entry several findings name is
    /// claimed at the largest share any of them gives it (the whole line, or the part of it a price
    /// rise or an over-billed call accounts for). Payments not credited, promised credits and
    /// printed totals above their lines are claimed beside the entries.
    init(findings: [Finding]) {
        var perEntry: [Int64: (units: Int64, currency: Currency)] = [:]
        var entryFindings: [String] = []
        var payments: [Finding] = []
        var arithmetic: [Finding] = []
        func claim(_ entry: Entry, _ units: Int64) {
            let current = perEntry[entry.id]?.units ?? 0
            perEntry[entry.id] = (max(current, units), entry.draft.amount.currency)
        }
        for finding in findings {
            let positive = finding.entries.filter { $0.draft.amount.minorUnits > 0 }
            switch finding.rule {
            case "arrears.past-due":
                continue
            case "payment.not-credited", "credit.promised-not-applied":
                payments.append(finding)
                continue
            case "statement.total-mismatch", "statement.balance-forward-mismatch":
                if finding.severity == .high { arithmetic.append(finding) }
                continue
            case "charge.duplicate":
                for entry in positive.dropFirst() { claim(entry, entry.draft.amount.minorUnits) }
            case "charge.price-change":
                let newPrice = positive.map(\.draft.amount.minorUnits).max() ?? 0
                let raised = positive.filter { $0.draft.amount.minorUnits == newPrice }
                let share = raised.isEmpty ? 0 : finding.amount.minorUnits / Int64(raised.count)
                for entry in raised { claim(entry, share) }
            case "usage.duration-mismatch":
                for entry in positive { claim(entry, finding.amount.minorUnits) }
            default:
                for entry in positive { claim(entry, entry.draft.amount.minorUnits) }
            }
            entryFindings.append(finding.id)
        }
        let currency = perEntry.values.first?.currency ?? findings.first?.amount.currency ?? .usd
        func sum(_ units: Int64) -> Money { Money(minorUnits: units, currency: currency) }
        var lines: [Line] = []
        let charges = perEntry.values.filter { $0.currency == currency }.reduce(Int64(0)) { $0 + $1.units }
        if charges > 0 {
            lines.append(Line(
                label: "Charges disputed (\(perEntry.count) bill line\(perEntry.count == 1 ? "" : "s"), each counted once)",
                amount: sum(charges), findings: entryFindings))
        }
        let paid = payments.filter { $0.amount.currency == currency }.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        if paid > 0 {
            lines.append(Line(label: "Payments and promised credits not applied", amount: sum(paid), findings: payments.map(\.id)))
        }
        let printed = arithmetic.filter { $0.amount.currency == currency }.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        if printed > 0 {
            lines.append(Line(label: "Statement totals above their lines", amount: sum(printed), findings: arithmetic.map(\.id)))
        }
        self.lines = lines
        total = sum(charges + paid + printed)
    }
}
