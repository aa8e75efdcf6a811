import EvidenceKit
import Foundation
import Testing

private func pdf(_ name: String) -> URL { fixture("pdf/\(name)") }

/// The lines of a PDF fixture, as text.
private func lines(_ name: String) throws -> [String] {
    try PDFReader().read(pdf(name)).lines.map(\.text)
}

/// Whether `text` matches the regular expression `pattern` as a whole.
private func matches(_ text: String, _ pattern: String) -> Bool {
    text.range(of: "^" + pattern + "$", options: .regularExpression) != nil
}

@Suite("PDF text: physical lines through poppler")
struct PDFTextTests {
    @Test("two columns side by side share their lines, kept apart by two spaces or more")
    func twoColumns() throws {
        let text = try lines("two-columns.pdf")
        #expect(text.count == 3)
        #expect(matches(text[0], #"Service address\s{2,}Account number: ACC-100"#), "\(text)")
        #expect(matches(text[2], #"Chicago, IL 60613\s{2,}Due date: 03/22/2026"#), "\(text)")
    }

    @Test("right-aligned amounts drawn after all the descriptions join their descriptions' lines")
    func rightAlignedAmounts() throws {
        let read = try PDFReader().read(pdf("right-aligned-amounts.pdf"))
        let text = read.lines.map(\.text)
        #expect(text.count == 3)
        #expect(matches(text[0], #"Late payment fee\s{2,}\$10\.00"#), "\(text)")
        #expect(matches(text[2], #"Credit for outage\s{2,}-\$5\.00"#), "\(text)")
        // Each line knows its page, number and box: the amount ends at the right margin (558 pt).
        let first = try #require(read.lines.first)
        #expect(first.locator == "page 1, line 1")
        #expect(abs(first.box.x + first.box.width - 558) < 2 && abs(first.box.x - 54) < 2)
    }

    @Test("a page turned with /Rotate 90 reads as it is shown, top to bottom")
    func rotatedPage() throws {
        let text = try lines("rotated-page.pdf")
        #expect(text.count == 3)
        #expect(text.first == "Landscape usage summary")
        #expect(text.last.map { matches($0, #"Minutes used\s+340"#) } == true, "\(text)")
    }

    @Test("a multi-page statement numbers its lines per page; the stored text keeps the pages apart")
    func multiPage() throws {
        let read = try PDFReader().read(pdf("multi-page-statement.pdf"))
        #expect(read.facts.pageCount == 2 && read.pages.count == 2)
        let salesTax = try #require(read.pages[1].lines.first { $0.text.hasPrefix("Sales tax") })
        #expect(salesTax.locator == "page 2, line 2")
        let stored = PDFText.pages(ofStoredText: read.storedText)
        #expect(stored.count == 2 && stored[1][1] == salesTax.text)
    }

    @Test("the PDF's own facts: page count, producer, creation date; an owner-password PDF is read")
    func facts() throws {
        let letter = try PDFReader().read(pdf("letter-with-date-and-reference.pdf"))
        #expect(letter.facts.pageCount == 1 && letter.facts.producer == "evidence test fixtures (ReportLab)")
        #expect(letter.facts.creationDate != nil && !letter.facts.encrypted)
        let restricted = try PDFReader().read(pdf("owner-password-only.pdf"))
        #expect(restricted.facts.encrypted && restricted.facts.restricted)
        #expect(restricted.lines.map(\.text) == letter.lines.map(\.text))
    }

    @Test("a page without text is kept, with a remark that it is a scanned page")
    func noTextLayer() throws {
        let read = try PDFReader().read(pdf("no-text-layer.pdf"))
        #expect(read.lines.isEmpty)
        #expect(read.remarks == ["page 1 has no text: a scanned page; OCR comes with the OCR support"])
    }

    @Test(
        "bad PDFs are refused in well under a few seconds, each with its reason",
        arguments: [
            ("user-password.pdf", "needs its password to be read: give it with --password"),
            ("starts-like-a-pdf.pdf", "only starts like a PDF"),
            ("damaged.pdf", "damaged"),
            ("many-pages.pdf", "has 100000 pages; at most 2000 are read"),
            ("inflate-bomb.pdf", "a compressed stream (at byte 360) inflates to more than 32 MiB: refused as a PDF bomb"),
        ])
    func refused(name: String, reason: String) throws {
        let started = Date()
        #expect {
            try PDFReader().read(pdf(name))
        } throws: { error in
            "\(error)".contains(reason)
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a wrong --password is said to be wrong; the right one opens the file")
    func password() throws {
        #expect {
            try PDFReader().read(pdf("user-password.pdf"), password: "guess")
        } throws: { error in
            "\(error)" == "the password given with --password does not open this PDF"
        }
        let read = try PDFReader().read(pdf("user-password.pdf"), password: "jordan")
        #expect(read.facts.encrypted && read.lines.count == 5)
    }

    @Test("a page tree that loops stays bounded")
    func loop() throws {
        let started = Date()
        let loop = try PDFReader().read(pdf("page-tree-loop.pdf"))
        #expect(loop.lines.isEmpty)
        #expect(Date().timeIntervalSince(started) < 10)
    }
}

@Suite("PDF and text documents")
struct PDFDocumentTests {
    @Test("a letter's date and reference come from its text, with a remark saying where")
    func letter() throws {
        let sink = try parse(pdf("letter-with-date-and-reference.pdf"), with: DocumentParser())
        let letter = try #require(sink.documents.first)
        #expect(letter.date == CalendarDate(iso: "2026-03-09"))
        #expect(letter.references == ["88120-C"])
        #expect(sink.remarks.contains("date 2026-03-09 taken from its text (page 1, line 2: \"March 9, 2026\"); give --date to set another"))
        #expect(sink.remarks.contains { $0.hasPrefix("PDF: 1 page, created ") && $0.contains("not taken as its date") })
    }

    @Test("a text document's date comes from its text too, cited by line")
    func textDocument() throws {
        let sink = try parse(fixture("document/note.txt"), with: DocumentParser())
        #expect(sink.documents.first?.date == CalendarDate(iso: "2026-08-10"))
        #expect(sink.remarks == ["date 2026-08-10 taken from its text (line 1: \"2026-08-10\"); give --date to set another"])
    }

    @Test("--date wins over the date in the text")
    func dateGiven() throws {
        let given = try #require(CalendarDate(iso: "2026-03-12"))
        let sink = try parse(pdf("letter-with-date-and-reference.pdf"), with: DocumentParser(), documentDate: given)
        #expect(sink.documents.first?.date == given)
        #expect(!sink.remarks.contains { $0.hasPrefix("date ") })
    }

    @Test("a scanned page without --date is refused, saying it has no text")
    func scanned() throws {
        #expect {
            try parse(pdf("no-text-layer.pdf"), with: DocumentParser())
        } throws: { error in
            "\(error)".contains("page 1 has no text: a scanned page") && "\(error)".contains("--date YYYY-MM-DD")
        }
    }
}

@Suite("PDF attachments of emails")
struct PDFAttachmentTests {
    @Test("an attached PDF is read like a PDF document: its text under a page heading, its references cited by page and line")
    func attachment() throws {
        let letter = try Data(contentsOf: pdf("letter-with-date-and-reference.pdf")).base64EncodedString(options: .lineLength76Characters)
        let message = """
            From: Lakeshore Telecom <care@lakeshore.example>
            Date: Mon, 09 Mar 2026 10:00:00 -0500
            Subject: Your letter
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Please find our letter attached.
            --b
            Content-Type: application/pdf; name="letter.pdf"
            Content-Disposition: attachment; filename="letter.pdf"
            Content-Transfer-Encoding: base64

            \(letter.replacingOccurrences(of: "\r\n", with: "\n"))
            --b--

            """
        let sink = try parse(try temporaryFile("letter.eml", message), with: EmailParser())
        let email = try #require(sink.documents.first)
        #expect(email.references == ["88120-C"])
        #expect(email.text.hasPrefix("Please find our letter attached.\n\n--- attachment \"letter.pdf\", page 1 ---\nLakeshore Telecom\nMarch 9, 2026"))
        #expect(sink.remarks == ["message, attachment \"letter.pdf\": 1 page read; reference 88120-C at page 1, line 4"])
    }
}

@Suite("pdf-bill templates")
struct PDFTemplateTests {
    private func extract(_ template: String, _ file: String = "multi-page-statement.pdf") throws -> TemplateExtraction {
        let extractor = try TemplateExtractor(template: try PDFTemplate.load(from: pdf(template)))
        let context = ParseContext(url: pdf(file), fileName: file, sha256: "0", account: "LT-2200", references: .builtIn)
        return try extractor.extract(try PDFReader().read(pdf(file)), context: context)
    }

    @Test("fields, with the page and line each came from")
    func fields() throws {
        let result = try extract("lakeshore.yaml")
        let statement = try #require(result.statement)
        #expect(statement.account == "LT-2200" && statement.statementId == "INV-2026-0301")
        #expect(statement.statementDate == CalendarDate(iso: "2026-03-01") && statement.dueDate == CalendarDate(iso: "2026-03-22"))
        #expect(statement.periodStart == CalendarDate(iso: "2026-02-01") && statement.periodEnd == CalendarDate(iso: "2026-02-28"))
        #expect(statement.previousBalance == usd(4000) && statement.totalDue == usd(8230))
        #expect(result.fields[.totalDue]?.locator == "page 1, line 9")
    }

    @Test("sections across pages: kinds by description, a wrapped description joined, signs as printed")
    func lines() throws {
        let result = try extract("lakeshore.yaml")
        #expect(result.entries.map(\.provenance.locator) == [
            "page 1, line 11", "page 1, line 12", "page 1, line 14", "page 1, line 15", "page 1, line 16",
            "page 2, line 2", "page 2, line 5", "page 2, line 6", "page 2, line 7",
        ])
        #expect(result.entries[1].description == "International calling pack for Canada and Mexico")
        #expect(result.entries.map(\.kind) == [.charge, .charge, .payment, .credit, .fee, .tax, .usage, .usage, .usage])
        #expect(result.entries.map(\.amount.minorUnits) == [4500, 1500, -4000, -250, 95, 385, 480, 1200, 320])
        #expect(result.totalCheck.map { $0.computed == $0.printed } == true)
    }

    @Test("usage lines: date without a year, time, number, quantity and unit")
    func usage() throws {
        let call = try #require(try extract("lakeshore.yaml").entries.first { $0.kind == .usage })
        #expect(call.date == CalendarDate(iso: "2026-02-03") && call.time == "09:15")
        #expect(call.number == "(312) 555-0111" && call.quantity == "12" && call.unit == "min")
        #expect(call.category == "calls")
    }

    @Test("a skip pattern keeps a footer out of a wrapped description")
    func skip() throws {
        let result = try extract("lakeshore.yaml")
        #expect(result.entries.last?.description == "(312) 555-0133")
        #expect(!result.unread.contains { $0.text.hasPrefix("Page 2 of 2") })
    }

    @Test("keywords recognise the provider's PDFs; exclude keywords and missing ones do not")
    func keywords() throws {
        let template = try PDFTemplate.load(from: pdf("lakeshore.yaml"))
        #expect(template.recognises(try PDFReader().read(pdf("multi-page-statement.pdf")).storedText))
        // The Lakeshore letter has the name but not the web address, and the word "cancel".
        let letter = try PDFReader().read(pdf("letter-with-date-and-reference.pdf")).storedText
        #expect(!template.recognises(letter))
        #expect(template.keywordProblems(in: letter).missing == ["lakeshore.example"])
        #expect(template.keywordProblems(in: letter).excluded == ["cancel"])
    }

    @Test(
        "a template that does not fit says what it found, where",
        arguments: [
            ("matches-nothing.yaml", "found no bill lines"),
            ("total-as-line.yaml", "page 1, line 9: the line pattern of section \"everything\" matched the total"),
            ("catastrophic-pattern.yaml", "needs too long"),
        ])
    func badTemplates(template: String, message: String) throws {
        let started = Date()
        #expect {
            try extract(template)
        } throws: { error in
            "\(error)".contains(message)
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a template that finds no statement date rejects the PDF with what it did find")
    func noStatementDate() throws {
        let template = try temporaryFile("no-date.yaml", """
            name: no date
            keywords: [Lakeshore Telecom]
            fields:
              statementDate: 'Bill date:\\s*(\\S+)'
              account: 'Account number:\\s*(\\S+)'
            lines:
              - {start: '^Monthly charges', line: '^(?<description>.+?)\\s{2,}(?<amount>\\S+)$'}
            """)
        let extractor = try TemplateExtractor(template: try PDFTemplate.load(from: template))
        let url = pdf("multi-page-statement.pdf")
        #expect {
            try extractor.extract(
                try PDFReader().read(url), context: ParseContext(url: url, fileName: "x.pdf", sha256: "0", references: .builtIn))
        } throws: { error in
            "\(error)" == "template \"no date\" found no statement date (fields.statementDate matched no line); it found account \"LT-2200\" (page 1, line 3)"
        }
    }

    @Test("sign: inverted turns a section of payments printed as positive amounts into payments")
    func invertedSign() throws {
        let template = try temporaryFile("inverted.yaml", """
            name: inverted
            keywords: [Lakeshore Telecom]
            account: LT-2200
            dateFormats: [MM/dd/yyyy]
            fields:
              statementDate: 'Statement date:\\s*(\\S+)'
            lines:
              - {name: calls, start: '^Calls$', end: '^Total calls', skip: ['^Page'], kind: payment, sign: inverted,
                 line: '^(?<description>.+?)\\s{2,}(?<amount>\\S+)$'}
            """)
        let extractor = try TemplateExtractor(template: try PDFTemplate.load(from: template))
        let url = pdf("multi-page-statement.pdf")
        let result = try extractor.extract(
            try PDFReader().read(url), context: ParseContext(url: url, fileName: "x.pdf", sha256: "0", references: .builtIn))
        #expect(result.entries.map(\.amount.minorUnits) == [-480, -1200, -320])
        #expect(result.entries.allSatisfy { $0.kind == .payment && $0.account == "LT-2200" })
    }

    @Test("a template file with a bad key or no keywords is refused, naming the file")
    func badTemplateFile() throws {
        let noKeywords = try temporaryFile("no-keywords.yaml", "name: x\nkeywords: []\nfields: {statementDate: 'x'}\nlines: []\n")
        #expect {
            try PDFTemplate.load(from: noKeywords)
        } throws: { error in
            "\(error)".hasPrefix("no-keywords.yaml: keywords:")
        }
    }

    @Test("a suggested template reads a statement it has never seen, with the right total")
    func suggest() throws {
        let draft = try TemplateSuggester().suggest(for: CLIPaths.sampleData.appendingPathComponent("pdf/nimbus-2026-12-statement.pdf"))
        let file = try temporaryFile("draft.yaml", draft)
        let extractor = try TemplateExtractor(template: try PDFTemplate.load(from: file))
        let url = CLIPaths.sampleData.appendingPathComponent("pdf/nimbus-2026-12-statement.pdf")
        let result = try extractor.extract(
            try PDFReader().read(url), context: ParseContext(url: url, fileName: "x.pdf", sha256: "0", references: .builtIn))
        #expect(result.statement?.statementId == "NM-4471-2026-12" && result.entries.count == 6)
        #expect(result.totalCheck.map { $0.computed == $0.printed && $0.printed == usd(39372) } == true)
    }
}

/// The repository's SampleData folder.
enum CLIPaths {
    static let sampleData = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData")
}
