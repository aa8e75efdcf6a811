import ArgumentParser
import EvidenceKit

struct CaseStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where the cancellation stands: requested, acknowledged, confirmed or rejected, and for how long.")

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var scope: AccountAsOfOptions

    @Option(help: "text or json.")
    var format: TextFormat = .text

    func run() throws {
        let store = try storeOptions.open()
        let date = try scope.date()
        let accounts = try exitingOnFailure { try scope.account.map { [$0] } ?? store.accounts().map(\.id) }
        guard !accounts.isEmpty else {
            printError("No accounts yet: import a bill, or `evidence account set ID`.")
            throw ExitCode(2)
        }
        let statuses = try exitingOnFailure {
            try accounts.map { try CancellationStatus.load(store: store, account: $0, asOf: date) }
        }
        switch format {
        case .json:
            printOneOrMany(statuses.map(\.json))
        case .text:
            print(statuses.map(Self.text).joined(separator: "\n\n"))
        }
    }

    static func text(_ status: CancellationStatus) -> String {
        func describe(_ event: CaseEvent) -> String {
            let draft = event.draft
            var words = [draft.date.description + (draft.time.map { " " + $0 } ?? "")]
            if let channel = draft.channel { words.append("by \(channel.rawValue)") }
            if let rep = draft.representative { words.append("with \(rep)") }
            if let ref = draft.reference { words.append("ref \(ref)") }
            return words.joined(separator: ", ") + " (case event \(event.id))"
        }
        var lines: [String] = []
        let headline: String
        switch status.state {
        case .notRequested: headline = "no cancellation requested"
        case .requested: headline = "cancellation requested, not yet acknowledged or confirmed"
        case .acknowledged: headline = "cancellation acknowledged, not yet confirmed"
        case .confirmed: headline = "cancellation confirmed"
        case .rejected: headline = "cancellation rejected"
        }
        lines.append("\(status.account): \(headline) (as of \(status.asOf))")
        if let request = status.request { lines.append("  requested:     " + describe(request)) }
        for again in status.repeatedRequests { lines.append("  asked again:   " + describe(again)) }
        if let ack = status.acknowledgement { lines.append("  acknowledged:  " + describe(ack)) }
        if let decision = status.decision {
            lines.append("  \(status.state == .confirmed ? "confirmed:    " : "rejected:     ") " + describe(decision))
        }
        if let effective = status.effectiveDate { lines.append("  effective:     \(effective)") }
        if let ref = status.reference { lines.append("  reference:     \(ref)") }
        if let days = status.daysUnderReview {
            let decided = status.state == .confirmed || status.state == .rejected
            lines.append("  \(decided ? "reviewed in:  " : "under review: ") \(days) day\(days == 1 ? "" : "s") (limit \(status.reviewLimitDays))")
        }
        if !status.records.isEmpty, let ref = status.reference {
            lines.append("  records that carry \(ref):")
            for record in status.records {
                lines.append("    \(record.when)  \(record.kind) \(record.id)  \(cell(record.summary, limit: 70))  [\(record.source.citation)]")
            }
        }
        lines += status.warnings.map { "  warning: " + $0 }
        return lines.joined(separator: "\n")
    }
}

enum TextFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
