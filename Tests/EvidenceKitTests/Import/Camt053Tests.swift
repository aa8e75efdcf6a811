import Foundation
import Testing

@testable import EvidenceKit

@Suite("camt.053")
struct Camt053Tests {
    private func camt(_ name: String) throws -> CollectingSink {
        try parse(fixture("camt053/\(name)"), with: Camt053Parser())
    }

    private func rejection(_ name: String) -> String {
        EvidenceKitTests.rejection(fixture("camt053/\(name)"), with: Camt053Parser())
    }

    @Test("001.02: counterparty, IBAN and remittance; a reversal; a batch of two; a pending entry left out; the closing balance")
    func version02() throws {
        let sink = try camt("v02-batch-reversal-pending.xml")
        let lines = sink.bankTransactions.map {
            "\($0.date) \($0.amount) \($0.bankId ?? "-") \($0.transactionType ?? "-") \($0.description)"
        }
        #expect(lines == [
            "2026-10-02 -39.99 EUR 2026100200001 - Telekom Deutschland GmbH DE02120300000000202051 Kundennummer 4471 Rechnung 10/2026",
            "2026-10-06 39.99 EUR 2026100600002 REVERSAL Telekom Deutschland GmbH Ruecklastschrift Kundennummer 4471",
            "2026-10-10 -30.00 EUR B-1 - Stadtwerke RF18539007547034",
            "2026-10-10 -20.00 EUR B-2 - Verein & Co Beitrag",
        ])
        #expect(sink.bankTransactions.allSatisfy { $0.bankAccount == "DE89370400440532013000" })
        #expect(sink.bankTransactions[2].provenance.locator == "/Document/BkToCstmrStmt[1]/Stmt[1]/Ntry[3]/NtryDtls[1]/TxDtls[1]")
        #expect(sink.remarks.contains("1 entry not booked (pending or information only) left out"))
        let statement = try #require(sink.bankStatements.first)
        let euro = try #require(Currency(code: "EUR"))
        #expect(statement.ledgerBalance == Money(minorUnits: 96001, currency: euro) && statement.balanceDate?.description == "2026-10-31")
        #expect(statement.start?.description == "2026-10-01" && statement.end?.description == "2026-10-31" && statement.transactions == 4)
    }

    @Test("001.08: no XML declaration, Sts as <Cd>, Pty names, an Othr account id, extra zero decimals, two statements, a value date only")
    func version08() throws {
        let sink = try camt("v08-status-code-no-declaration.xml")
        #expect(sink.bankTransactions.map { "\($0.date) \($0.amount) \($0.bankAccount ?? "-") \($0.description)" } == [
            "2026-11-01 11373.94 CHF CH-7730 Arbeitgeber AG Lohn Oktober",
            "2026-11-03 -5.00 EUR CH-7731 Kontofuehrung",
        ])
        #expect(sink.bankStatements.count == 2)
    }

    @Test("bad camt.053: an unknown version, a missing currency, too many decimals: one line each")
    func bad() {
        #expect(rejection("unknown-version.xml").contains("camt.053.001.14 is not a version this program reads (001.02 to 001.08)"))
        #expect(rejection("missing-currency.xml").contains("Ntry[1]: Amt has no Ccy (its currency)"))
        #expect(rejection("amount-extra-decimals.xml").contains("50.005"))
    }

    @Test("a reversed payment is never counted as paid")
    func reversal() throws {
        let sink = try camt("v02-batch-reversal-pending.xml")
        let account = Account(id: "4471", provider: "Telekom Deutschland")
        let bank = sink.bankTransactions.enumerated().map { BankTransaction(id: Int64($0.offset + 1), draft: $0.element) }
        #expect(PaymentMatching.role(of: bank[1].draft, for: account) == .reversal)
        #expect(PaymentMatching.reversedPayments(of: account, bank: bank) == [1])
        #expect(PaymentMatching.payments(of: account, bank: bank, events: [], window: 5).isEmpty)
    }

    @Test("recognised by its namespace")
    func detection() throws {
        #expect(try FormatDetector().detect(fixture("camt053/v08-status-code-no-declaration.xml")).0 == .camt053)
    }
}
