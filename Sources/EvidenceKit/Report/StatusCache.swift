import Crypto
import Foundation

/// What `evidence status` worked out from the rules and the balances, kept in the store folder
/// (`status-cache.json`) so that a person asking again sees it at once, the way `git status`
/// keeps its index.
///
/// It is used only when its ``Key`` matches (the same ledger by its write count, configuration
/// file and build of the program) and the day asked about lies from the day it was judged on up
/// to the first day a record of the ledger could change it (``sameUntil``): a person coming back
/// weeks later to an unchanged ledger is answered from it too. Anything else, or a file that
/// cannot be read, means it is worked out again. It is derived data: deleting it loses nothing.
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

        init(store: Store) throws(StoreError) {
            program = Self.program
            schema = LedgerSchema.version
            writes = try store.writeCount()
            let bytes = FileManager.default.contents(atPath: store.url.appendingPathComponent(Store.configurationName).path)
            configuration = SHA256.hash(data: bytes ?? Data()).map { String(format: "%02x", $0) }.joined()
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
    /// The day the figures were worked out for.
    var judgedOn: CalendarDate
    /// The first day after ``judgedOn`` on which they could differ (``Store/firstChange(after:)``);
    /// nil when no record lies after it.
    var sameUntil: CalendarDate?
    /// By account id, as of ``judgedOn``.
    var accounts: [String: StoreStatus.AccountFigures]

    /// The cache of `store` when it was made under `key` and still holds on `asOf`.
    static func load(store: Store, key: Key, asOf: CalendarDate) -> StatusCache? {
        guard let data = FileManager.default.contents(atPath: store.url.appendingPathComponent(fileName).path),
            let cache = try? JSONDecoder().decode(StatusCache.self, from: data), cache.key == key,
            cache.judgedOn <= asOf, cache.sameUntil.map({ asOf < $0 }) ?? true
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
