/// The values of a zip64 extended information field (APPNOTE 4.5.3, header ID 0x0001).
struct Zip64Values {
    var uncompressed: UInt64
    var compressed: UInt64
    var offset: UInt64
    var disk: UInt32

    /// Reads the `wanted` values, in order, from the zip64 field of `extra`; false when the field
    /// is missing or too short for them.
    mutating func read(_ wanted: [WritableKeyPath<Zip64Values, UInt64>], disk wantsDisk: Bool, from extra: ArraySlice<UInt8>)
        -> Bool
    {
        guard let field = Self.field(in: extra), field.count >= wanted.count * 8 + (wantsDisk ? 4 : 0) else { return false }
        for (index, key) in wanted.enumerated() { self[keyPath: key] = field.le64(index * 8) }
        if wantsDisk { disk = field.le32(wanted.count * 8) }
        return true
    }

    /// The data of the zip64 field among `extra`'s fields, or nil.
    static func field(in extra: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var position = extra.startIndex
        while extra.endIndex - position >= 4 {
            let header = extra[position...]
            let id = header.le16(0)
            let length = Int(header.le16(2))
            let start = position + 4
            guard extra.endIndex - start >= length else { return nil }
            if id == 0x0001 { return extra[start..<start + length] }
            position = start + length
        }
        return nil
    }
}
