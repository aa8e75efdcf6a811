public import Foundation

/// What the rules read for one account: its plan facts, statements, entries, calls, bank
/// records, case events and balances, all as of one date.
public struct RuleContext: Sendable {
    public let account: Account
    public let asOf: CalendarDate
    public let settings: RuleSettings
    public let timeZone: TimeZone
    /// Oldest first.
    public let statements: [Statement]
    /// Entries dated on or before `asOf`, in date order.
    public let entries: [Entry]
    public let calls: [Call]
    public let bankTransactions: [BankTransaction]
    /// Events dated on or before `asOf`, in date order.
    public let caseEvents: [CaseEvent]
    public let balances: [AccountBalance]
    /// Positions in `entries` by statement id, for rules that look at one statement at a time.
    private let entriesByStatement: [String: [Int]]
    /// Normalised descriptions already worked out (bills repeat a few descriptions many times).
    private let descriptions = DescriptionCache()
    /// The first user pattern that ran out of time during this evaluation.
    let patternProblems = PatternProblems()

    public init(
        account: Account, asOf: CalendarDate, settings: RuleSettings, timeZone: TimeZone, statements: [Statement],
        entries: [Entry], calls: [Call] = [], bankTransactions: [BankTransaction] = [], caseEvents: [CaseEvent] = [],
        balances: [AccountBalance] = []
    ) {
        self.account = account
        self.asOf = asOf
        self.settings = settings
        self.timeZone = timeZone
        self.statements = statements
        self.entries = entries
        self.calls = calls
        self.bankTransactions = bankTransactions
        self.caseEvents = caseEvents
        self.balances = balances
        var byStatement: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            if let statementId = entry.draft.statementId { byStatement[statementId, default: []].append(index) }
        }
        entriesByStatement = byStatement
    }

    /// Reads what the rules need about `account` from `store`.
    public static func load(
        store: Store, account: Account, asOf: CalendarDate, configuration: StoreConfiguration
    ) throws(StoreError) -> RuleContext {
        var entries: [Entry] = []
        try store.forEachEntry(EntryFilter(account: account.id, to: asOf)) { entries.append($0) }
        let zone = AccountTimeZones(accounts: [account], configuration: configuration).zone(for: account.id)
        // Only the phone's own log speaks for the calls made: a provider's call-detail export
        // (mapped-csv) is the bill's side of the story, not evidence against it.
        // Only calls over the provider's network can be billed: FaceTime and app calls are not.
        let phoneLogs = try store.sourceHashes(format: .androidCalls).union(try store.sourceHashes(format: .iosCalls))
        let calls = try store.calls(RecordFilter(account: account.id, timeZone: zone, includingUnassigned: true))
            .filter { phoneLogs.contains($0.draft.provenance.sha256) && $0.draft.service == nil }
        return RuleContext(
            account: account, asOf: asOf, settings: configuration.rules, timeZone: zone,
            statements: try store.statements(account: account.id).filter { $0.statementDate <= asOf }, entries: entries,
            calls: calls,
            bankTransactions: try store.bankTransactions(account: account.id).filter { $0.draft.date <= asOf },
            caseEvents: try store.caseEvents(account: account.id).filter { $0.draft.date <= asOf },
            balances: try BalanceCalculator(store: store).balances(account: account.id, asOf: asOf))
    }

    /// The entries of one statement.
    func entries(of statement: Statement) -> [Entry] {
        (entriesByStatement[statement.statementId] ?? []).map { entries[$0] }
    }

    /// The sum of one statement's entries in `currency`, without copying them.
    func total(of statement: Statement, _ currency: Currency) -> Money {
        let indices = entriesByStatement[statement.statementId] ?? []
        return Money(minorUnits: indices.reduce(0) { $0 + entries[$1].draft.amount.minorUnits }, currency: currency)
    }

    /// `description` lowercased, punctuation and repeated spaces gone (see ``EntryDraft/normalizedDescription``).
    func normalized(_ draft: EntryDraft) -> String {
        descriptions.normalized(draft)
    }
}

extension EntryDraft {
    /// The description compared across lines: lowercased, punctuation and repeated spaces gone.
    var normalizedDescription: String {
        var words: [String] = []
        var word = ""
        for scalar in description.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    /// `Premium SMS - StarQuiz Club`, `$9.99`: for summaries.
    var shortText: String { "\"\(description)\" (\(amount.formatted))" }
}

extension Array where Element == Entry {
    /// The sum of the entries' amounts (all in `currency`).
    func total(_ currency: Currency) -> Money {
        Money(minorUnits: reduce(0) { $0 + $1.draft.amount.minorUnits }, currency: currency)
    }
}

/// Remembers normalised descriptions for one rule context.
private final class DescriptionCache: @unchecked Sendable {  // used by one evaluation at a time
    private var known: [String: String] = [:]

    func normalized(_ draft: EntryDraft) -> String {
        if let text = known[draft.description] { return text }
        let text = draft.normalizedDescription
        known[draft.description] = text
        return text
    }
}
