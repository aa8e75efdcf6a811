/// Reads amounts as providers and banks print them, into exact ``Money``.
///
/// Accepted forms: `12.34`, `-12.34`, `+12.34`, `$1,234.56`, `(12.34)` (negative),
/// `12.34-`, `12.34 CR` (credit, negative), `12.34 DR`, `1.234,56` (decimal comma); a currency symbol
/// before or after (`$ € £ ¥ ￥ 元 円 ₩ ₹`, `US$`, `CN¥`) is taken off.
/// More decimals than the currency has are an error unless they are zeros: nothing is rounded.
public struct AmountParser: Sendable {
    /// The decimal mark: `.` or `,`; nil sniffs it from each amount (the last of `.` and `,`
    /// when both occur, a `,` followed by one or two digits at the end, else `.`).
    public var decimalMark: Character?

    public init(decimalMark: Character? = ".") {
        self.decimalMark = decimalMark
    }

    /// Parses `text` as an amount in `currency`.
    public func parse(_ text: some StringProtocol, currency: Currency) throws(MoneyError) -> Money {
        if decimalMark != ",", let plain = Self.plainDecimal(text.utf8, exponent: currency.exponent) {
            return Money(minorUnits: plain, currency: currency)
        }
        return try parseFully(text, currency: currency)
    }

    /// ``parse(_:currency:)`` without the shortcut for plain decimals.
    func parseFully(_ text: some StringProtocol, currency: Currency) throws(MoneyError) -> Money {
        let original = String(text)
        var bytes = Array(original.utf8)
        // Trim ASCII spaces and tabs and no-break spaces (C2 A0 in UTF-8: the pair, never one of its
        // bytes alone, which begins or ends other characters such as ¥, C2 A5).
        while true {
            if let first = bytes.first, first == 0x20 || first == 0x09 {
                bytes.removeFirst()
            } else if bytes.starts(with: [0xC2, 0xA0]) {
                bytes.removeFirst(2)
            } else {
                break
            }
        }
        while true {
            if let last = bytes.last, last == 0x20 || last == 0x09 {
                bytes.removeLast()
            } else if bytes.count >= 2, bytes[bytes.count - 2] == 0xC2, bytes[bytes.count - 1] == 0xA0 {
                bytes.removeLast(2)
            } else {
                break
            }
        }
        guard !bytes.isEmpty else { throw .notANumber(original) }

        var negative = false
        var signSeen = false
        func setNegative(_ value: Bool) throws(MoneyError) {
            guard !signSeen else { throw .notANumber(original) }
            signSeen = true
            negative = value
        }

        // Suffixes: CR / DR (any case), trailing minus.
        if bytes.count >= 2 {
            let tail = (bytes[bytes.count - 2] | 0x20, bytes[bytes.count - 1] | 0x20)
            if tail == (0x63, 0x72) || tail == (0x64, 0x72) {  // "cr" or "dr"
                try setNegative(tail.0 == 0x63)
                bytes.removeLast(2)
                while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
            }
        }
        if bytes.last == 0x2D {  // 12.34-
            try setNegative(true)
            bytes.removeLast()
        }
        if bytes.first == 0x28 {  // (12.34)
            guard bytes.last == 0x29 else { throw .notANumber(original) }
            try setNegative(true)
            bytes.removeFirst()
            bytes.removeLast()
        }
        if let first = bytes.first, first == 0x2D || first == 0x2B {
            try setNegative(first == 0x2D)
            bytes.removeFirst()
        }
        bytes = Self.removingCurrencySymbol(bytes)
        if let first = bytes.first, first == 0x2D || first == 0x2B {  // $-12.34
            try setNegative(first == 0x2D)
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { throw .notANumber(original) }

        let mark = decimalMark.map { UInt8(ascii: $0 == "," ? "," : ".") } ?? Self.sniffMark(bytes)
        var integer: Int64 = 0
        var fraction: [UInt8] = []
        var inFraction = false
        var digitsSeen = false
        var grouping = DigitGrouping()
        for byte in bytes {
            switch byte {
            case 0x30...0x39:
                digitsSeen = true
                if !inFraction { grouping.digit() }
                if inFraction {
                    fraction.append(byte - 0x30)
                } else {
                    let (times, overflow1) = integer.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 0x30))
                    guard !overflow1, !overflow2 else { throw .outOfRange(original) }
                    integer = sum
                }
            case mark:
                guard !inFraction, grouping.isComplete else { throw .notANumber(original) }
                inFraction = true
            case 0x2C, 0x2E, 0x27, 0x20:  // thousands separators: , . ' space
                guard !inFraction, grouping.separator(byte) else { throw .notANumber(original) }
            default:
                throw .notANumber(original)
            }
        }
        guard digitsSeen, inFraction || grouping.isComplete else { throw .notANumber(original) }

        let exponent = currency.exponent
        while fraction.count > exponent, fraction.last == 0 { fraction.removeLast() }
        guard fraction.count <= exponent else { throw .tooManyDecimals(original, currency) }
        var minor = integer
        for index in 0..<exponent {
            let digit = index < fraction.count ? Int64(fraction[index]) : 0
            let (times, overflow1) = minor.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw .outOfRange(original) }
            minor = sum
        }
        // Ten billion in the currency's minor units is no bill line; the bound keeps any sum of
        // a ledger's lines far from overflowing.
        guard minor <= AmountParser.largestMinorUnits else { throw .outOfRange(original) }
        return Money(minorUnits: negative ? -minor : minor, currency: currency)
    }

    /// The largest amount accepted, in minor units (1,000,000,000,000: ten billion dollars).
    static let largestMinorUnits: Int64 = 1_000_000_000_000

    private static func removingCurrencySymbol(_ bytes: [UInt8]) -> [UInt8] {
        // The currency itself comes from the mapping or the file: a symbol is only taken off.
        let symbols: [[UInt8]] = ["US$", "CN¥", "$", "€", "£", "¥", "￥", "元", "円", "₩", "₹"].map { Array($0.utf8) }
        var result = bytes
        for symbol in symbols {
            if result.starts(with: symbol) {
                result.removeFirst(symbol.count)
                break
            }
            if result.count > symbol.count, Array(result.suffix(symbol.count)) == symbol {
                result.removeLast(symbol.count)
                break
            }
        }
        while result.first == 0x20 { result.removeFirst() }
        while result.last == 0x20 { result.removeLast() }
        return result
    }

    private static func sniffMark(_ bytes: [UInt8]) -> UInt8 {
        let lastDot = bytes.lastIndex(of: 0x2E)
        let lastComma = bytes.lastIndex(of: 0x2C)
        switch (lastDot, lastComma) {
        case let (dot?, comma?):
            return dot > comma ? 0x2E : 0x2C
        case (nil, let comma?):
            let digitsAfter = bytes.count - comma - 1
            return digitsAfter == 1 || digitsAfter == 2 ? 0x2C : 0x2E
        default:
            return 0x2E
        }
    }
}

/// Where thousands separators may stand in an amount's integer part: one kind of separator,
/// a first group of 1 to 3 digits, then groups of 3 (`1,234,567`) or, the Indian way, of 2 with
/// a last group of 3 (`12,34,567`). `1,2,3` and `5 5` are not amounts.
private struct DigitGrouping {
    private var kind: UInt8?
    private var run = 0
    private var groups: [Int] = []

    mutating func digit() { run += 1 }

    /// Takes a separator; false when it cannot stand here.
    mutating func separator(_ byte: UInt8) -> Bool {
        guard run > 0, kind == nil || kind == byte else { return false }
        if groups.isEmpty {
            guard run <= 3 else { return false }
        } else {
            guard run == 2 || run == 3 else { return false }
            if groups.count >= 2, groups.last != run { return false }
        }
        kind = byte
        groups.append(run)
        run = 0
        return true
    }

    /// Whether the integer part may end here.
    var isComplete: Bool {
        kind == nil || run == 3
    }
}

extension AmountParser {
    /// The minor units of `-123.45` or `123` (nothing else: no sign but a leading minus, no
    /// separators, at most `exponent` decimals, at most 15 digits before the point), the form
    /// exports write amounts in; nil for anything else, which the full reader handles.
    static func plainDecimal(_ utf8: some Collection<UInt8>, exponent: Int) -> Int64? {
        var units: Int64 = 0
        var negative = false
        var whole = 0
        var decimals = -1  // -1 before the point
        for (offset, byte) in utf8.enumerated() {
            switch byte {
            case 0x2D where offset == 0:
                negative = true
            case 0x30...0x39:
                if decimals >= 0 {
                    decimals += 1
                    guard decimals <= exponent else { return nil }
                } else {
                    whole += 1
                    guard whole <= 15 else { return nil }
                }
                units = units * 10 + Int64(byte - 0x30)
            case 0x2E where decimals < 0 && whole > 0:
                decimals = 0
            default:
                return nil
            }
        }
        guard whole > 0, decimals != 0 else { return nil }
        for _ in 0..<(exponent - max(decimals, 0)) { units *= 10 }
        return negative ? -units : units
    }
}
