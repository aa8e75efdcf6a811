import Foundation
import Testing

/// Bank and card downloads (OFX and QFX) beside the bank's CSV, and `evidence bank`.
@Suite("bank and card records")
struct BankCLITests {
    @Test("the bank's QFX repeats its CSV's payments: one record each; bank --payments says which ledger payment credits each")
    func qfxBesideCSV() throws {
        let cli = try CLI()
        try cli.run("init")
        let mapping = CLI.sampleData.appendingPathComponent("mappings/nimbus-web-export.yaml").path
        try cli.run("import", "--mapping", mapping, CLI.sampleData.appendingPathComponent("bills").path)
        let bank = CLI.sampleData.appendingPathComponent("bank")
        try cli.run(
            "import", "--mapping", CLI.sampleData.appendingPathComponent("mappings/first-lakes-bank.yaml").path,
            bank.appendingPathComponent("first-lakes-checking-2026.csv").path)
        let qfx = try cli.run("import", bank.appendingPathComponent("first-lakes-checking-2026.qfx").path)
        #expect(qfx.status == 0)
        #expect(qfx.output.contains("[ofx] 23 already stored; statement of checking account 4417003388, 2026-06-01 to 2026-11-24"))
        let card = try cli.run("import", bank.appendingPathComponent("lakeshore-visa-2026-11.ofx").path)
        #expect(card.output.contains("[ofx] 6 bank transactions; statement of creditcard account 4815XXXXXXXX2291"))

        let header = try cli.run("bank", "--payments", "--format", "csv").output.split(separator: "\n").first
        #expect(header == "id,date,bank account,type,description,amount,is,credited by,source")
        let json = try cli.run("bank", "--payments", "--format", "json").output
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let rows = records.map { record in
            let credit = record["creditedBy"] as? [String: Any]
            let statement = credit?["statement"] as? String ?? (record["awaitingStatement"] as? Bool == true ? "awaiting" : "none")
            return "\(record["date"] ?? "") \(record["amount"] ?? "") \(record["role"] ?? "") \(statement)"
        }
        #expect(rows == [
            "2026-06-18 -78.69 payment NM-4471-2026-07",
            "2026-07-19 -123.68 payment NM-4471-2026-08",
            "2026-08-20 -157.68 payment NM-4471-2026-09",
            "2026-09-19 -102.68 payment none",
            "2026-11-28 -288.04 payment awaiting",
        ])
        let table = try cli.run("bank", "--payments").output
        #expect(table.contains("not credited") && table.contains("no statement since"))
        let all = try cli.run("bank", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json").output
        #expect(all.contains(#""bankId": "LSV2026112806""#) && all.contains(#""type": "DEBIT""#))
        #expect(!all.contains("2026-10-18"))

        // The rule sees the same: the September payment is not credited, and counted once.
        let flags = try cli.run("flags", "--rule", "payment.not-credited", "--as-of", "2026-11-25", "--format", "csv").output
        #expect(flags.split(separator: "\n").count == 2 && flags.contains("102.68"))
    }

    @Test("a mapping is kept in the store only once a file was read with it")
    func mappingKeptAfterUse() throws {
        let cli = try CLI()
        try cli.run("init")
        let mapping = CLI.sampleData.appendingPathComponent("mappings/alipay-web.yaml").path
        let wrong = try cli.run("import", "--mapping", mapping, CLI.fixtures.appendingPathComponent("mapped-csv/us-card-debit-credit.csv").path)
        #expect(wrong.status == 1 && !wrong.output.contains("Saved the mapping"))
        let mappings = cli.folder.appendingPathComponent(".evidence/mappings")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: mappings.path)) ?? []).isEmpty)
        let right = try cli.run("import", "--mapping", mapping, CLI.fixtures.appendingPathComponent("mapped-csv/alipay-web-gb18030.csv").path)
        #expect(right.status == 0 && right.output.contains("Saved the mapping"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: mappings.path) == ["alipay-web.yaml"])
    }

    @Test("formats lists ofx and how it is recognised")
    func formats() throws {
        let text = try CLI().run("formats").output
        #expect(text.contains("ofx") && text.contains("OFXHEADER"))
    }
}
