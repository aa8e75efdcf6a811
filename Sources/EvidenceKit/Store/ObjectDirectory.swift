import Crypto
public import Foundation

/// The store's folder of original files, each kept byte for byte under its SHA-256.
///
/// Layout: `objects/ab/abcdef…` (the first two hex digits name a subfolder).
public struct ObjectDirectory: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Where the original with this SHA-256 lives (whether or not it exists).
    public func url(for sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    public func contains(_ sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: url(for: sha256).path)
    }

    /// Copies `file` in under `sha256`: a temporary name, fsync, then rename.
    ///
    /// The copy is hashed as it is written; when its hash is not `sha256` (the file changed since
    /// it was hashed) nothing is kept.
    /// - Returns: false when the object was already there (nothing written).
    /// - Throws: ``FileReadError`` when `file` cannot be read or changed (a problem with that
    ///   file), ``StoreError`` when the object directory cannot be written.
    @discardableResult
    public func store(_ file: URL, sha256: String) throws -> Bool {
        let destination = url(for: sha256)
        if FileManager.default.fileExists(atPath: destination.path) { return false }
        let folder = destination.deletingLastPathComponent()
        let temporary = root.appendingPathComponent(Self.temporaryPrefix + UUID().uuidString)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let copied = try Self.copy(file, to: temporary)
            guard copied == sha256 else {
                try? FileManager.default.removeItem(at: temporary)
                throw FileReadError("the file changed while it was being imported; import it again when nothing writes to it")
            }
            guard rename(temporary.path, destination.path) == 0 else {
                throw StoreError(.io, "\(destination.path): cannot store the original (\(errnoText()))")
            }
            return true
        } catch let error as StoreError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch let error as FileReadError {
            // The file being imported: a problem with that file, not with the store.
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError(.io, "\(folder.path): cannot write the object directory (\(error.localizedDescription))")
        }
    }

    /// Removes an object this import wrote and then rolled back.
    ///
    /// Call it only while holding the ledger's write lock, having checked that no committed
    /// source refers to it.
    func remove(_ sha256: String) {
        try? FileManager.default.removeItem(at: url(for: sha256))
    }

    /// The names of the partial copies (`tmp-…`) that an interrupted import left behind.
    public func temporaries() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasPrefix(Self.temporaryPrefix) }.sorted()
    }

    /// Removes the partial copies an interrupted import left; returns their names.
    ///
    /// Call it only while holding the ledger's write lock: every copy is made under that lock, so
    /// one seen then belongs to a process that died.
    @discardableResult
    func removeTemporaries() -> [String] {
        let names = temporaries()
        for name in names { try? FileManager.default.removeItem(at: root.appendingPathComponent(name)) }
        return names
    }

    /// Every object kept, as SHA-256 names, with what is in the directory that is not an object
    /// (a file or folder with another name: `objects/ab/notes.txt`).
    public func listing() -> (objects: [String], strays: [String]) {
        let manager = FileManager.default
        var objects: [String] = []
        var strays: [String] = []
        let folders = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        for folder in folders where !folder.hasPrefix(Self.temporaryPrefix) {
            let names = ((try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
            guard folder.count == 2, folder.allSatisfy(\.isHexDigit) else {
                strays.append(folder)
                continue
            }
            for name in names.sorted() {
                if name.count == 64, name.hasPrefix(folder), name.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                    objects.append(name)
                } else {
                    strays.append(folder + "/" + name)
                }
            }
        }
        return (objects, strays)
    }

    static let temporaryPrefix = "tmp-"

    /// Copies `source` to a new file at `destination` (mode 0600), fsyncs it, and returns its SHA-256.
    private static func copy(_ source: URL, to destination: URL) throws -> String {
        let input = try FileReader(url: source)
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.io, "\(destination.path): cannot create (\(errnoText()))")
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        try input.forEachChunk { chunk in
            hasher.update(data: chunk)
            var written = 0
            while written < chunk.count {
                let result = chunk.withUnsafeBytes { raw in
                    write(descriptor, raw.baseAddress.map { $0 + written }, chunk.count - written)
                }
                guard result > 0 else {
                    throw StoreError(.io, "\(destination.path): cannot write (\(errnoText()))")
                }
                written += result
            }
        }
        guard fsync(descriptor) == 0 else {
            throw StoreError(.io, "\(destination.path): cannot flush to disk (\(errnoText()))")
        }
        return hasher.finalize().hexString
    }
}

/// The SHA-256 of a file, read in chunks.
public func sha256OfFile(_ url: URL) throws(FileReadError) -> String {
    var hasher = SHA256()
    do {
        try FileReader(url: url).forEachChunk { hasher.update(data: $0) }
    } catch let error as FileReadError {
        throw error
    } catch {
        throw FileReadError("\(url.path): cannot read (\(error))")
    }
    return hasher.finalize().hexString
}

extension Digest {
    /// Lower-case hexadecimal.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

func errnoText() -> String {
    String(cString: strerror(errno))
}
