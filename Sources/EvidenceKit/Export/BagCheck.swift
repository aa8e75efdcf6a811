import Crypto
import Foundation

/// Checks a bag's files against its manifests, reading each file once, as a stream: its SHA-256
/// and size computed, and a tag file's lines taken as they arrive, each line at most
/// `TagFileLines.limit` bytes. Nothing of a file is kept but its digest and, of the tag files,
/// what the check needs: the payload manifest's lines are compared as they are read (the payload
/// is read first), and of `bag-info.txt` only its Payload-Oxum.
struct BagCheck {
    static let payloadManifest = "manifest-sha256.txt"
    static let tagManifest = "tagmanifest-sha256.txt"

    /// The tag files whose lines are read.
    enum TagFile {
        case declaration, bagInfo, payloadManifest, tagManifest

        init?(_ path: String) {
            switch path {
            case "bagit.txt": self = .declaration
            case "bag-info.txt": self = .bagInfo
            case BagCheck.payloadManifest: self = .payloadManifest
            case BagCheck.tagManifest: self = .tagManifest
            default: return nil
            }
        }
    }

    /// Streams one file's bytes to the body it is given; returns false when the file could not
    /// be read to its end (having added a problem that says why).
    typealias Reader = (_ path: String, _ problems: inout ProblemList, _ body: (UnsafeRawBufferPointer) -> Void) throws -> Bool

    var problems: ProblemList
    /// A file the archive holds but that was refused before reading (a problem names it already).
    private let isRefused: (String) -> Bool
    private var digests: [String: (sha256: SHA256.Digest, bytes: Int64)] = [:]
    /// Files the bag holds that could not be read; a problem already names each.
    private var notRead: Set<String> = []
    /// Files the payload manifest lists that the bag holds; and likewise for the tag manifest.
    private var listed: Set<String> = []
    private var tagListed: Set<String> = []
    private var payloadOxum: String?
    private var filesChecked = 0

    init(problems: ProblemList, isRefused: @escaping (String) -> Bool) {
        self.problems = problems
        self.isRefused = isRefused
    }

    /// Checks the bag whose files are `paths` (paths inside the bag), reading each through `read`.
    /// `isRefused` tells a file that the archive holds but that was refused before reading (a
    /// problem names it already), so that a manifest listing it does not call it missing too;
    /// `someRefused` says there is one.
    static func run(
        paths: [String], problems: ProblemList, someRefused: Bool, isRefused: @escaping (String) -> Bool, read: Reader
    ) rethrows -> BagVerifier.Result {
        var check = BagCheck(problems: problems, isRefused: isRefused)
        try check.run(paths: paths, someRefused: someRefused, read: read)
        return BagVerifier.Result(
            problems: check.problems.lines, unlistedProblems: check.problems.count - check.problems.lines.count,
            filesChecked: check.filesChecked)
    }

    private mutating func run(paths: [String], someRefused: Bool, read: Reader) rethrows {
        let present = Set(paths)
        guard present.contains("bagit.txt") || isRefused("bagit.txt") else {
            problems.add("bagit.txt: missing; this is not a BagIt bag")
            return
        }
        guard present.contains(Self.payloadManifest) || isRefused(Self.payloadManifest) else {
            problems.add("\(Self.payloadManifest): missing")
            return
        }
        // The payload before the payload manifest, which is compared line by line as it is read;
        // the tag manifest last, once every file it can list has its digest.
        func rank(_ path: String) -> Int {
            switch path {
            case _ where path.hasPrefix("data/"): 0
            case Self.payloadManifest: 2
            case Self.tagManifest: 3
            default: 1
            }
        }
        var ordered = paths.enumerated().map { (rank: rank($0.element), index: $0.offset, path: $0.element) }
        ordered.sort { ($0.rank, $0.index) < ($1.rank, $1.index) }
        for file in ordered { try check(file.path, read: read) }

        if digests[Self.payloadManifest] != nil {
            for path in digests.keys.sorted() where path.hasPrefix("data/") && !listed.contains(path) {
                problems.add("\(path): extra (not in \(Self.payloadManifest))")
            }
        }
        // A file that could not be read would only make the count differ again.
        if let oxum = payloadOxum, notRead.isEmpty, !someRefused {
            let payload = digests.filter { $0.key.hasPrefix("data/") }
            let actual = "\(payload.values.reduce(Int64(0)) { $0 + $1.bytes }).\(payload.count)"
            if oxum != actual { problems.add("bag-info.txt: Payload-Oxum \(oxum) does not match the payload (\(actual))") }
        }
    }

    private mutating func check(_ path: String, read: Reader) rethrows {
        var hasher = SHA256()
        var bytes: Int64 = 0
        let tagFile = TagFile(path)
        var lines = TagFileLines()
        var readProblems = ProblemList()
        let complete = try read(path, &readProblems) { chunk in
            hasher.update(bufferPointer: chunk)
            bytes += Int64(chunk.count)
            if let tagFile { lines.feed(chunk) { self.take($0, of: tagFile, path) } }
        }
        if let tagFile, complete { lines.finish { take($0, of: tagFile, path) } }
        problems.merge(readProblems)
        if complete {
            digests[path] = (hasher.finalize(), bytes)
        } else {
            notRead.insert(path)
        }
    }

    private mutating func take(_ line: TagFileLines.Line, of tagFile: TagFile, _ path: String) {
        switch line {
        case .tooLong(let number):
            problems.add("\(path): line \(number) is longer than \(TagFileLines.limit / 1024) KiB, too long for a tag file; it was skipped")
        case .text(let text, let number):
            switch tagFile {
            case .declaration:
                break
            case .bagInfo:
                let label = "Payload-Oxum:".utf8
                if payloadOxum == nil, text.starts(with: label) {
                    payloadOxum = String(decoding: text.dropFirst(label.count), as: UTF8.self).trimmingSpaces
                }
            case .payloadManifest, .tagManifest:
                manifestLine(text, number: number, of: path, payload: tagFile == .payloadManifest)
            }
        }
    }

    /// A `<sha256>  <path>` line: the file it names is compared as soon as the line is read.
    private mutating func manifestLine(_ text: ArraySlice<UInt8>, number: Int, of manifest: String, payload: Bool) {
        guard let path = text.withUnsafeBufferPointer(Self.path) else {
            if text.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                problems.add("\(manifest): line \(number) is not a SHA-256 checksum and a file name")
            }
            return
        }
        guard let found = digests[path] else {
            if !notRead.contains(path), !isRefused(path) { problems.add("\(path): missing (listed in \(manifest))") }
            return
        }
        guard let expected = Self.lowercasedHex(Array(text.prefix(64))) else {
            problems.add("\(manifest): line \(number) is not a SHA-256 checksum and a file name")
            return
        }
        let first = payload ? listed.insert(path).inserted : tagListed.insert(path).inserted
        guard first else {
            problems.add("\(path): listed twice in \(manifest)")
            return
        }
        filesChecked += 1
        if found.sha256.hexString != expected {
            problems.add(
                payload
                    ? "\(path): altered (its SHA-256 differs from the manifest)"
                    : "\(path): altered (its SHA-256 differs from \(manifest))")
        }
    }

    /// The path of a manifest line: what follows its checksum (64 characters, then spaces or tabs),
    /// without the spaces and tabs around it, %0A, %0D and %25 decoded; nil when the line has no
    /// such parts. The checksum itself is read only when its file is found: a line naming no file
    /// of the bag is a problem either way.
    static func path(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard line.count > 65, isSpace(line[64]), !isSpace(line[63]) else { return nil }
        var start = 65
        while start < line.count, isSpace(line[start]) { start += 1 }
        var end = line.count
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        guard end > start else { return nil }
        let raw = UnsafeBufferPointer(rebasing: line[start..<end])
        var path = String(decoding: raw, as: UTF8.self)
        if let base = raw.baseAddress, memchr(base, 0x25, raw.count) != nil {
            path = path.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
                .replacingOccurrences(of: "%25", with: "%")
        }
        return path
    }

    /// 64 hexadecimal digits, lowercased; nil when `bytes` are not.
    static func lowercasedHex(_ bytes: [UInt8]) -> String? {
        var lowered = bytes
        for index in lowered.indices where lowered[index] < 0x30 || lowered[index] > 0x39 {
            // Setting bit 5 turns A–F into a–f, and nothing else into them.
            let byte = lowered[index] | 0x20
            guard byte >= 0x61, byte <= 0x66 else { return nil }
            lowered[index] = byte
        }
        return lowered.count == 64 ? String(decoding: lowered, as: UTF8.self) : nil
    }
}
