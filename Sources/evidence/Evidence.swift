import ArgumentParser
import EvidenceKit
import Foundation

@main
struct Evidence: ParsableCommand {
    /// `evidence --store DIR COMMAND ...`: a `--store` before the command stands for $EVIDENCE_STORE,
    /// which every command's own `--store` overrides, as CLI.md orders them.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        while let first = arguments.first, first == "--store" || first.hasPrefix("--store=") {
            let value: String
            if first == "--store" {
                guard arguments.count >= 2 else { break }
                value = arguments[1]
                arguments.removeFirst(2)
            } else {
                value = String(first.dropFirst("--store=".count))
                arguments.removeFirst()
            }
            setenv("EVIDENCE_STORE", value, 1)
        }
        run(arguments)
    }

    /// Parses and runs a command; every message is escaped for the terminal, a store error
    /// exits 2 (CLI.md), and argument-parser's own errors keep its wording and exit codes.
    private static func run(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as StoreError {
            printError(error.description)
            Foundation.exit(2)
        } catch {
            if let storeError = StoreError.wrapping(error) {
                printError(storeError.description)
                Foundation.exit(2)
            }
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            if code == .validationFailure {
                // The problem and where to read more, not the whole usage.
                let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
                let problem = lines.prefix { !$0.hasPrefix("Help:") && !$0.hasPrefix("Usage:") }
                let seeHelp = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("See '") }
                message = (problem + seeHelp).joined(separator: "\n")
            }
            if !message.isEmpty {
                if code == .success { print(message) } else { printError(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Organise the evidence of a phone or internet billing dispute.",
        discussion: """
            Import bills, bank records and confirmations into a ledger that keeps every original \
            file byte for byte, then list what was billed, paid and owed, each line citing the file \
            and line it came from.
            """,
        version: """
            evidence \(LibraryVersions.evidence) (commit \(buildCommit))
            SQLite \(LibraryVersions.sqlite), libxml2 \(LibraryVersions.libxml2), poppler \(LibraryVersions.poppler)
            """,
        subcommands: [
            InitCommand.self, ImportCommand.self, FormatsCommand.self, AccountsCommand.self, AccountCommand.self,
            LedgerCommand.self, BalanceCommand.self, BankCommand.self, CallsCommand.self, MessagesCommand.self, DocumentsCommand.self,
            FlagsCommand.self, RulesCommand.self, CancelCheckCommand.self, CaseCommand.self, TimelineCommand.self,
            ReportCommand.self, ExportCommand.self, VerifyCommand.self,
            MappingCommand.self, TemplateCommand.self, StatusCommand.self, CheckCommand.self,
        ])
}
