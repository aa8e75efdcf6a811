import Foundation
import Testing

@testable import EvidenceKit

@Suite("OFX and QFX")
struct OFXTests {
    private func ofx(_ name: String) throws -> CollectingSink {
        try parse(fixture("ofx/\(name)"), with: OFXParser(), account: "NIM-4471")
    }

    private func rejection(_ name: String) -> String {
        EvidenceKitTests.rejection(fixture("ofx/\(name)"), with: OFXParser(), account: "NIM-4471")
    }

    @Test("OFX 1.x: blank lines before the header, optional closing tags, mixed case, unknown tags, empty values, a bare &")
    func sgml() throws {
        let sink = try ofx("sgml-optional-closing-tags.qfx")
        let lines = sink.bankTransactions.map { "\($0.date) \($0.amount.minorUnits) \($0.transactionType ?? "-") \($0.bankId ?? "-") \($0.description)" }
        #expect(lines == [
            "2009-03-05 150000 CREDIT 90305001 PAYROLL",
            "2009-04-01 -7869 DEBIT 90401002 AT&T MOBILITY ONLINE PMT",
            "2009-03-20 -2500 CHECK 90320003 CHECK 1042",
            "2009-03-21 -450 POS 90321004 CAFÉ LUMIÈRE Café au lait",
        ])
        #expect(sink.bankTransactions.allSatisfy { $0.bankAccount == "0000123456" && $0.account == "NIM-4471" })
        #expect(sink.bankTransactions[1].provenance.locator
            == "/OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[2], line 19")
        let statement = try #require(sink.bankStatements.first)
        #expect(statement.accountType == "CHECKING" && statement.transactions == 4)
        #expect(statement.ledgerBalance == Money(minorUnits: 139181, currency: .usd))
        #expect(statement.balanceDate?.description == "2009-04-01" && statement.start?.description == "2009-03-01")
    }

    @Test("OFX 2.x: XML, CDATA, entities, self-closed elements, a transaction in another currency, a bank and a card statement in one file")
    func xml() throws {
        let sink = try ofx("xml-ofx2-card-and-bank.ofx")
        let lines = sink.bankTransactions.map { "\($0.date) \($0.amount) \($0.bankAccount ?? "-") \($0.description)" }
        #expect(lines == [
            "2026-10-02 -39.99 EUR DE89370400440532013000 Telekom Deutschland GmbH Rechnung 2026/10 <Kd-Nr 4471> & Co",
            "2026-10-05 12.00 USD DE89370400440532013000 Refund & credit",
            "2026-10-11 -65.00 USD 4111XXXXXXXX1111 NIMBUS MOBILE NIM-4471",
        ])
        #expect(sink.bankStatements.map { "\($0.accountType ?? "-") \($0.currency.code) \($0.transactions)" } == [
            "CHECKING EUR 2", "CREDITCARD USD 1",
        ])
        #expect(sink.bankTransactions[2].provenance.locator.hasPrefix("/OFX/CREDITCARDMSGSRSV1/CCSTMTTRNRS/CCSTMTRS/BANKTRANLIST/STMTTRN[1]"))
    }

    @Test("Jordan's QFX and card statement in SampleData read as the bank printed them")
    func sampleData() throws {
        let sampleData = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData/bank")
        let checking = try parse(sampleData.appendingPathComponent("first-lakes-checking-2026.qfx"), with: OFXParser())
        let nimbus = checking.bankTransactions.filter { $0.description.contains("NIMBUS") }
        #expect(nimbus.map { "\($0.date) \($0.amount.minorUnits)" } == [
            "2026-06-18 -7869", "2026-07-19 -12368", "2026-08-20 -15768", "2026-09-19 -10268",
        ])
        #expect(nimbus.allSatisfy { $0.description == "NIMBUS MOBILE BILLPAY NIM-4471 WEB PMT" })
        let card = try parse(sampleData.appendingPathComponent("lakeshore-visa-2026-11.ofx"), with: OFXParser())
        #expect(card.bankStatements.first?.ledgerBalance?.minorUnits == -42340)
        #expect(card.bankTransactions.last?.amount.minorUnits == -28804)
    }

    @Test("bad OFX: one clear line each")
    func bad() {
        #expect(rejection("truncated.qfx").contains("it is cut short"))
        #expect(rejection("body-not-ofx.qfx").contains("the first element is <HTML>, not <OFX>"))
        #expect(rejection("ofx2-with-doctype.ofx").contains("line 3: <!DOCTYPE…: a DOCTYPE or entity declaration is not allowed"))
        #expect(rejection("amount-too-many-decimals.qfx").contains("-78.695"))
        #expect(rejection("date-not-ofx.qfx").contains(#"DTPOSTED "2026-06-18" is not an OFX date"#))
        #expect(rejection("utf8-declared-latin1-bytes.qfx").contains("not UTF-8"))
    }

    @Test("OFX is recognised by its header or its root, whatever the file is called")
    func detection() throws {
        let detector = FormatDetector()
        for name in ["sgml-optional-closing-tags.qfx", "xml-ofx2-card-and-bank.ofx", "truncated.qfx"] {
            #expect(try detector.detect(fixture("ofx/\(name)")).0 == .ofx)
        }
        let renamed = try temporaryFile("download.txt", "<OFX><BANKMSGSRSV1></BANKMSGSRSV1></OFX>")
        #expect(try detector.detect(renamed).0 == .ofx)
    }

    @Test("dates: a time, a fraction and a zone are read past; the date stays as the bank wrote it")
    func dates() throws {
        for (text, expected) in [
            ("20260618", "2026-06-18"), ("20260618235959", "2026-06-18"), ("20090401122017.000[-5:EST]", "2009-04-01"),
            ("20261231000000[+9:JST]", "2026-12-31"), ("202606181200", "2026-06-18"),
        ] {
            #expect(try OFXStatementBuilder.date(text, "DTPOSTED", at: "x").description == expected)
        }
        for text in ["2026061", "20261318", "20260618X", "20260618120000.[", "20260230", "20260618126000"] {
            #expect(throws: RecordError.self) { try OFXStatementBuilder.date(text, "DTPOSTED", at: "x") }
        }
    }
}
