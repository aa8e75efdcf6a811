import ArgumentParser
import EvidenceKit

struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accounts", abstract: "List the accounts and their plan facts.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "table or json.")
    var format: SummaryFormat = .table

    func run() throws {
        let store = try storeOptions.open()
        let accounts = try exitingOnFailure { try store.accounts() }
        switch format {
        case .json:
            print(JSONValue.array(accounts.map(\.json)).rendered())
        case .table:
            guard !accounts.isEmpty else {
                print("No accounts yet: `evidence import` creates them from bills.")
                return
            }
            print(
                TextTable.render(
                    header: ["account", "provider", "plan", "unlimited data", "monthly", "phones", "time zone"],
                    rows: accounts.map {
                        [
                            $0.id, $0.provider ?? "", $0.planName ?? "", $0.unlimitedData ? "yes" : "no",
                            $0.monthlyPrice?.formatted ?? "", $0.phoneNumbers.joined(separator: " "), $0.timeZone ?? "",
                        ]
                    }, width: terminalWidth()))
        }
    }
}

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Change an account.", subcommands: [AccountSetCommand.self])
}

struct AccountSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set an account's plan facts (the rules rely on them).")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The account id.")
    var id: String

    @Option(help: "The provider's name.")
    var provider: String?

    @Option(help: "The account holder's name, as the provider writes it (used in the dispute letter; --redact hides it).")
    var holder: String?

    @Option(help: "The plan's name.")
    var plan: String?

    @Flag(inversion: .prefixedNo, help: "Whether the plan's data is unlimited.")
    var unlimitedData: Bool?

    @Option(help: ArgumentHelp("The plan's monthly price, e.g. 65.00.", valueName: "AMOUNT"))
    var monthlyPrice: String?

    @Option(help: "The account's currency for --monthly-price (default: the store's).")
    var currency: String?

    @Option(name: .customLong("phone"), help: ArgumentHelp("A phone number of the account (repeat for more).", valueName: "NUMBER"))
    var phones: [String] = []

    @Option(help: ArgumentHelp("The account's time zone, e.g. America/Chicago.", valueName: "TZ"))
    var timeZone: String?

    func validate() throws {
        if let timeZone, TimeZoneCheck.isKnown(timeZone) == false {
            throw ValidationError("--time-zone \(timeZone) is not a known time zone (e.g. America/Chicago)")
        }
        if let currency, Currency(code: currency) == nil {
            throw ValidationError("--currency \(currency) is not an ISO 4217 code")
        }
    }

    func run() throws {
        let store = try storeOptions.open()
        var account = try exitingOnFailure { try store.accounts() }.first { $0.id == id } ?? Account(id: id)
        if let provider { account.provider = provider }
        if let plan { account.planName = plan }
        if let holder { account.holder = holder }
        if let unlimitedData { account.unlimitedData = unlimitedData }
        if let monthlyPrice {
            let configured = try exitingOnFailure { try store.configuration() }.defaultCurrency
            let code = currency.flatMap(Currency.init(code:)) ?? configured
            do {
                account.monthlyPrice = try AmountParser().parse(monthlyPrice, currency: code)
            } catch {
                throw ValidationError("--monthly-price: \(error)")
            }
        }
        if !phones.isEmpty { account.phoneNumbers = phones }
        if let timeZone { account.timeZone = timeZone }
        try exitingOnFailure { try store.save(account) }
        print("Saved account \(account.id).")
    }
}

extension Account {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("provider", .optional(provider)),
            ("holder", .optional(holder)),
            ("plan", .optional(planName)),
            ("unlimitedData", .bool(unlimitedData)),
            ("monthlyPrice", .optional(monthlyPrice?.decimalString)),
            ("currency", .optional(monthlyPrice?.currency.code)),
            ("phones", .array(phoneNumbers.map(JSONValue.string))),
            ("timeZone", .optional(timeZone)),
        ])
    }
}
