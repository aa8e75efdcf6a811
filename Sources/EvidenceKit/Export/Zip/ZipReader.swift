public import Foundation

/// A zip read to be checked, never extracted: its end record and central directory read and
/// compared with each other, each entry's local header compared with its central directory
/// record (`checkLayout`), and each entry's data streamed within the sizes the zip records
/// (`read`).
///
/// Every bound comes from the file itself, never from a number the zip states: the central
/// directory is read only as far as the file holds it, an entry's data only as far as its
/// recorded size, and no byte of the file is read as the data of two entries. A zip whose
/// entries cannot be listed at all (not a zip, cut short, a central directory outside the file)
/// is an `ExportError`: nothing could be checked.
final class ZipReader {
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    /// The end record is 22 bytes and its comment at most 65,535: it lies in the file's last 65,557.
    static let endSize = 22

    let url: URL
    let bytes: ZipFileBytes
    /// The entries in central directory order.
    var entries: [ZipEntry] = []
    /// Where the central directory starts: every local header and its data lie before it.
    let centralStart: UInt64
    /// Problems with the zip as a whole, found while reading its end record and central directory.
    var problems = ProblemList()
    /// The zip's file name, which names the zip in a problem that is no one entry's.
    var zipName: String { url.lastPathComponent }
    let inflater: ZipInflater
    /// Compressed data on its way to the inflater.
    var readBuffer = [UInt8](repeating: 0, count: 1 << 16)

    init(url: URL) throws(ExportError) {
        self.url = url
        inflater = try ZipInflater()
        let file: FileReader
        do {
            file = try FileReader(url: url)
            bytes = try ZipFileBytes(file: file)
        } catch {
            throw ExportError(error.description)
        }
        do {
            let end = try Self.findEnd(in: bytes, url: url)
            centralStart = end.centralOffset
            try readCentralDirectory(end)
        } catch let error as FileReadError {
            throw ExportError(error.description)
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError("\(url.path): cannot be read (\(error))")
        }
    }

    /// What the end records say, and where they start.
    struct End {
        var offset: UInt64
        /// Where the central directory must end: the zip64 end record if there is one, else the end record.
        var centralLimit: UInt64
        var entryCount: UInt64
        var entriesOnDisk: UInt64
        var centralOffset: UInt64
        var centralSize: UInt64
    }

    private static func findEnd(in bytes: ZipFileBytes, url: URL) throws -> End {
        let size = bytes.size
        func damaged(_ what: String) -> ExportError {
            ExportError("\(url.path): a damaged zip: \(what); nothing was checked")
        }
        guard size > 0 else { throw ExportError("\(url.path): not a zip file (it is empty); nothing was checked") }
        let tailLength = Int(min(size, UInt64(endSize + 0xFFFF)))
        guard let tail = try bytes.bytes(at: size - UInt64(tailLength), count: tailLength) else {
            throw ExportError("\(url.path): cannot be read to its end; nothing was checked")
        }
        var position = tailLength - endSize
        while position >= 0, tail.le32(position) != endSignature { position -= 1 }
        guard position >= 0 else {
            if try bytes.signature(at: 0) == ZipEntry.localSignature {
                throw damaged("its end record is missing, as when a download or a copy is cut short")
            }
            throw ExportError("\(url.path): not a zip file (it has no zip end record); nothing was checked")
        }
        let record = tail.dropFirst(position).prefix(endSize)
        let offset = size - UInt64(tailLength - position)
        var end = End(
            offset: offset, centralLimit: offset, entryCount: UInt64(record.le16(10)),
            entriesOnDisk: UInt64(record.le16(8)), centralOffset: UInt64(record.le32(16)),
            centralSize: UInt64(record.le32(12)))
        var disks = (record.le16(4), record.le16(6))
        if offset >= 20, let locator = try bytes.bytes(at: offset - 20, count: 20), locator.le32(0) == zip64LocatorSignature {
            let recordOffset = locator.le64(8)
            guard recordOffset <= offset - 20, offset - 20 - recordOffset >= 56, let zip64 = try bytes.bytes(at: recordOffset, count: 56),
                zip64.le32(0) == zip64EndSignature
            else { throw damaged("its zip64 end record is missing where its locator puts it") }
            // Where the 32-bit (16-bit) field is all ones, the zip64 record holds the value.
            if end.entryCount == 0xFFFF { end.entryCount = zip64.le64(32) }
            if end.entriesOnDisk == 0xFFFF { end.entriesOnDisk = zip64.le64(24) }
            if end.centralSize == 0xFFFF_FFFF { end.centralSize = zip64.le64(40) }
            if end.centralOffset == 0xFFFF_FFFF { end.centralOffset = zip64.le64(48) }
            if disks.0 == 0xFFFF { disks.0 = UInt16(truncatingIfNeeded: zip64.le32(16)) }
            if disks.1 == 0xFFFF { disks.1 = UInt16(truncatingIfNeeded: zip64.le32(20)) }
            end.centralLimit = recordOffset
        }
        guard disks == (0, 0) else {
            throw ExportError("\(url.path): one part of a zip split into several; evidence checks a whole zip only; nothing was checked")
        }
        guard end.centralOffset <= end.centralLimit, end.centralSize <= end.centralLimit - end.centralOffset else {
            throw damaged(
                "its central directory (\(end.centralSize) bytes at offset \(end.centralOffset)) would lie outside the zip, whose end record is at offset \(offset)"
            )
        }
        if end.entryCount > 0,
            try bytes.signature(at: end.centralOffset) != ZipEntry.centralSignature
        {
            throw damaged("there is no central directory at offset \(end.centralOffset), where its end record puts it")
        }
        return end
    }

    /// Reads every record of the central directory, as far as the directory's recorded size and
    /// the file allow, whatever count the end record gives.
    private func readCentralDirectory(_ end: End) throws(FileReadError) {
        let limit = end.centralOffset + end.centralSize
        var position = end.centralOffset
        entries.reserveCapacity(Int(min(end.entryCount, end.centralSize / UInt64(ZipEntry.centralSize))))
        while limit - position >= UInt64(ZipEntry.centralSize) {
            guard let fixed = try bytes.bytes(at: position, count: ZipEntry.centralSize),
                fixed.le32(0) == ZipEntry.centralSignature
            else { break }
            let length = ZipEntry.centralSize + Int(fixed.le16(28)) + Int(fixed.le16(30)) + Int(fixed.le16(32))
            guard limit - position >= UInt64(length), let record = try bytes.bytes(at: position, count: length) else {
                problems.add(
                    "\(zipName): the central directory's record at offset \(position) runs past the directory's end: the zip is damaged")
                position = limit
                break
            }
            entries.append(record.withUnsafeBytes { ZipEntry(central: $0) })
            position += UInt64(length)
        }
        if position < limit {
            problems.add(
                "\(zipName): \(Self.bytes(limit - position)) at offset \(position) of the central directory are no entry of it: hidden data, or a damaged zip"
            )
        }
        if limit < end.centralLimit {
            problems.add(
                "\(zipName): \(Self.bytes(end.centralLimit - limit)) between the central directory and its end record belong to no entry: hidden data, or a damaged zip"
            )
        }
        let found = UInt64(entries.count)
        if end.entryCount != found || end.entriesOnDisk != found {
            let counted = end.entryCount == end.entriesOnDisk ? "\(end.entryCount)" : "\(end.entryCount) (and \(end.entriesOnDisk) on this disk)"
            problems.add(
                "\(zipName): the zip's end record counts \(counted) entries, its central directory holds \(found): other unzippers would list other files"
            )
        }
        let trailing = bytes.size - end.offset - UInt64(Self.endSize)
        if let record = try bytes.bytes(at: end.offset, count: Self.endSize), UInt64(record.le16(20)) != trailing {
            problems.add(
                "\(zipName): the zip's end record says its comment is \(record.le16(20)) bytes, but \(trailing) bytes follow it: hidden data, or a damaged zip"
            )
        }
    }
}
