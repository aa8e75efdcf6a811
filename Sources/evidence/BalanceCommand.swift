import ArgumentParser
import EvidenceKit

struct BalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance", abstract: "What each account owes: balance, past due, disputed, aging.")

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var scope: AccountAsOfOptions

    @Option(help: "table or json.")
    var format: SummaryFormat = .table

    func run() throws {
        let store = try storeOptions.open()
        let date = try scope.date()
        let balances = try exitingOnFailure {
            try BalanceCalculator(store: store).balances(account: scope.account, asOf: date)
        }
        switch format {
        case .json:
            print(JSONValue.array(balances.map(\.json)).rendered())
        case .table:
            guard !balances.isEmpty else {
                print("No entries\(scope.account.map { " for account \($0)" } ?? "") on or before \(date).")
                return
            }
            print("As of \(date):")
            print(
                TextTable.render(
                    header: [
                        "account", "currency", "balance", "past due", "disputed", "undisputed past due", "1-30 days",
                        "31-60", "61-90", "over 90",
                    ],
                    rows: balances.map {
                        [
                            $0.account, $0.currency.code, $0.balance.formatted, $0.pastDue.formatted,
                            $0.disputed.formatted, $0.undisputedPastDue.formatted, $0.aging.days1to30.formatted,
                            $0.aging.days31to60.formatted, $0.aging.days61to90.formatted, $0.aging.over90.formatted,
                        ]
                    }, rightAligned: Set(2...9), width: terminalWidth()))
        }
    }
}
