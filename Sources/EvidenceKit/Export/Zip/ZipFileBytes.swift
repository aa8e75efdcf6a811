/// A zip's bytes, for reading its records: through a window of the file that moves with the
/// reader, so that records read in file order cost one read per megabyte, not one each.
final class ZipFileBytes {
    static let windowSize = 1 << 20

    let file: FileReader
    /// The file's size when it was opened; nothing past it is read.
    let size: UInt64
    private var window: [UInt8] = []
    private var windowStart: UInt64 = 0
    private var windowCount = 0

    init(file: FileReader) throws(FileReadError) {
        self.file = file
        size = try file.size()
    }

    /// The `count` bytes at `offset`, or nil when the file ends before them.
    func bytes(at offset: UInt64, count: Int) throws(FileReadError) -> ArraySlice<UInt8>? {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else { return nil }
        if offset < windowStart || offset - windowStart + UInt64(count) > UInt64(windowCount) {
            let length = max(count, Self.windowSize)
            if window.count < length { window = [UInt8](repeating: 0, count: length) }
            windowCount = try file.read(at: offset, into: &window, count: length)
            windowStart = offset
            guard windowCount >= count else { return nil }
        }
        let start = Int(offset - windowStart)
        return window[start..<start + count]
    }

    /// The four bytes at `offset` as a little-endian number, or nil past the end.
    func signature(at offset: UInt64) throws(FileReadError) -> UInt32? {
        try bytes(at: offset, count: 4)?.le32(0)
    }
}

extension ArraySlice<UInt8> {
    /// The little-endian numbers of a zip record, `at` bytes from the slice's start; the caller
    /// has checked the slice is long enough.
    func le16(_ at: Int) -> UInt16 {
        UInt16(self[startIndex + at]) | UInt16(self[startIndex + at + 1]) << 8
    }

    func le32(_ at: Int) -> UInt32 {
        UInt32(le16(at)) | UInt32(le16(at + 2)) << 16
    }

    func le64(_ at: Int) -> UInt64 {
        UInt64(le32(at)) | UInt64(le32(at + 4)) << 32
    }
}

extension UnsafeRawBufferPointer {
    /// The little-endian numbers of a zip record, `at` bytes in; the caller has checked the
    /// buffer is long enough.
    func le16(_ at: Int) -> UInt16 {
        UInt16(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt16.self))
    }

    func le32(_ at: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }
}
