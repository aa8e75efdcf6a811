/// A local file header (APPNOTE 4.3.7): the record in front of each entry's data, which a
/// streaming unzipper reads instead of the central directory.
struct ZipLocalHeader {
    var nameBytes: ArraySlice<UInt8>
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    /// It has a zip64 field: its data descriptor, if any, holds 8-byte sizes.
    var isZip64: Bool
    /// The size of the header with its name and extra field: the data starts this far in.
    var length: UInt64

    var name: String { String(decoding: nameBytes, as: UTF8.self) }
    var hasDescriptor: Bool { flags & 0x0008 != 0 }

    /// Reads the local header at `offset`, which must end by `limit`; nil when there is none.
    init?(in bytes: ZipFileBytes, at offset: UInt64, limit: UInt64) throws(FileReadError) {
        guard offset < limit, limit - offset >= UInt64(ZipEntry.localSize),
            let fixed = try bytes.bytes(at: offset, count: ZipEntry.localSize),
            fixed.le32(0) == ZipEntry.localSignature
        else { return nil }
        let nameLength = Int(fixed.le16(26))
        let extraLength = Int(fixed.le16(28))
        length = UInt64(ZipEntry.localSize + nameLength + extraLength)
        guard limit - offset >= length,
            let variable = try bytes.bytes(at: offset + UInt64(ZipEntry.localSize), count: nameLength + extraLength)
        else { return nil }
        nameBytes = Array(variable.prefix(nameLength))[...]
        let extra = variable.dropFirst(nameLength)
        flags = fixed.le16(6)
        method = fixed.le16(8)
        crc32 = fixed.le32(14)
        var compressed = UInt64(fixed.le32(18))
        var uncompressed = UInt64(fixed.le32(22))
        var wanted: [WritableKeyPath<Zip64Values, UInt64>] = []
        if uncompressed == 0xFFFF_FFFF { wanted.append(\.uncompressed) }
        if compressed == 0xFFFF_FFFF { wanted.append(\.compressed) }
        isZip64 = Zip64Values.field(in: extra) != nil
        if !wanted.isEmpty {
            var values = Zip64Values(uncompressed: uncompressed, compressed: compressed, offset: 0, disk: 0)
            _ = values.read(wanted, disk: false, from: extra)
            (uncompressed, compressed) = (values.uncompressed, values.compressed)
        }
        compressedSize = compressed
        uncompressedSize = uncompressed
    }
}
