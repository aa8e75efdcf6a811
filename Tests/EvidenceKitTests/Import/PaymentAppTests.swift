import Foundation
import Testing

@testable import EvidenceKit

/// Payment apps' and cards' exports through the mappings shipped in SampleData/mappings.
@Suite("payment apps, cards and their encodings")
struct PaymentAppTests {
    private static let mappings = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData/mappings")

    private func read(_ file: String, mapping: URL) throws -> [String] {
        let sink = try parse(fixture("mapped-csv/\(file)"), with: MappedCSVParser(), mapping: try CSVMapping.load(from: mapping))
        return sink.bankTransactions.map { "\($0.date) \($0.amount) \($0.description) (\($0.provenance.locator))" }
    }

    @Test("Alipay's web export: GB18030, a preamble, padded fields, 收/支 as the sign, 不计收支 skipped, the summary left out")
    func alipay() throws {
        #expect(try read("alipay-web-gb18030.csv", mapping: Self.mappings.appendingPathComponent("alipay-web.yaml")) == [
            "2026-10-03 -100.00 CNY 中国移动通信 (line 6)", "2026-10-20 50.00 CNY 中国移动通信 (line 8)",
        ])
    }

    @Test("a WeChat Pay bill: a byte-order mark, blank lines in the preamble, ¥ amounts")
    func wechat() throws {
        #expect(try read("wechat-pay-bill.csv", mapping: Self.mappings.appendingPathComponent("wechat-pay-bill.yaml")) == [
            "2026-10-03 -100.00 CNY 中国移动 (line 18)", "2026-10-20 50.00 CNY 中国移动 (line 19)",
        ])
    }

    @Test("a US card's separate Debit and Credit columns: a purchase is money out, a payment to the card money in")
    func usCard() throws {
        #expect(try read("us-card-debit-credit.csv", mapping: Self.mappings.appendingPathComponent("us-card-debit-credit.yaml")) == [
            "2026-11-03 412.55 USD PAYMENT THANK YOU (line 2)", "2026-11-09 -63.18 USD TARGET 00028514 CHICAGO IL (line 3)",
            "2026-11-28 -288.04 USD NIMBUS MOBILE NIM-4471 (line 4)",
        ])
    }

    @Test("Shift_JIS (code page 932), full-width letters included")
    func shiftJIS() throws {
        #expect(try read("jp-card-shift-jis.csv", mapping: fixture("mapped-csv/jp-card-shift-jis.yaml")) == [
            "2026-10-05 -8800 JPY ドコモ携帯電話料金 (line 2)", "2026-10-12 -3210 JPY ＡＭＡＺＯＮ．ＣＯ．ＪＰ (line 3)",
        ])
    }

    @Test("a GB18030 file read as UTF-8 says so; a byte that is no GB18030 is named with its place")
    func wrongEncoding() throws {
        var text = try String(contentsOf: Self.mappings.appendingPathComponent("alipay-web.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "encoding: gb18030", with: "encoding: utf-8")
        let declaredUTF8 = try CSVMapping.load(from: try temporaryFile("alipay-utf8.yaml", text))
        #expect(throws: RecordError.self) {
            try parse(fixture("mapped-csv/alipay-web-gb18030.csv"), with: MappedCSVParser(), mapping: declaredUTF8)
        }
        let broken = TranscodingByteSource(MemoryByteSource([0x41, 0x42, 0xFF, 0xFF, 0xFF, 0x43]), encoding: .gb18030)
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(throws: RecordError.self) { _ = try broken.read(into: &buffer) }
        do {
            _ = try TranscodingByteSource(MemoryByteSource([0x41, 0xFF, 0xFF]), encoding: .gb18030).read(into: &buffer)
        } catch {
            #expect("\(error)".contains("0xFF at byte 2 is not GB18030 text"))
        }
    }

    @Test("characters cut between two reads are joined: GB18030 (four-byte ones too) and Shift_JIS read a byte at a time")
    func chunks() throws {
        let samples: [(TextEncoding, [UInt8], String)] = [
            (.gb18030, [187, 176, 183, 209, 32, 149, 50, 130, 54, 32, 99, 97, 102, 168, 166], "话费 𠀀 café"),
            (.shiftJIS, [131, 104, 131, 82, 131, 130, 32, 130, 96, 130, 97], "ドコモ ＡＢ"),
        ]
        for (encoding, bytes, text) in samples {
            let source = TranscodingByteSource(MemoryByteSource(bytes, chunk: 1), encoding: encoding)
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 7)
            while case let count = try source.read(into: &buffer), count > 0 { output += buffer[0..<count] }
            #expect(String(decoding: output, as: UTF8.self) == text)
            #expect(encoding.decode(bytes) == text)
        }
        let cut = TranscodingByteSource(MemoryByteSource([187, 176, 183]), encoding: .gb18030)
        var buffer = [UInt8](repeating: 0, count: 64)
        _ = try cut.read(into: &buffer)
        #expect(throws: RecordError.self) { _ = try cut.read(into: &buffer) }
    }

    @Test("sign in-out: a word that is neither money out nor in is a clear line; the mapping must list both")
    func inOut() throws {
        let mapping = try CSVMapping.load(from: try temporaryFile("m.yaml", """
            name: t
            target: bank
            dateFormat: yyyy-MM-dd HH:mm
            currency: CNY
            sign: in-out
            moneyOut: [支出]
            moneyIn: [收入]
            columns: {date: 时间, description: 对方, amount: 金额, inOut: 收/支}
            """))
        let file = try temporaryFile("t.csv", "时间,对方,金额,收/支\n2026-10-03 12:01,中国移动,100.00,支出\n2026-10-04 09:00,余额宝,5.00,其他\n")
        do {
            _ = try parse(file, with: MappedCSVParser(), mapping: mapping)
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix("line 3: inOut \"其他\" is neither money out (支出) nor in (收入)"))
        }
        #expect(throws: RecordError.self) {
            try CSVMapping.load(from: try temporaryFile("n.yaml", "name: t\ntarget: bank\nsign: in-out\nmoneyOut: [x]\ncolumns: {date: a, description: b, amount: c, inOut: d}\n"))
        }
    }

    @Test("dateFormat reads past a time of day, and checks it")
    func dateWithTime() throws {
        let pattern = try DatePattern("yyyy-MM-dd HH:mm:ss")
        #expect(pattern.date(from: "2026-10-03 12:01:11")?.description == "2026-10-03")
        #expect(pattern.date(from: "2026-10-03 24:01:11") == nil && pattern.date(from: "2026-10-03 12:61:11") == nil)
        #expect(try DatePattern("yyyy/M/d H:mm").date(from: "2026/10/3 9:05")?.description == "2026-10-03")
    }

    @Test("amounts with ¥, ￥, 元 and a no-break space; a lone byte of one is not a space")
    func symbols() throws {
        let parser = AmountParser()
        let yuan = try #require(Currency(code: "CNY"))
        for text in ["¥100.00", "￥100.00", "100.00元", "\u{00A0}¥100.00\u{00A0}", "CN¥100.00"] {
            #expect(try parser.parse(text, currency: yuan).minorUnits == 10000, "\(text)")
        }
        #expect(throws: MoneyError.self) { try parser.parse("\u{00A5}", currency: yuan) }
    }
}
