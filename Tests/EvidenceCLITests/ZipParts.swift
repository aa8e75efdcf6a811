import Foundation
import Testing

/// A zip taken apart into its records, to be changed byte by byte and put back together: how the
/// tests make a hostile archive out of a good one. It reads what `evidence export` writes (no
/// zip64, no data descriptors, no comment); `assembled()` recomputes the offsets and the end
/// record, and adds what the properties ask for.
struct ZipParts {
    struct Entry {
        /// The local header with its name and extra field.
        var local: [UInt8]
        var data: [UInt8]
        /// A data descriptor after the data (none in an exported zip).
        var descriptor: [UInt8] = []
        /// The central directory record with its name, extra field and comment.
        var central: [UInt8]

        var name: String { String(decoding: central[46..<46 + Int(central.u16(28))], as: UTF8.self) }
        var length: Int { local.count + data.count + descriptor.count }
    }

    var entries: [Entry] = []
    /// The end of central directory record (22 bytes; no comment).
    var end: [UInt8]
    /// Bytes between the last entry and the central directory.
    var hidden: [UInt8] = []
    /// Central directory records after the entries' own, kept as they are (offsets included).
    var extraCentral: [UInt8] = []
    /// The entry count the end record gives, when not the true one.
    var declaredCount: UInt16?
    /// With a value, a zip64 end record and locator giving this entry count, and 0xFFFF in the end record.
    var zip64Count: UInt64?

    init(_ zip: [UInt8]) throws {
        let endOffset = try #require((0...(zip.count - 22)).reversed().first { zip.u32($0) == 0x0605_4B50 })
        end = Array(zip[endOffset...])
        var position = Int(end.u32(16))
        for _ in 0..<Int(end.u16(10)) {
            let length = 46 + Int(zip.u16(position + 28)) + Int(zip.u16(position + 30)) + Int(zip.u16(position + 32))
            let central = Array(zip[position..<position + length])
            let offset = Int(central.u32(42))
            let localLength = 30 + Int(zip.u16(offset + 26)) + Int(zip.u16(offset + 28))
            let dataLength = Int(central.u32(20))
            entries.append(
                Entry(
                    local: Array(zip[offset..<offset + localLength]),
                    data: Array(zip[offset + localLength..<offset + localLength + dataLength]), central: central))
            position += length
        }
    }

    init(contentsOf url: URL) throws {
        try self.init([UInt8](Data(contentsOf: url)))
    }

    /// The entry whose name ends with `suffix`.
    func index(_ suffix: String) throws -> Int {
        try #require(entries.firstIndex { $0.name.hasSuffix(suffix) })
    }

    /// Where entry `index`'s local header will be in `assembled()`.
    func localOffset(_ index: Int) -> Int {
        entries[..<index].reduce(0) { $0 + $1.length }
    }

    /// The zip again: the entries in order, the `hidden` bytes, the central directory (each record
    /// pointing at its entry) followed by `extraCentral`, and the end records.
    func assembled() -> [UInt8] {
        var zip: [UInt8] = []
        var centrals: [UInt8] = []
        for entry in entries {
            var central = entry.central
            if central.u32(42) != 0xFFFF_FFFF { central.set32(UInt32(zip.count), at: 42) }
            centrals += central
            zip += entry.local + entry.data + entry.descriptor
        }
        zip += hidden
        let centralOffset = zip.count
        zip += centrals + extraCentral
        let count = declaredCount ?? UInt16(entries.count)
        var end = end
        if let zip64Count {
            var record = [UInt8](repeating: 0, count: 56)
            record.set32(0x0606_4B50, at: 0)
            record.set64(44, at: 4)
            record.set16(45, at: 12)
            record.set64(zip64Count, at: 24)
            record.set64(zip64Count, at: 32)
            record.set64(UInt64(centrals.count + extraCentral.count), at: 40)
            record.set64(UInt64(centralOffset), at: 48)
            var locator = [UInt8](repeating: 0, count: 20)
            locator.set32(0x0706_4B50, at: 0)
            locator.set64(UInt64(zip.count), at: 8)
            locator.set32(1, at: 16)
            zip += record + locator
        }
        end.set16(zip64Count == nil ? count : 0xFFFF, at: 8)
        end.set16(zip64Count == nil ? count : 0xFFFF, at: 10)
        end.set32(UInt32(centrals.count + extraCentral.count), at: 12)
        end.set32(UInt32(centralOffset), at: 16)
        return zip + end
    }

    /// A central directory record like entry `index`'s, named `name`, whose local header is at `offset`.
    func centralRecord(like index: Int, named name: String, offset: Int) -> [UInt8] {
        var record = Array(entries[index].central[0..<46])
        record.set16(UInt16(name.utf8.count), at: 28)
        record.set16(0, at: 30)
        record.set16(0, at: 32)
        record.set32(UInt32(offset), at: 42)
        return record + Array(name.utf8)
    }

    /// Moves entry `index`'s CRC and sizes after its data, into a data descriptor (general purpose
    /// bit 3), as a streaming zipper writes them; `uncompressed` replaces the size it gives.
    mutating func useDescriptor(_ index: Int, uncompressed: UInt32? = nil) {
        var entry = entries[index]
        let crc = entry.central.u32(16)
        let compressed = entry.central.u32(20)
        entry.local.set16(entry.local.u16(6) | 0x0008, at: 6)
        entry.central.set16(entry.central.u16(8) | 0x0008, at: 8)
        for field in [14, 18, 22] { entry.local.set32(0, at: field) }
        var descriptor = [UInt8](repeating: 0, count: 16)
        descriptor.set32(0x0807_4B50, at: 0)
        descriptor.set32(crc, at: 4)
        descriptor.set32(compressed, at: 8)
        descriptor.set32(uncompressed ?? entry.central.u32(24), at: 12)
        entry.descriptor = descriptor
        entries[index] = entry
    }

    /// Gives entry `index` zip64 sizes (APPNOTE 4.5.3): both 32-bit sizes all ones, in its local
    /// header and its central directory record, with the real sizes in a zip64 field; the central
    /// record says `uncompressed` instead when given, and its offset is `offset` when given.
    mutating func useZip64(_ index: Int, uncompressed: UInt64? = nil, offset: UInt64? = nil) {
        var entry = entries[index]
        let compressedSize = UInt64(entry.central.u32(20))
        let uncompressedSize = UInt64(entry.central.u32(24))
        func field(_ values: [UInt64]) -> [UInt8] {
            var field = [UInt8](repeating: 0, count: 4 + 8 * values.count)
            field.set16(1, at: 0)
            field.set16(UInt16(8 * values.count), at: 2)
            for (position, value) in values.enumerated() { field.set64(value, at: 4 + 8 * position) }
            return field
        }
        let localField = field([uncompressedSize, compressedSize])
        let nameEnd = 30 + Int(entry.local.u16(26))
        entry.local = Array(entry.local[..<nameEnd]) + localField
        entry.local.set16(UInt16(localField.count), at: 28)
        entry.local.set32(0xFFFF_FFFF, at: 18)
        entry.local.set32(0xFFFF_FFFF, at: 22)
        var values = [uncompressed ?? uncompressedSize, compressedSize]
        if let offset { values.append(offset) }
        let centralField = field(values)
        let centralNameEnd = 46 + Int(entry.central.u16(28))
        entry.central = Array(entry.central[..<centralNameEnd]) + centralField
        entry.central.set16(UInt16(centralField.count), at: 30)
        entry.central.set16(0, at: 32)
        entry.central.set32(0xFFFF_FFFF, at: 20)
        entry.central.set32(0xFFFF_FFFF, at: 24)
        if offset != nil { entry.central.set32(0xFFFF_FFFF, at: 42) }
        entries[index] = entry
    }

    /// Writes `bytes` to `name` in `folder` and returns its URL.
    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// A local header and its stored data, for a file no central directory record lists.
    static func localEntry(_ name: String, _ text: String) -> [UInt8] {
        let data = Array(text.utf8)
        var header = [UInt8](repeating: 0, count: 30)
        header.set32(0x0403_4B50, at: 0)
        header.set16(20, at: 4)
        header.set16(0x0800, at: 6)
        header.set32(crc32(data), at: 14)
        header.set32(UInt32(data.count), at: 18)
        header.set32(UInt32(data.count), at: 22)
        header.set16(UInt16(name.utf8.count), at: 26)
        return header + Array(name.utf8) + data
    }

    /// CRC-32 (ISO 3309), bit by bit: enough for the few bytes a test writes.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

extension [UInt8] {
    /// The little-endian numbers of a zip record.
    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }

    mutating func set16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(value & 0xFF)
        self[offset + 1] = UInt8(value >> 8)
    }

    mutating func set32(_ value: UInt32, at offset: Int) {
        set16(UInt16(value & 0xFFFF), at: offset)
        set16(UInt16(value >> 16), at: offset + 2)
    }

    mutating func set64(_ value: UInt64, at offset: Int) {
        set32(UInt32(value & 0xFFFF_FFFF), at: offset)
        set32(UInt32(value >> 32), at: offset + 4)
    }
}
