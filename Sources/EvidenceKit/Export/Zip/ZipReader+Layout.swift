extension ZipReader {
    /// Checks where each entry's bytes are, as the two ways of reading a zip see them: the central
    /// directory, which most unzippers read, and the local headers, which a streaming unzipper
    /// reads one after the other from the start of the file.
    ///
    /// For every entry, the local header at its offset is compared with its central directory
    /// record (signature, name, flags, method, CRC, sizes; with bit 3, the data descriptor); two
    /// entries that share bytes are refused (a zip bomb's pattern: one compressed stream inflated
    /// many times); and the walk through the local headers reports a local entry the central
    /// directory does not list, and bytes that belong to no entry. Each problem names its entry
    /// through `naming`. Marks the entries whose data `read` may then read.
    func checkLayout(into problems: inout ProblemList, naming: (String) -> String) throws(FileReadError) {
        for index in entries.indices { checkRecord(index, into: &problems, naming: naming) }
        let order = entries.indices.map { (offset: entries[$0].localHeaderOffset, index: $0) }.sorted { $0 < $1 }.map(\.index)
        // Each entry's bytes, from its local header to the end of its data (descriptor included).
        var spans: [(start: UInt64, end: UInt64)] = []
        var claimed: (end: UInt64, owner: Int)?
        var next = 0
        while next < order.count {
            let first = order[next]
            let offset = entries[first].localHeaderOffset
            var after = next + 1
            while after < order.count, entries[order[after]].localHeaderOffset == offset { after += 1 }
            let group = order[next..<after]
            next = after
            if let claimed, offset < claimed.end {
                let owner = naming(entries[claimed.owner].name)
                for index in group {
                    entries[index].readable = false
                    problems.add(
                        "\(naming(entries[index].name)): its bytes in the zip overlap those of \(owner) (it starts at offset \(offset), inside that entry): entries that share bytes are a zip bomb's pattern; it was not read"
                    )
                }
                continue
            }
            guard let header = try ZipLocalHeader(in: bytes, at: offset, limit: centralStart) else {
                for index in group {
                    entries[index].readable = false
                    problems.add(
                        offset >= centralStart
                            ? "\(naming(entries[index].name)): its local header would be at offset \(offset), past the zip's entries (its central directory starts at \(centralStart)): the zip is damaged"
                            : "\(naming(entries[index].name)): there is no local header at offset \(offset), where the zip's central directory puts it: the zip is damaged"
                    )
                }
                continue
            }
            // Of the entries pointing at one local header, the one it names is its own.
            let headerName = header.name
            let owner = group.first { entries[$0].name == headerName } ?? first
            for index in group where index != owner {
                entries[index].readable = false
                problems.add(
                    "\(naming(entries[index].name)): it starts at the same local header as \(naming(entries[owner].name)) (offset \(offset)): entries that share bytes are a zip bomb's pattern; it was not read"
                )
            }
            let end = try compare(owner, with: header, at: offset, into: &problems, naming: naming)
            spans.append((offset, end))
            claimed = (end, owner)
        }
        try walk(spans, into: &problems, naming: naming)
    }

    /// What the central directory record alone shows: marks the entry readable unless it is
    /// encrypted, compressed in a way not read, or damaged.
    private func checkRecord(_ index: Int, into problems: inout ProblemList, naming: (String) -> String) {
        let entry = entries[index]
        // Named only in a line that is listed: most entries of a huge zip have no problem.
        var name: String { naming(entry.name) }
        var readable = true
        if !entry.nameIsUTF8 {
            problems.add("\(name): its name is not valid UTF-8: unzippers would each show it differently")
        }
        if entry.zip64Missing {
            readable = false
            problems.add("\(name): its central directory record puts a size or offset in a zip64 field it does not hold: the zip is damaged")
        }
        if entry.disk != 0 {
            readable = false
            problems.add("\(name): the zip's central directory says it starts on disk \(entry.disk) of a split zip")
        }
        if entry.isEncrypted {
            readable = false
            problems.add("\(name): encrypted; an evidence archive is never encrypted")
        } else if entry.method != 0, entry.method != 8 {
            readable = false
            problems.add(
                "\(name): compressed with method \(entry.method), which evidence does not read; an evidence archive uses deflate (8) or none (0)")
        } else if entry.method == 0, entry.compressedSize != entry.uncompressedSize {
            readable = false
            problems.add(
                "\(name): stored without compression, yet the zip records \(entry.compressedSize) bytes stored and \(entry.uncompressedSize) bytes in all"
            )
        }
        if entry.kind == .folder, entry.uncompressedSize > 0 || entry.compressedSize > 0 {
            readable = false
            problems.add("\(name): a folder entry that holds \(entry.compressedSize) bytes: hidden data")
        }
        entries[index].readable = readable
    }

    /// Compares entry `index` with the local header at its offset; returns where the entry's bytes
    /// end. The entry stays readable only when the two agree on how to find and decode its data.
    private func compare(
        _ index: Int, with header: ZipLocalHeader, at offset: UInt64, into problems: inout ProblemList,
        naming: (String) -> String
    ) throws(FileReadError) -> UInt64 {
        let entry = entries[index]
        let name = naming(entry.name)
        var readable = entry.readable
        func disagree(_ source: String, _ local: String, _ central: String) {
            problems.add("\(name): the zip's \(source) says \(local), its central directory \(central): other unzippers would read it differently")
        }
        func runsPast(_ bytes: UInt64, from dataOffset: UInt64) -> UInt64 {
            entries[index].readable = false
            problems.add(
                "\(name): its data (\(bytes) bytes from offset \(dataOffset)) would run past the zip's entries into its central directory: the zip is damaged"
            )
            return centralStart
        }
        let sameName = entry.nameIsUTF8 ? header.nameBytes.elementsEqual(entry.name.utf8) : header.name == entry.name
        if !sameName {
            problems.add("\(name): the zip's local header names it \(naming(header.name)): other unzippers would read it differently")
        }
        if header.flags != entry.flags {
            readable = false
            disagree("local header", "flags \(Self.hex(header.flags))", Self.hex(entry.flags))
        }
        if header.method != entry.method {
            readable = false
            disagree("local header", "compression method \(Self.method(header.method))", Self.method(entry.method))
        }
        let dataOffset = offset + header.length
        var recorded = (source: "local header", crc32: header.crc32, compressed: header.compressedSize,
                        uncompressed: header.uncompressedSize)
        var descriptorLength: UInt64 = 0
        if entry.hasDescriptor {
            let (dataEnd, overflow) = dataOffset.addingReportingOverflow(entry.compressedSize)
            guard !overflow, dataEnd <= centralStart, let descriptor = try descriptor(at: dataEnd, zip64: header.isZip64) else {
                return runsPast(entry.compressedSize, from: dataOffset)
            }
            recorded = ("data descriptor", descriptor.crc32, descriptor.compressed, descriptor.uncompressed)
            descriptorLength = descriptor.length
        }
        if recorded.crc32 != entry.crc32 {
            disagree(recorded.source, "CRC-32 \(Self.hex(recorded.crc32))", Self.hex(entry.crc32))
        }
        if recorded.compressed != entry.compressedSize {
            readable = false
            disagree(recorded.source, "\(recorded.compressed) compressed bytes", "\(entry.compressedSize)")
        }
        if recorded.uncompressed != entry.uncompressedSize {
            disagree(recorded.source, "\(recorded.uncompressed) bytes", "\(entry.uncompressedSize)")
        }
        // The bytes the entry claims: by the smaller of the two compressed sizes, so that one
        // entry's wrong size is its own problem and not its neighbour's overlap.
        let claimed = min(entry.compressedSize, recorded.compressed)
        let (end, overflow) = dataOffset.addingReportingOverflow(claimed)
        guard !overflow, end <= centralStart, centralStart - end >= descriptorLength else {
            return runsPast(claimed, from: dataOffset)
        }
        entries[index].dataOffset = dataOffset
        entries[index].readable = readable
        return end + descriptorLength
    }

    /// The data descriptor at `offset` (APPNOTE 4.3.9): its signature is optional; its sizes are
    /// 8 bytes each when the local header has a zip64 field. Nil when it runs past the entries.
    private func descriptor(at offset: UInt64, zip64: Bool) throws(FileReadError)
        -> (crc32: UInt32, compressed: UInt64, uncompressed: UInt64, length: UInt64)?
    {
        let sizes = zip64 ? 16 : 8
        let available = Int(min(UInt64(4 + 4 + sizes), centralStart - offset))
        guard available >= 4 + sizes, let record = try bytes.bytes(at: offset, count: available) else { return nil }
        let signed = record.le32(0) == ZipEntry.descriptorSignature
        let start = signed ? 4 : 0
        guard available >= start + 4 + sizes else { return nil }
        let crc32 = record.le32(start)
        let compressed = zip64 ? record.le64(start + 4) : UInt64(record.le32(start + 4))
        let uncompressed = zip64 ? record.le64(start + 12) : UInt64(record.le32(start + 8))
        return (crc32, compressed, uncompressed, UInt64(start + 4 + sizes))
    }

    /// Walks the local headers from the start of the file, as a streaming unzipper reads the zip.
    private func walk(
        _ spans: [(start: UInt64, end: UInt64)], into problems: inout ProblemList, naming: (String) -> String
    ) throws(FileReadError) {
        var position: UInt64 = 0
        var next = 0
        while position < centralStart {
            while next < spans.count, spans[next].start < position { next += 1 }
            if next < spans.count, spans[next].start == position {
                position = spans[next].end
                next += 1
                continue
            }
            let following = next < spans.count ? spans[next].start : centralStart
            guard let header = try ZipLocalHeader(in: bytes, at: position, limit: centralStart) else {
                problems.add(
                    "\(zipName): \(Self.bytes(following - position)) at offset \(position) belong to no entry: hidden data, or a damaged zip")
                position = following
                continue
            }
            problems.add(
                "\(naming(header.name)): the zip holds a local header for it at offset \(position) that its central directory does not list: a streaming unzipper would see this file, the others would not"
            )
            // With a data descriptor its size is known only by inflating it: the walk ends here.
            let (end, overflow) = (position + header.length).addingReportingOverflow(header.compressedSize)
            guard !header.hasDescriptor, !overflow, end <= centralStart else { return }
            position = end
        }
    }

    /// "1 byte", "2 bytes".
    static func bytes(_ count: UInt64) -> String {
        count == 1 ? "1 byte" : "\(count) bytes"
    }

    static func hex(_ value: some FixedWidthInteger) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, value.bitWidth / 4 - digits.count)) + digits
    }

    static func method(_ method: UInt16) -> String {
        switch method {
        case 0: "0 (none)"
        case 8: "8 (deflate)"
        case 12: "12 (bzip2)"
        case 14: "14 (LZMA)"
        case 93: "93 (Zstandard)"
        case 99: "99 (AES encryption)"
        default: "\(method)"
        }
    }
}
