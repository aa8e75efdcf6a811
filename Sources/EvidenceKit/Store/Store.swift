public import Foundation
import GRDB

/// An evidence store: the SQLite ledger, the object directory of originals and the configuration.
///
/// A store holds personal data: its folder is created readable by its owner only.
public final class Store: Sendable {
    static let databaseName = "ledger.sqlite"
    static let objectsName = "objects"
    static let configurationName = "config.yaml"
    static let mappingsName = "mappings"
    static let lockName = "lock"

    /// The store folder (the `.evidence` folder).
    public let url: URL
    public let objects: ObjectDirectory
    let database: DatabaseQueue

    /// Opens the store at `url`, applying any migration this version adds.
    ///
    /// Several processes may open one store: writers wait for each other (up to
    /// ``StoreLock/busyTimeoutSeconds``, then ``StoreError/busy``), readers never wait, and only
    /// one process migrates an old store.
    ///
    /// - Parameter whenWaiting: called once when this process starts waiting for another one
    ///   (to tell a person why nothing happens).
    public init(opening url: URL, whenWaiting: (@Sendable () -> Void)? = nil) throws(StoreError) {
        self.url = url
        objects = ObjectDirectory(root: url.appendingPathComponent(Self.objectsName))
        let path = url.appendingPathComponent(Self.databaseName).path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = Self.busyMode(whenWaiting: whenWaiting)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            let ledger = URL(fileURLWithPath: path)
            if try !database.read({ try LedgerSchema.migrator.hasCompletedMigrations($0) })
                || FileManager.default.fileExists(atPath: StoreMigration.backupURL(of: ledger).path)
            {
                let lock = try StoreLock(at: url.appendingPathComponent(Self.lockName))
                try withExtendedLifetime(lock) { try StoreMigration.migrateIfNeeded(database, at: ledger) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy
        } catch let error as DatabaseError {
            throw StoreError(
                .damaged, "\(path): the ledger cannot be opened (\(error.message ?? "\(error.resultCode)"))",
                hint: "The store may be damaged; restore it from a backup or create a new one with `evidence init`.")
        } catch {
            throw StoreError(.damaged, "\(path): the ledger cannot be opened (\(error))")
        }
    }

    /// Waits for another writer in short sleeps, up to ``StoreLock/busyTimeoutSeconds``, saying so
    /// once through `whenWaiting`.
    private static func busyMode(whenWaiting: (@Sendable () -> Void)?) -> Database.BusyMode {
        let timeout = TimeInterval(StoreLock.busyTimeoutSeconds)
        let wait = WaitStart()
        return .callback { tries in
            let since = wait.since(restarting: tries == 0)
            if tries == 0, wait.firstWait() { whenWaiting?() }
            guard Date().timeIntervalSince(since) < timeout else { return false }
            usleep(tries < 10 ? 5_000 : 50_000)
            return true
        }
    }

    /// Creates a store in `folder/.evidence`, or opens the one already there.
    ///
    /// - Returns: the store and whether it was created now.
    public static func create(in folder: URL) throws(StoreError) -> (store: Store, created: Bool) {
        let url = folder.appendingPathComponent(StoreLocator.folderName)
        if StoreLocator.isStore(url) { return (try Store(opening: url), false) }
        let manager = FileManager.default
        let owner: [FileAttributeKey: Any] = [.posixPermissions: 0o700]
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true, attributes: owner)
            try manager.setAttributes(owner, ofItemAtPath: url.path)
            for name in [objectsName, mappingsName] {
                try manager.createDirectory(
                    at: url.appendingPathComponent(name), withIntermediateDirectories: true, attributes: owner)
            }
            let configuration = url.appendingPathComponent(configurationName)
            if !manager.fileExists(atPath: configuration.path) {
                try Data(StoreConfiguration.documentedDefaults.utf8).write(to: configuration)
                try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configuration.path)
            }
        } catch {
            throw StoreError(.io, "\(url.path): cannot create the store (\(error.localizedDescription))")
        }
        let store = try Store(opening: url)
        for suffix in ["", "-wal", "-shm"] {
            let path = url.appendingPathComponent(databaseName + suffix).path
            if manager.fileExists(atPath: path) {
                try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
        }
        return (store, true)
    }

    /// The configuration file's values; the documented defaults where it says nothing.
    public func configuration() throws(StoreError) -> StoreConfiguration {
        try StoreConfiguration.load(from: url.appendingPathComponent(Self.configurationName))
    }

    /// The folder of CSV mappings saved in this store.
    public var mappingsFolder: URL {
        url.appendingPathComponent(Self.mappingsName)
    }

    /// Runs `body` in one write transaction, holding the ledger's write lock; any error rolls
    /// everything back.
    ///
    /// Files a crashed command left in the object directory are removed first: no other process
    /// can be writing one while this one holds the lock. Every write transaction counts itself
    /// in the ledger's header (``writeCount``), so that what was worked out from the ledger can be
    /// kept until the ledger changes.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try database.write { db in
            objects.removeTemporaries()
            let result = try body(db)
            let count = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            try db.execute(sql: "PRAGMA user_version = \(count == Int32.max ? 1 : count + 1)")
            return result
        }
    }

    /// How many write transactions the ledger has committed (it wraps around; it only ever
    /// needs to differ from the count a cache was made at). SQLite's `user_version` in the
    /// database header, written in the same transaction as the change it counts.
    func writeCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Runs `body` with read access.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(error, "\(url.path): the ledger cannot be read")
        }
    }
}

/// When the current wait for another writer began (SQLite counts tries from 0 for each wait),
/// and whether this process has waited before.
private final class WaitStart: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var start = Date()
    private var waited = false

    func since(restarting: Bool) -> Date {
        lock.lock()
        defer { lock.unlock() }
        if restarting { start = Date() }
        return start
    }

    /// True the first time only: a person is told once that the command waits.
    func firstWait() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { waited = true }
        return !waited
    }
}
