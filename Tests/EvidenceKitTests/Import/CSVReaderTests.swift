import EvidenceKit
import Testing

@Suite("RFC 4180 reader")
struct CSVReaderTests {
    func records(_ text: String, chunk: Int = 1 << 16, delimiter: Character = ",") throws -> [CSVRecord] {
        let reader = CSVReader(
            source: MemoryByteSource(text, chunk: chunk), delimiter: delimiter.asciiValue ?? 0x2C)
        var result: [CSVRecord] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test("quotes, doubled quotes, embedded commas and line breaks", arguments: [1, 2, 3, 7, 1 << 16])
    func quoting(chunk: Int) throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,end\n"
        let result = try records(text, chunk: chunk)
        #expect(result.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", "end"]])
        #expect(result.map(\.line) == [1, 2, 4])
    }

    @Test("CRLF, LF and CR line endings count lines alike", arguments: ["\r\n", "\n", "\r"])
    func lineEndings(ending: String) throws {
        for chunk in [1, 2, 5, 1 << 16] {
            let result = try records(["h1,h2", "1,2", "\"3\(ending)4\",5", "6,7"].joined(separator: ending) + ending, chunk: chunk)
            #expect(result.map(\.fields) == [["h1", "h2"], ["1", "2"], ["3\(ending)4", "5"], ["6", "7"]])
            #expect(result.map(\.line) == [1, 2, 3, 5])
        }
    }

    @Test("a UTF-8 byte order mark is not part of the first field")
    func byteOrderMark() throws {
        let result = try records("\u{FEFF}account_id,x\nA,é😀\n")
        #expect(result.first?.fields.first == "account_id")
        #expect(result.last?.fields == ["A", "é😀"])
    }

    @Test("no final line break, blank lines skipped, empty quoted field kept")
    func edges() throws {
        let result = try records("a,b\n\n\"\",x\n\nlast,1")
        #expect(result.map(\.fields) == [["a", "b"], ["", "x"], ["last", "1"]])
        #expect(result.map(\.line) == [1, 3, 5])
        #expect(try records("").isEmpty)
    }

    @Test("another delimiter")
    func semicolon() throws {
        #expect(try records("a;\"b;c\";d\n", delimiter: ";").first?.fields == ["a", "b;c", "d"])
    }

    @Test("malformed quoting names the line")
    func malformed() throws {
        #expect(throws: RecordError.self) { try records("a,b\n\"open,x\n") }
        do {
            _ = try records("a,b\nok,1\n\"x\"y,2\n")
            Issue.record("expected an error")
        } catch let error as RecordError {
            #expect(error.description == "line 3: field 1 has text after its closing quote")
        }
    }

    @Test("transcoding from UTF-16, Windows-1252 and ISO-8859-1")
    func encodings() throws {
        func read(_ bytes: [UInt8], _ encoding: TextEncoding) throws -> [[String]] {
            let reader = CSVReader(source: TranscodingByteSource(MemoryByteSource(bytes, chunk: 3), encoding: encoding))
            var result: [[String]] = []
            while let record = try reader.next() { result.append(record.fields) }
            return result
        }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Café,€5\n😀,x\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try read(utf16, .utf16) == [["Café", "€5"], ["😀", "x"]])
        #expect(try read([0x43, 0x61, 0x66, 0xE9, 0x2C, 0x80, 0x35, 0x0A], .windows1252) == [["Café", "€5"]])
        #expect(try read([0x43, 0x61, 0x66, 0xE9, 0x0A], .iso88591) == [["Café"]])
    }
}
