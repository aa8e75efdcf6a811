import Crypto
import Foundation

/// Writes a file in buffered chunks while computing its SHA-256 and size, so that a derived
/// file of any length costs one pass and a small buffer.
final class HashingFileWriter {
    let url: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private(set) var byteCount: Int64 = 0

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ExportError("\(url.path): cannot be created")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered, closes the file and returns its SHA-256 in hex.
    func finish() throws -> String {
        try flush()
        try handle.close()
        return hasher.finalize().hexString
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        byteCount += Int64(buffer.count)
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// An archive that cannot be written or read as asked; the message names the file.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
