import ArgumentParser
import EvidenceKit

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Statements, payments, case events, documents, referenced messages and findings, in date order.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this account.", completion: Completions.accounts)
    var account: String?

    @Option(help: "Judge findings as of this day (default: today).", transform: CalendarDate.argument)
    var asOf: CalendarDate?

    @Option(help: "table or json.")
    var format: SummaryFormat = .table

    func run() throws {
        let store = try storeOptions.open()
        let date = try asOf ?? today()
        let items = try exitingOnFailure {
            let findings = try FindingEngine(store: store).findings(account: account, asOf: date)
            return try Timeline(store: store, account: account, findings: findings).items
        }
        switch format {
        case .json:
            print(JSONValue.array(items.map(\.json)).rendered())
        case .table:
            guard !items.isEmpty else {
                print("Nothing on the timeline\(account.map { " for account \($0)" } ?? "") yet.")
                return
            }
            let rows = items.map { item in
                [
                    item.date.description, item.time ?? "", item.account ?? "unassigned", item.kind.rawValue,
                    cell(item.summary, limit: 70), item.amount?.formatted ?? "", item.references.joined(separator: " "),
                    item.source?.citation ?? "",
                ]
            }
            print(
                TextTable.render(
                    header: ["date", "time", "account", "what", "details", "amount", "references", "source"], rows: rows,
                    rightAligned: [5], width: terminalWidth()))
        }
    }
}
