import ArgumentParser
import EvidenceKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store's integrity, like git fsck.",
        discussion: """
            Every original against its SHA-256, every imported file against its original, leftovers \
            of interrupted imports, the ledger's integrity and foreign keys, the configuration and \
            saved mappings. One line per problem; exit code 0 when clean, 1 when problems were found. \
            --repair removes only what holds no evidence: partial copies and originals of imports \
            that never completed. An altered or missing original is never touched.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Remove partial copies and originals that no imported file refers to, and say what was removed.")
    var repair = false

    func run() throws {
        let store = try storeOptions.open()
        var problems = try exitingOnFailure { try store.check() }
        if repair {
            let removed = try exitingOnFailure { try store.repair() }
            for problem in removed { print(TerminalText.oneLine("removed \(problem.path)")) }
            let gone = Set(removed.map(\.path))
            problems.removeAll { $0.isRepairable && gone.contains($0.path) }
        }
        for problem in problems { print(TerminalText.oneLine(problem.description)) }
        guard problems.isEmpty else {
            let repairable = problems.filter(\.isRepairable).count
            printError(
                "\(problems.count) problem\(problems.count == 1 ? "" : "s") found"
                    + (repairable > 0 && !repair ? "; \(repairable) can be removed with `evidence check --repair`" : ""))
            throw ExitCode(1)
        }
        print("The store is whole: every original matches its SHA-256 and the ledger is intact.")
    }
}
