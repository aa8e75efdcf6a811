public import Foundation

/// Reads a file in chunks through a POSIX descriptor; closes it when released.
public final class FileReader {
    /// The size of one read.
    public static let chunkSize = 1 << 16

    private let descriptor: Int32
    public let url: URL
    /// How many bytes have been read so far: the position in the file, for progress.
    public private(set) var bytesRead: Int64 = 0

    /// Opens `url` for reading; throws a `StoreError` naming the file when it cannot.
    public init(url: URL) throws(FileReadError) {
        self.url = url
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw FileReadError("\(url.path): cannot read (\(errnoText()))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw FileReadError("\(url.path): not a regular file")
        }
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileReadError("\(url.path): cannot read (\(errnoText()))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads the file to its end, handing each chunk to `body`.
    public func forEachChunk(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = try read(into: &buffer)
            if count == 0 { return }
            try body(buffer[0..<count])
        }
    }

    /// The file's first `limit` bytes (fewer when it is shorter), read from where the reader is.
    public func readPrefix(_ limit: Int) throws(FileReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: min(limit, Self.chunkSize))
        while bytes.count < limit {
            let count = try read(into: &buffer)
            if count == 0 { break }
            bytes += buffer[0..<min(count, limit - bytes.count)]
        }
        return bytes
    }

    /// Fills the front of `buffer` and returns how many bytes were read; 0 at the end.
    public func read(into buffer: inout [UInt8]) throws(FileReadError) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                Foundation.read(descriptor, raw.baseAddress, raw.count)
            }
            if count >= 0 {
                bytesRead += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw FileReadError("\(url.path): cannot read (\(errnoText()))")
        }
    }

    /// Fills the front of `buffer` with up to `count` bytes (at most the buffer's size) from
    /// `offset`, leaving the reader's position as it was; returns how many were read, fewer only
    /// at the end of the file.
    public func read(at offset: UInt64, into buffer: inout [UInt8], count: Int) throws(FileReadError) -> Int {
        let count = min(count, buffer.count)
        var done = 0
        while done < count, offset <= UInt64(Int64.max) - UInt64(done) {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress.map { $0 + done }, count - done, off_t(offset) + off_t(done))
            }
            if got > 0 {
                done += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw FileReadError("\(url.path): cannot read (\(errnoText()))")
            }
        }
        return done
    }

    /// The file's size in bytes, as it is now.
    public func size() throws(FileReadError) -> UInt64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileReadError("\(url.path): cannot read (\(errnoText()))")
        }
        return UInt64(max(0, status.st_size))
    }
}

/// A file that cannot be opened or read; the message names it.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
