import EvidenceKit
import Foundation
import Testing

@Suite("ubl-invoice")
struct UBLInvoiceTests {
    /// The sums of Tests/Fixtures/ubl/EXPECTED.md: every document's entries add up to its PayableAmount.
    @Test(
        "entries sum to the PayableAmount (a credit note's to minus it)",
        arguments: [
            ("invoice-basic.xml", 8500, "EUR", 4), ("invoice-allowance-charge.xml", 16250, "EUR", 5),
            ("invoice-negative-quantity.xml", 5000, "EUR", 4), ("invoice-prepaid-rounding.xml", 16400, "SEK", 5),
            ("invoice-two-tax-totals.xml", 17125, "EUR", 3), ("invoice-two-tax-totals-sek-first.xml", 17125, "EUR", 3),
            ("creditnote-basic.xml", -2500, "EUR", 3), ("invoice-payment-due-date.xml", 3500, "EUR", 3),
            ("invoice-line-level-allowance.xml", 8875, "EUR", 3), ("invoice-charge-indicator-digits.xml", 16250, "EUR", 5),
        ] as [(String, Int64, String, Int)])
    func sums(file: String, total: Int64, currency: String, count: Int) throws {
        let sink = try parse(fixture("ubl/" + file), with: UBLInvoiceParser())
        #expect(sink.total == total)
        #expect(sink.entries.count == count)
        #expect(sink.entries.allSatisfy { $0.amount.currency.code == currency })
        let statement = try #require(sink.statements.first)
        #expect(statement.totalDue?.minorUnits == total)
        #expect(statement.account == "4471-2290-01")
    }

    @Test("lines, allowances, charges and tax of the allowance example")
    func allowanceCharge() throws {
        let sink = try parse(fixture("ubl/invoice-allowance-charge.xml"), with: UBLInvoiceParser())
        let statement = try #require(sink.statements.first)
        #expect(statement.statementId == "KM-2024-0302")
        #expect(statement.dueDate == CalendarDate(iso: "2024-03-25"))
        #expect(statement.periodStart == CalendarDate(iso: "2024-02-01"))
        let byLocator = Dictionary(uniqueKeysWithValues: sink.entries.map { ($0.provenance.locator, $0) })
        #expect(byLocator["/Invoice/InvoiceLine[1]"]?.description == "Family plan, 4 lines")
        #expect(byLocator["/Invoice/AllowanceCharge[1]"]?.kind == .credit)
        #expect(byLocator["/Invoice/AllowanceCharge[1]"]?.amount.minorUnits == -1000)
        #expect(byLocator["/Invoice/AllowanceCharge[2]"]?.kind == .fee)
        #expect(byLocator["/Invoice/TaxTotal[1]"]?.amount.minorUnits == 3250)
    }

    @Test("a credit note: lines become credits, the due date comes from PaymentMeans")
    func creditNote() throws {
        let sink = try parse(fixture("ubl/creditnote-basic.xml"), with: UBLInvoiceParser())
        #expect(sink.entries.filter { $0.kind == .credit }.count == 2)
        #expect(sink.statements.first?.dueDate == CalendarDate(iso: "2024-04-30"))
        #expect(sink.entries.first?.provenance.locator == "/CreditNote/CreditNoteLine[1]")
    }

    @Test("no customer account: --account is required, and then used")
    func noAccount() throws {
        #expect(throws: RecordError.self) { try parse(fixture("ubl/invoice-no-account.xml"), with: UBLInvoiceParser()) }
        let sink = try parse(fixture("ubl/invoice-no-account.xml"), with: UBLInvoiceParser(), account: "NIM-1")
        #expect(sink.statements.first?.account == "NIM-1")
        #expect(sink.total == 4500)
    }

    @Test(
        "malformed, bad amounts, entity bombs and external entities are refused",
        arguments: [
            ("invoice-malformed.xml", "line 111"), ("invoice-bad-amount.xml", "/Invoice/InvoiceLine[2]/LineExtensionAmount[1]"),
            ("billion-laughs.xml", "line"), ("external-entity.xml", "DOCTYPE"),
            ("../hostile/ubl-charge-indicator-yes.xml", "ChargeIndicator \"yes\" is neither true nor false"),
            ("../hostile/ubl-only-tax-total-in-sek.xml", "the only TaxTotal is in SEK, not the document currency EUR"),
        ])
    func refused(file: String, mention: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try parse(fixture("ubl/" + file), with: UBLInvoiceParser())
            Issue.record("\(file) was accepted")
        } catch let error as RecordError {
            #expect(error.description.contains(mention), "\(error)")
            #expect(!error.description.contains("root:"), "nothing of /etc/passwd may appear")
        }
        #expect(clock.now - start < .seconds(5))
    }
}
