/// A stream of bytes read in chunks: a file, a transcoder over a file, or bytes in memory.
public protocol ByteSource: AnyObject {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 at the end.
    func read(into buffer: inout [UInt8]) throws -> Int
}

extension FileReader: ByteSource {}

/// Bytes held in memory, handed out in chunks as a file would be (for tests and small inputs).
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunk: Int

    public init(_ bytes: [UInt8], chunk: Int = 1 << 16) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    public convenience init(_ text: String, chunk: Int = 1 << 16) {
        self.init(Array(text.utf8), chunk: chunk)
    }

    public func read(into buffer: inout [UInt8]) throws -> Int {
        let count = min(chunk, buffer.count, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}
