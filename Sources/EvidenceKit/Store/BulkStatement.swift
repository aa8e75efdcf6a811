import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement for the import's bulk writes, bound value by value.
///
/// GRDB's `StatementArguments` box every value, which cost a sixth of an import's time; this is
/// the one place that binds through SQLite's C interface instead. Nothing else sees the pointer.
final class BulkStatement {
    private let statement: GRDB.Statement
    private let db: Database
    private var index: Int32 = 0

    private let parameterCount: Int32

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        parameterCount = sqlite3_bind_parameter_count(statement.sqliteStatement)
    }

    /// Binds the next parameter (they are bound in order, from the first).
    func bind(_ text: String?) {
        index += 1
        guard var text else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        let position = index
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement.sqliteStatement, position, bytes.baseAddress, Int32(bytes.count), transient)
        }
    }

    func bind(_ number: Int64?) {
        index += 1
        guard let number else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        sqlite3_bind_int64(statement.sqliteStatement, index, number)
    }

    func bind(_ number: Int) { bind(Int64(number)) }

    func bind(_ flag: Bool) { bind(Int64(flag ? 1 : 0)) }

    /// Runs a query with the values bound since the last run, handing each row to `body`.
    func forEachRow(_ body: (RawRow) throws -> Void) throws {
        defer {
            sqlite3_reset(statement.sqliteStatement)
            sqlite3_clear_bindings(statement.sqliteStatement)
            index = 0
        }
        let row = RawRow(statement: statement.sqliteStatement)
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            switch code {
            case SQLITE_ROW:
                try body(row)
            case SQLITE_DONE:
                return
            default:
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
        }
    }

    /// Runs the statement with the values bound since the last run; returns the first column of
    /// the first row it gives, if any (for `RETURNING`).
    ///
    /// Every parameter must have been bound (bindings are not cleared between runs: each run
    /// binds them all again).
    @discardableResult
    func run() throws -> Int64? {
        defer {
            sqlite3_reset(statement.sqliteStatement)
            index = 0
        }
        guard index == parameterCount else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(index) of \(parameterCount) parameters bound", sql: statement.sql)
        }
        var first: Int64?
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            switch code {
            case SQLITE_ROW:
                if first == nil { first = sqlite3_column_int64(statement.sqliteStatement, 0) }
            case SQLITE_DONE:
                return first
            default:
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: db.lastErrorMessage, sql: statement.sql)
            }
        }
    }
}

/// The current row of a ``BulkStatement`` query, read column by column (valid only inside the call).
struct RawRow {
    fileprivate let statement: OpaquePointer

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// True when the column holds exactly the UTF-8 of `text` (compared without making a string).
    func text(_ column: Int32, equals text: String) -> Bool {
        guard let bytes = sqlite3_column_text(statement, column) else { return false }
        let count = Int(sqlite3_column_bytes(statement, column))
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == count, let base = utf8.baseAddress else { return utf8.count == count }
            return memcmp(base, bytes, count) == 0
        }
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}

/// SQLite's SQLITE_TRANSIENT: copy the bound text (a C macro Swift does not import).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
