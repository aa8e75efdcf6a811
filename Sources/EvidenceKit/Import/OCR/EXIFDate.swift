/// A camera's or phone's `DateTimeOriginal` (EXIF tag 0x9003) from a JPEG's APP1 segment or a
/// PNG's `eXIf` chunk: a small reader bounded to the first 256 KiB of the file, 64 segments or
/// chunks and 256 directory entries, that never follows an offset outside the EXIF block.
struct EXIFDate {
    static let scanLimit = 256 << 10

    /// The day the picture was taken, nil when the file states none (or states it badly).
    func dateTaken(in bytes: [UInt8]) -> CalendarDate? {
        guard let block = exifBlock(Array(bytes.prefix(Self.scanLimit))) else { return nil }
        return dateTimeOriginal(tiff: block)
    }

    private func exifBlock(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.starts(with: [0xFF, 0xD8]) {
            var offset = 2
            for _ in 0..<64 {
                guard offset + 4 <= bytes.count, bytes[offset] == 0xFF else { return nil }
                let marker = bytes[offset + 1]
                let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                guard length >= 2, offset + 2 + length <= bytes.count, marker != 0xDA else { return nil }
                let body = Array(bytes[(offset + 4)..<(offset + 2 + length)])
                if marker == 0xE1, body.starts(with: Array("Exif\0\0".utf8)) { return Array(body.dropFirst(6)) }
                offset += 2 + length
            }
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            var offset = 8
            for _ in 0..<64 {
                guard offset + 8 <= bytes.count else { return nil }
                let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
                let kind = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
                guard length >= 0, offset + 8 + length <= bytes.count, kind != "IDAT" else { return nil }
                if kind == "eXIf" { return Array(bytes[(offset + 8)..<(offset + 8 + length)]) }
                offset += 12 + length
            }
        }
        return nil
    }

    private func dateTimeOriginal(tiff: [UInt8]) -> CalendarDate? {
        guard tiff.count >= 8 else { return nil }
        let little: Bool
        if tiff.starts(with: [0x49, 0x49]) { little = true } else if tiff.starts(with: [0x4D, 0x4D]) { little = false } else { return nil }
        func read(_ at: Int, _ size: Int) -> Int? {
            guard at >= 0, at + size <= tiff.count else { return nil }
            let slice = tiff[at..<(at + size)]
            return (little ? slice.reversed() : Array(slice)).reduce(0) { $0 << 8 | Int($1) }
        }
        func entries(_ directory: Int) -> [(tag: Int, type: Int, count: Int, value: Int)] {
            guard let count = read(directory, 2) else { return [] }
            return (0..<min(count, 256)).compactMap { index in
                let at = directory + 2 + index * 12
                guard let tag = read(at, 2), let type = read(at + 2, 2), let count = read(at + 4, 4),
                    let value = read(at + 8, 4)
                else { return nil }
                return (tag, type, count, value)
            }
        }
        guard let first = read(4, 4),
            let exif = entries(first).first(where: { $0.tag == 0x8769 }),
            let original = entries(exif.value).first(where: { $0.tag == 0x9003 && $0.type == 2 }),
            original.count >= 10, original.value + 10 <= tiff.count
        else { return nil }
        // "YYYY:MM:DD HH:MM:SS"
        let text = String(decoding: tiff[original.value..<(original.value + 10)], as: UTF8.self)
        return CalendarDate(iso: text.replacingOccurrences(of: ":", with: "-"))
    }
}
