/// One file of a zip as its central directory lists it (APPNOTE 4.3.12), and where its data was
/// found once its local header was checked.
struct ZipEntry {
    enum Kind: UInt8 {
        case file, folder, link
    }

    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50
    static let descriptorSignature: UInt32 = 0x0807_4B50
    /// The fixed part of a central directory record and of a local header.
    static let centralSize = 46
    static let localSize = 30

    /// The name, decoded as UTF-8 (invalid bytes replaced; `nameIsUTF8` says so).
    var name: String
    var nameIsUTF8: Bool
    var kind: Kind
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// The disk the entry starts on: 0 in a zip of one part.
    var disk: UInt32
    /// A size or offset said to be in a zip64 extra field that the record does not hold.
    var zip64Missing: Bool
    /// Where the entry's data starts: set when its local header was found and checked.
    var dataOffset: UInt64 = 0
    /// Its data can be read: its local header was found, agrees enough to locate the data, and
    /// the data neither overlaps another entry nor is encrypted or compressed in a way not read.
    var readable = false

    var isEncrypted: Bool {
        // Bit 0: encrypted; bit 6: strong encryption; bit 13: the central directory encrypted;
        // method 99: AES (WinZip).
        flags & 0x0001 != 0 || flags & 0x0040 != 0 || flags & 0x2000 != 0 || method == 99
    }

    /// Bit 3: the CRC and sizes follow the data, in a data descriptor.
    var hasDescriptor: Bool { flags & 0x0008 != 0 }

    /// Reads the central directory record that `record` holds, whole.
    init(central record: UnsafeRawBufferPointer) {
        let nameLength = Int(record.le16(28))
        let extraLength = Int(record.le16(30))
        let nameBytes = UnsafeRawBufferPointer(rebasing: record[Self.centralSize..<Self.centralSize + nameLength])
        let extraStart = Self.centralSize + nameLength
        let extra = extraLength == 0 ? [] : Array(record[extraStart..<extraStart + extraLength])[...]
        let validName = String(validating: nameBytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        name = validName ?? String(decoding: nameBytes, as: UTF8.self)
        nameIsUTF8 = validName != nil
        flags = record.le16(8)
        method = record.le16(10)
        crc32 = record.le32(16)
        var compressed = UInt64(record.le32(20))
        var uncompressed = UInt64(record.le32(24))
        var offset = UInt64(record.le32(42))
        var disk = UInt32(record.le16(34))
        // APPNOTE 4.5.3: the zip64 field holds, in this order, only the values whose 32-bit (or
        // 16-bit) field is all ones.
        var wanted: [WritableKeyPath<Zip64Values, UInt64>] = []
        if uncompressed == 0xFFFF_FFFF { wanted.append(\.uncompressed) }
        if compressed == 0xFFFF_FFFF { wanted.append(\.compressed) }
        if offset == 0xFFFF_FFFF { wanted.append(\.offset) }
        var missing = false
        if !wanted.isEmpty || disk == 0xFFFF {
            var values = Zip64Values(uncompressed: uncompressed, compressed: compressed, offset: offset, disk: disk)
            missing = !values.read(wanted, disk: disk == 0xFFFF, from: extra)
            (uncompressed, compressed, offset, disk) = (values.uncompressed, values.compressed, values.offset, values.disk)
        }
        compressedSize = compressed
        uncompressedSize = uncompressed
        localHeaderOffset = offset
        self.disk = disk
        zip64Missing = missing
        kind = Self.kind(name: name, madeBy: record.le16(4), attributes: record.le32(38))
    }

    /// As ZIPFoundation and Info-ZIP decide it: a Unix mode when a Unix system made the zip, else
    /// the name's trailing slash or the MS-DOS folder bit.
    private static func kind(name: String, madeBy: UInt16, attributes: UInt32) -> Kind {
        let system = madeBy >> 8
        if system == 3 || system == 19 {
            switch (attributes >> 16) & 0o170000 {
            case 0o120000: return .link
            case 0o040000: return .folder
            case 0o100000: return .file
            default: break
            }
        } else if system == 0, attributes & 0x10 != 0 {
            return .folder
        }
        return name.hasSuffix("/") ? .folder : .file
    }
}
