import Foundation

/// Splits a tag file (a manifest, `bagit.txt`, `bag-info.txt`) into lines as its chunks arrive,
/// holding at most `limit` bytes of one line: a longer line is reported by its number and skipped,
/// never kept, so a tag file of any size costs one small buffer.
///
/// A line ends at LF, CR or CRLF, as RFC 8493 allows; the end is not part of the line.
struct TagFileLines {
    /// The longest line kept: far beyond any real manifest line (a checksum and a path).
    static let limit = 64 * 1024

    enum Line {
        case text(ArraySlice<UInt8>, number: Int)
        /// A line longer than `limit`; its bytes were dropped.
        case tooLong(number: Int)
    }

    private var pending: [UInt8] = []
    private var overlong = false
    /// A CR ended the last line: an LF right after it belongs to that line's end.
    private var afterCR = false
    private var number = 0

    /// Splits `chunk`, handing each line it completes to `body`.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Line) throws -> Void) rethrows {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), !chunk.isEmpty else { return }
        let count = chunk.count
        var start = 0
        if afterCR {
            afterCR = false
            if base[0] == 0x0A { start = 1 }
        }
        // The next LF and CR at or after `start` (count when none): found once each, not per line.
        var nextLF = Self.find(0x0A, in: base, from: start, to: count)
        var nextCR = Self.find(0x0D, in: base, from: start, to: count)
        while start < count {
            let end = min(nextLF, nextCR)
            keep(base, from: start, to: end)
            guard end < count else { return }
            try emit(body)
            if end == nextCR {
                if end + 1 < count {
                    start = base[end + 1] == 0x0A ? end + 2 : end + 1
                } else {
                    start = count
                    afterCR = true
                }
            } else {
                start = end + 1
            }
            if nextLF < start { nextLF = Self.find(0x0A, in: base, from: start, to: count) }
            if nextCR < start { nextCR = Self.find(0x0D, in: base, from: start, to: count) }
        }
    }

    /// Hands the last line to `body` when the file does not end with a line break.
    mutating func finish(_ body: (Line) throws -> Void) rethrows {
        if !pending.isEmpty || overlong { try emit(body) }
    }

    private mutating func keep(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        guard !overlong, end > start else { return }
        if pending.count + (end - start) > Self.limit {
            overlong = true
            pending.removeAll(keepingCapacity: true)
        } else {
            pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
        }
    }

    private mutating func emit(_ body: (Line) throws -> Void) rethrows {
        number += 1
        defer {
            pending.removeAll(keepingCapacity: true)
            overlong = false
        }
        try body(overlong ? .tooLong(number: number) : .text(pending[...], number: number))
    }

    private static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return end }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
