import Foundation
import GRDB

/// Writes one source's records into the ledger, inside the caller's transaction.
///
/// It applies DOMAIN.md's identity rule: an entry is (account, statement id, date, description,
/// amount, occurrence index among identical lines of that source), so the k-th identical line
/// of a second, overlapping export is the entry already stored (it only gains a provenance),
/// and a (k+1)-th is new.
final class LedgerWriter: RecordSink {
    private let db: Database
    /// The source's number (`source.id`).
    private let source: Int64
    private(set) var counts = ImportCounts()
    private(set) var remarks: [String] = []
    private var knownAccounts: Set<String> = []
    /// Statements of this file met lately (the rest are read back from the ledger when met again).
    private var recentStatements = RecentValues<Statement>(capacity: 64)
    /// Statements this file shares with earlier imports, with this file's own facts.
    private var overlapping: [String: Statement] = [:]
    private var lastStatement: Statement?
    /// Statement numbers (`statement.id`) of this file's statements met lately.
    private var statementNumbers = RecentValues<Int64>(capacity: 64)
    /// The statement of the entry before, and its number.
    private var lastEntryStatement: (account: String, statementId: String, number: Int64)?
    private let insertEntry: BulkStatement
    private let addProvenance: BulkStatement
    private let occurrences: OccurrenceCounter
    private let insertCall: BulkStatement

    /// Prepares to write the records of the source with this number (already in `source`).
    init(db: Database, source: Int64) throws {
        self.db = db
        self.source = source
        occurrences = try OccurrenceCounter(db: db, source: source)
        insertEntry = try BulkStatement(
            db,
            sql: """
                INSERT INTO entry (account, statement, date, kind, description, category, quantity, unit,
                    amount, currency, occurrence, time, number, line, extra, source, locator)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
        addProvenance = try BulkStatement(
            db,
            sql: """
                INSERT OR IGNORE INTO entryProvenance (entryId, source, locator)
                SELECT id, ?, ? FROM entry
                WHERE account = ? AND date = ? AND statement = ? AND description = ? AND amount = ?
                    AND currency = ? AND occurrence = ?
                """)
        insertCall = try BulkStatement(
            db,
            sql: """
                INSERT INTO call (account, startedAt, direction, number, durationSeconds, contactName, source, locator, service)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
    }

    func account(_ id: String, provider: String?) throws {
        if knownAccounts.contains(id) { return }
        try db.cachedStatement(
            sql: """
                INSERT INTO account (id, provider) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET provider = coalesce(account.provider, excluded.provider)
                """
        ).execute(arguments: [id, provider])
        knownAccounts.insert(id)
    }

    func statement(_ statement: Statement, locator: String) throws {
        // Most lines restate the statement of the line before: nothing to check or write.
        if statement == lastStatement { return }
        lastStatement = statement
        let key = statement.account + "\u{1F}" + statement.statementId
        var exists = true
        if let known = overlapping[key] ?? recentStatements.value(for: key) {
            try Self.checkAgreement(known, statement, locator: locator)
            let merged = known.filling(from: statement)
            if merged == known { return }
            if overlapping[key] != nil { overlapping[key] = merged } else { recentStatements.set(merged, for: key) }
        } else {
            try account(statement.account, provider: nil)
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM statement WHERE account = ? AND statementId = ?"),
                arguments: [statement.account, statement.statementId])
            if let row { statementNumbers.set(row["id"], for: key) }
            if let row, (row["source"] as Int64) == source {
                // Written by this file before it left the recent ones: the ledger holds its facts.
                let known = try Store.statement(row)
                try Self.checkAgreement(known, statement, locator: locator)
                let merged = known.filling(from: statement)
                recentStatements.set(merged, for: key)
                if merged == known { return }
            } else if row != nil {
                // From an earlier import: its figures stand; this file's own are kept to check its lines.
                overlapping[key] = statement
            } else {
                exists = false
                recentStatements.set(statement, for: key)
            }
        }
        // A statement seen in an earlier export keeps its figures; this one fills what was missing.
        let number = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    INSERT INTO statement (account, statementId, statementDate, dueDate, periodStart, periodEnd,
                        currency, previousBalance, totalDue, source, locator)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account, statementId) DO UPDATE SET
                        dueDate = coalesce(statement.dueDate, excluded.dueDate),
                        periodStart = coalesce(statement.periodStart, excluded.periodStart),
                        periodEnd = coalesce(statement.periodEnd, excluded.periodEnd),
                        previousBalance = coalesce(statement.previousBalance, excluded.previousBalance),
                        totalDue = coalesce(statement.totalDue, excluded.totalDue)
                    RETURNING id
                    """),
            arguments: [
            statement.account, statement.statementId, statement.statementDate.description,
            statement.dueDate?.description, statement.periodStart?.description, statement.periodEnd?.description,
            statement.currency.code, statement.previousBalance?.minorUnits, statement.totalDue?.minorUnits,
            source, locator,
        ])
        if let number { statementNumbers.set(number, for: key) }
        if !exists { counts.statements += 1 }
    }

    /// The number of the statement `statementId` of `account` (0 for none), which the file stated
    /// before its lines.
    private func statementNumber(account: String, statementId: String?) throws -> Int64 {
        guard let statementId else { return 0 }
        if let last = lastEntryStatement, last.statementId == statementId, last.account == account { return last.number }
        let key = account + "\u{1F}" + statementId
        var number = statementNumbers.value(for: key)
        if number == nil {
            number = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM statement WHERE account = ? AND statementId = ?"),
                arguments: [account, statementId])
            if let number { statementNumbers.set(number, for: key) }
        }
        guard let number else {
            throw RecordError("a line names statement \(statementId.visible) of account \(account.visible), which is not stated")
        }
        lastEntryStatement = (account, statementId, number)
        return number
    }

    func entry(_ entry: EntryDraft) throws {
        try account(entry.account, provider: nil)
        let statement = try statementNumber(account: entry.account, statementId: entry.statementId)
        let amount = entry.amount.minorUnits
        let date = entry.date.description
        let currency = entry.amount.currency.code
        // Lines outside statements are counted per day, so that no bucket grows with the file.
        let occurrence = try occurrences.next(
            OccurrenceCounter.Bucket(
                kind: .ledger, account: entry.account, statement: statement,
                day: entry.statementId == nil ? date : nil),
            key: OccurrenceCounter.Key(date: date, description: entry.description, amount: amount, currency: currency))
        let extra = entry.extra.isEmpty ? nil : ExtraFields.encode(entry.extra)
        // One bind a column (an array of the values would cost a generic allocation a line).
        insertEntry.bind(entry.account)
        insertEntry.bind(statement)
        insertEntry.bind(date)
        insertEntry.bind(entry.kind.rawValue)
        insertEntry.bind(entry.description)
        insertEntry.bind(entry.category)
        insertEntry.bind(entry.quantity)
        insertEntry.bind(entry.unit)
        insertEntry.bind(amount)
        insertEntry.bind(currency)
        insertEntry.bind(occurrence)
        insertEntry.bind(entry.time)
        insertEntry.bind(entry.number)
        insertEntry.bind(entry.line)
        insertEntry.bind(extra)
        insertEntry.bind(source)
        insertEntry.bind(entry.provenance.locator)
        try insertEntry.run()
        if db.changesCount > 0 {
            counts.entries += 1
            return
        }
        counts.entriesAlreadyPresent += 1
        addProvenance.bind(source)
        addProvenance.bind(entry.provenance.locator)
        addProvenance.bind(entry.account)
        addProvenance.bind(date)
        addProvenance.bind(statement)
        addProvenance.bind(entry.description)
        addProvenance.bind(amount)
        addProvenance.bind(currency)
        addProvenance.bind(occurrence)
        try addProvenance.run()
    }

    /// Adds a bank transaction unless the ledger holds it already: the same bank id on the same
    /// bank account, or the same date, description, amount and occurrence from any source (the
    /// bank's CSV and its QFX of the same payment are one record, whichever account they name).
    func bankTransaction(_ transaction: BankTransactionDraft) throws {
        let account = transaction.account ?? ""
        let amount = transaction.amount.minorUnits
        let occurrence = try occurrences.next(
            OccurrenceCounter.Bucket(kind: .bank, account: account, statement: 0, day: transaction.date.description),
            key: OccurrenceCounter.Key(
                date: "", description: transaction.description, amount: amount,
                currency: transaction.amount.currency.code))
        try db.cachedStatement(
            sql: """
                INSERT INTO bankTransaction (account, date, description, amount, currency, occurrence, source, locator,
                    bankId, bankAccount, transactionType)
                SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
                WHERE NOT EXISTS (
                    SELECT 1 FROM bankTransaction
                    WHERE date = ?2 AND amount = ?4 AND currency = ?5 AND description = ?3 AND occurrence = ?6)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [
            account, transaction.date.description, transaction.description, amount,
            transaction.amount.currency.code, occurrence, source, transaction.provenance.locator,
            transaction.bankId, transaction.bankAccount, transaction.transactionType,
        ])
        if db.changesCount > 0 {
            counts.bankTransactions += 1
        } else {
            counts.recordsAlreadyPresent += 1
        }
    }

    func bankStatement(_ statement: BankStatementDraft) throws {
        try db.execute(
            sql: """
                INSERT INTO bankStatement (source, locator, bankAccount, accountType, currency, startDate, endDate,
                    ledgerBalance, balanceDate, transactions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                source, statement.provenance.locator, statement.bankAccount, statement.accountType,
                statement.currency.code, statement.start?.description, statement.end?.description,
                statement.ledgerBalance?.minorUnits, statement.balanceDate?.description, statement.transactions,
            ])
        var words = "\(statement.accountType?.lowercased() ?? "bank") account \(statement.bankAccount.isEmpty ? "(not named)" : statement.bankAccount)"
        if let start = statement.start, let end = statement.end { words += ", \(start) to \(end)" }
        words += ", \(statement.transactions) transaction\(statement.transactions == 1 ? "" : "s")"
        if let balance = statement.ledgerBalance {
            words += ", balance \(balance.formatted)" + (statement.balanceDate.map { " on \($0)" } ?? "")
        }
        remarks.append("statement of " + words)
    }

    func call(_ call: CallDraft) throws {
        try call.account.map { try account($0, provider: nil) }
        insertCall.bind(call.account)
        insertCall.bind(call.startedAt.millisecondsSinceEpoch)
        insertCall.bind(call.direction.rawValue)
        insertCall.bind(call.number ?? "")
        insertCall.bind(call.durationSeconds)
        insertCall.bind(call.contactName)
        insertCall.bind(source)
        insertCall.bind(call.provenance.locator)
        insertCall.bind(call.service)
        try insertCall.run()
        countRecord(\.calls)
    }

    func message(_ message: MessageDraft) throws {
        try message.account.map { try account($0, provider: nil) }
        try db.cachedStatement(
            sql: """
                INSERT INTO message (account, sentAt, direction, address, body, subject, isMultimedia, refs,
                    source, locator, service)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [
            message.account, message.sentAt.millisecondsSinceEpoch, message.direction.rawValue, message.address,
            message.body, message.subject, message.isMultimedia, StoredJSON.encode(message.references), source,
            message.provenance.locator, message.service,
        ])
        countRecord(\.messages)
    }

    func document(_ document: DocumentDraft) throws {
        try document.account.map { try account($0, provider: nil) }
        try db.cachedStatement(
            sql: """
                INSERT INTO document (account, kind, date, sentAt, sender, recipient, subject, messageId, text, refs,
                    attachments, note, source, locator)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [
            document.account, document.kind.rawValue, document.date?.description,
            document.sentAt?.millisecondsSinceEpoch, document.from, document.to, document.subject,
            document.messageId, document.text, StoredJSON.encode(document.references),
            StoredJSON.encode(document.attachments), document.note, source, document.provenance.locator,
        ])
        countRecord(\.documents)
    }

    func remark(_ text: String) {
        remarks.append(text)
    }

    /// Counts the row just inserted, or one already stored from an overlapping source.
    private func countRecord(_ count: WritableKeyPath<ImportCounts, Int>) {
        if db.changesCount > 0 {
            counts[keyPath: count] += 1
        } else {
            counts.recordsAlreadyPresent += 1
        }
    }

    /// Lines of one statement within a file must state the same statement facts.
    private static func checkAgreement(_ known: Statement, _ other: Statement, locator: String) throws {
        func differ<T: Equatable>(_ name: String, _ a: T?, _ b: T?, show: (T) -> String) throws {
            if let a, let b, a != b {
                throw RecordError(
                    locator: locator,
                    "\(name) \(show(b)) differs from \(show(a)) given earlier for statement \(known.statementId)")
            }
        }
        try differ("statement date", known.statementDate, other.statementDate, show: \.description)
        try differ("due date", known.dueDate, other.dueDate, show: \.description)
        try differ("period start", known.periodStart, other.periodStart, show: \.description)
        try differ("period end", known.periodEnd, other.periodEnd, show: \.description)
        try differ("currency", known.currency, other.currency, show: \.code)
        try differ("previous balance", known.previousBalance, other.previousBalance, show: \.decimalString)
        try differ("statement total", known.totalDue, other.totalDue, show: \.decimalString)
    }
}

extension Statement {
    /// This statement with the optional facts it lacks taken from `other`.
    func filling(from other: Statement) -> Statement {
        var merged = self
        merged.dueDate = dueDate ?? other.dueDate
        merged.periodStart = periodStart ?? other.periodStart
        merged.periodEnd = periodEnd ?? other.periodEnd
        merged.previousBalance = previousBalance ?? other.previousBalance
        merged.totalDue = totalDue ?? other.totalDue
        return merged
    }
}

/// Lists stored as JSON text (reference numbers, attachments).
enum StoredJSON {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// The `extra` column: source columns the format does not know, as a JSON object.
enum ExtraFields {
    static func encode(_ fields: [String: String]) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(fields)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}

/// A small map that keeps only the values used most recently.
struct RecentValues<Value> {
    let capacity: Int
    private var values: [String: Value] = [:]
    /// Keys, least recently set first.
    private var order: [String] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(for key: String) -> Value? { values[key] }

    mutating func set(_ value: Value, for key: String) {
        if values.updateValue(value, forKey: key) == nil {
            order.append(key)
            if order.count > capacity { values.removeValue(forKey: order.removeFirst()) }
        }
    }
}
