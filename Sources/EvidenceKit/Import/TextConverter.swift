import Glibc

/// Converts text from an encoding the C library knows (GB18030, Shift_JIS) to UTF-8, chunk by
/// chunk: the one wrapper around iconv. It owns the converter and frees it.
final class TextConverter {
    private let handle: iconv_t
    /// The encoding's name as the user sees it (`GB18030`).
    let name: String
    /// How many input bytes have been converted so far, for the place of a bad byte.
    private(set) var converted = 0

    /// A converter from `libraryName` (iconv's name of it) to UTF-8.
    init(from libraryName: String, name: String) throws {
        guard let handle = iconv_open("UTF-8", libraryName), handle != iconv_t(bitPattern: -1) else {
            throw RecordError("the C library cannot convert from \(name) on this system")
        }
        self.handle = handle
        self.name = name
    }

    deinit {
        iconv_close(handle)
    }

    /// Converts `input`, appending UTF-8 to `output`, and returns the bytes of a character cut
    /// off at its end (to be given again, before the next chunk). `lossy` puts U+FFFD for a byte
    /// that is no character; else that is an error naming the byte and its place.
    func convert(_ input: [UInt8], into output: inout [UInt8], lossy: Bool = false) throws -> [UInt8] {
        var rest = input[...]
        var buffer = [UInt8](repeating: 0, count: max(64, input.count * 4))
        while !rest.isEmpty {
            var inLeft = rest.count
            var outLeft = buffer.count
            var failure: Int32 = 0
            let taken = rest.withUnsafeBufferPointer { source -> Int in
                buffer.withUnsafeMutableBufferPointer { target -> Int in
                    guard let from = source.baseAddress, let to = target.baseAddress else { return 0 }
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: from)
                        .assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(to).assumingMemoryBound(to: CChar.self)
                    if iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { failure = errno }
                    return source.count - inLeft
                }
            }
            output.append(contentsOf: buffer[0..<(buffer.count - outLeft)])
            converted += taken
            rest = rest.dropFirst(taken)
            switch failure {
            case 0:
                continue
            case EINVAL:
                return Array(rest)  // a character cut off at the end of the chunk
            case E2BIG:
                buffer = [UInt8](repeating: 0, count: buffer.count * 2)
            default:
                guard lossy, !rest.isEmpty else {
                    let byte = rest.first.map { "0x" + String($0, radix: 16, uppercase: true) } ?? "a byte"
                    throw RecordError("\(byte) at byte \(converted + 1) is not \(name) text: check the encoding")
                }
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                converted += 1
                rest = rest.dropFirst()
            }
        }
        return []
    }
}
