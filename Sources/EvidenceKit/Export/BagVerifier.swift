public import Foundation

/// Re-checks an evidence archive (a zipped bag, or a bag folder): every checksum of its manifests
/// recomputed, and each missing, extra or altered file named.
///
/// A zip is read in place, never extracted, by `ZipReader`: its central directory and local
/// headers must agree (where they do not, other unzippers would show other files), no two entries
/// may share bytes, no entry may be encrypted, and every read is bounded by the file's own size.
/// An entry whose path leaves the bag (`../`, an absolute path) or that is a link is refused and
/// reported, and nothing is written anywhere. Tag files are read line by line, so a tag file of
/// any size costs a small buffer.
///
/// Problem lines come from the archive's names: their control characters are escaped, and after
/// `ProblemList.listLimit` lines the rest are only counted.
public struct BagVerifier: Sendable {
    /// What was found.
    public struct Result: Sendable {
        /// One line per problem, naming the file, its control characters escaped; empty when the
        /// bag is intact. At most `ProblemList.listLimit` lines.
        public var problems: [String] = []
        /// Problems found beyond those listed.
        public var unlistedProblems = 0
        /// Files whose checksum was recomputed.
        public var filesChecked = 0
        public var intact: Bool { problems.isEmpty && unlistedProblems == 0 }
    }

    public init() {}

    /// Checks the zip or folder at `url`; throws an `ExportError` when it cannot be checked at all
    /// (it does not exist, cannot be read, or is not a zip, or a zip too damaged to list).
    public func verify(_ url: URL) throws -> Result {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw ExportError("\(url.path): no such file or folder")
        }
        return try isFolder.boolValue ? Self.verifyFolder(url) : Self.verifyZip(url)
    }

    private static func verifyZip(_ url: URL) throws -> Result {
        let zip = try ZipReader(url: url)
        var problems = zip.problems
        // The bag is the folder holding bagit.txt: the zip's top level, or its one top folder.
        var declaration: String?
        for entry in zip.entries where (entry.name == "bagit.txt" || entry.name.hasSuffix("/bagit.txt")) && entry.name.split(separator: "/").count <= 2 {
            if declaration.map({ entry.name.count < $0.count }) ?? true { declaration = entry.name }
        }
        let root = declaration.map { String($0.dropLast("bagit.txt".count)) } ?? ""
        func inBag(_ name: String) -> String {
            name.hasPrefix(root) ? String(name.dropFirst(root.count)) : name
        }
        try zip.checkLayout(into: &problems, naming: inBag)

        var files: [(path: String, index: Int)] = []
        var seen: Set<String> = []
        // An entry the layout check refused is named in its problem already, and never read.
        for (index, entry) in zip.entries.enumerated() where entry.readable {
            let path = entry.name
            if path.hasPrefix("/") || path.hasPrefix("\\") || path == ".." || path.hasPrefix("../") || path.hasSuffix("/..")
                || path.contains("/../")
            {
                problems.add("\(path): refused: the entry's path leaves the archive's folder")
                continue
            }
            if entry.kind == .link {
                problems.add("\(path): refused: the entry is a link")
                continue
            }
            guard entry.kind == .file else { continue }
            guard path.hasPrefix(root) else {
                problems.add("\(path): extra (outside the bag folder \(root))")
                continue
            }
            // A second entry of one path (a tampered copy beside the original) is refused.
            guard seen.insert(inBag(path).lowercased()).inserted else {
                problems.add("\(path): refused: the archive holds this path more than once")
                continue
            }
            files.append((inBag(path), index))
        }
        // In file order, so that reading the zip moves forward through it.
        files.sort { zip.entries[$0.index].localHeaderOffset < zip.entries[$1.index].localHeaderOffset }
        let index = Dictionary(files.map { ($0.path, $0.index) }, uniquingKeysWith: { first, _ in first })
        // Looked up only for a file a manifest lists and the check did not read: built once, then.
        var refused: Set<String>?
        let isRefused = { (path: String) -> Bool in
            let names = refused ?? Set(zip.entries.lazy.filter { !$0.readable && $0.kind == .file }.map { inBag($0.name) })
            refused = names
            return names.contains(path)
        }
        let someRefused = zip.entries.contains { !$0.readable && $0.kind == .file }
        return try BagCheck.run(paths: files.map(\.path), problems: problems, someRefused: someRefused, isRefused: isRefused) {
            path, problems, body in
            guard let entry = index[path] else { return false }
            return try zip.read(entry, named: path, into: &problems, body)
        }
    }

    private static func verifyFolder(_ url: URL) throws -> Result {
        var problems = ProblemList()
        var files: [String: URL] = [:]
        let root = url.standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        else { throw ExportError("\(url.path): cannot be read") }
        while let item = enumerator.nextObject() as? URL {
            let values = try item.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let path = String(item.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if values.isSymbolicLink == true {
                problems.add("\(path): refused: a link")
                continue
            }
            guard values.isRegularFile == true else { continue }
            files[path] = item
        }
        return try BagCheck.run(paths: files.keys.sorted(), problems: problems, someRefused: false, isRefused: { _ in false }) {
            path, _, body in
            guard let file = files[path] else { return false }
            try FileReader(url: file).forEachChunk { chunk in chunk.withUnsafeBytes(body) }
            return true
        }
    }
}
