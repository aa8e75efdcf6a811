import Crypto
import Foundation

/// What `evidence status` worked out from the rules and the balances, kept in the store folder
/// (`status-cache.json`) so that a person asking again sees it at once, the way `git status`
/// keeps its index.
///
/// It is used only when its ``Key`` matches: the same ledger (its write count), configuration
/// file, day judged and build of the program. Anything else, or a file that cannot be read, means
/// it is worked out again. It is derived data: deleting it loses nothing.
struct StatusCache: Codable {
    static let fileName = "status-cache.json"

    /// Everything the figures depend on.
    struct Key: Codable, Equatable {
        /// This build of the program: its version, and the size and time of its executable.
        var program: String
        var schema: Int
        /// The ledger's ``Store/writeCount()`` when the figures were worked out.
        var writes: Int
        /// SHA-256 of `config.yaml` (the rules' settings, tolerance, time zones).
        var configuration: String
        var asOf: CalendarDate

        init(store: Store, asOf: CalendarDate) throws(StoreError) {
            program = Self.program
            schema = LedgerSchema.version
            writes = try store.writeCount()
            let bytes = FileManager.default.contents(atPath: store.url.appendingPathComponent(Store.configurationName).path)
            configuration = SHA256.hash(data: bytes ?? Data()).map { String(format: "%02x", $0) }.joined()
            self.asOf = asOf
        }

        /// A rebuilt program may judge differently, whatever its version says.
        private static let program: String = {
            var text = LibraryVersions.evidence
            var info = stat()
            if stat("/proc/self/exe", &info) == 0 {
                text += " \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            }
            return text
        }()
    }

    var key: Key
    /// By account id.
    var accounts: [String: StoreStatus.AccountFigures]

    /// The cache of `store` when it was made under `key`.
    static func load(store: Store, key: Key) -> StatusCache? {
        guard let data = FileManager.default.contents(atPath: store.url.appendingPathComponent(fileName).path),
            let cache = try? JSONDecoder().decode(StatusCache.self, from: data), cache.key == key
        else { return nil }
        return cache
    }

    /// Writes the cache whole under a temporary name, then renames it in place; a store that
    /// cannot be written to keeps no cache.
    func save(in store: Store) {
        let destination = store.url.appendingPathComponent(Self.fileName)
        let temporary = store.url.appendingPathComponent(".\(Self.fileName).\(UUID().uuidString)")
        guard let data = try? JSONEncoder().encode(self),
            FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { return }
        if rename(temporary.path, destination.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
