import EvidenceKit
import Foundation
import Testing

/// Fixtures and their expected values: Tests/Fixtures/email/EXPECTED.md (this importer writes
/// `&nbsp;` as a plain space, and trims the white space around the text).
@Suite("email")
struct EmailTests {
    private func email(_ name: String) throws -> [DocumentDraft] {
        try parse(fixture("email/\(name)"), with: EmailParser(), account: "NIM-4471").documents
    }

    @Test("a plain UTF-8 message: headers, text, reference found once")
    func plain() throws {
        let document = try #require(try email("plain-utf8.eml").first)
        #expect(document.kind == .email)
        #expect(document.sentAt?.iso8601 == "2026-08-11T19:03:27Z")
        #expect(document.from == "Nimbus Mobile Care <care@nimbus-mobile.example>")
        #expect(document.subject == "We received your cancellation request (Reference: CR-88231)")
        #expect(document.messageId == "plain-utf8.20260811190327@fixtures.nimbus-mobile.example")
        #expect(document.text.hasSuffix("Merci & gracias,\nRenée at Nimbus Mobile Care"))
        #expect(document.references == ["CR-88231"])
        #expect(document.provenance.locator == "message")
    }

    @Test("encoded words: a comma inside a decoded name, adjacent words joined, Windows-1252 quotes; date in the account's zone")
    func encodedWords() throws {
        let document = try #require(try email("encoded-words.eml").first)
        #expect(document.from == #""Doe, Jane" <jane@example.com>"#)
        #expect(document.to == "Jordan “JR” Reyes <jordan.reyes@example.com>")
        #expect(document.subject == "Cancellation confirmed for José Núñez, ref CR-88231")
        #expect(document.sentAt?.iso8601 == "2026-09-04T02:30:00Z")
        #expect(document.date?.description == "2026-09-03")
        #expect(document.references == ["CR-88231"])
    }

    @Test("quoted-printable Latin-1 and base64 Windows-1252 bodies")
    func transferEncodings() throws {
        let latin = try #require(try email("qp-latin1.eml").first)
        #expect(latin.text.contains("réclamation about the $5.00 late fee on NM-4471-2026-09."))
        #expect(latin.text.contains("Renée in our São Paulo office"))
        #expect(latin.text.hasSuffix("Fee reversed = no (pending review)\n© 2026 Nimbus Mobile"))
        #expect(latin.references == ["55012-B"])
        let windows = try #require(try email("base64-windows1252.eml").first)
        #expect(windows.text.contains("We removed the “StarQuiz Club” charge"))
        #expect(windows.text.contains("€5.00") && windows.text.contains("closed – thank you"))
        #expect(!windows.text.contains("\r"))
    }

    @Test("nested multipart: the plain part is the text, the PDF is listed with its decoded size")
    func nested() throws {
        let document = try #require(try email("multipart-nested.eml").first)
        #expect(document.text.contains("attached — amount due $102.68, due 2026-09-22."))
        #expect(document.references == ["RQ-30917"])
        #expect(document.attachments == [Attachment(fileName: "NM-4471-2026-09.pdf", contentType: "application/pdf", byteCount: 671)])
    }

    @Test("HTML only: markup, scripts and styles gone, entities decoded after tags")
    func htmlOnly() throws {
        let document = try #require(try email("html-only.eml").first)
        #expect(document.text == """
            Hello Jordan,

            Your ticket #4471 is closed & your balance is $0.00.
            We’re sorry for the trouble — the "StarQuiz Club" charge (<$10>) won't appear again.

            Nimbus Mobile Care
            """)
        #expect(document.references == ["4471"])
    }

    @Test("an mbox: one document per message, Date in its RFC 5322 forms, >From unquoted")
    func mailbox() throws {
        let documents = try email("date-forms.mbox")
        #expect(documents.map(\.provenance.locator) == [
            "message 1 (line 1)", "message 2 (line 14)", "message 3 (line 25)",
        ])
        #expect(documents.map { $0.sentAt?.iso8601 } == [
            "2026-09-01T14:15:00Z", "2026-09-01T09:15:00Z", "2026-09-01T14:15:00Z",
        ])
        #expect(documents[1].text.hasSuffix("\nFrom here on, please write to care@nimbus-mobile.example."))
        #expect(documents[2].from == "billing@nimbus-mobile.example")
    }

    @Test("no Date header: imported without a date")
    func noDate() throws {
        let document = try #require(try email("no-date.eml").first)
        #expect(document.date == nil && document.sentAt == nil)
        #expect(document.from == "Nimbus Mobile <noreply@nimbus-mobile.example>")
    }

    @Test("broken base64 rejects the message, naming the part")
    func badBase64() throws {
        #expect {
            try email("bad-base64.eml")
        } throws: { error in
            "\(error)".contains("part 1") && "\(error)".contains("base64")
        }
    }
}

@Suite("document")
struct DocumentTests {
    @Test("a document needs --date when its text has none; with it, the note, a PDF's text and a text file's references are kept")
    func document() throws {
        #expect(throws: RecordError.self) { try parse(fixture("document/cancellation-letter.pdf"), with: DocumentParser()) }
        let date = try #require(CalendarDate(iso: "2026-08-10"))
        let letter = try #require(
            try parse(fixture("document/cancellation-letter.pdf"), with: DocumentParser(), documentDate: date, note: "letter")
                .documents.first)
        #expect(letter.kind == .document && letter.date == date && letter.note == "letter")
        #expect(letter.text == "I request cancellation of account NIM-4471" && letter.references.isEmpty)
        let note = try #require(
            try parse(fixture("document/note.txt"), with: DocumentParser(), documentDate: date).documents.first)
        #expect(note.references == ["CR-88231"])
        #expect(note.text.hasPrefix("Called Nimbus Mobile on 2026-08-10"))
    }
}

@Suite("mapped-csv call-detail records")
struct CallDetailTests {
    @Test("local times in the mapping's zone, the export's words for directions, minutes as seconds")
    func callDetail() throws {
        let mapping = try CSVMapping.load(from: fixture("mapped-csv/call-detail.yaml"))
        let sink = try parse(fixture("mapped-csv/call-detail.csv"), with: MappedCSVParser(), account: "NIM-4471", mapping: mapping)
        #expect(sink.calls.map(\.startedAt.iso8601) == [
            "2026-06-03T13:15:00Z", "2026-06-11T15:14:00Z", "2026-06-17T00:47:00Z", "2026-06-20T19:02:00Z",
        ])
        #expect(sink.calls.map(\.direction) == [.outgoing, .outgoing, .outgoing, .incoming])
        #expect(sink.calls.map(\.durationSeconds) == [540, 1380, 1260, 240])
        #expect(sink.calls.map(\.provenance.locator) == ["line 2", "line 3", "line 4", "line 5"])
        #expect(sink.entries.isEmpty)
        #expect {
            try parse(fixture("mapped-csv/call-detail-bad-direction.csv"), with: MappedCSVParser(), mapping: mapping)
        } throws: { "\($0)".contains("line 3") && "\($0)".contains("Sideways") }
    }

}

@Suite("damaged and hostile input")
struct DamagedInputTests {
    @Test("a damaged attachment is listed with a remark; the message and its mailbox are kept")
    func damagedAttachment() throws {
        let message = """
            From: Care <care@example.com>
            Date: Tue, 1 Sep 2026 09:15:00 -0500
            Subject: Your bill, ticket #4471
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=UTF-8

            See the attached bill.
            --b
            Content-Type: application/pdf; name="bill.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0x!!!LjQK
            --b--

            """
        let sink = try parse(try temporaryFile("damaged.eml", message), with: EmailParser())
        let document = try #require(sink.documents.first)
        #expect(document.text == "See the attached bill." && document.references == ["4471"])
        #expect(document.attachments.first?.fileName == "bill.pdf")
        #expect(sink.remarks.first?.contains("bill.pdf is damaged") == true)
    }

    @Test("a call lasting longer than a week, or a date beyond year 9999, is refused, not overflowed")
    func absurdNumbers() throws {
        let backup = """
            <?xml version="1.0"?>
            <calls count="1"><call number="+13125550142" duration="9223372036854775807" date="1786374134512" type="2" /></calls>
            """
        #expect { try parse(try temporaryFile("long.xml", backup), with: AndroidCallsParser()) } throws: {
            "\($0)".contains("/calls/call[1]") && "\($0)".contains("duration")
        }
        let future = backup.replacingOccurrences(of: "9223372036854775807", with: "60")
            .replacingOccurrences(of: "1786374134512", with: "9223372036854775806")
        #expect(throws: RecordError.self) { try parse(try temporaryFile("future.xml", future), with: AndroidCallsParser()) }
    }

    @Test("a mapping that gives one direction word two meanings is refused by name")
    func conflictingDirections() throws {
        let yaml = """
            name: calls
            target: calls
            directions: {"IN": incoming, "In": outgoing}
            columns: {date: 1, time: 2, number: 3, direction: 4, duration: 5}
            """
        #expect { try CSVMapping.load(from: try temporaryFile("m.yaml", yaml)) } throws: {
            "\($0)".contains("directions") && "\($0)".contains("both")
        }
    }
}
