import CZlibInflate

/// zlib's inflate for a zip entry's raw deflate data, reset for each entry; the stream is freed
/// in `deinit`, and nothing else sees it.
final class ZipInflater {
    enum Outcome {
        /// Every input byte was used and the stream goes on.
        case needsInput
        /// The deflate stream ended; `unused` input bytes came after its end.
        case ended(unused: Int)
        /// The consumer asked to stop.
        case stopped
    }

    /// Data that is not a valid deflate stream; the description is zlib's.
    struct Damage: Error, CustomStringConvertible {
        var description: String
    }

    /// zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init() throws(ExportError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard evidence_inflateInitRaw(stream) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ExportError("zlib's inflate cannot start (out of memory)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new stream.
    func reset() {
        inflateReset(stream)
    }

    /// Inflates `input`, handing each piece of output to `body`, which returns false to stop;
    /// throws `Damage` when the data is not a valid deflate stream.
    func inflate(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Bool) throws -> Outcome {
        guard let inputBase = input.baseAddress, !input.isEmpty else { return .needsInput }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        let stream = stream
        return try output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) throws -> Outcome in
            guard let outBase = out.baseAddress else { throw Damage(description: "no output buffer") }
            while true {
                let before = stream.pointee.avail_in
                stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(out.count)
                let status = CZlibInflate.inflate(stream, Z_NO_FLUSH)
                let produced = out.count - Int(stream.pointee.avail_out)
                if produced > 0, !body(UnsafeRawBufferPointer(start: outBase, count: produced)) { return .stopped }
                switch status {
                case Z_STREAM_END:
                    return .ended(unused: Int(stream.pointee.avail_in))
                case Z_OK, Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 { return .needsInput }
                    // Z_BUF_ERROR: no progress was possible. With room for output that means no
                    // input; stop rather than spin if zlib ever says otherwise.
                    if produced == 0, stream.pointee.avail_in == before {
                        throw Damage(description: "the deflate stream makes no progress")
                    }
                default:
                    throw Damage(description: stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)")
                }
            }
        }
    }
}
