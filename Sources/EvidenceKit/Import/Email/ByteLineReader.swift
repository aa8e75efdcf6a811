/// Reads a byte stream line by line (LF or CRLF ends a line; the end is not returned).
final class ByteLineReader {
    private let source: any ByteSource
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []
    private var position = 0
    private var finished = false

    init(_ source: any ByteSource) {
        self.source = source
    }

    /// The next line, or nil at the end of the stream.
    func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = pending[position...].firstIndex(of: 0x0A) {
                var line = pending[position..<newline]
                position = newline + 1
                if line.last == 0x0D { line = line.dropLast() }
                return line
            }
            if finished {
                guard position < pending.count else { return nil }
                defer { position = pending.count }
                return pending[position...]
            }
            pending.removeFirst(position)
            position = 0
            let count = try source.read(into: &buffer)
            if count == 0 { finished = true } else { pending += buffer[0..<count] }
        }
    }
}
