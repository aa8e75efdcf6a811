public import Foundation

/// Finds a store folder the way CLI.md says: `--store`, `$EVIDENCE_STORE`, then the nearest
/// `.evidence/` at or above the current folder.
public struct StoreLocator: Sendable {
    /// The name of a store folder.
    public static let folderName = ".evidence"

    public init() {}

    /// The store folder to use, or a `notFound` error that says how to create one.
    ///
    /// - Parameters:
    ///   - explicit: the `--store` argument: a store folder or a folder that contains one.
    ///   - environment: the process environment (for `EVIDENCE_STORE`).
    ///   - currentDirectory: where to start walking up.
    public func locate(
        explicit: String?, environment: [String: String], currentDirectory: URL
    ) throws(StoreError) -> URL {
        if let named = explicit ?? environment["EVIDENCE_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let url = URL(fileURLWithPath: named, relativeTo: currentDirectory).standardizedFileURL
            if Self.isStore(url) { return url }
            let inside = url.appendingPathComponent(Self.folderName)
            if Self.isStore(inside) { return inside }
            throw StoreError(
                .notFound, "\(url.path): no evidence store here",
                hint: "Create one with `evidence init \(url.path)`.")
        }
        var folder = currentDirectory.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(Self.folderName)
            if Self.isStore(candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw StoreError(
            .notFound, "no evidence store in \(currentDirectory.path) or any folder above it",
            hint: "Create one with `evidence init`, or name one with --store DIR or $EVIDENCE_STORE.")
    }

    /// True when `url` is a folder holding a ledger database.
    static func isStore(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(Store.databaseName).path)
    }
}
