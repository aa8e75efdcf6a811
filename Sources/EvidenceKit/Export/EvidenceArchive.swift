public import Foundation
import Crypto
import ZIPFoundation

/// The evidence archive (DOMAIN.md): a BagIt 1.0 bag (RFC 8493), zipped, holding the original
/// files byte for byte, the ledger, calls, case events and findings as CSV and JSON, the report
/// as HTML and Markdown, and the confirmation records; the Library of Congress `bagit` validator
/// accepts it, and `evidence verify` re-checks it.
///
/// The zip holds one folder, named after the zip, which is the bag. Files are streamed: an
/// original of any size is read in chunks, hashed as it is added, and checked against the
/// SHA-256 it is stored under. The zip is written beside its destination and renamed at the end.
public struct EvidenceArchive: Sendable {
    public struct Summary: Sendable {
        public var payloadFiles: Int
        public var payloadBytes: Int64
        public var originals: Int
    }

    public let store: Store
    public let account: String?
    public let asOf: CalendarDate
    public let redact: Bool
    public let letterTemplate: String?

    public init(store: Store, account: String?, asOf: CalendarDate, redact: Bool, letterTemplate: String? = nil) {
        self.store = store
        self.account = account
        self.asOf = asOf
        self.redact = redact
        self.letterTemplate = letterTemplate
    }

    /// Removes the work folders (`.NAME.PID.….tmp`) that an export of the same name left when it
    /// was killed: those whose process no longer runs.
    private static func removeLeftovers(of bagName: String, in folder: URL) {
        let prefix = ".\(bagName)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let parts = name.dropFirst(prefix.count).split(separator: ".")
            guard parts.count == 3, let pid = pid_t(parts[0]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Writes the archive to `destination` (a `.zip`); `progress` hears the payload bytes done and in all.
    public func write(to destination: URL, progress: ((Int64, Int64) -> Void)? = nil) throws -> Summary {
        let report = try Report.build(store: store, account: account, asOf: asOf, letterTemplate: letterTemplate)
        let accountId = report.account.id
        let bagName = destination.deletingPathExtension().lastPathComponent
        let folder = destination.deletingLastPathComponent()
        Self.removeLeftovers(of: bagName, in: folder)
        let work = folder.appendingPathComponent(
            ".\(bagName).\(getpid()).\(UUID().uuidString).tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let redactor = redact ? Redactor(accounts: try store.accounts()) : nil
        var payload: [(path: String, sha256: String, bytes: Int64, file: URL)] = []
        let derived = DerivedFiles(store: store, account: accountId, report: report, folder: work, redactor: redactor)
        for file in try derived.write() { payload.append(file) }

        var names = Set<String>()
        var originals: [(path: String, source: SourceFile)] = []
        for source in report.sources {
            var name = source.fileName
            if names.contains(name) { name = "\(source.sha256.prefix(8))-\(name)" }
            names.insert(name)
            originals.append(("data/originals/\(name)", source))
        }
        let total = payload.reduce(Int64(0)) { $0 + $1.bytes } + originals.reduce(Int64(0)) { $0 + $1.source.byteCount }

        let zipURL = work.appendingPathComponent("archive.zip")
        let archive: Archive
        do {
            archive = try Archive(url: zipURL, accessMode: .create)
        } catch {
            throw ExportError("\(destination.path): the zip cannot be created (\(error))")
        }
        var done: Int64 = 0
        for file in payload {
            try archive.addEntry(with: "\(bagName)/\(file.path)", fileURL: file.file, compressionMethod: .deflate)
            done += file.bytes
            progress?(done, total)
        }
        for original in originals {
            let url = store.objects.url(for: original.source.sha256)
            let reader = try FileReader(url: url)
            var hasher = SHA256()
            var size: Int64 = 0
            var chunk = [UInt8](repeating: 0, count: FileReader.chunkSize)
            try archive.addEntry(
                with: "\(bagName)/\(original.path)", type: .file, uncompressedSize: original.source.byteCount,
                compressionMethod: .deflate, bufferSize: FileReader.chunkSize
            ) { _, _ in
                let count = try reader.read(into: &chunk)
                hasher.update(data: chunk[0..<count])
                size += Int64(count)
                done += Int64(count)
                progress?(done, total)
                return Data(chunk[0..<count])
            }
            let digest = hasher.finalize().hexString
            guard digest == original.source.sha256, size == original.source.byteCount else {
                throw ExportError(
                    "\(url.path): the stored original of \(original.source.fileName) no longer matches its SHA-256; the store is damaged")
            }
            payload.append((original.path, digest, size, url))
        }

        let manifest = payload.sorted { $0.path < $1.path }.map { "\($0.sha256)  \(Self.manifestPath($0.path))\n" }.joined()
        let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
        var info = [
            "Bagging-Date: \(Self.today())",
            "Payload-Oxum: \(payload.reduce(Int64(0)) { $0 + $1.bytes }).\(payload.count)",
            "Bag-Software-Agent: evidence (billing-dispute evidence organizer)",
            "External-Description: Evidence of a billing dispute: \(report.account.provider ?? "provider") account \(accountId), as of \(asOf)",
        ]
        if !redact, let holder = report.account.holder { info.append("Contact-Name: \(holder)") }
        let bagInfo = (redactor.map { r in info.map(r.redact) } ?? info).joined(separator: "\n") + "\n"
        var tags: [(String, Data)] = [
            ("bagit.txt", Data(bagit.utf8)), ("bag-info.txt", Data(bagInfo.utf8)), ("manifest-sha256.txt", Data(manifest.utf8)),
        ]
        let tagManifest = tags.map { "\(Self.sha256($0.1))  \($0.0)\n" }.joined()
        tags.append(("tagmanifest-sha256.txt", Data(tagManifest.utf8)))
        for (name, data) in tags {
            try archive.addEntry(
                with: "\(bagName)/\(name)", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        guard rename(zipURL.path, destination.path) == 0 else {
            throw ExportError("\(destination.path): cannot be written (\(errnoText()))")
        }
        return Summary(
            payloadFiles: payload.count, payloadBytes: payload.reduce(Int64(0)) { $0 + $1.bytes }, originals: originals.count)
    }

    /// RFC 8493 2.1.3: a path in a manifest encodes CR, LF and % as %0D, %0A and %25.
    static func manifestPath(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).hexString
    }

    private static func today() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)?.description ?? "1970-01-01"
    }
}
