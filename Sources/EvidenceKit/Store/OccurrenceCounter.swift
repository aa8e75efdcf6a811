import GRDB

/// Counts identical lines within one source for the identity rule: 0 for the first line with a
/// key, 1 for the second, and so on.
///
/// Lines are counted per bucket (a statement, or a day for lines outside statements, or a day of
/// a bank account), and only the buckets in use stay in memory: when more than ``openBuckets`` are
/// open, the least recently used is dropped. If the file returns to a dropped ledger bucket, its
/// counts are recounted from the ledger (the entries this source added, and those it found already
/// there); a dropped bank bucket is kept in a temporary table instead, since a bank line found
/// already stored leaves no trace. Memory stays flat however long the file.
final class OccurrenceCounter {
    /// A group of lines counted together.
    struct Bucket: Hashable {
        enum Kind: Hashable { case ledger, bank }
        var kind: Kind
        var account: String
        /// `''` for lines outside statements (and bank lines).
        var statementId: String
        /// The day, for lines outside statements; nil for a statement's bucket.
        var day: String?
    }

    /// How many buckets stay in memory.
    static let openBuckets = 32

    private let db: Database
    private let source: String
    private var buckets: [Bucket: [String: Int64]] = [:]
    /// Open buckets, least recently used first.
    private var order: [Bucket] = []
    /// Bank buckets dropped from memory, to be read back when met again.
    private var droppedBank: Set<Bucket> = []
    private let spill: BulkStatement

    init(db: Database, source: String) throws {
        self.db = db
        self.source = source
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS bankOccurrence (
                    account TEXT NOT NULL, day TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
                    PRIMARY KEY (account, day, key)
                ) WITHOUT ROWID;
                DELETE FROM temp.bankOccurrence;
                """)
        spill = try BulkStatement(
            db, sql: "INSERT OR REPLACE INTO temp.bankOccurrence (account, day, key, n) VALUES (?, ?, ?, ?)")
    }

    /// The key of a ledger line within its bucket.
    static func ledgerKey(date: String, description: String, amount: Int64, currency: String) -> String {
        date + "\u{1F}" + description + "\u{1F}" + String(amount) + "\u{1F}" + currency
    }

    /// The number of lines of `bucket` with `key` counted before this one.
    func next(_ bucket: Bucket, key: String) throws -> Int64 {
        if buckets[bucket] == nil {
            try open(bucket)
        } else if order.last != bucket, let index = order.lastIndex(of: bucket) {
            order.remove(at: index)
            order.append(bucket)
        }
        let count = buckets[bucket]?[key] ?? 0
        buckets[bucket, default: [:]][key] = count + 1
        return count
    }

    private func open(_ bucket: Bucket) throws {
        // A ledger bucket is always recounted from the ledger: empty the first time, and right when
        // the file returns to it after it was dropped (one query per statement, not per line).
        buckets[bucket] = bucket.kind == .ledger || droppedBank.contains(bucket) ? try recount(bucket) : [:]
        order.append(bucket)
        guard order.count > Self.openBuckets else { return }
        let evicted = order.removeFirst()
        let counts = buckets.removeValue(forKey: evicted) ?? [:]
        guard evicted.kind == .bank else { return }
        droppedBank.insert(evicted)
        for (key, count) in counts {
            spill.bind(evicted.account)
            spill.bind(evicted.day ?? "")
            spill.bind(key)
            spill.bind(count)
            try spill.run()
        }
    }

    /// The counts of a bucket met again.
    private func recount(_ bucket: Bucket) throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        switch bucket.kind {
        case .bank:
            for row in try Row.fetchAll(
                db, sql: "SELECT key, n FROM temp.bankOccurrence WHERE account = ? AND day = ?",
                arguments: [bucket.account, bucket.day ?? ""])
            {
                counts[row[0]] = row[1]
            }
        case .ledger:
            // Every earlier line of this source in the bucket was either added (the entry names this
            // source) or found already stored (a further provenance names it).
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT date, description, amount, currency FROM entry
                    WHERE account = ?1 AND statementId = ?2 AND (?3 IS NULL OR date = ?3) AND sourceSha256 = ?4
                    UNION ALL
                    SELECT e.date, e.description, e.amount, e.currency
                    FROM entryProvenance p JOIN entry e ON e.id = p.entryId
                    WHERE e.account = ?1 AND e.statementId = ?2 AND (?3 IS NULL OR e.date = ?3) AND p.sourceSha256 = ?4
                    """, arguments: [bucket.account, bucket.statementId, bucket.day, source])
            for row in rows {
                counts[Self.ledgerKey(date: row[0], description: row[1], amount: row[2], currency: row[3]), default: 0] += 1
            }
        }
        return counts
    }
}
