/// Reads a byte stream line by line (LF or CRLF ends a line; the end is not returned).
///
/// Each byte is searched once, so a long line (a file with no line break) costs time in
/// proportion to its length, not to its length squared.
final class ByteLineReader {
    private let source: any ByteSource
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []
    private var position = 0
    /// Where in `pending` the search for the next line break goes on: the bytes before it hold none.
    private var searched = 0
    private var finished = false
    private var linesRead = 0
    /// The longest line read; memory holds one line.
    static let longestLine = 64 << 20

    init(_ source: any ByteSource) {
        self.source = source
    }

    /// The next line, or nil at the end of the stream.
    func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = pending[max(position, searched)...].firstIndex(of: 0x0A) {
                var line = pending[position..<newline]
                position = newline + 1
                searched = position
                if line.last == 0x0D { line = line.dropLast() }
                linesRead += 1
                return line
            }
            searched = pending.count
            if finished {
                guard position < pending.count else { return nil }
                defer { position = pending.count }
                return pending[position...]
            }
            pending.removeFirst(position)
            searched -= position
            position = 0
            guard pending.count <= Self.longestLine else {
                throw RecordError(
                    locator: "line \(linesRead + 1)",
                    "a line of more than \(Self.longestLine >> 20) MiB without a line break: not text a mail program writes")
            }
            let count = try source.read(into: &buffer)
            if count == 0 { finished = true } else { pending += buffer[0..<count] }
        }
    }
}
