import ArgumentParser
import EvidenceKit

struct CancelCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel-check",
        abstract: "Is cancellation blocked by arrears? Exit 0 when it is not, 1 when it is.",
        discussion: """
            Blocked when the undisputed past due is more than cancellationTolerance (config.yaml, \
            default 0.00). Entries named by a dispute-filed case event are left out.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var scope: AccountAsOfOptions

    @Option(help: "text or json.")
    var format: TextFormat = .text

    func run() throws {
        let store = try storeOptions.open()
        let date = try scope.date()
        let checks = try exitingOnFailure { try CancellationCheck.evaluate(store: store, account: scope.account, asOf: date) }
        guard !checks.isEmpty else {
            printError("No account\(scope.account.map { " \($0)" } ?? "") in the store: import its bills first.")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            printOneOrMany(checks.map(\.json))
        case .text:
            print(checks.map(Self.text).joined(separator: "\n\n"))
        }
        if checks.contains(where: \.blocked) { throw ExitCode(1) }
    }

    static func text(_ check: CancellationCheck) -> String {
        var lines = [
            "\(check.account): cancellation is \(check.blocked ? "BLOCKED by arrears" : "not blocked by arrears") as of \(check.asOf)",
            "  balance              \(check.balance.formatted)",
            "  past due             \(check.pastDue.formatted)",
            "  disputed             \(check.disputed.formatted)",
            "  undisputed past due  \(check.undisputedPastDue.formatted) (tolerance \(check.tolerance.formatted))",
        ]
        lines += check.reasons.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
