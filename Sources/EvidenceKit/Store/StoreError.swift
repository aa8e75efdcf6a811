import GRDB

/// Why the store could not be found, opened or written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable {
        case notFound, damaged, io, database
        /// Another evidence command held the ledger for writing past the wait.
        case busy
    }

    public var code: Code
    /// What went wrong, naming the file or folder.
    public var message: String
    /// How to fix it, where that is known.
    public var hint: String?

    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message)\n\($0)" } ?? message
    }
}

extension StoreError {
    /// A database error met while doing something: a wait for another writer that ran out is
    /// ``Code/busy``; anything else is ``Code/database`` with `failure` ("bill.csv: the ledger
    /// could not be written") and SQLite's words.
    init(_ error: any Error, _ failure: String) {
        if let error = error as? StoreError {
            self = error
        } else if let error = error as? DatabaseError,
            error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            self = .busy
        } else if let error = error as? DatabaseError {
            self.init(.database, "\(failure) (\(error.message ?? "\(error.resultCode)"))")
        } else {
            self.init(.database, "\(failure) (\(error))")
        }
    }

    /// Another process kept the ledger past the wait.
    static var busy: StoreError {
        StoreError(
            .busy, "the store is busy: another evidence command is writing",
            hint: "The command stopped before changing anything more. Run it again when the other one has finished "
                + "(the wait is \(StoreLock.busyTimeoutSeconds) s; EVIDENCE_BUSY_TIMEOUT sets it).")
    }
}

extension StoreError {
    /// The store error for an error a store operation let through (a database error), else nil.
    public static func wrapping(_ error: any Error) -> StoreError? {
        error is DatabaseError ? StoreError(error, "the ledger could not be used") : nil
    }
}
