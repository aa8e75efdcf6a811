import Foundation
import Testing

@testable import EvidenceKit

@Suite("Excel workbooks (mapped-xlsx)")
struct XLSXTests {
    private static let mappings = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData/mappings")

    private func read(_ file: String, mapping: URL) throws -> [String] {
        let sink = try parse(fixture("xlsx/\(file)"), with: MappedXLSXParser(), mapping: try CSVMapping.load(from: mapping))
        return sink.bankTransactions.map { "\($0.date) \($0.amount) \($0.description) (\($0.provenance.locator))" }
    }

    private func rejection(_ file: String, mapping: URL) throws -> String {
        EvidenceKitTests.rejection(fixture("xlsx/\(file)"), with: MappedXLSXParser(), mapping: try CSVMapping.load(from: mapping))
    }

    @Test("a card's workbook: shared strings, numbers, dates as serial numbers, through the same mapping as its CSV")
    func serialDates() throws {
        #expect(try read("card-serial-dates.xlsx", mapping: Self.mappings.appendingPathComponent("us-card-debit-credit.yaml")) == [
            "2026-11-03 412.55 USD PAYMENT THANK YOU (sheet Transactions, row 2)",
            "2026-11-09 -63.18 USD TARGET 00028514 CHICAGO IL (sheet Transactions, row 3)",
            "2026-11-28 -288.04 USD NIMBUS MOBILE NIM-4471 (sheet Transactions, row 4)",
        ])
    }

    @Test("the 1904 date system, inline strings, the sheet the mapping names")
    func dates1904() throws {
        #expect(try read("bank-1904-inline-second-sheet.xlsx", mapping: fixture("xlsx/bank-activity.yaml")) == [
            "2026-11-05 -102.68 USD NIMBUS MOBILE BILLPAY NIM-4471 (sheet Activity, row 2)",
        ])
    }

    @Test("a WeChat Pay bill as a workbook reads with the same mapping as its CSV")
    func wechat() throws {
        #expect(try read("wechat-pay-bill.xlsx", mapping: Self.mappings.appendingPathComponent("wechat-pay-bill.yaml")) == [
            "2026-10-03 -100.00 CNY 中国移动 (sheet 微信支付账单, row 18)", "2026-10-20 50.00 CNY 中国移动 (sheet 微信支付账单, row 19)",
        ])
    }

    @Test("bad workbooks: a formula never saved, a column past XFD, a zip bomb, no such sheet: one line each")
    func bad() throws {
        let card = Self.mappings.appendingPathComponent("us-card-debit-credit.yaml")
        let activity = fixture("xlsx/bank-activity.yaml")
        let first = fixture("xlsx/first-sheet.yaml")
        #expect(try rejection("formula-without-value.xlsx", mapping: first).contains("sheet Sheet1, cell C2: a formula without a saved value"))
        #expect(try rejection("column-past-xfd.xlsx", mapping: first).contains("column beyond 16384 (XFD)"))
        #expect(try rejection("zip-bomb.xlsx", mapping: card).contains("a zip bomb"))
        #expect(try rejection("card-serial-dates.xlsx", mapping: activity).contains("the workbook has no sheet \"Activity\" (it has Transactions)"))
        #expect(try rejection("../ofx/truncated.qfx", mapping: card).contains("not a readable Excel workbook"))
    }

    @Test("serial numbers: the 1900 system's day 60 does not exist, day 61 is 1 March 1900; 1904 counts from 1 January 1904")
    func serials() {
        #expect(XLSXSheetReader.serialDate("1", uses1904: false)?.description == "1900-01-01")
        #expect(XLSXSheetReader.serialDate("60", uses1904: false) == nil)
        #expect(XLSXSheetReader.serialDate("61", uses1904: false)?.description == "1900-03-01")
        #expect(XLSXSheetReader.serialDate("46329.75", uses1904: false)?.description == "2026-11-03")
        #expect(XLSXSheetReader.serialDate("0", uses1904: true) == nil && XLSXSheetReader.serialDate("1", uses1904: true)?.description == "1904-01-02")
        #expect(XLSXSheetReader.serialDate("abc", uses1904: false) == nil)
    }

    @Test("recognised as a workbook with a mapping; without one, the line says to give it")
    func detection() throws {
        let mapping = try CSVMapping.load(from: Self.mappings.appendingPathComponent("us-card-debit-credit.yaml"))
        #expect(try FormatDetector(explicitMapping: mapping).detect(fixture("xlsx/card-serial-dates.xlsx")).0 == .mappedXLSX)
        #expect(try FormatDetector(savedMappings: [mapping]).detect(fixture("xlsx/card-serial-dates.xlsx")).0 == .mappedXLSX)
        do {
            _ = try FormatDetector().detect(fixture("xlsx/card-serial-dates.xlsx"))
            Issue.record("detected without a mapping")
        } catch {
            #expect("\(error)".contains("give its mapping with --mapping FILE"))
        }
    }

    @Test("mapping suggest on a workbook drafts from its first sheet: sheet named, no encoding or delimiter, and the draft reads it")
    func suggestWorkbook() throws {
        let draft = try MappingSuggester().suggest(for: fixture("xlsx/wechat-pay-bill.xlsx"))
        #expect(draft.contains("# Draft mapping for wechat-pay-bill.xlsx"))
        #expect(draft.contains("sheet: \"微信支付账单\""))
        #expect(!draft.contains("encoding:") && !draft.contains("delimiter:"))
        #expect(try read("wechat-pay-bill.xlsx", mapping: try temporaryFile("draft.yaml", draft)) == [
            "2026-10-03 -100.00 CNY 中国移动 (sheet 微信支付账单, row 18)", "2026-10-20 50.00 CNY 中国移动 (sheet 微信支付账单, row 19)",
        ], "\(draft)")
    }
}
