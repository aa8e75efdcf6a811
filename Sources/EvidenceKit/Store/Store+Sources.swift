import Foundation
import GRDB

/// One imported file, as the store keeps it.
public struct SourceFile: Sendable, Hashable {
    public var sha256: String
    public var fileName: String
    public var format: String
    public var byteCount: Int64
    /// When it was imported (ISO 8601, UTC).
    public var importedAt: String
    /// `--date` and `--note` of its import.
    public var documentDate: CalendarDate?
    public var note: String?
}

extension Store {
    /// The SHA-256 of every imported file of one format.
    public func sourceHashes(format: Format) throws(StoreError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT sha256 FROM source WHERE format = ?", arguments: [format.rawValue]))
        }
    }

    /// The imported files that hold a record of `account` (every file when nil), by file name.
    /// Bank exports and unassigned calls, messages and documents count for every account.
    public func sources(account: String? = nil) throws(StoreError) -> [SourceFile] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM source WHERE ?1 IS NULL OR id IN (
                        SELECT DISTINCT source FROM entry WHERE account = ?1
                        UNION SELECT source FROM entryProvenance
                            WHERE entryId IN (SELECT id FROM entry WHERE account = ?1)
                        UNION SELECT source FROM statement WHERE account = ?1
                        UNION SELECT source FROM bankTransaction WHERE account IN (?1, '')
                        UNION SELECT source FROM call WHERE account = ?1 OR account IS NULL
                        UNION SELECT source FROM message WHERE account = ?1 OR account IS NULL
                        UNION SELECT source FROM document WHERE account = ?1 OR account IS NULL)
                    ORDER BY fileName, sha256
                    """, arguments: [account]
            ).map(Self.sourceFile)
        }
    }

    /// A `source` row as a value.
    static func sourceFile(_ row: Row) -> SourceFile {
        let date: String? = row["documentDate"]
        return SourceFile(
            sha256: row["sha256"], fileName: row["fileName"], format: row["format"], byteCount: row["byteCount"],
            importedAt: row["importedAt"], documentDate: date.flatMap { CalendarDate(iso: $0) }, note: row["note"])
    }
}
