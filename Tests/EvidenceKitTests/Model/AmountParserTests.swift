import EvidenceKit
import Testing

@Suite("Amounts as printed")
struct AmountParserTests {
    let parser = AmountParser(decimalMark: nil)

    @Test(
        "every form of DOMAIN.md",
        arguments: [
            ("12.34", 1234), ("-12.34", -1234), ("+12.34", 1234), ("$1,234.56", 123_456), ("(12.34)", -1234),
            ("12.34-", -1234), ("12.34 CR", -1234), ("12.34cr", -1234), ("12.34 DR", 1234), ("1.234,56", 123_456),
            ("0,5", 50), ("-$3.00", -300), ("$-3.00", -300), (" 7 ", 700), ("1 234.50", 123_450), ("10.000", 1000),
        ] as [(String, Int64)])
    func parses(text: String, cents: Int64) throws {
        #expect(try parser.parse(text, currency: .usd) == usd(cents))
    }

    @Test("a declared decimal comma", arguments: [("1.234,56", 123_456), ("12,3", 1230), ("-0,99", -99)] as [(String, Int64)])
    func declaredComma(text: String, cents: Int64) throws {
        #expect(try AmountParser(decimalMark: ",").parse(text, currency: .usd) == usd(cents))
    }

    @Test("text that is not an amount", arguments: ["12,3x", "", "abc", "--5", "(12.34", "1.2.3", "$", "12.34 CR-"])
    func rejectsNonNumbers(text: String) {
        #expect(throws: MoneyError.self) { try parser.parse(text, currency: .usd) }
    }

    @Test("more decimals than the currency has is an error, not a rounding")
    func tooManyDecimals() throws {
        #expect(throws: MoneyError.tooManyDecimals("12.345", .usd)) { try parser.parse("12.345", currency: .usd) }
        let yen = try #require(Currency(code: "JPY"))
        #expect(throws: MoneyError.self) { try parser.parse("100.5", currency: yen) }
        #expect(try parser.parse("100", currency: yen).minorUnits == 100)
        let dinar = try #require(Currency(code: "KWD"))
        #expect(try parser.parse("1.234", currency: dinar).minorUnits == 1234)
    }

    @Test("the error says which text is wrong")
    func message() {
        #expect(MoneyError.notANumber("12,3x").description == "amount \"12,3x\" is not a number")
    }

    @Test("amounts print as exact decimals")
    func printing() throws {
        #expect(usd(-123_456).decimalString == "-1234.56")
        #expect(usd(5).decimalString == "0.05")
        #expect(usd(-123_456).formatted == "-$1,234.56")
        #expect(Money(minorUnits: 1500, currency: try #require(Currency(code: "SEK"))).formatted == "SEK 15.00")
        #expect(throws: MoneyError.self) { try usd(1).adding(Money(minorUnits: 1, currency: try #require(Currency(code: "EUR")))) }
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test func parsesAndPrints() throws {
        let date = try #require(CalendarDate(iso: "2026-02-28"))
        #expect(date.description == "2026-02-28")
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "26-01-01") == nil)
    }

    @Test func countsDays() throws {
        let due = try #require(CalendarDate(iso: "2026-09-22"))
        #expect(due.days(until: try #require(CalendarDate(iso: "2026-11-25"))) == 64)
        #expect(try #require(CalendarDate(iso: "1970-01-01")).daysSinceEpoch == 0)
    }

    @Test("date layouts of mapped CSV files")
    func patterns() throws {
        #expect(try DatePattern("MM/dd/yyyy").date(from: "10/05/2026") == CalendarDate(iso: "2026-10-05"))
        #expect(try DatePattern("d.M.yy").date(from: "5.10.26") == CalendarDate(iso: "2026-10-05"))
        #expect(try DatePattern("dd MMM yyyy").date(from: "05 Oct 2026") == CalendarDate(iso: "2026-10-05"))
        #expect(try DatePattern("MM/dd/yyyy").date(from: "2026-10-05") == nil)
        #expect(throws: RecordError.self) { try DatePattern("MM/yyyy") }
    }
}

@Suite("amount grouping")
struct AmountGroupingTests {
    @Test("thousands separators only where they group digits", arguments: [
        ("1,234.56", Int64(123_456)), ("11'373.94", 1_137_394), ("1 234 567.00", 123_456_700), ("12,34,567.00", 1_234_567_00),
        ("1,000", 100_000), ("999", 99_900),
    ])
    func accepted(text: String, cents: Int64) throws {
        #expect(try AmountParser().parse(text, currency: .usd).minorUnits == cents)
    }

    @Test("separators that group nothing are refused", arguments: ["1,2,3", "5 5", "12,34", "1,234,56", "1,234'567", ",123", "1234,567.00"])
    func refused(text: String) {
        #expect(throws: MoneyError.self) { try AmountParser(decimalMark: ".").parse(text, currency: .usd) }
    }
}

@Suite("plain decimals")
struct PlainDecimalTests {
    /// Every text of up to five characters from `-`, `.`, `0`, `5`, `9`: the shortcut for plain
    /// decimals (`-12.34`) must read each exactly as the full reader does (a leading space sends
    /// a text down the full reader, which trims it).
    @Test("the shortcut reads what the full reader reads", arguments: [Currency.usd, Currency(code: "JPY")!, Currency(code: "KWD")!])
    func sameAsFullReader(currency: Currency) {
        var texts = [""]
        for _ in 0..<5 { texts += texts.filter { $0.count == texts.last?.count }.flatMap { text in ["-", ".", "0", "5", "9"].map { text + $0 } } }
        for text in texts.dropFirst() {
            for parser in [AmountParser(decimalMark: "."), AmountParser(decimalMark: nil)] {
                let quick = try? parser.parse(text, currency: currency)
                let full = try? parser.parse(" " + text, currency: currency)
                #expect(quick == full, "\"\(text)\" in \(currency.code)")
            }
        }
    }
}
