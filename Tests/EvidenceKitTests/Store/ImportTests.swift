import EvidenceKit
import Foundation
import Testing

@Suite("Importing into the ledger")
struct ImportTests {
    func importing(_ paths: [String], into store: Store, options: ImportOptions = ImportOptions()) throws -> [ImportResult] {
        try paths.map { try Importer(store: store).importFile(fixture($0), options: options) }
    }

    @Test("an overlapping export adds each entry once; a repeated line on one bill stays two entries")
    func identity() throws {
        let store = try temporaryStore()
        let first = try importing(["bill-csv/repeated-line.csv"], into: store)[0]
        #expect(first.status == .imported && first.counts.entries == 2)
        let second = try importing(["bill-csv/repeated-line-overlap.csv"], into: store)[0]
        #expect(second.status == .imported)
        #expect(second.counts.entries == 2)  // the third identical line and the late fee are new
        #expect(second.counts.entriesAlreadyPresent == 2)
        let ledger = try entries(in: store)
        #expect(ledger.count == 4)
        #expect(ledger.filter { $0.draft.description == "Unlimited plan" }.count == 3)
        #expect(ledger.first?.draft.provenance.file == "repeated-line.csv")
    }

    @Test("re-importing a file says skipped and changes nothing")
    func reimport() throws {
        let store = try temporaryStore()
        _ = try importing(["bill-csv/two-statements.csv"], into: store)
        let before = try entries(in: store)
        let again = try importing(["bill-csv/two-statements.csv"], into: store)[0]
        #expect(again.status == .skipped)
        #expect(try entries(in: store) == before)
    }

    @Test("a bad line rejects the whole file and leaves the ledger and the object directory as they were")
    func rollback() throws {
        let store = try temporaryStore()
        _ = try importing(["bill-csv/two-statements.csv"], into: store)
        let before = try entries(in: store)
        let objectsBefore = try objectFiles(store)
        let result = try importing(["bill-csv/bad-amount-line-4.csv"], into: store)[0]
        #expect(result.status == .rejected)
        #expect(result.error?.description == "bad-amount-line-4.csv: line 4: amount \"12,3x\" is not a number")
        #expect(try entries(in: store) == before)
        #expect(try objectFiles(store) == objectsBefore)
        #expect(try store.statements().map(\.statementId) == ["S-01", "S-02"])
    }

    @Test("statement totals that disagree within one file are refused")
    func totalsDisagree() throws {
        let store = try temporaryStore()
        let result = try importing(["bill-csv/totals-disagree.csv"], into: store)[0]
        #expect(result.error?.description == "totals-disagree.csv: line 3: statement total 71.00 differs from 70.00 given earlier for statement S-01")
    }

    @Test("the original is kept byte for byte under its SHA-256, readable by its owner only")
    func originals() throws {
        let store = try temporaryStore()
        let result = try importing(["bill-xml/one-statement.xml"], into: store)[0]
        let sha = try #require(result.sha256)
        let stored = try Data(contentsOf: store.objects.url(for: sha))
        #expect(stored == (try Data(contentsOf: fixture("bill-xml/one-statement.xml"))))
        let mode = try FileManager.default.attributesOfItem(atPath: store.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        let objectMode = try FileManager.default.attributesOfItem(atPath: store.objects.url(for: sha).path)[.posixPermissions] as? Int
        #expect(objectMode == 0o600)
    }

    @Test("detection by content: bill-csv, bill-xml, UBL; an unknown file names the formats tried")
    func detection() throws {
        let store = try temporaryStore()
        let results = try importing(["bill-csv/two-statements.csv", "bill-xml/one-statement.xml", "ubl/invoice-basic.xml"], into: store)
        #expect(results.map(\.format) == [.billCSV, .billXML, .ublInvoice])
        let unknown = try temporaryFile("notes.txt", "hello,world\n1,2\n")
        let result = try Importer(store: store).importFile(unknown, options: ImportOptions())
        #expect(result.status == .rejected)
        #expect(result.error?.description.hasPrefix("notes.txt: not a known format (tried bill-csv, mapped-csv, mapped-xlsx, ubl-invoice, bill-xml, pdf-bill, android-calls-xml, android-sms-xml, ios-calls, ios-messages, ofx, camt053, email, document)") == true)
    }

    @Test("a dry run counts but changes nothing")
    func dryRun() throws {
        let store = try temporaryStore()
        var options = ImportOptions()
        options.dryRun = true
        let result = try importing(["bill-csv/two-statements.csv"], into: store, options: options)[0]
        #expect(result.status == .imported && result.counts.entries == 4)
        #expect(try entries(in: store).isEmpty)
        #expect(try objectFiles(store).isEmpty)
    }

    @Test("a UBL invoice gives a ledger whose balance is its PayableAmount; a credit note takes its amount off")
    func ublBalance() throws {
        let store = try temporaryStore()
        _ = try importing(["ubl/invoice-basic.xml"], into: store)
        let asOf = try #require(CalendarDate(iso: "2024-12-31"))
        #expect(try BalanceCalculator(store: store).balances(asOf: asOf).first?.balance.minorUnits == 8500)
        _ = try importing(["ubl/creditnote-basic.xml"], into: store)
        #expect(try BalanceCalculator(store: store).balances(asOf: asOf).first?.balance.minorUnits == 6000)
    }

    @Test("two byte-different exports of one invoice add its entries once")
    func ublOverlap() throws {
        let store = try temporaryStore()
        let results = try importing(["ubl/invoice-two-tax-totals.xml", "ubl/invoice-two-tax-totals-sek-first.xml"], into: store)
        #expect(results.map(\.status) == [.imported, .imported])
        #expect(results[1].counts.entries == 0 && results[1].counts.entriesAlreadyPresent == 3)
        #expect(try entries(in: store).reduce(0) { $0 + $1.draft.amount.minorUnits } == 17125)
    }

    @Test("a misspelt setting in config.yaml is reported, not silently left at its default")
    func configurationTypo() throws {
        let store = try temporaryStore()
        try Data("cancellationTolerence: \"5.00\"\n".utf8).write(to: store.url.appendingPathComponent("config.yaml"))
        do {
            _ = try Importer(store: store)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("unknown key \"cancellationTolerence\""))
        }
    }

    @Test("the store is found by --store, $EVIDENCE_STORE, or walking up to .evidence")
    func locating() throws {
        let store = try temporaryStore()
        let holder = store.url.deletingLastPathComponent()
        let deep = holder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let locator = StoreLocator()
        #expect(try locator.locate(explicit: nil, environment: [:], currentDirectory: deep).path == store.url.path)
        #expect(try locator.locate(explicit: holder.path, environment: [:], currentDirectory: deep).path == store.url.path)
        #expect(try locator.locate(explicit: nil, environment: ["EVIDENCE_STORE": store.url.path], currentDirectory: URL(fileURLWithPath: "/")).path == store.url.path)
        #expect(throws: StoreError.self) {
            try locator.locate(explicit: nil, environment: [:], currentDirectory: URL(fileURLWithPath: "/proc"))
        }
    }

    private func objectFiles(_ store: Store) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: store.objects.root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: store.objects.root.appendingPathComponent(path).path, isDirectory: &isFolder)
            if !isFolder.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    @Test("a file that returns to a statement after 40 others still counts its repeated lines right")
    func repeatedLinesAcrossManyStatements() throws {
        let header = "account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency\n"
        func line(_ statement: Int) -> String {
            "A-1,S-\(statement),2026-01-01,2026-01-22,2026-01-01,charge,Plan,10.00,USD\n"
        }
        // S-1's plan line, then 40 other statements (more than stay in memory), then S-1's plan again:
        // a genuine second line of S-1, so two entries.
        let first = header + line(1) + (2...41).map(line).joined() + line(1)
        let store = try temporaryStore()
        let importer = try Importer(store: store)
        let result = try importer.importFile(try temporaryFile("first.csv", first), options: ImportOptions())
        #expect(result.counts.entries == 42)
        #expect(try entries(in: store).filter { $0.draft.statementId == "S-1" }.count == 2)
        // A second export with the same lines in another order adds nothing; a third S-1 line is new.
        // Its S-1 lines come before and after the 40 others, so S-1's count is rebuilt from the ledger
        // (one line found already stored), not kept in memory.
        let again = header + line(1) + (2...41).reversed().map(line).joined() + line(1) + line(1)
        let second = try importer.importFile(try temporaryFile("second.csv", again), options: ImportOptions())
        #expect(second.counts.entries == 1 && second.counts.entriesAlreadyPresent == 42)
    }

    @Test("a statement met again after 70 others is still checked against what the file said of it")
    func statementFactsAcrossManyStatements() throws {
        let header = "account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency,statement_total\n"
        func line(_ statement: Int, total: String = "") -> String {
            "A-1,S-\(statement),2026-01-01,2026-01-22,2026-01-01,charge,Plan \(statement),10.00,USD,\(total)\n"
        }
        let others = (2...71).map { line($0) }.joined()
        let store = try temporaryStore()
        let importer = try Importer(store: store)
        let disagreeing = header + line(1, total: "10.00") + others + line(1, total: "12.00")
        let rejected = try importer.importFile(try temporaryFile("disagree.csv", disagreeing), options: ImportOptions())
        #expect(rejected.status == .rejected)
        #expect(rejected.error?.description.contains("statement total 12.00 differs from 10.00") == true)
        let filling = header + line(1) + others + line(1, total: "20.00")
        let imported = try importer.importFile(try temporaryFile("fill.csv", filling), options: ImportOptions())
        #expect(imported.status == .imported && imported.counts.statements == 71)
        #expect(try store.statements().first { $0.statementId == "S-1" }?.totalDue == usd(2000))
    }
}
