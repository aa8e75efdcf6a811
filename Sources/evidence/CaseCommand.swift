public import ArgumentParser
public import EvidenceKit

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Record and list what happened in the dispute, and where the cancellation stands.",
        subcommands: [CaseAddCommand.self, CaseListCommand.self, CaseStatusCommand.self])
}

extension CaseEventKind: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}

struct CaseAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record a case event: a request, a contact, a dispute, a payment, a note.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The account it concerns.", completion: Completions.accounts)
    var account: String

    @Option(help: ArgumentHelp(
        "What happened: " + CaseEventKind.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "kind"))
    var event: CaseEventKind

    @Option(help: "The day it happened.", transform: CalendarDate.argument)
    var date: CalendarDate

    @Option(help: "The local time it happened (HH:MM, in the account's time zone).")
    var time: String?

    @Option(help: ArgumentHelp(
        "How you and the provider were in touch: " + Channel.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: "channel"))
    var channel: Channel?

    @Option(help: "The provider's reference (ticket, case or confirmation number).")
    var ref: String?

    @Option(help: "The provider's representative.")
    var rep: String?

    @Option(help: "The day a requested or confirmed cancellation takes effect.", transform: CalendarDate.argument)
    var effective: CalendarDate?

    @Option(help: "An amount paid, promised or credited (45.00).")
    var amount: String?

    @Option(help: "A ledger entry it is about (repeatable); dispute-filed marks it disputed.")
    var entry: [Int64] = []

    @Option(help: "A finding it is about (repeatable); dispute-filed marks its entries disputed.", completion: Completions.findings)
    var finding: [String] = []

    @Option(help: "A document it rests on (repeatable).")
    var document: [Int64] = []

    @Option(help: "What was said or done, in your words.")
    var note: String?

    func validate() throws {
        if let time {
            let parts = time.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2,
                (0...23).contains(hour), (0...59).contains(minute)
            else { throw ValidationError("--time \"\(time)\" is not HH:MM") }
        }
        if let amount, (try? AmountParser().parse(amount, currency: .usd)) == nil {
            throw ValidationError("--amount \"\(amount)\" is not an amount such as 45.00")
        }
    }

    func run() throws {
        let store = try storeOptions.open()
        let currency = try exitingOnFailure { try store.configuration().defaultCurrency }
        let money: Money?
        do {
            money = try amount.map { try AmountParser().parse($0, currency: currency) }
        } catch {
            printError("--amount \"\(amount ?? "")\": \(error)")
            throw ExitCode(64)
        }
        let draft = CaseEventDraft(
            account: account, kind: event, date: date, time: time.map(Self.padded), channel: channel, reference: ref,
            representative: rep, effectiveDate: effective, amount: money, entries: entry, findings: finding,
            documents: document, note: note)
        var findingEntries: [Int64] = []
        if !finding.isEmpty {
            let current = try exitingOnFailure { try FindingEngine(store: store).findings(account: account, asOf: try today()) }
            for id in finding {
                guard let found = current.first(where: { $0.id == id }) else {
                    printError("finding \(id) is not a current finding of account \(account) (see `evidence flags --all`)")
                    throw ExitCode(64)
                }
                findingEntries += found.entries.map(\.id)
            }
        }
        do {
            let recorded = try store.record(draft, findingEntries: findingEntries)
            print("Recorded case event \(recorded.id): \(event.rawValue) on \(date) for \(account).")
        } catch let error as CaseEventError {
            printError(error.description)
            throw ExitCode(64)
        } catch let error as StoreError {
            printError(error.description)
            throw ExitCode(2)
        }
    }

    /// `9:05` becomes `09:05`, so that times sort as text.
    private static func padded(_ time: String) -> String {
        time.count == 4 ? "0" + time : time
    }
}

struct CaseListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the case events.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this account.", completion: Completions.accounts)
    var account: String?

    @Option(help: "table or json.")
    var format: SummaryFormat = .table

    func run() throws {
        let store = try storeOptions.open()
        let events = try exitingOnFailure { try store.caseEvents(account: account) }
        switch format {
        case .json:
            print(JSONValue.array(events.map(\.json)).rendered())
        case .table:
            guard !events.isEmpty else {
                print("No case events\(account.map { " for account \($0)" } ?? ""). Record one with `evidence case add`.")
                return
            }
            let rows = events.map { event -> [String] in
                let draft = event.draft
                var links: [String] = draft.entries.map { "entry \($0)" } + draft.findings.map { "finding \($0)" }
                links += draft.documents.map { "document \($0)" }
                return [
                    String(event.id), draft.date.description, draft.time ?? "", draft.account, draft.kind.rawValue,
                    draft.channel?.rawValue ?? "", draft.reference ?? "", draft.representative ?? "",
                    draft.amount?.formatted ?? "", links.joined(separator: ", "),
                    cell([draft.effectiveDate.map { "effective \($0)" }, draft.note].compactMap { $0 }.joined(separator: "; ")),
                ]
            }
            print(
                TextTable.render(
                    header: ["id", "date", "time", "account", "event", "channel", "ref", "rep", "amount", "about", "note"],
                    rows: rows, rightAligned: [0, 8], width: terminalWidth()))
        }
    }
}
