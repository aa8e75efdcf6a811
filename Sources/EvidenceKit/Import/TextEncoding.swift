import Foundation

/// The character encodings a mapped CSV file or an email part may be in.
public enum TextEncoding: String, Sendable, Decodable, CaseIterable {
    case utf8 = "utf-8"
    /// UTF-16 with a byte order mark (little-endian when there is none).
    case utf16 = "utf-16"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"
    /// Chinese, as Alipay and WeChat Pay export: GB18030 holds GBK and GB2312.
    case gb18030
    /// Japanese, read as Windows' code page 932 (Shift_JIS with the vendor characters).
    case shiftJIS = "shift_jis"

    /// The encoding of a MIME `charset` name (case-insensitive, common aliases included);
    /// nil for one this program cannot convert.
    public init?(charset: String) {
        switch charset.trimmingSpaces.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968": self = .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819": self = .iso88591
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": self = .windows1252
        case "utf-16", "utf16": self = .utf16
        case "gb18030", "gbk", "gb2312", "cp936", "x-gbk", "euc-cn", "windows-936": self = .gb18030
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "windows-31j", "ms_kanji", "ms932": self = .shiftJIS
        default: return nil
        }
    }

    /// A name or alias (`utf-8`, `GBK`, `Shift_JIS`, …), case-insensitive.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let encoding = TextEncoding(charset: name) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "encoding \"\(name)\" is not one of " + TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = encoding
    }

    /// The C library's converter of an encoding it converts (nil for those read here).
    func converter() throws -> TextConverter? {
        switch self {
        case .gb18030: return try TextConverter(from: "GB18030", name: "GB18030")
        case .shiftJIS: return try TextConverter(from: "CP932", name: "Shift_JIS")
        case .utf8, .utf16, .windows1252, .iso88591: return nil
        }
    }

    /// The text of `bytes` in this encoding; bytes that are not valid become U+FFFD.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .iso88591:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .windows1252:
            return String(
                String.UnicodeScalarView(
                    bytes.map { byte in
                        (0x80...0x9F).contains(byte)
                            ? Unicode.Scalar(TranscodingByteSource.windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}"
                            : Unicode.Scalar(byte)
                    }))
        case .utf16:
            let source = MemoryByteSource(Array(bytes))
            let transcoder = TranscodingByteSource(source, encoding: .utf16)
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while let count = try? transcoder.read(into: &buffer), count > 0 { output += buffer[0..<count] }
            return String(decoding: output, as: UTF8.self)
        case .gb18030, .shiftJIS:
            var output: [UInt8] = []
            guard let converter = try? converter(),
                let rest = try? converter.convert(Array(bytes), into: &output, lossy: true)
            else { return String(decoding: bytes, as: UTF8.self) }
            if !rest.isEmpty { output += [0xEF, 0xBF, 0xBD] }
            return String(decoding: output, as: UTF8.self)
        }
    }
}

/// Converts a byte stream in another encoding to UTF-8, chunk by chunk.
public final class TranscodingByteSource: ByteSource {
    private let source: any ByteSource
    private let encoding: TextEncoding
    private var input = [UInt8](repeating: 0, count: 1 << 15)
    private var pending: [UInt8] = []  // UTF-8 produced but not yet handed out
    private var carry: [UInt8] = []  // an incomplete UTF-16 code unit or surrogate pair
    private var bigEndian = false
    private var started = false
    private var converter: TextConverter?

    public init(_ source: any ByteSource, encoding: TextEncoding) {
        self.source = source
        self.encoding = encoding
    }

    public func read(into buffer: inout [UInt8]) throws -> Int {
        if encoding == .utf8 { return try source.read(into: &buffer) }
        while pending.isEmpty {
            let count = try source.read(into: &input)
            if count == 0 {
                guard carry.isEmpty else {
                    throw RecordError("the file ends inside a \(converter?.name ?? "UTF-16") character")
                }
                return 0
            }
            try convert(input[0..<count])
        }
        let count = min(buffer.count, pending.count)
        for index in 0..<count { buffer[index] = pending[index] }
        pending.removeFirst(count)
        return count
    }

    private func convert(_ bytes: ArraySlice<UInt8>) throws {
        switch encoding {
        case .gb18030, .shiftJIS:
            if converter == nil { converter = try encoding.converter() }
            guard let converter else { return }
            carry = try converter.convert(carry + bytes, into: &pending)
        case .utf8:
            pending.append(contentsOf: bytes)
        case .iso88591:
            for byte in bytes { append(scalar: UInt32(byte)) }
        case .windows1252:
            for byte in bytes {
                if (0x80...0x9F).contains(byte) {
                    append(scalar: Self.windows1252High[Int(byte - 0x80)])
                } else {
                    append(scalar: UInt32(byte))
                }
            }
        case .utf16:
            var units = carry + bytes
            carry = []
            var index = 0
            if !started, units.count >= 2 {
                started = true
                if units[0] == 0xFE && units[1] == 0xFF {
                    bigEndian = true
                    index = 2
                } else if units[0] == 0xFF && units[1] == 0xFE {
                    index = 2
                }
            }
            func unit(at position: Int) -> UInt32 {
                bigEndian
                    ? UInt32(units[position]) << 8 | UInt32(units[position + 1])
                    : UInt32(units[position + 1]) << 8 | UInt32(units[position])
            }
            while index + 1 < units.count {
                let first = unit(at: index)
                if (0xD800...0xDBFF).contains(first) {
                    guard index + 3 < units.count else { break }
                    let second = unit(at: index + 2)
                    guard (0xDC00...0xDFFF).contains(second) else {
                        append(scalar: 0xFFFD)  // an unpaired high surrogate
                        index += 2
                        continue
                    }
                    append(scalar: 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    index += 4
                } else {
                    append(scalar: first)
                    index += 2
                }
            }
            units.removeFirst(index)
            carry = units
        }
    }

    private func append(scalar value: UInt32) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        pending.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Windows-1252 0x80–0x9F (undefined positions map to U+FFFD).
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
