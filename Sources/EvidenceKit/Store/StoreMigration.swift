import Foundation
import GRDB

/// Brings an older ledger to this version's schema, keeping a copy of it until the migration
/// has committed.
///
/// The copy is `ledger.sqlite.before-vN` (N the newest schema version), written with SQLite's
/// backup API (so that what is still in the write-ahead log is in it) before the first change,
/// and removed once the migration has committed. Every migration runs in a transaction, so a
/// kill leaves the old ledger as it was; the copy is the person's second safety net. A copy left
/// by a kill after the commit is removed the next time the store opens.
enum StoreMigration {
    /// Migrates `database` (at `url`) when it lacks a migration; the caller holds the store's lock.
    static func migrateIfNeeded(_ database: DatabaseQueue, at url: URL) throws {
        let migrator = LedgerSchema.migrator
        let copy = backupURL(of: url)
        let (applied, complete) = try database.read { db in
            (try migrator.appliedIdentifiers(db), try migrator.hasCompletedMigrations(db))
        }
        if complete {
            try? FileManager.default.removeItem(at: copy)
            return
        }
        // A new store has nothing to keep.
        if !applied.isEmpty {
            try keepCopy(of: database, at: copy)
        }
        try migrator.migrate(database)
        try? FileManager.default.removeItem(at: copy)
    }

    /// `ledger.sqlite.before-v5` beside `ledger.sqlite`.
    static func backupURL(of url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            "\(url.lastPathComponent).before-v\(LedgerSchema.version)")
    }

    /// Writes the ledger's copy under a temporary name, then renames it, so that a kill never
    /// leaves a half-written copy under the name a person would restore from.
    private static func keepCopy(of database: DatabaseQueue, at copy: URL) throws {
        let partial = copy.appendingPathExtension("partial")
        let manager = FileManager.default
        try? manager.removeItem(at: partial)
        do {
            let destination = try DatabaseQueue(path: partial.path)
            try database.backup(to: destination)
            try destination.close()
            try? manager.removeItem(at: copy)
            try manager.moveItem(at: partial, to: copy)
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy.path)
        } catch {
            try? manager.removeItem(at: partial)
            throw StoreError(
                .io, "\(copy.path): cannot keep a copy of the ledger before migrating it (\(error)); nothing was changed")
        }
    }
}
