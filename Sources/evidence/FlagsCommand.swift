import ArgumentParser
import EvidenceKit

struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags", abstract: "Findings of all rules: every suspicious charge, citing file and line.",
        subcommands: [FlagsListCommand.self, FlagsDismissCommand.self, FlagsRestoreCommand.self],
        defaultSubcommand: FlagsListCommand.self)
}

struct FlagsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the findings (the default of `evidence flags`).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this rule's findings (see `evidence rules`).", completion: Completions.rules)
    var rule: String?

    @OptionGroup var scope: AccountAsOfOptions

    @Flag(help: "Show dismissed findings too.")
    var all = false

    @Option(help: "table, json or csv.")
    var format: ListFormat = .table

    func run() throws {
        let store = try storeOptions.open()
        let date = try scope.date()
        let rules = try exitingOnFailure { RuleRegistry.rules(try store.configuration().rules) }
        if let rule, !rules.contains(where: { $0.id == rule }) {
            printError("rule \(rule) is not known; `evidence rules` lists them")
            throw ExitCode(64)
        }
        let found: [Finding] = try exitingOnFailure {
            try FindingEngine(store: store).findings(account: scope.account, asOf: date, rule: rule)
        }
        let findings = found.filter { all || $0.status != .dismissed }
        switch format {
        case .json:
            print(JSONValue.array(findings.map(\.json)).rendered())
        case .csv:
            printCSV(TextTable.csvLine(Finding.csvHeader))
            for finding in findings { printCSV(TextTable.csvLine(finding.csvFields)) }
        case .table:
            guard !findings.isEmpty else {
                print("No findings\(scope.account.map { " for account \($0)" } ?? "") as of \(date).")
                return
            }
            let rows = findings.map { finding in
                [
                    finding.id, finding.rule, finding.severity.rawValue, finding.status.rawValue, finding.date.description,
                    finding.amount.formatted, cell(finding.summary, limit: 90), finding.citation,
                ]
            }
            print("As of \(date):")
            print(
                TextTable.render(
                    header: ["id", "rule", "severity", "status", "date", "amount", "summary", "source"], rows: rows,
                    rightAligned: [5], width: terminalWidth()))
            print("\(findings.count) finding\(findings.count == 1 ? "" : "s"). Details: evidence flags --format json")
        }
    }
}

struct FlagsDismissCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dismiss", abstract: "Dismiss a finding you do not dispute; it stays listed with --all.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The finding's id (F-…).", completion: Completions.findings)
    var id: String

    @Option(help: "Why it is not a problem.")
    var reason: String

    func run() throws {
        let store = try storeOptions.open()
        try exitingOnFailure { try store.dismiss(id, reason: reason) }
        print("Dismissed \(id): \(reason)")
    }
}

struct FlagsRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Undo the dismissal of a finding.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The finding's id (F-…).", completion: Completions.findings)
    var id: String

    func run() throws {
        let store = try storeOptions.open()
        try exitingOnFailure { try store.dismiss(id, reason: nil) }
        print("Restored \(id).")
    }
}
