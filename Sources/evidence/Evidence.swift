import ArgumentParser

@main
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Organise the evidence of a phone or internet billing dispute.",
        discussion: """
            Import bills, bank records and confirmations into a ledger that keeps every original \
            file byte for byte, then list what was billed, paid and owed, each line citing the file \
            and line it came from.
            """,
        subcommands: [
            InitCommand.self, ImportCommand.self, FormatsCommand.self, AccountsCommand.self, AccountCommand.self,
            LedgerCommand.self, BalanceCommand.self, MappingCommand.self,
        ])
}
