import CZlibInflate

extension ZipReader {
    /// Streams the data of entry `index`, inflated, to `body`, reading no more than the
    /// compressed size the zip records and inflating no more than the size it records; where
    /// the data and the zip's records disagree (size, CRC-32, a damaged stream), the problem is
    /// added under `name`.
    ///
    /// Returns true when the data was read to its end (the caller may trust what `body` saw as
    /// the whole file), false when it was not read or reading stopped (a problem says why).
    func read(
        _ index: Int, named name: String, into problems: inout ProblemList, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(FileReadError) -> Bool {
        let entry = entries[index]
        guard entry.readable else { return false }
        var crc: uLong = 0
        var produced: UInt64 = 0
        let limit = entry.uncompressedSize
        /// Hands a piece of output on; false once the data outgrows its recorded size.
        func deliver(_ piece: UnsafeRawBufferPointer) -> Bool {
            guard UInt64(piece.count) <= limit - produced else { return false }
            produced += UInt64(piece.count)
            crc = crc32(crc, piece.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(piece.count))
            body(piece)
            return true
        }
        var position = entry.dataOffset
        var remaining = entry.compressedSize
        var unused: UInt64 = 0
        var ended = entry.method == 0 || entry.compressedSize == 0 && entry.uncompressedSize == 0
        if entry.method == 8 { inflater.reset() }
        reading: while remaining > 0 {
            let wanted = Int(min(UInt64(readBuffer.count), remaining))
            let got = try bytes.file.read(at: position, into: &readBuffer, count: wanted)
            guard got == wanted else {
                problems.add("\(name): the zip ends inside its data: the zip is damaged")
                return false
            }
            position += UInt64(got)
            remaining -= UInt64(got)
            let outcome: ZipInflater.Outcome
            do {
                outcome = try readBuffer.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> ZipInflater.Outcome in
                    let input = UnsafeRawBufferPointer(rebasing: raw[0..<got])
                    if entry.method == 0 { return deliver(input) ? .needsInput : .stopped }
                    return try inflater.inflate(input, deliver)
                }
            } catch {
                problems.add("\(name): its compressed data is damaged (zlib: \(error))")
                return false
            }
            switch outcome {
            case .needsInput: continue
            case .stopped:
                problems.add("\(name): inflates to more than the \(limit) bytes the zip records; it was read no further")
                return false
            case .ended(let left):
                ended = true
                unused = UInt64(left) + remaining
                break reading
            }
        }
        guard ended else {
            problems.add("\(name): its compressed data (\(entry.compressedSize) bytes) ends before its deflate stream does: the zip is damaged")
            return false
        }
        if unused > 0 {
            problems.add(
                "\(name): \(unused) of its \(entry.compressedSize) compressed bytes follow the end of its deflate stream: hidden data, or a damaged zip"
            )
        }
        if produced != limit {
            problems.add("\(name): inflates to \(produced) bytes, the zip records \(limit): other unzippers would read it differently")
        }
        if UInt32(truncatingIfNeeded: crc) != entry.crc32 {
            problems.add(
                "\(name): its CRC-32 is \(Self.hex(UInt32(truncatingIfNeeded: crc))), the zip records \(Self.hex(entry.crc32)): other unzippers would call it damaged"
            )
        }
        return true
    }
}
