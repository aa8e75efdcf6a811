import ArgumentParser
import EvidenceKit

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "List ledger entries, each with the file and line it came from.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this account.", completion: Completions.accounts)
    var account: String?

    @Option(help: "Only entries dated on or after this day.", transform: CalendarDate.argument)
    var from: CalendarDate?

    @Option(help: "Only entries dated on or before this day.", transform: CalendarDate.argument)
    var to: CalendarDate?

    @Option(help: "table, json or csv.")
    var format: ListFormat = .table

    func run() throws {
        let store = try storeOptions.open()
        let filter = EntryFilter(account: account, from: from, to: to)
        switch format {
        case .csv:
            printCSV(TextTable.csvLine(Entry.csvHeader))
            try exitingOnFailure { try store.forEachEntry(filter) { printCSV(TextTable.csvLine($0.csvFields)) } }
        case .json:
            var entries: [JSONValue] = []
            try exitingOnFailure { try store.forEachEntry(filter) { entries.append($0.json) } }
            print(JSONValue.array(entries).rendered())
        case .table:
            var rows: [[String]] = []
            try exitingOnFailure {
                try store.forEachEntry(filter) { entry in
                    let draft = entry.draft
                    rows.append([
                        String(entry.id), draft.date.description, draft.account, draft.statementId ?? "",
                        draft.kind.rawValue, draft.description, draft.amount.formatted, draft.provenance.citation,
                    ])
                }
            }
            guard !rows.isEmpty else {
                print("No entries\(account.map { " for account \($0)" } ?? "").")
                return
            }
            print(
                TextTable.render(
                    header: ["id", "date", "account", "statement", "kind", "description", "amount", "source"],
                    rows: rows, rightAligned: [0, 6], width: terminalWidth()))
        }
    }
}
