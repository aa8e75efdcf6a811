public import Foundation
import GRDB

/// Where a store and each of its accounts stand, for a person coming back to their dispute
/// (`evidence status`): what is in it, what the rules found, the cancellation, the arrears, and
/// what needs doing next.
public struct StoreStatus: Sendable {
    /// One account's part.
    public struct AccountStatus: Sendable {
        public var account: Account
        public var cancellation: CancellationStatus
        /// What its records, the rules and the balances say.
        public var figures: AccountFigures
    }

    /// What an account's records, the rules and the balances say: the part of its status that
    /// takes reading the whole ledger to work out (kept between runs by ``StatusCache``).
    public struct AccountFigures: Sendable, Codable {
        /// The first and last day of its statements and entries.
        public var firstDate: CalendarDate?
        public var lastDate: CalendarDate?
        public var statements = 0
        public var entries = 0
        /// Calls, messages and documents of this account, and those assigned to none.
        public var calls = 0
        public var messages = 0
        public var documents = 0
        /// Findings neither disputed nor dismissed, by severity (highest first).
        public var openBySeverity: [SeverityTotal] = []
        public var disputedFindings = 0
        /// One per currency of the account's ledger.
        public var arrears: [CancellationCheck] = []

        /// How many findings are neither disputed nor dismissed.
        public var openFindings: Int { openBySeverity.reduce(0) { $0 + $1.count } }
    }

    /// The open findings of one severity: how many, and their amounts per currency (in the order
    /// the currencies first appear in date order).
    public struct SeverityTotal: Sendable, Codable, Equatable {
        public var severity: Finding.Severity
        public var count: Int
        public var amounts: [Money]

        /// One total per severity that has open findings, highest severity first.
        static func totals(of open: [Finding]) -> [SeverityTotal] {
            let ordered = open.sorted { ($0.severity, $0.date) < ($1.severity, $1.date) }
            return Finding.Severity.allCases.compactMap { severity in
                let findings = ordered.filter { $0.severity == severity }
                guard !findings.isEmpty else { return nil }
                var sums: [Currency: Int64] = [:]
                var order: [Currency] = []
                for finding in findings {
                    if sums[finding.amount.currency] == nil { order.append(finding.amount.currency) }
                    sums[finding.amount.currency, default: 0] += finding.amount.minorUnits
                }
                return SeverityTotal(
                    severity: severity, count: findings.count,
                    amounts: order.map { Money(minorUnits: sums[$0] ?? 0, currency: $0) })
            }
        }
    }

    /// Something a person should act on, and the command that does it.
    public struct Attention: Sendable, Equatable {
        public var message: String
        public var command: String
    }

    public var store: URL
    public var asOf: CalendarDate
    /// The file imported last.
    public var lastImport: SourceFile?
    /// The last `evidence import`, with the files it rejected.
    public var lastRun: ImportRun?
    public var accounts: [AccountStatus] = []
    public var attention: [Attention] = []

    /// Reads the store as of `asOf`.
    ///
    /// The rules and balances are run only when the ledger, the configuration or this program
    /// changed since the last status, or a record of the ledger lies between the day that status
    /// judged and `asOf` (``StatusCache``); a store that cannot be written to is read in full each
    /// time.
    public static func load(store: Store, asOf: CalendarDate) throws(StoreError) -> StoreStatus {
        var status = StoreStatus(
            store: store.url, asOf: asOf, lastImport: try store.lastImported(), lastRun: store.lastImportRun())
        let key = try StatusCache.Key(store: store)
        let cached = StatusCache.load(store: store, key: key, asOf: asOf)
        var worked: [String: AccountFigures] = [:]
        let engine = FindingEngine(store: store)
        for account in try store.accounts() {
            var figures: AccountFigures
            if let known = cached?.accounts[account.id] {
                figures = known
                // Only the days past due moved since.
                figures.arrears = known.arrears.map { $0.judged(asOf: asOf) }
            } else {
                figures = try Self.figures(of: account.id, store: store, engine: engine, asOf: asOf)
                worked[account.id] = figures
            }
            status.accounts.append(AccountStatus(
                account: account,
                cancellation: try CancellationStatus.load(store: store, account: account.id, asOf: asOf),
                figures: figures))
        }
        // Kept only when no write landed while it was worked out.
        if cached == nil, try store.writeCount() == key.writes {
            StatusCache(key: key, judgedOn: asOf, sameUntil: try store.firstChange(after: asOf), accounts: worked)
                .save(in: store)
        }
        status.attention = Self.attention(status)
        return status
    }

    /// Works out one account's figures from the ledger.
    private static func figures(
        of account: String, store: Store, engine: FindingEngine, asOf: CalendarDate
    ) throws(StoreError) -> AccountFigures {
        var figures = AccountFigures()
        try store.count(account, into: &figures)
        let findings = try engine.findings(account: account, asOf: asOf)
        figures.openBySeverity = SeverityTotal.totals(of: findings.filter { $0.status == .open })
        figures.disputedFindings = findings.filter { $0.status == .disputed }.count
        figures.arrears = try CancellationCheck.evaluate(store: store, account: account, asOf: asOf)
        return figures
    }

    private static func attention(_ status: StoreStatus) -> [Attention] {
        var found: [Attention] = []
        if let run = status.lastRun, !run.rejected.isEmpty {
            let count = run.rejected.count
            found.append(Attention(
                message: "\(count) file\(count == 1 ? " was" : "s were") rejected by the last import (\(run.finishedAt)): "
                    + run.rejected.prefix(3).map(\.file).joined(separator: ", ") + (count > 3 ? ", …" : ""),
                command: "evidence import FILE (the reason is given again)"))
        }
        for part in status.accounts {
            let id = part.account.id
            let cancellation = part.cancellation
            if let days = cancellation.daysUnderReview, cancellation.state == .requested || cancellation.state == .acknowledged,
                days > cancellation.reviewLimitDays
            {
                found.append(Attention(
                    message: "\(id): the cancellation has been under review for \(days) days (more than \(cancellation.reviewLimitDays))",
                    command: "evidence case add --account \(id) --event contact --date \(status.asOf) --note \"asked again\""))
            }
            if part.figures.openFindings > 0 {
                let count = part.figures.openFindings
                found.append(Attention(
                    message: "\(id): \(count) finding\(count == 1 ? " is" : "s are") neither disputed nor dismissed",
                    command: "evidence case add --account \(id) --event dispute-filed --date \(status.asOf) --finding ID"))
            }
            for check in part.figures.arrears where check.blocked {
                found.append(Attention(
                    message: "\(id): cancellation is blocked by \(check.undisputedPastDue) of undisputed arrears",
                    command: "evidence cancel-check --account \(id)"))
            }
        }
        return found
    }
}

/// What one `evidence import` did: its time and the files it rejected, with why.
public struct ImportRun: Sendable, Codable, Equatable {
    public struct Rejection: Sendable, Codable, Equatable {
        public var file: String
        public var reason: String
        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    /// ISO 8601, UTC.
    public var finishedAt: String
    public var imported: Int
    public var skipped: Int
    public var rejected: [Rejection]

    public init(results: [ImportResult], at date: Date = Date()) {
        finishedAt = Importer.timestamp(date)
        imported = results.filter { $0.status == .imported }.count
        skipped = results.filter { $0.status == .skipped }.count
        rejected = results.compactMap { result in
            result.error.map { Rejection(file: result.file, reason: $0.record.description) }
        }
    }
}

extension Store {
    static let lastImportName = "last-import.json"

    /// Keeps what an import run did, for `evidence status` (written whole, then renamed in place).
    public func record(_ run: ImportRun) throws(StoreError) {
        let destination = url.appendingPathComponent(Self.lastImportName)
        let temporary = url.appendingPathComponent(".\(Self.lastImportName).\(UUID().uuidString)")
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(run).write(to: temporary)
            guard rename(temporary.path, destination.path) == 0 else {
                throw StoreError(.io, "\(destination.path): cannot be written (\(errnoText()))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw (error as? StoreError) ?? StoreError(.io, "\(destination.path): cannot be written (\(error))")
        }
    }

    /// The last import run recorded, if any (an unreadable record counts as none).
    public func lastImportRun() -> ImportRun? {
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(Self.lastImportName).path)
        else { return nil }
        return try? JSONDecoder().decode(ImportRun.self, from: data)
    }

    /// The file imported most recently.
    func lastImported() throws(StoreError) -> SourceFile? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source ORDER BY importedAt DESC, rowid DESC LIMIT 1").map(Self.sourceFile)
        }
    }

    /// Counts one account's records and the span of its statements and entries.
    fileprivate func count(_ id: String, into part: inout StoreStatus.AccountFigures) throws(StoreError) {
        let row = try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT
                        (SELECT count(*) FROM statement WHERE account = ?1),
                        (SELECT count(*) FROM entry WHERE account = ?1),
                        (SELECT count(*) FROM call WHERE account = ?1 OR account IS NULL),
                        (SELECT count(*) FROM message WHERE account = ?1 OR account IS NULL),
                        (SELECT count(*) FROM document WHERE account = ?1 OR account IS NULL),
                        (SELECT min(d) FROM (SELECT min(date) AS d FROM entry WHERE account = ?1
                            UNION ALL SELECT min(statementDate) FROM statement WHERE account = ?1)),
                        (SELECT max(d) FROM (SELECT max(date) AS d FROM entry WHERE account = ?1
                            UNION ALL SELECT max(statementDate) FROM statement WHERE account = ?1))
                    """, arguments: [id])
        }
        guard let row else { return }
        part.statements = row[0]
        part.entries = row[1]
        part.calls = row[2]
        part.messages = row[3]
        part.documents = row[4]
        part.firstDate = (row[5] as String?).flatMap { CalendarDate(iso: $0) }
        part.lastDate = (row[6] as String?).flatMap { CalendarDate(iso: $0) }
    }
}
