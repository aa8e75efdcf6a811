import Foundation
import Testing

/// PDF letters and PDF bills through the built binary (Tests/Fixtures/pdf/EXPECTED.md).
@Suite("PDF letters and bills on the command line")
struct PDFCLITests {
    private static func pdf(_ name: String) -> String { CLI.fixtures.appendingPathComponent("pdf/\(name)").path }
    private static let nimbusTemplate = CLI.sampleData.appendingPathComponent("templates/nimbus-statement.yaml").path
    private static func sample(_ name: String) -> String { CLI.sampleData.appendingPathComponent("pdf/\(name)").path }

    private func json(_ outcome: CLI.Outcome) throws -> [[String: Any]] {
        #expect(outcome.status == 0, "\(outcome.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
    }

    private func newStore() throws -> CLI {
        let cli = try CLI()
        try cli.run("init")
        return cli
    }

    @Test("a PDF bill through its template: entries cite page and line; the saved template recognises the next bill")
    func billThroughTemplate() throws {
        let cli = try newStore()
        let first = try cli.run("import", "--template", Self.pdf("lakeshore.yaml"), Self.pdf("multi-page-statement.pdf"))
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("[pdf-bill] 1 statement, 9 new entries"))
        #expect(first.output.contains("Saved the template as"))
        let entries = try json(try cli.run("ledger", "--format", "json"))
        let locators = entries.compactMap { ($0["source"] as? [String: Any])?["locator"] as? String }
        #expect(locators.contains("page 1, line 12") && locators.contains("page 2, line 7"))
        #expect(entries.contains { $0["description"] as? String == "International calling pack for Canada and Mexico" })
        // The next month's bill of the same provider needs no --template: its keywords are enough.
        let next = try cli.run("import", Self.pdf("total-mismatch-statement.pdf"))
        #expect(next.status == 0, "\(next.error)")
        #expect(next.output.contains("[pdf-bill] 1 statement, 9 new entries"))
        #expect(next.output.contains("the printed total 127.60 differs from the previous balance plus the lines (124.60)"))
        // The provider's arithmetic is a finding, citing the PDF.
        let findings = try json(try cli.run("flags", "--rule", "statement.total-mismatch", "--as-of", "2026-05-01", "--format", "json"))
        #expect(findings.count == 1)
        #expect(findings.first?["amount"] as? String == "3.00")
        let cited = (findings.first?["entries"] as? [[String: Any]])?.compactMap { ($0["source"] as? [String: Any])?["file"] as? String }
        #expect(cited?.allSatisfy { $0 == "total-mismatch-statement.pdf" } == true && cited?.isEmpty == false)
        // A letter from the same provider stays a document: it lacks a keyword.
        let letter = try cli.run("import", Self.pdf("letter-with-date-and-reference.pdf"))
        #expect(letter.status == 0 && letter.output.contains("[document] 1 document"), "\(letter.error)")
    }

    @Test("the same statement as CSV and as PDF: the PDF's lines are already in the ledger")
    func identityAcrossFormats() throws {
        let cli = try CLI.withSampleStory()
        let before = try json(try cli.run("ledger", "--format", "json")).count
        let outcome = try cli.run("import", "--template", Self.nimbusTemplate, Self.sample("nimbus-2026-11-statement.pdf"))
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("[pdf-bill] 0 new entries, 5 already in the ledger"))
        #expect(try json(try cli.run("ledger", "--format", "json")).count == before)
    }

    @Test("a PDF letter's date and reference come from its text; documents and the timeline show them")
    func letter() throws {
        let cli = try CLI.withSampleStory()
        let outcome = try cli.run("import", "--account", "NIM-4471", Self.sample("nimbus-collection-notice-2026-11-18.pdf"))
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("date 2026-11-18 taken from its text (page 1, line 3: \"November 18, 2026\")"))
        #expect(outcome.output.contains("not taken as its date"))
        let documents = try json(try cli.run("documents", "--format", "json"))
        let notice = try #require(documents.first { ($0["source"] as? [String: Any])?["file"] as? String == "nimbus-collection-notice-2026-11-18.pdf" })
        #expect(notice["date"] as? String == "2026-11-18")
        #expect(notice["references"] as? [String] == ["COL-2026-55871"])
        let pages = try #require(notice["pages"] as? [[String: Any]])
        let lines = try #require(pages.first?["lines"] as? [[String: Any]])
        #expect(lines.contains { $0["locator"] as? String == "page 1, line 6" && ($0["text"] as? String)?.hasPrefix("COLLECTION NOTICE") == true })
        let timeline = try cli.run("timeline", "--account", "NIM-4471")
        #expect(timeline.output.contains("COL-2026-55871"))
        // --date still wins.
        let dated = try CLI.withSampleStory()
        let given = try dated.run("import", "--date", "2026-11-20", Self.sample("nimbus-collection-notice-2026-11-18.pdf"))
        #expect(given.status == 0 && !given.output.contains("taken from its text"))
        #expect(try json(try dated.run("documents", "--format", "json")).contains { $0["date"] as? String == "2026-11-20" })
    }

    @Test("case status lists a PDF letter that carries the cancellation's reference, as it lists an email")
    func caseStatus() throws {
        let cli = try newStore()
        try cli.run("import", "--template", Self.pdf("lakeshore.yaml"), Self.pdf("multi-page-statement.pdf"))
        let event = try cli.run(
            "case", "add", "--account", "LT-2200", "--event", "cancellation-requested", "--date", "2026-03-05", "--channel", "phone",
            "--ref", "88120-C")
        #expect(event.status == 0, "\(event.error)")
        let letter = try cli.run("import", "--account", "LT-2200", Self.pdf("letter-with-date-and-reference.pdf"))
        #expect(letter.status == 0, "\(letter.error)")
        let status = try cli.run("case", "status", "--as-of", "2026-03-20")
        #expect(status.output.contains("records that carry 88120-C:"), "\(status.output)")
        #expect(status.output.contains("letter-with-date-and-reference.pdf"), "\(status.output)")
    }

    @Test("an encrypted PDF: without its password a clear rejection naming --password; with it, read")
    func encrypted() throws {
        let cli = try newStore()
        let refused = try cli.run("import", Self.pdf("user-password.pdf"))
        #expect(refused.status == 1)
        #expect(refused.error == "rejected  user-password.pdf: the PDF is encrypted and needs its password to be read: give it with --password PASSWORD (it is not stored)\n")
        let wrong = try cli.run("import", "--password", "guess", Self.pdf("user-password.pdf"))
        #expect(wrong.status == 1 && wrong.error.contains("the password given with --password does not open this PDF"))
        #expect(try json(try cli.run("documents", "--format", "json")).isEmpty)
        let opened = try cli.run("import", "--password", "jordan", Self.pdf("user-password.pdf"))
        #expect(opened.status == 0 && opened.output.contains("[document] 1 document"), "\(opened.error)")
        let owner = try cli.run("import", Self.pdf("owner-password-only.pdf"))
        #expect(owner.status == 0 && owner.output.contains("encrypted with an owner password only"), "\(owner.error)")
    }

    @Test(
        "bad PDFs and bad templates: one line naming the file and the problem, exit 1, the ledger unchanged, in seconds",
        arguments: [
            (["starts-like-a-pdf.pdf"], "starts-like-a-pdf.pdf: not a readable PDF"),
            (["damaged.pdf"], "damaged.pdf: not a readable PDF"),
            (["many-pages.pdf"], "many-pages.pdf: the PDF has 100000 pages; at most 2000 are read"),
            (["inflate-bomb.pdf"], "inflate-bomb.pdf: a compressed stream (at byte 360) inflates to more than 32 MiB: refused as a PDF bomb"),
            (["--template", "matches-nothing.yaml", "multi-page-statement.pdf"], "multi-page-statement.pdf: template \"Lakeshore matches nothing\" found no bill lines"),
            (["--template", "total-as-line.yaml", "multi-page-statement.pdf"], "multi-page-statement.pdf: page 1, line 9: the line pattern of section \"everything\" matched the total"),
            (["--template", "catastrophic-pattern.yaml", "multi-page-statement.pdf"], "multi-page-statement.pdf: page 1, line 12: template Lakeshore catastrophic: fields.statementDate"),
            (["--template", "lakeshore.yaml", "letter-with-date-and-reference.pdf"], "letter-with-date-and-reference.pdf: template \"Lakeshore Telecom\" does not fit this PDF: it lacks the keyword \"lakeshore.example\""),
        ])
    func badInput(arguments: [String], message: String) throws {
        let cli = try newStore()
        let started = Date()
        let paths = arguments.map { $0.hasSuffix(".pdf") || $0.hasSuffix(".yaml") ? Self.pdf($0) : $0 }
        let outcome = try cli.run(["import", "--account", "LT-2200"] + paths)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(outcome.status == 1)
        #expect(outcome.error.hasPrefix("rejected  " + message), "\(outcome.error)")
        #expect(outcome.error.split(separator: "\n").count == 1)
        #expect(try json(try cli.run("ledger", "--format", "json")).isEmpty)
        #expect(try json(try cli.run("documents", "--format", "json")).isEmpty)
    }

    @Test("template suggest drafts a template that, unedited, imports a Nimbus bill with the right total")
    func suggestThenImport() throws {
        let cli = try newStore()
        let draft = try cli.run("template", "suggest", Self.sample("nimbus-2026-12-statement.pdf"))
        #expect(draft.status == 0, "\(draft.error)")
        #expect(draft.output.contains("# CHECK"))
        let file = cli.folder.appendingPathComponent("draft.yaml")
        try Data(draft.output.utf8).write(to: file)
        let test = try cli.run("template", "test", file.path, Self.sample("nimbus-2026-12-statement.pdf"))
        #expect(test.status == 0, "\(test.error)")
        #expect(test.output.contains("page 1, line 18  2026-12-01  charge  Premium SMS - StarQuiz Club"))
        #expect(test.output.contains("printed total       393.72  (agrees)"))
        let imported = try cli.run("import", "--template", file.path, Self.sample("nimbus-2026-12-statement.pdf"))
        #expect(imported.status == 0 && imported.output.contains("[pdf-bill] 1 statement, 6 new entries"), "\(imported.error)")
    }

    @Test("template test shows the fields, each line's page and line, and what it did not read, without importing")
    func templateTest() throws {
        let cli = try newStore()
        let outcome = try cli.run("template", "test", Self.pdf("lakeshore.yaml"), Self.pdf("multi-page-statement.pdf"))
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("  statementId      INV-2026-0301  page 1, line 4"))
        #expect(outcome.output.contains("  page 2, line 5   2026-02-03  usage    (312) 555-0111"))
        #expect(outcome.output.contains("  page 2, line 1: Monthly charges (continued)"))
        #expect(outcome.output.contains("printed total       82.30  (agrees)"))
        #expect(try json(try cli.run("ledger", "--format", "json")).isEmpty)
        let bad = try cli.run(
            "template", "test", "--account", "LT-2200", Self.pdf("matches-nothing.yaml"), Self.pdf("multi-page-statement.pdf"))
        #expect(bad.status == 1 && bad.error.hasPrefix("multi-page-statement.pdf: template \"Lakeshore matches nothing\" found no bill lines"))
    }
}
