import ArgumentParser
import EvidenceKit
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where the store and each account stand, and what needs attention (like git status).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Judge as of this day (default: today).", transform: CalendarDate.argument)
    var asOf: CalendarDate?

    @Option(help: "text or json.")
    var format: TextFormat = .text

    func run() throws {
        let store = try storeOptions.open()
        let date = try asOf ?? today()
        let status = try exitingOnFailure { try StoreStatus.load(store: store, asOf: date) }
        switch format {
        case .json: print(status.json.rendered())
        case .text: print(Self.text(status))
        }
    }

    static func text(_ status: StoreStatus) -> String {
        var lines = ["Store: \(status.store.path) (as of \(status.asOf))"]
        if let last = status.lastImport {
            var line = "Last import: \(last.fileName) [\(last.format)] at \(last.importedAt)"
            if let run = status.lastRun {
                line += "; the last run imported \(run.imported), skipped \(run.skipped), rejected \(run.rejected.count)"
            }
            lines.append(line)
        } else {
            lines.append("Nothing imported yet: evidence import FILE-OR-FOLDER...")
        }
        for part in status.accounts {
            let figures = part.figures
            lines.append("")
            let plan = [part.account.provider, part.account.planName].compactMap { $0 }.joined(separator: ", ")
            lines.append(part.account.id + (plan.isEmpty ? "" : "  (\(plan))"))
            if let first = figures.firstDate, let last = figures.lastDate {
                lines.append("  covers        \(first) to \(last)")
            }
            lines.append(
                "  records       \(figures.statements) statements, \(figures.entries) entries, \(figures.calls) calls, "
                    + "\(figures.messages) messages, \(figures.documents) documents")
            let groups = figures.openBySeverity.map { group in
                "\(group.count) \(group.severity.rawValue) (\(group.amounts.map(\.description).joined(separator: " + ")))"
            }
            let open = figures.openFindings
            lines.append(
                "  findings      "
                    + (open == 0 ? "none open" : "\(open) open: " + groups.joined(separator: ", "))
                    + (figures.disputedFindings > 0 ? "; \(figures.disputedFindings) disputed" : ""))
            lines.append("  cancellation  " + cancellation(part.cancellation))
            for check in figures.arrears {
                lines.append(
                    "  arrears       "
                        + (check.blocked
                            ? "blocks cancellation: \(check.undisputedPastDue) undisputed past due"
                            : "do not block cancellation: \(check.undisputedPastDue) undisputed past due")
                        + " (past due \(check.pastDue.decimalString), disputed \(check.disputed.decimalString))")
            }
        }
        if !status.attention.isEmpty {
            lines.append("")
            lines.append("Needs attention:")
            for item in status.attention {
                lines.append("  - \(item.message)")
                lines.append("      \(item.command)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func cancellation(_ status: CancellationStatus) -> String {
        var words: [String]
        switch status.state {
        case .notRequested: return "not requested"
        case .requested: words = ["requested \(status.request?.draft.date.description ?? "")"]
        case .acknowledged: words = ["acknowledged \(status.acknowledgement?.draft.date.description ?? "")"]
        case .confirmed: words = ["confirmed \(status.decision?.draft.date.description ?? "")"]
        case .rejected: words = ["rejected \(status.decision?.draft.date.description ?? "")"]
        }
        if let effective = status.effectiveDate { words.append("effective \(effective)") }
        if let days = status.daysUnderReview, status.state == .requested || status.state == .acknowledged {
            words.append("under review for \(days) day\(days == 1 ? "" : "s")")
        }
        if let reference = status.reference { words.append("ref \(reference)") }
        return words.joined(separator: ", ")
    }
}
