import EvidenceKit
import Foundation
import Testing

@Suite("bill-csv")
struct BillCSVTests {
    @Test("statements, entries, printed totals and unknown columns")
    func twoStatements() throws {
        let sink = try parse(fixture("bill-csv/two-statements.csv"), with: BillCSVParser())
        #expect(sink.statements.map(\.statementId) == ["S-01", "S-02"])
        let first = try #require(sink.statements.first)
        #expect(first.totalDue == usd(7000))
        #expect(first.previousBalance == usd(0))
        #expect(first.periodEnd == CalendarDate(iso: "2026-01-31"))
        #expect(sink.entries.count == 4)
        #expect(sink.entries[1].description == "Sales tax, state")
        #expect(sink.entries[1].extra == ["note_from_provider": "state rate 7.7%"])
        #expect(sink.entries[2].kind == .payment && sink.entries[2].amount == usd(-7000))
        #expect(sink.entries.map(\.provenance.locator) == ["line 2", "line 3", "line 4", "line 5"])
        #expect(sink.total == 6500)  // 65.00 + 5.00 - 70.00 + 65.00
    }

    @Test("columns in any order, CRLF, quoted quotes")
    func anyOrder() throws {
        let sink = try parse(fixture("bill-csv/columns-any-order-crlf.csv"), with: BillCSVParser())
        let entry = try #require(sink.entries.first)
        #expect(entry.description == "Premium SMS - \"Lucky\" club")
        #expect(entry.amount == usd(999))
        #expect(entry.statementId == "S-03")
    }

    @Test(
        "bad input names the line and the problem",
        arguments: [
            ("bad-amount-line-4.csv", "line 4: amount \"12,3x\" is not a number"),
            ("missing-columns.csv", "line 1: missing required columns: statement_date, due_date, kind, currency"),
            ("unknown-kind.csv", "line 2: kind \"refund\" is not one of charge, usage, fee, tax, credit, payment, adjustment"),
            ("bad-quantity-line-2.csv", "line 2: quantity \"1-2\" is not a number"),
        ])
    func badInput(file: String, message: String) throws {
        do {
            _ = try parse(fixture("bill-csv/" + file), with: BillCSVParser())
            Issue.record("\(file) was accepted")
        } catch let error as RecordError {
            #expect(error.description == message)
        }
    }

    @Test("--account that differs from the file's account is refused")
    func accountMismatch() throws {
        #expect(throws: RecordError.self) {
            try parse(fixture("bill-csv/repeated-line.csv"), with: BillCSVParser(), account: "B-2")
        }
    }
}

@Suite("bill-xml")
struct BillXMLTests {
    @Test("a statement and its lines, with element paths as locators")
    func oneStatement() throws {
        let sink = try parse(fixture("bill-xml/one-statement.xml"), with: BillXMLParser())
        let statement = try #require(sink.statements.first)
        #expect(statement.statementId == "S-04" && statement.totalDue == usd(8749))
        #expect(sink.entries.map(\.description) == ["Unlimited plan", "Call to +1 312 555 0142 & more", "Recovery fee <regulatory>"])
        #expect(sink.entries.map(\.provenance.locator) == ["/bill/statement[1]/line[1]", "/bill/statement[1]/line[2]", "/bill/statement[1]/line[3]"])
        #expect(sink.entries[1].time == "14:05" && sink.entries[1].number == "+13125550142" && sink.entries[1].quantity == "12")
        #expect(sink.total == 8749)
    }

    @Test("a bad line names its element")
    func badKind() throws {
        do {
            _ = try parse(fixture("bill-xml/bad-kind.xml"), with: BillXMLParser())
            Issue.record("accepted")
        } catch let error as RecordError {
            #expect(error.locator == "/bill/statement[1]/line[2]")
            #expect(error.message.contains("kind \"bogus\""))
        }
    }
}

@Suite("mapped-csv")
struct MappedCSVTests {
    @Test("a provider export: preamble, semicolons, $ amounts, debit and credit columns, a total row")
    func providerExport() throws {
        let mapping = try CSVMapping.load(from: fixture("mapped-csv/provider-export.yaml"))
        let url = fixture("mapped-csv/provider-export.csv")
        #expect(MappedCSVParser.matches(url, mapping: mapping))
        let sink = try parse(url, with: MappedCSVParser(), mapping: mapping)
        #expect(sink.entries.map(\.amount) == [usd(106_500), usd(-7000), usd(500)])
        #expect(sink.entries.map(\.kind) == [.charge, .payment, .tax])
        #expect(sink.entries.map(\.provenance.locator) == ["line 4", "line 5", "line 6"])
        #expect(sink.statements.first?.dueDate == CalendarDate(iso: "2026-10-22"))
        #expect(sink.entries.first?.date == CalendarDate(iso: "2026-10-01"))
    }

    @Test("a bank export: ISO-8859-1, decimal comma, columns by position, a footer line")
    func bankExport() throws {
        let mapping = try CSVMapping.load(from: fixture("mapped-csv/bank-decimal-comma.yaml"))
        let sink = try parse(fixture("mapped-csv/bank-decimal-comma.csv"), with: MappedCSVParser(), mapping: mapping)
        let euro = try #require(Currency(code: "EUR"))
        #expect(sink.entries.isEmpty)
        #expect(sink.bankTransactions.map(\.amount) == [Money(minorUnits: -7000, currency: euro), Money(minorUnits: 250_000, currency: euro)])
        #expect(sink.bankTransactions.first?.description == "Nimbus Mobile Zahlung")
        #expect(sink.bankTransactions.first?.account == "A-1")
    }

    @Test("a mapping with a mistake says which key")
    func badMapping() throws {
        let url = try temporaryFile("m.yaml", "name: x\nsign: debit-credit\ncolumns:\n  date: Date\n  description: Text\n  amount: Amount\n")
        do {
            _ = try CSVMapping.load(from: url)
            Issue.record("accepted")
        } catch {
            #expect(error.description == "m.yaml: sign debit-credit needs columns.debit and columns.credit")
        }
    }

    @Test("a misspelt key is refused, naming it", arguments: [
        ("name: x\nskiplines: 2\ncolumns:\n  date: 1\n  description: 2\n  amount: 3\n", "unknown key \"skiplines\""),
        ("name: x\ncolumns:\n  date: 1\n  descripton: 2\n  amount: 3\n", "unknown key \"columns.descripton\""),
        ("name: x\ncolumns:\n  date: 1\n  description: 2\n  amount: 3\npatterns:\n  - match: fee\n    knd: fee\n",
         "unknown key \"patterns[0].knd\""),
    ])
    func misspeltKey(yaml: String, mention: String) throws {
        let url = try temporaryFile("typo.yaml", yaml)
        do {
            _ = try CSVMapping.load(from: url)
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("typo.yaml: " + mention), "\(error)")
        }
    }

    @Test("mapping suggest drafts a mapping that reads the file")
    func suggest() throws {
        let draft = try MappingSuggester().suggest(for: fixture("mapped-csv/provider-export.csv"))
        #expect(draft.contains("delimiter: \";\""))
        #expect(draft.contains("skipLines: 2"))
        #expect(draft.contains("dateFormat: MM/dd/yyyy"))
        #expect(draft.contains("sign: debit-credit"))
        let url = try temporaryFile("draft.yaml", draft.replacingOccurrences(of: "# account: ACCOUNT-ID", with: "account: A-1"))
        let mapping = try CSVMapping.load(from: url)
        let sink = try parse(fixture("mapped-csv/provider-export.csv"), with: MappedCSVParser(), mapping: mapping)
        #expect(sink.total == 106_500 - 7000 + 500)
    }
}
