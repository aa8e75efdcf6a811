/// An amount of money: an integer count of minor units (cents) in one currency.
///
/// Never a binary floating-point number. Amounts of different currencies are
/// never added: `+` on two currencies is a programming error caught by
/// ``adding(_:)``, which throws instead.
public struct Money: Hashable, Sendable, Comparable, Codable {
    /// The count of minor units: cents for USD. Positive increases what the customer owes.
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    public var isNegative: Bool { minorUnits < 0 }
    public var isPositive: Bool { minorUnits > 0 }

    public static prefix func - (value: Money) -> Money {
        Money(minorUnits: -value.minorUnits, currency: value.currency)
    }

    /// The sum of two amounts of one currency; throws when the currencies differ.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else {
            throw MoneyError.currencyMismatch(currency, other.currency)
        }
        return Money(minorUnits: minorUnits + other.minorUnits, currency: currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        (lhs.currency.code, lhs.minorUnits) < (rhs.currency.code, rhs.minorUnits)
    }

    /// The amount as a plain decimal string in the currency's exponent: `-1234.50`.
    ///
    /// This is the form of JSON output and of amounts in CSV output.
    public var decimalString: String {
        let exponent = currency.exponent
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard exponent > 0 else { return sign + String(magnitude) }
        var divisor: UInt64 = 1
        for _ in 0..<exponent { divisor *= 10 }
        let whole = magnitude / divisor
        var fraction = String(magnitude % divisor)
        while fraction.count < exponent { fraction = "0" + fraction }
        return "\(sign)\(whole).\(fraction)"
    }

    /// The amount for people: `$1,234.50`, `-$12.00`, `EUR 3.00` for currencies without a symbol.
    public var formatted: String {
        let plain = Money(minorUnits: Int64(minorUnits.magnitude), currency: currency).decimalString
        let parts = plain.split(separator: ".", maxSplits: 1)
        var grouped = ""
        for (index, character) in parts[0].reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        var text = String(grouped.reversed())
        if parts.count > 1 { text += "." + parts[1] }
        let sign = minorUnits < 0 ? "-" : ""
        if let symbol = currency.symbol { return sign + symbol + text }
        return "\(sign)\(currency.code) \(text)"
    }
}

extension Money: CustomStringConvertible {
    public var description: String { "\(decimalString) \(currency.code)" }
}

/// A failure of money arithmetic or parsing.
public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    case currencyMismatch(Currency, Currency)
    case notANumber(String)
    case tooManyDecimals(String, Currency)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .currencyMismatch(let a, let b):
            return "amounts in \(a.code) and \(b.code) cannot be added"
        case .notANumber(let text):
            return "amount \"\(text)\" is not a number"
        case .tooManyDecimals(let text, let currency):
            return "amount \"\(text)\" has more decimals than \(currency.code) allows (\(currency.exponent))"
        case .outOfRange(let text):
            return "amount \"\(text)\" is too large"
        }
    }
}
