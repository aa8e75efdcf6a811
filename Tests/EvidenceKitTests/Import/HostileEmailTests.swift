import EvidenceKit
import Foundation
import Testing

/// Broken and hostile emails: each ends in a correct read or one line naming the place and the
/// problem, in a time a person accepts. Fixtures: Tests/Fixtures/email (EXPECTED.md); the huge
/// inputs are made here.
@Suite("hostile emails")
struct HostileEmailTests {
    private func email(_ name: String) throws -> CollectingSink {
        try parse(fixture("email/\(name)"), with: EmailParser(), account: "NIM-4471")
    }

    /// What a user is told about a rejected file: `name: place: problem`.
    private func rejection(_ url: URL, with parser: any RecordParser = EmailParser()) -> String? {
        do {
            _ = try parse(url, with: parser)
            return nil
        } catch {
            return "\(url.lastPathComponent): \(error)"
        }
    }

    /// Runs `body` and how long it took.
    private func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, clock.now - start)
    }

    /// A message whose Subject is `words` unterminated encoded words (`=?utf-8?q?a`), then a real one.
    private func unterminatedWords(_ words: Int) -> String {
        """
        From: care@example.com
        Date: Tue, 1 Sep 2026 09:15:00 -0500
        Subject: \(String(repeating: "=?utf-8?q?a", count: words)) =?utf-8?q?ref_CR-88231?=

        Body.

        """
    }

    @Test("unterminated encoded words are kept as text, and the word after them is decoded")
    func unterminatedEncodedWords() throws {
        let document = try #require(try email("encoded-words-unterminated.eml").documents.first)
        #expect(document.subject == "=?utf-8?q?a=?utf-8?q?a Ticket #4471 for Renée =?utf-8?q?_is_open")
        #expect(document.references == ["4471"])
    }

    /// How long a huge input may take in a debug build on a busy machine (a release build takes
    /// milliseconds); the quadratic or recursive readers these tests guard against take minutes or crash.
    private let bound = Duration.seconds(5)

    @Test("a Subject of 80,000 unterminated encoded words is read in linear time")
    func manyUnterminatedEncodedWords() throws {
        let url = try temporaryFile("words.eml", unterminatedWords(80_000))
        let (sink, duration) = try timed { try parse(url, with: EmailParser()) }
        let subject = try #require(sink.documents.first?.subject)
        #expect(subject.hasPrefix("=?utf-8?q?a=?utf-8?q?a") && subject.hasSuffix("=?utf-8?q?a ref CR-88231"))
        #expect(subject.utf8.count == 80_000 * 11 + 13)
        #expect(duration < bound, "took \(duration)")
    }

    /// A message `levels` multiparts deep, with a text part at the top level and one at the bottom.
    private func nested(_ levels: Int) -> String {
        var lines = [
            "From: care@example.com", "Date: Tue, 1 Sep 2026 09:15:00 -0500", "Subject: deep",
            "Content-Type: multipart/mixed; boundary=\"b1\"", "",
            "--b1", "Content-Type: text/plain", "", "Outer text, ticket #4471.",
        ]
        for level in 1..<levels { lines += ["--b\(level)", "Content-Type: multipart/mixed; boundary=\"b\(level + 1)\"", ""] }
        lines += ["--b\(levels)", "Content-Type: text/plain", "", "Inner text, ticket #9999."]
        for level in stride(from: levels, through: 1, by: -1) { lines.append("--b\(level)--") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("parts nested deeper than 50 multiparts are not read; a remark names the first; the message imports")
    func tooDeep() throws {
        let sink = try email("multipart-too-deep.eml")
        let document = try #require(sink.documents.first)
        #expect(document.text == "Ticket #4471: the outer text is read.")
        #expect(document.references == ["4471"])
        let lines = try String(contentsOf: fixture("email/multipart-too-deep.eml"), encoding: .utf8)
            .components(separatedBy: "\r\n")
        let line = try #require(lines.firstIndex(of: "--level50")) + 2  // the line after it, counted from 1
        let number = (["2"] + Array(repeating: "1", count: 49)).joined(separator: ".")
        #expect(sink.remarks == [
            "message: part \(number) (line \(line)): a multipart nested more than 50 levels deep; its parts were not read"
        ])
    }

    @Test("10,000 nested multiparts are read in linear time, and 100,000 do not crash")
    func veryDeep() throws {
        let url = try temporaryFile("deep.eml", nested(10_000))
        let (sink, duration) = try timed { try parse(url, with: EmailParser()) }
        #expect(sink.documents.map(\.text) == ["Outer text, ticket #4471."])
        #expect(sink.remarks.count == 1 && sink.remarks[0].hasSuffix("its parts were not read"))
        #expect(duration < bound, "took \(duration)")
        let deeper = try parse(try temporaryFile("deeper.eml", nested(100_000)), with: EmailParser())
        #expect(deeper.documents.map(\.text) == ["Outer text, ticket #4471."])
    }

    @Test("a boundary of an outer multipart ends the parts left open inside it")
    func outerBoundaryClosesInner() throws {
        let message = """
            From: care@example.com
            Subject: unclosed
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain

            First, ticket #4471.
            --outer
            Content-Type: text/plain

            Second.
            --outer--
            """
        let document = try #require(try parse(try temporaryFile("unclosed.eml", message), with: EmailParser()).documents.first)
        #expect(document.text == "First, ticket #4471.\n\nSecond.")
    }

    @Test("a Date whose zone is +9999, has 75 minutes, or lies beyond ±14:00 is no date, as an unreadable Date is")
    func zoneOutOfRange() throws {
        let sink = try email("date-zone-out-of-range.eml")
        let document = try #require(sink.documents.first)
        #expect(document.sentAt == nil && document.date == nil)
        #expect(document.references == ["4471"])
        #expect(sink.remarks == [
            #"message: Date "Tue, 1 Sep 2026 09:15:00 +9999" is not a date (zone +9999 is more than 14 hours from UTC); the message is kept without one"#
        ])
        func sentAt(_ date: String) throws -> String? {
            let text = "From: care@example.com\nDate: \(date)\nSubject: zone\n\nBody.\n"
            return try parse(try temporaryFile("zone.eml", text), with: EmailParser()).documents.first?.sentAt?.iso8601
        }
        #expect(try sentAt("Tue, 1 Sep 2026 09:15:00 +0575") == nil)
        #expect(try sentAt("Tue, 1 Sep 2026 09:15:00 -1401") == nil)
        #expect(try sentAt("Tue, 1 Sep 2026 09:15:00 +-100") == nil)
        #expect(try sentAt("Tue, 1 Sep 2026 09:15:00 +1400") == "2026-08-31T19:15:00Z")
        #expect(try sentAt("Tue, 1 Sep 2026 09:15:00 -0930") == "2026-09-01T18:45:00Z")
        let unreadable = try parse(
            try temporaryFile("garbled.eml", "From: care@example.com\nDate: yesterday\nSubject: x\n\nBody.\n"),
            with: EmailParser())
        #expect(unreadable.documents.first?.sentAt == nil)
        #expect(unreadable.remarks == [
            #"message: Date "yesterday" is not a date (it has no day, month, year and time); the message is kept without one"#
        ])
    }

    @Test("binary data, UTF-16 text and an mbox of bare From lines are refused with a reason, not imported as empty emails")
    func notEmails() throws {
        #expect(rejection(fixture("email/binary-garbage.eml"))
            == "binary-garbage.eml: message, line 1: a NUL byte in the header: binary data, not an email")
        #expect(rejection(fixture("email/utf16-with-bom.eml"))
            == "utf16-with-bom.eml: UTF-16 text (byte-order mark FF FE): an email is 8-bit text; save the file as UTF-8")
        #expect(rejection(fixture("email/utf16-without-bom.eml"))
            == "utf16-without-bom.eml: UTF-16 text (little-endian, no byte-order mark): an email is 8-bit text; save the file as UTF-8")
        #expect(rejection(fixture("email/bare-from-lines.mbox"))
            == "bare-from-lines.mbox: message 1 (line 1): no header fields: not an email")
        #expect(rejection(try temporaryFile("prose.eml", "Just some words\nand more words, at 10:30\n"))
            == "prose.eml: message: no header fields: not an email")
        #expect(rejection(fixture("email/not-an-email.txt"))
            == "not-an-email.txt: message 1 (line 1): no header fields: not an email")
    }

    @Test("a UTF-8 byte-order mark in front of an email is not part of its first header")
    func byteOrderMark() throws {
        let url = try temporaryFile("bom.eml", "\u{FEFF}From: care@example.com\nSubject: Ticket #4471\n\nBody.\n")
        let document = try #require(try parse(url, with: EmailParser()).documents.first)
        #expect(document.from == "care@example.com" && document.subject == "Ticket #4471")
        #expect(try FormatDetector().detect(url).0 == .email)
    }

    @Test("mbox separators with a date split messages without a blank line before them; a body line starting From does not")
    func separatorsWithoutBlankLines() throws {
        let documents = try email("separators-without-blank-lines.mbox").documents
        #expect(documents.map(\.provenance.locator) == [
            "message 1 (line 1)", "message 2 (line 10)", "message 3 (line 18)",
        ])
        #expect(documents.map(\.subject) == ["Message 1", "Message 2", "Message 3"])
        #expect(documents[0].text == "First message.\nFrom my phone, sent at 10:30 on Sep 1 2026: this line is text.")
        #expect(documents[1].references == ["4471"])
    }

    @Test("control characters from the file are escaped in the messages built about it")
    func controlCharacters() throws {
        let sink = try email("control-characters.eml")
        #expect(sink.documents.first?.text == "Ticket #4471.")
        #expect(sink.remarks == [
            #"message: part 1 (line 10): charset x-\x1b[31mred is not supported; its text was read as utf-8"#,
            #"message: part 2 (line 14): the attachment bill\x0d\x0aforged\x1b[2J.pdf is damaged (the base64 content holds byte 0x07 (line 18), which is not base64)"#,
        ])
        #expect(sink.remarks.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test("a message of many parts each worth a remark gets 20 remarks and a count of the rest")
    func manyRemarks() throws {
        var lines = ["From: care@example.com", "Subject: many", "Content-Type: multipart/mixed; boundary=b", ""]
        for _ in 0..<1_000 { lines += ["--b", "Content-Type: text/plain; charset=x-unknown", "", "Text."] }
        let sink = try parse(try temporaryFile("many.eml", lines.joined(separator: "\n") + "\n--b--\n"), with: EmailParser())
        #expect(sink.remarks.count == 21)
        #expect(sink.remarks.first == "message: part 1 (line 6): charset x-unknown is not supported; its text was read as utf-8")
        #expect(sink.remarks.last == "message: 980 more remarks on its parts are left out")
    }

    @Test("broken base64 names the part, the line of the part and the line of the bad character")
    func badBase64Place() {
        #expect(rejection(fixture("email/bad-base64.eml"))
            == #"bad-base64.eml: message, part 1 (line 10): the base64 content holds "!" (line 14), which is not base64"#)
    }
}

/// What the format detector says of a file it does not take, and of an empty one.
@Suite("format detection of hostile files")
struct HostileDetectionTests {
    private func detection(_ url: URL) -> String {
        do {
            return "\(try FormatDetector().detect(url).0.rawValue)"
        } catch {
            return "\(error)"
        }
    }

    private let tried = "not a known format (tried bill-csv, mapped-csv, mapped-xlsx, ubl-invoice, bill-xml, pdf-bill, android-calls-xml, android-sms-xml, ios-calls, ios-messages, ofx, camt053, email, document)"

    @Test("a zero-byte file is empty, whatever its name; a document of zero bytes is refused too")
    func empty() throws {
        #expect(detection(fixture("hostile/empty.eml")) == "the file is empty")
        for name in ["empty.pdf", "empty.csv", "empty.xml", "empty"] {
            #expect(detection(try temporaryFile(name, "")) == "the file is empty")
        }
        let date = try #require(CalendarDate(iso: "2026-09-01"))
        #expect {
            try parse(fixture("hostile/empty.eml"), with: DocumentParser(), documentDate: date)
        } throws: { "\($0)" == "the file is empty" }
        let store = try temporaryStore()
        let result = try Importer(store: store).importFile(fixture("hostile/empty.eml"), options: ImportOptions())
        #expect(result.status == .rejected && result.error?.description == "empty.eml: the file is empty")
        for format in Format.allCases {  // forced, it is refused the same way, not parsed as that format
            var options = ImportOptions()
            options.format = format
            let forced = try Importer(store: store).importFile(fixture("hostile/empty.eml"), options: options)
            #expect(forced.error?.description == "empty.eml: the file is empty", "\(format)")
        }
    }

    @Test("a byte-order mark after white space is named, with where it is")
    func byteOrderMarkAfterWhiteSpace() {
        #expect(detection(fixture("hostile/xml-bom-after-white-space.xml"))
            == "\(tried): a byte-order mark after white space at byte 4: remove the leading white space; to keep it as a document give --format document --date YYYY-MM-DD --note TEXT")
    }

    @Test("a header line that is not UTF-8 is named, with the byte and where it is")
    func headerNotUTF8() {
        #expect(detection(fixture("hostile/csv-header-not-utf8.csv"))
            == "\(tried): the header line is not valid UTF-8 (byte 0xE9 at byte 20): save the file as UTF-8; for a provider's or bank's CSV give a mapping with --mapping FILE")
    }

    @Test("UTF-16 text, binary data and white space say so; plain prose gets no reason it does not have")
    func otherReasons() throws {
        let utf16 = Data([0xFF, 0xFE]) + Data("date,amount\n1,2\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let utf16File = folder.appendingPathComponent("utf16.txt")
        try utf16.write(to: utf16File)
        #expect(detection(utf16File).hasPrefix("\(tried): UTF-16 text (byte-order mark FF FE): save the file as UTF-8;"))
        let binary = folder.appendingPathComponent("archive.bin")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x00]).write(to: binary)
        #expect(detection(binary).hasPrefix("\(tried): binary data (a NUL byte at byte 6), not text;"))
        let zip = folder.appendingPathComponent("archive.zip")
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00]).write(to: zip)
        #expect(detection(zip).hasPrefix("an Excel workbook (.xlsx) or another zip: to read a workbook, give its mapping"))
        #expect(detection(try temporaryFile("blank.txt", "\n \n\t\n")).hasPrefix("\(tried): the file holds nothing but white space;"))
        #expect(detection(fixture("email/not-an-email.txt")).hasPrefix("\(tried); to keep it as a document"))
        #expect(detection(fixture("email/utf16-with-bom.eml")) == "email")  // by its extension; the parser says why not
    }

    @Test("an XML namespace holding a line break is escaped in the message")
    func namespaceEscaped() throws {
        let xml = #"<?xml version="1.0"?><root xmlns="urn:a&#10;b"/>"#
        #expect(detection(try temporaryFile("ns.xml", xml))
            == #"XML root <root> in namespace urn:a\x0ab is not a known format (tried ubl-invoice, bill-xml, android-calls-xml, android-sms-xml, camt053)"#)
    }
}
