import CSQLiteGuard
import Foundation
import GRDB

/// A SQLite database that came from outside (a phone's messages or call history), opened so that
/// it can neither change nor harm anything: the one place such a file is opened.
///
/// The file is copied, with its `-wal` when there is one (the newest rows can live only there),
/// into a private temporary folder, and the copy is opened: the user's file is never opened, so no
/// `-wal` or `-shm` is ever created or replayed beside it. The connection runs in SQLite's
/// defensive mode, with `trusted_schema`, triggers, views and extensions off and `query_only` on,
/// and a quick integrity check comes first. The copy is removed when this is released.
final class UntrustedDatabase {
    /// More rows than this in one table are refused: no phone holds that many.
    static let mostRows = 2_000_000

    private let folder: URL
    private let queue: DatabaseQueue
    /// Whether a `-wal` beside the file was read too.
    let readLog: Bool
    /// The most rows ``require(_:columns:)`` accepts in a table.
    let rowLimit: Int

    /// Opens a copy of `url`; `original` is where the user's file is (its `-wal` is looked for there).
    init(copying url: URL, original: URL?, rowLimit: Int = UntrustedDatabase.mostRows) throws {
        self.rowLimit = rowLimit
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-db-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let copy = folder.appendingPathComponent("copy.sqlite")
            try FileManager.default.copyItem(at: url, to: copy)
            let log = URL(fileURLWithPath: (original ?? url).path + "-wal")
            var isFile: ObjCBool = false
            readLog = FileManager.default.fileExists(atPath: log.path, isDirectory: &isFile) && !isFile.boolValue
            if readLog { try FileManager.default.copyItem(at: log, to: URL(fileURLWithPath: copy.path + "-wal")) }
            var configuration = Configuration()
            configuration.label = "untrusted"
            configuration.acceptsDoubleQuotedStringLiterals = false
            configuration.prepareDatabase { db in
                guard evidence_sqlite_guard(db.sqliteConnection) == SQLITE_OK else {
                    throw RecordError("SQLite's defensive settings could not be set")
                }
                try db.execute(sql: "PRAGMA query_only = ON")
            }
            self.folder = folder
            queue = try DatabaseQueue(path: copy.path, configuration: configuration)
        } catch let error as RecordError {
            try? FileManager.default.removeItem(at: folder)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw RecordError(Self.reason(error, "is not a SQLite database this program can open"))
        }
        try check()
    }

    deinit {
        try? queue.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// `PRAGMA quick_check`: a damaged or truncated file is refused before anything is read.
    private func check() throws {
        let result: [String]
        do {
            result = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        } catch {
            throw RecordError(Self.reason(error, "is damaged"))
        }
        guard result == ["ok"] else {
            throw RecordError("the database is damaged (SQLite's quick check: \(result.prefix(3).joined(separator: "; ")))")
        }
    }

    /// The names of its tables (real tables only: a view or a virtual table named like one is not).
    func tables() throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"))
        }
    }

    /// Checks that `table` is a table with `columns`, and holds at most ``rowLimit`` rows.
    func require(_ table: String, columns: [String]) throws {
        let (kind, found, rows): (String?, Set<String>, Int) = try read { db in
            let kind = try String.fetchOne(db, sql: "SELECT type FROM sqlite_schema WHERE name = ?", arguments: [table])
            guard kind == "table" else { return (kind, [], 0) }
            let names = try Self.columnNames(db, table)
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \"\(table)\" LIMIT \(rowLimit + 1))") ?? 0
            return (kind, names, rows)
        }
        guard let kind else { throw RecordError("the database has no table \(table)") }
        guard kind == "table" else { throw RecordError("\(table) is a \(kind), not a table: not a database this program reads") }
        let missing = columns.filter { !found.contains($0) }
        guard missing.isEmpty else { throw RecordError("table \(table) has no column \(missing.joined(separator: ", "))") }
        guard rows <= rowLimit else { throw RecordError("table \(table) holds more than \(rowLimit) rows") }
    }

    /// The names of `table`'s columns.
    func columns(of table: String) throws -> Set<String> {
        try read { db in try Self.columnNames(db, table) }
    }

    private static func columnNames(_ db: Database, _ table: String) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).compactMap { $0.value(0, as: String.self) })
    }

    /// Runs `body` with read access; SQLite's errors become one line.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as RecordError {
            throw error
        } catch {
            throw RecordError(Self.reason(error, "could not be read"))
        }
    }

    private static func reason(_ error: any Error, _ what: String) -> String {
        if let error = error as? DatabaseError {
            return "the database \(what) (SQLite: \(error.message ?? "error \(error.resultCode.rawValue)"))"
        }
        return "the database \(what) (\(error))"
    }
}

extension Row {
    /// The value at `index` as `type`, or nil when it is NULL or of another kind: a column of the
    /// wrong type in a file from outside is never a crash (GRDB's typed subscripts stop the
    /// program on a failed conversion).
    func value<Value: DatabaseValueConvertible>(_ index: Int, as type: Value.Type) -> Value? {
        Value.fromDatabaseValue(self[index] as DatabaseValue)
    }
}
