import Foundation
import GRDB

/// An iPhone backup folder made by Finder or iTunes: `Manifest.plist` (the device, the date,
/// whether it is encrypted) and `Manifest.db` (each file's domain and path, and the hashed name
/// it is stored under).
///
/// `evidence import BACKUP-FOLDER` imports the Messages database and the call history found
/// through `Manifest.db`; each is stored as the source it is (byte for byte), named `sms.db` or
/// `CallHistory.storedata`, with the backup's device, iOS version and date in its remark.
struct AppleBackup: Sendable {
    /// The files of a backup that hold what `evidence` reads, by domain and path.
    static let wanted: [(domain: String, path: String)] = [
        ("HomeDomain", "Library/SMS/sms.db"),
        ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata"),
        ("WirelessDomain", "Library/CallHistory/call_history.db"),
    ]

    let folder: URL
    /// "Jordan's iPhone, iOS 18.1, backed up 2026-11-24".
    let summary: String
    let isEncrypted: Bool

    /// The backup `folder` is, or nil when it has no `Manifest.plist`.
    init?(folder: URL) {
        let manifest = folder.appendingPathComponent("Manifest.plist")
        guard let data = try? FileReader(url: manifest).readPrefix(Self.largestManifest + 1), data.count <= Self.largestManifest,
            let plist = try? PropertyListSerialization.propertyList(from: Data(data), format: nil) as? [String: Any]
        else {
            guard FileManager.default.fileExists(atPath: manifest.path) else { return nil }
            self.folder = folder
            summary = "an iPhone backup whose Manifest.plist cannot be read"
            isEncrypted = false
            return
        }
        self.folder = folder
        isEncrypted = (plist["IsEncrypted"] as? Bool) ?? false
        let lockdown = plist["Lockdown"] as? [String: Any]
        var parts: [String] = []
        if let name = lockdown?["DeviceName"] as? String { parts.append(name) }
        if let version = lockdown?["ProductVersion"] as? String { parts.append("iOS \(version)") }
        if let date = plist["Date"] as? Date {
            parts.append("backed up \(String(ISO8601DateFormatter().string(from: date).prefix(10)))")
        }
        summary = parts.isEmpty ? "an iPhone backup" : parts.joined(separator: ", ")
    }

    /// A `Manifest.plist` larger than this is not one.
    static let largestManifest = 4 << 20

    /// The files to import, in the order of ``wanted``: where each is stored in the folder and
    /// the name it had on the phone. Throws for an encrypted backup, with what to do instead.
    func files() throws -> [(url: URL, name: String)] {
        guard !isEncrypted else { throw Self.encrypted }
        let manifest = folder.appendingPathComponent("Manifest.db")
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            throw RecordError("the backup has no Manifest.db: not a complete Finder or iTunes backup")
        }
        let database = try UntrustedDatabase(copying: manifest, original: manifest)
        try database.require("Files", columns: ["fileID", "domain", "relativePath"])
        var found: [(URL, String)] = []
        for (domain, path) in Self.wanted {
            let id = try database.read { db in
                try Row.fetchOne(db, sql: "SELECT fileID FROM Files WHERE domain = ? AND relativePath = ?", arguments: [domain, path])?
                    .value(0, as: String.self)
            }
            guard let id, id.count == 40, id.allSatisfy(\.isHexDigit) else { continue }
            let name = (path as NSString).lastPathComponent
            for candidate in [folder.appendingPathComponent(String(id.prefix(2))).appendingPathComponent(id), folder.appendingPathComponent(id)]
            where FileManager.default.fileExists(atPath: candidate.path) {
                found.append((candidate, name))
                break
            }
        }
        guard !found.isEmpty else {
            throw RecordError("the backup holds neither the Messages database nor the call history")
        }
        return found
    }

    /// What `evidence import` reads of the backup: its databases, or its `Manifest.plist` alone
    /// when they cannot be had (an encrypted backup), to be rejected with the reason.
    func importable() -> [URL] {
        (try? files().map { $0.url.standardizedFileURL }) ?? [folder.appendingPathComponent("Manifest.plist").standardizedFileURL]
    }

    static let encrypted = RecordError(
        "an encrypted iPhone backup, which this program cannot read: make an unencrypted one (Finder: untick \"Encrypt local backup\"), "
            + "or copy sms.db and CallHistory.storedata out of it with a backup tool and import those")

    /// The backup that `file` is stored in (its folder's folder, or its folder), if any.
    static func containing(_ file: URL) -> AppleBackup? {
        let parent = file.deletingLastPathComponent()
        for folder in [parent.deletingLastPathComponent(), parent] {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Manifest.db").path),
                let backup = AppleBackup(folder: folder)
            {
                return backup
            }
        }
        return nil
    }
}
