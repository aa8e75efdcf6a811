import GRDB

/// Counts identical lines within one source for the identity rule: 0 for the first line with a
/// key, 1 for the second, and so on.
///
/// Lines are counted per bucket (a statement, or a day for lines outside statements, or a day of
/// a bank account), and only the buckets in use stay in memory: when more than ``openBuckets`` are
/// open, the least recently used is dropped. If the file returns to a dropped ledger bucket, its
/// counts are recounted from the ledger (the entries this source added, and those it found already
/// there); a dropped bank bucket is kept in a temporary table instead, since a bank line found
/// already stored leaves no trace. A bucket met for the first time needs no recount: nothing of
/// this source is in it yet. Memory stays flat however long the file.
final class OccurrenceCounter {
    /// A group of lines counted together.
    struct Bucket: Hashable {
        enum Kind: Hashable { case ledger, bank }
        var kind: Kind
        var account: String
        /// The statement's number (`statement.id`); 0 outside statements (and for bank lines).
        var statement: Int64
        /// The day, for lines outside statements; nil for a statement's bucket.
        var day: String?
    }

    /// What makes two lines of one bucket identical.
    struct Key: Hashable {
        var date: String
        var description: String
        var amount: Int64
        var currency: String
    }

    /// One bucket's counts, held by reference so that the line after updates them in place.
    private final class Counts {
        var byKey: [Key: Int64]
        init(_ byKey: [Key: Int64]) { self.byKey = byKey }
    }

    /// How many buckets stay in memory.
    static let openBuckets = 32

    private let db: Database
    private let source: Int64
    private var buckets: [Bucket: Counts] = [:]
    /// Open buckets, least recently used first.
    private var order: [Bucket] = []
    /// The bucket of the line before, and its counts.
    private var current: (bucket: Bucket, counts: Counts)?
    /// Buckets opened before: only those can need a recount. A fixed-size filter, so that memory
    /// does not grow with a file of fifty thousand statements; a bucket it wrongly takes for one
    /// opened before is recounted, which finds it empty.
    private var opened = SeenFilter()
    private let spill: BulkStatement

    init(db: Database, source: Int64) throws {
        self.db = db
        self.source = source
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS bankOccurrence (
                    account TEXT NOT NULL, day TEXT NOT NULL, description TEXT NOT NULL, amount INTEGER NOT NULL,
                    currency TEXT NOT NULL, n INTEGER NOT NULL,
                    PRIMARY KEY (account, day, description, amount, currency)
                ) WITHOUT ROWID;
                DELETE FROM temp.bankOccurrence;
                """)
        spill = try BulkStatement(
            db,
            sql: """
                INSERT OR REPLACE INTO temp.bankOccurrence (account, day, description, amount, currency, n)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
    }

    /// The number of lines of `bucket` with `key` counted before this one.
    func next(_ bucket: Bucket, key: Key) throws -> Int64 {
        let counts: Counts
        if let current, current.bucket == bucket {
            counts = current.counts
        } else if let open = buckets[bucket] {
            counts = open
            if let index = order.lastIndex(of: bucket) {
                order.remove(at: index)
                order.append(bucket)
            }
        } else {
            counts = try open(bucket)
        }
        current = (bucket, counts)
        let count = counts.byKey[key] ?? 0
        counts.byKey[key] = count + 1
        return count
    }

    private func open(_ bucket: Bucket) throws -> Counts {
        let counts = Counts(opened.insert(bucket) ? [:] : try recount(bucket))
        buckets[bucket] = counts
        order.append(bucket)
        guard order.count > Self.openBuckets else { return counts }
        let evicted = order.removeFirst()
        guard let dropped = buckets.removeValue(forKey: evicted), evicted.kind == .bank else { return counts }
        for (key, count) in dropped.byKey {
            spill.bind(evicted.account)
            spill.bind(evicted.day ?? "")
            spill.bind(key.description)
            spill.bind(key.amount)
            spill.bind(key.currency)
            spill.bind(count)
            try spill.run()
        }
        return counts
    }

    /// The counts of a bucket met again after it was dropped.
    private func recount(_ bucket: Bucket) throws -> [Key: Int64] {
        var counts: [Key: Int64] = [:]
        switch bucket.kind {
        case .bank:
            for row in try Row.fetchAll(
                db,
                sql: "SELECT description, amount, currency, n FROM temp.bankOccurrence WHERE account = ? AND day = ?",
                arguments: [bucket.account, bucket.day ?? ""])
            {
                counts[Key(date: "", description: row[0], amount: row[1], currency: row[2])] = row[3]
            }
        case .ledger:
            // Every earlier line of this source in the bucket was either added (the entry names this
            // source) or found already stored (a further provenance names it).
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT date, description, amount, currency FROM entry
                    WHERE account = ?1 AND statement = ?2 AND (?3 IS NULL OR date = ?3) AND source = ?4
                    UNION ALL
                    SELECT e.date, e.description, e.amount, e.currency
                    FROM entryProvenance p JOIN entry e ON e.id = p.entryId
                    WHERE e.account = ?1 AND e.statement = ?2 AND (?3 IS NULL OR e.date = ?3) AND p.source = ?4
                    """, arguments: [bucket.account, bucket.statement, bucket.day, source])
            for row in rows {
                counts[Key(date: row[0], description: row[1], amount: row[2], currency: row[3]), default: 0] += 1
            }
        }
        return counts
    }
}

/// A Bloom filter over buckets: 2^20 bits (128 KiB) and three probes, so a few hundred thousand
/// statements are told apart with few false "seen before" answers and none false "new".
private struct SeenFilter {
    private var words = [UInt64](repeating: 0, count: 1 << 14)

    /// Adds `bucket`; true when it was certainly not added before.
    mutating func insert(_ bucket: OccurrenceCounter.Bucket) -> Bool {
        var hasher = Hasher()
        hasher.combine(bucket)
        let hash = UInt64(bitPattern: Int64(hasher.finalize()))
        var new = false
        for probe in 0..<3 {
            let bit = Int(truncatingIfNeeded: (hash >> (UInt64(probe) * 20)) & 0xFFFFF)
            let mask = UInt64(1) << UInt64(bit & 63)
            if words[bit >> 6] & mask == 0 {
                new = true
                words[bit >> 6] |= mask
            }
        }
        return new
    }
}
