/// One CSV record: its fields and the line of the file it starts on.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line where the record starts (a quoted field may span lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// The locator of provenance: `line 14`.
    public var locator: String { "line \(line)" }
}

/// A streaming RFC 4180 reader over bytes: quoted fields with doubled quotes, delimiters and
/// line breaks inside quotes, CRLF, LF or CR line endings, a UTF-8 byte order mark.
///
/// Memory holds one chunk and one record, whatever the size of the file. Blank lines are skipped.
/// Fields must be UTF-8 (transcode other encodings first, see ``TranscodingByteSource``).
public final class CSVReader {
    private let source: any ByteSource
    private let delimiter: UInt8
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    private var atEnd = false
    private var line = 1
    private var startOfFile = true
    /// The field count of the record before, to size the next one's array once.
    private var fieldsBefore = 16
    /// Bounds on one record, so that memory does not grow with a file that never ends a line.
    static let longestField = 1 << 20
    static let mostFields = 10_000

    public init(source: any ByteSource, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.source = source
        self.delimiter = delimiter
        buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    /// The next record, or nil at the end of the input.
    public func next() throws -> CSVRecord? {
        var fields: [String] = []
        fields.reserveCapacity(min(fieldsBefore, 256))
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var recordLine = line
        var quoted = false  // inside a quoted field
        var quoteSeen = false  // a quote inside a quoted field: closing, or the first of a pair
        var wasQuoted = false
        var anything = false  // bytes seen in this record

        func fieldTooLong() -> RecordError {
            RecordError(
                locator: "line \(recordLine)",
                "field \(fields.count + 1) is longer than \(Self.longestField >> 20) MiB; no export writes such a field "
                    + "(a quote that is never closed?)")
        }

        func finishField() throws {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw RecordError(locator: "line \(recordLine)", "field \(fields.count + 1) is not valid UTF-8 (for a mapped file, is its encoding one of gb18030, shift_jis, windows-1252, iso-8859-1, utf-16?)")
            }
            if field.contains(0xEF), text.unicodeScalars.contains("\u{FEFF}") {
                throw RecordError(
                    locator: "line \(recordLine)",
                    "field \(fields.count + 1) holds a byte-order mark (U+FEFF) inside the file, where it would make an "
                        + "invisible difference (two files joined into one?); remove it")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }

        while true {
            // Runs of ordinary bytes are copied at once; only delimiters, quotes and line breaks go
            // through the byte-by-byte rules below.
            if !quoteSeen, try copyOrdinaryBytes(into: &field, quoted: quoted) {
                if !quoted { anything = true }
                if field.count > Self.longestField { throw fieldTooLong() }
                continue
            }
            guard let byte = try nextByte() else { break }
            if quoted && !quoteSeen {
                if byte == 0x22 {
                    quoteSeen = true
                } else {
                    if try byte == 0x0A || (byte == 0x0D && peekByte() != 0x0A) { line += 1 }
                    field.append(byte)
                    if field.count > Self.longestField { throw fieldTooLong() }
                }
                continue
            }
            if quoteSeen {
                quoteSeen = false
                if byte == 0x22 {
                    field.append(0x22)
                    continue
                }
                quoted = false
                guard byte == delimiter || byte == 0x0A || byte == 0x0D else {
                    throw RecordError(
                        locator: "line \(line)",
                        "field \(fields.count + 1) has text after its closing quote")
                }
            }
            switch byte {
            case delimiter:
                anything = true
                try finishField()
                guard fields.count < Self.mostFields else {
                    throw RecordError(locator: "line \(recordLine)", "more than \(Self.mostFields) fields on one line")
                }
            case 0x0D, 0x0A:
                if byte == 0x0D, try peekByte() == 0x0A { _ = try nextByte() }
                line += 1
                if !anything && field.isEmpty && !wasQuoted {
                    recordLine = line  // a blank line: skip it
                    continue
                }
                try finishField()
                fieldsBefore = fields.count
                return CSVRecord(fields: fields, line: recordLine)
            case 0x22 where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
                anything = true
            default:
                anything = true
                field.append(byte)
            }
            if field.count > Self.longestField { throw fieldTooLong() }
        }
        if quoted && !quoteSeen {
            throw RecordError(locator: "line \(recordLine)", "a quoted field is not closed before the end of the file")
        }
        guard anything || !field.isEmpty else { return nil }
        try finishField()
        return CSVRecord(fields: fields, line: recordLine)
    }

    /// Appends the bytes from the current position up to the next byte that needs a rule (a quote,
    /// a line break, and outside quotes the delimiter); true when it copied any.
    private func copyOrdinaryBytes(into field: inout [UInt8], quoted: Bool) throws -> Bool {
        if position >= filled {
            try fill()
            if position >= filled { return false }
        }
        let start = position
        let delimiter = quoted ? 0x22 : self.delimiter
        let end = buffer.withUnsafeBufferPointer { bytes in
            var end = start
            while end < filled {
                let byte = bytes[end]
                if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { break }
                end += 1
            }
            return end
        }
        guard end > start else { return false }
        field.append(contentsOf: buffer[start..<end])
        position = end
        return true
    }

    private func fill() throws {
        guard !atEnd else { return }
        filled = try source.read(into: &buffer)
        position = 0
        if filled == 0 { atEnd = true }
        if startOfFile {
            startOfFile = false
            if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
    }

    @inline(__always)
    private func nextByte() throws -> UInt8? {
        if position >= filled {
            try fill()
            if position >= filled { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    /// The next byte without consuming it (refilling only once the chunk is used up).
    private func peekByte() throws -> UInt8? {
        if position >= filled {
            try fill()
            if position >= filled { return nil }
        }
        return buffer[position]
    }
}
