import Foundation

/// An exclusive lock on a store across processes, for what SQLite's own locks cannot cover:
/// two processes opening an old store must not both decide to migrate it.
///
/// Held from `init` until the value is released; a wait longer than ``busyTimeoutSeconds``
/// throws ``StoreError/busy``.
final class StoreLock {
    /// How long a command waits for another one to finish writing: `EVIDENCE_BUSY_TIMEOUT`
    /// (seconds), else 600: an import of millions of lines holds the ledger for minutes, and a
    /// command queued behind it should wait rather than fail.
    static var busyTimeoutSeconds: Int {
        ProcessInfo.processInfo.environment["EVIDENCE_BUSY_TIMEOUT"].flatMap { Int($0) }.map { max(0, $0) } ?? 600
    }

    private let descriptor: Int32

    /// Waits for the lock file at `url` (created, mode 0600, when missing).
    init(at url: URL) throws(StoreError) {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.io, "\(url.path): cannot open the store's lock file (\(errnoText()))")
        }
        let deadline = Date().addingTimeInterval(TimeInterval(Self.busyTimeoutSeconds))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw StoreError.busy
            }
            usleep(20_000)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
