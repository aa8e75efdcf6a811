/// What the first bytes of a file say about it as text: the reason the format detector gives for
/// a file it does not know, and the email parser for a file that is no email.
///
/// Positions in messages count bytes from 1, as lines are counted.
struct TextHead {
    /// The UTF-8 byte-order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    let bytes: ArraySlice<UInt8>
    /// Whether the file may go on past `bytes`: a character cut at their end is then no error.
    let mayBeCut: Bool

    init(_ bytes: ArraySlice<UInt8>, mayBeCut: Bool) {
        self.bytes = bytes
        self.mayBeCut = mayBeCut
    }

    /// The most useful thing wrong with these bytes as UTF-8 text, worded for a person; nil when
    /// nothing is.
    var problem: String? {
        if let wideText { return "\(wideText): save the file as UTF-8" }
        if let position = lateByteOrderMark {
            return "a byte-order mark after white space at byte \(position): remove the leading white space"
        }
        if let nul = bytes.firstIndex(of: 0) {
            return "binary data (a NUL byte at byte \(nul - bytes.startIndex + 1)), not text"
        }
        if !mayBeCut, bytes.allSatisfy(Self.isWhiteSpace) { return "the file holds nothing but white space" }
        if let (byte, position, isHeader) = invalidUTF8InFirstLine {
            let line = isHeader ? "the header line" : "line 1"
            return "\(line) is not valid UTF-8 (byte 0x\(byte.hex) at byte \(position)): save the file as UTF-8"
        }
        return nil
    }

    /// `UTF-16 text (byte-order mark FF FE)`, or `UTF-16 text (big-endian, no byte-order mark)`
    /// when every other byte is NUL, as in UTF-16 text in a Latin script; nil for other bytes.
    var wideText: String? {
        let marks: [(String, [UInt8])] = [
            ("UTF-32", [0xFF, 0xFE, 0, 0]), ("UTF-32", [0, 0, 0xFE, 0xFF]),
            ("UTF-16", [0xFF, 0xFE]), ("UTF-16", [0xFE, 0xFF]),
        ]
        for (name, mark) in marks where bytes.starts(with: mark) {
            return "\(name) text (byte-order mark \(mark.map(\.hex).joined(separator: " ")))"
        }
        let sample = bytes.prefix(512)
        let pairs = sample.count / 2
        guard pairs >= 2 else { return nil }
        var evenNULs = 0
        var oddNULs = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        if oddNULs * 2 >= pairs, evenNULs * 10 < pairs { return "UTF-16 text (little-endian, no byte-order mark)" }
        if evenNULs * 2 >= pairs, oddNULs * 10 < pairs { return "UTF-16 text (big-endian, no byte-order mark)" }
        return nil
    }

    /// Where a UTF-8 byte-order mark stands after white space, which hides it from every reader.
    private var lateByteOrderMark: Int? {
        let blank = bytes.prefix(while: Self.isWhiteSpace)
        guard !blank.isEmpty, bytes[blank.endIndex...].starts(with: Self.byteOrderMark) else { return nil }
        return blank.count + 1
    }

    /// The first byte of line 1 that is not UTF-8 there, its position, and whether the line looks
    /// like a CSV header (it holds a comma, semicolon, tab or bar).
    private var invalidUTF8InFirstLine: (UInt8, Int, Bool)? {
        var line = bytes.prefix { $0 != 0x0A }
        let isWhole = line.endIndex < bytes.endIndex || !mayBeCut
        if line.starts(with: Self.byteOrderMark) { line = line.dropFirst(3) }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = line.makeIterator()
        var position = line.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                position += scalar.count
            case .emptyInput:
                return nil
            case .error(let length):
                if !isWhole, position + length >= line.endIndex { return nil }  // a character cut by the read
                let isHeader = line.contains { [0x2C, 0x3B, 0x09, 0x7C].contains($0) }
                return (line[position], position - bytes.startIndex + 1, isHeader)
            }
        }
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
