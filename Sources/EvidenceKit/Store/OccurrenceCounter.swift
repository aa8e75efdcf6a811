import GRDB

/// Counts identical lines within one source for the identity rule: 0 for the first line with a
/// key, 1 for the second, and so on.
///
/// Lines are counted per bucket (a statement, or a day for lines outside statements), and only the
/// buckets in use stay in memory: the least recently used is written to a temporary table when too
/// many are open, and read back if the file returns to it. Memory stays flat however long the file,
/// and a file whose lines are grouped by statement (every export seen) never reads the table.
final class OccurrenceCounter {
    /// How many buckets stay in memory.
    static let openBuckets = 32

    private let db: Database
    private var buckets: [String: [String: Int64]] = [:]
    /// Open buckets, least recently used first.
    private var order: [String] = []
    /// Buckets written to the temporary table.
    private var spilled: Set<String> = []
    private let spill: BulkStatement

    init(db: Database) throws {
        self.db = db
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS occurrenceSpill (
                    bucket TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (bucket, key)
                ) WITHOUT ROWID;
                DELETE FROM temp.occurrenceSpill;
                """)
        spill = try BulkStatement(db, sql: "INSERT OR REPLACE INTO temp.occurrenceSpill (bucket, key, n) VALUES (?, ?, ?)")
    }

    /// The number of lines of `bucket` with `key` counted before this one.
    func next(bucket: String, key: String) throws -> Int64 {
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

    private func open(_ bucket: String) throws {
        var counts: [String: Int64] = [:]
        if spilled.contains(bucket) {
            for row in try Row.fetchAll(
                db, sql: "SELECT key, n FROM temp.occurrenceSpill WHERE bucket = ?", arguments: [bucket])
            {
                counts[row[0]] = row[1]
            }
        }
        buckets[bucket] = counts
        order.append(bucket)
        if order.count > Self.openBuckets {
            let evicted = order.removeFirst()
            for (key, count) in buckets.removeValue(forKey: evicted) ?? [:] {
                spill.bind(evicted)
                spill.bind(key)
                spill.bind(count)
                try spill.run()
            }
            spilled.insert(evicted)
        }
    }
}
