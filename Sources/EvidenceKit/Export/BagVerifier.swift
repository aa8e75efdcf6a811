public import Foundation
import Crypto
import ZIPFoundation

/// Re-checks an evidence archive (a zipped bag, or a bag folder): every checksum of its manifests
/// recomputed, and each missing, extra or altered file named.
///
/// A zip is read in place, never extracted: an entry whose path leaves the bag (`../`, an
/// absolute path) or that is a link is refused and reported, and nothing is written anywhere.
public struct BagVerifier: Sendable {
    /// What was found.
    public struct Result: Sendable {
        /// One line per problem, naming the file; empty when the bag is intact.
        public var problems: [String] = []
        /// Files whose checksum was recomputed.
        public var filesChecked = 0
        public var intact: Bool { problems.isEmpty }
    }

    public init() {}

    public func verify(_ url: URL) throws -> Result {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw ExportError("\(url.path): no such file or folder")
        }
        var files = try isFolder.boolValue ? Self.folderFiles(url) : Self.zipFiles(url)
        return Self.check(&files)
    }

    /// The files of a bag: path inside the bag → SHA-256 and size; problems met while reading.
    struct Files {
        var digests: [String: (sha256: String, bytes: Int64)] = [:]
        /// The tag files' text (everything outside `data/`).
        var text: [String: String] = [:]
        var problems: [String] = []
        /// Paths met, lowercased: a second entry of one path (a tampered copy beside the original) is refused.
        var seen: Set<String> = []
    }

    private static func check(_ files: inout Files) -> Result {
        var result = Result()
        result.problems = files.problems
        guard files.digests["bagit.txt"] != nil else {
            result.problems.append("bagit.txt: missing; this is not a BagIt bag")
            return result
        }
        guard files.digests["manifest-sha256.txt"] != nil else {
            result.problems.append("manifest-sha256.txt: missing")
            return result
        }
        let payload = parse(files.text["manifest-sha256.txt"] ?? "")
        for (path, expected) in payload {
            guard let found = files.digests[path] else {
                result.problems.append("\(path): missing (listed in manifest-sha256.txt)")
                continue
            }
            result.filesChecked += 1
            if found.sha256 != expected { result.problems.append("\(path): altered (its SHA-256 differs from the manifest)") }
        }
        let listed = Set(payload.map(\.path))
        for path in files.digests.keys.sorted() where path.hasPrefix("data/") && !listed.contains(path) {
            result.problems.append("\(path): extra (not in manifest-sha256.txt)")
        }
        if let tagText = files.text["tagmanifest-sha256.txt"] {
            for (path, expected) in parse(tagText) {
                guard let found = files.digests[path] else {
                    result.problems.append("\(path): missing (listed in tagmanifest-sha256.txt)")
                    continue
                }
                result.filesChecked += 1
                if found.sha256 != expected { result.problems.append("\(path): altered (its SHA-256 differs from tagmanifest-sha256.txt)") }
            }
        }
        if let oxum = files.text["bag-info.txt"]?.split(whereSeparator: \.isNewline)
            .first(where: { $0.hasPrefix("Payload-Oxum:") })?.dropFirst("Payload-Oxum:".count)
            .trimmingSpaces
        {
            let data = files.digests.filter { $0.key.hasPrefix("data/") }
            let actual = "\(data.values.reduce(Int64(0)) { $0 + $1.bytes }).\(data.count)"
            if oxum != actual { result.problems.append("bag-info.txt: Payload-Oxum \(oxum) does not match the payload (\(actual))") }
        }
        return result
    }

    /// `<sha256>  <path>` lines, paths decoded (%0D, %0A, %25).
    private static func parse(_ text: String) -> [(path: String, sha256: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { return nil }
            let path = parts[1].trimmingSpaces.replacingOccurrences(of: "%0A", with: "\n")
                .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
            return (path, parts[0].lowercased())
        }
    }

    private static func zipFiles(_ url: URL) throws -> Files {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ExportError("\(url.path): not a readable zip (\(error))")
        }
        var files = Files()
        let entries = Array(archive)
        // The bag is the folder holding bagit.txt: the zip's top level, or its one top folder.
        let declarations: [String] = entries.map(\.path).filter { path in
            path.hasSuffix("bagit.txt") && path.split(separator: "/").count <= 2
        }
        let shortest: String? = declarations.min { $0.count < $1.count }
        let root: String = shortest.map { String($0.dropLast("bagit.txt".count)) } ?? ""
        for entry in entries {
            let path = entry.path
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.hasPrefix("\\") || components.contains("..") {
                files.problems.append("\(path): refused: the entry's path leaves the archive's folder")
                continue
            }
            if entry.type == .symlink {
                files.problems.append("\(path): refused: the entry is a link")
                continue
            }
            guard entry.type == .file else { continue }
            guard path.hasPrefix(root) else {
                files.problems.append("\(path): extra (outside the bag folder \(root))")
                continue
            }
            let inBag = String(path.dropFirst(root.count))
            guard files.digests[inBag] == nil, !files.seen.contains(inBag.lowercased()) else {
                files.problems.append("\(path): refused: the archive holds this path more than once")
                continue
            }
            files.seen.insert(inBag.lowercased())
            var digest = FileDigest(path: inBag)
            do {
                _ = try archive.extract(entry) { digest.add($0) }
            } catch {
                files.problems.append("\(inBag): damaged in the zip (\(error))")
                continue
            }
            digest.record(in: &files)
        }
        return files
    }

    private static func folderFiles(_ url: URL) throws -> Files {
        var files = Files()
        let root = url.standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        else { throw ExportError("\(url.path): cannot be read") }
        while let item = enumerator.nextObject() as? URL {
            let values = try item.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let path = String(item.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if values.isSymbolicLink == true {
                files.problems.append("\(path): refused: a link")
                continue
            }
            guard values.isRegularFile == true else { continue }
            var digest = FileDigest(path: path)
            try FileReader(url: item).forEachChunk { digest.add($0) }
            digest.record(in: &files)
        }
        return files
    }
}

/// The SHA-256 and size of one file of a bag, read chunk by chunk; a tag file's text is kept too.
private struct FileDigest {
    let path: String
    private var hasher = SHA256()
    private var bytes: Int64 = 0
    /// Kept for the tag files (everything outside `data/`), which are read after hashing.
    private var text: Data?

    init(path: String) {
        self.path = path
        text = path.hasPrefix("data/") ? nil : Data()
    }

    mutating func add(_ chunk: some DataProtocol) {
        hasher.update(data: chunk)
        bytes += Int64(chunk.count)
        text?.append(contentsOf: chunk)
    }

    func record(in files: inout BagVerifier.Files) {
        files.digests[path] = (hasher.finalize().hexString, bytes)
        if let text { files.text[path] = String(decoding: text, as: UTF8.self) }
    }
}
