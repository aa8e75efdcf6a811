/// A date layout such as `MM/dd/yyyy` or `d.M.yy`, for reading dates of mapped CSV files.
///
/// Tokens: `yyyy` (four-digit year), `yy` (2000 + two digits), `MM`/`M` (month, with or without
/// a leading zero), `dd`/`d` (day), `MMM` (month name, English, three letters or full), and a
/// time after the date that is checked and then left out: `HH`/`H` (hour), `mm` (minute), `ss`
/// (second). Any other character must appear as it is.
public struct DatePattern: Sendable, Equatable, CustomStringConvertible {
    enum Token: Equatable {
        case year4, year2, month, monthName, day
        /// A part of the time of day, with its largest value.
        case clock(Int)
        case literal(Character)
    }

    public let description: String
    let tokens: [Token]

    public init(_ format: String) throws(RecordError) {
        description = format
        var tokens: [Token] = []
        var characters = Substring(format)
        func take(_ prefix: String) -> Bool {
            guard characters.hasPrefix(prefix) else { return false }
            characters = characters.dropFirst(prefix.count)
            return true
        }
        while let first = characters.first {
            if take("yyyy") {
                tokens.append(.year4)
            } else if take("yy") {
                tokens.append(.year2)
            } else if take("MMM") {
                tokens.append(.monthName)
            } else if take("MM") || take("M") {
                tokens.append(.month)
            } else if take("dd") || take("d") {
                tokens.append(.day)
            } else if take("HH") || take("H") {
                tokens.append(.clock(23))
            } else if take("mm") || take("ss") {
                tokens.append(.clock(59))
            } else {
                tokens.append(.literal(first))
                characters = characters.dropFirst()
            }
        }
        guard tokens.contains(where: { $0 == .year4 || $0 == .year2 }),
            tokens.contains(where: { $0 == .month || $0 == .monthName }), tokens.contains(.day)
        else {
            throw RecordError("dateFormat \"\(format)\" needs a year, a month and a day (yyyy, MM, dd)")
        }
        self.tokens = tokens
    }

    /// The date `text` spells in this layout, or nil.
    public func date(from text: String) -> CalendarDate? {
        var rest = Substring(text.trimmingCharactersInSpaces())
        var year: Int?
        var month: Int?
        var day: Int?
        func digits(max: Int) -> Int? {
            let run = rest.prefix(while: { $0.isASCII && $0.isNumber }).prefix(max)
            guard !run.isEmpty, let value = Int(run) else { return nil }
            rest = rest.dropFirst(run.count)
            return value
        }
        for token in tokens {
            switch token {
            case .year4:
                guard rest.prefix(4).count == 4, let value = digits(max: 4), value >= 1000 else { return nil }
                year = value
            case .year2:
                guard let value = digits(max: 2) else { return nil }
                year = 2000 + value
            case .month:
                month = digits(max: 2)
            case .day:
                day = digits(max: 2)
            case .clock(let largest):
                guard let value = digits(max: 2), value <= largest else { return nil }
            case .monthName:
                let letters = rest.prefix(while: { $0.isLetter })
                guard let index = Self.monthNames.firstIndex(where: {
                    letters.lowercased() == $0 || letters.lowercased() == $0.prefix(3)
                }) else { return nil }
                month = index + 1
                rest = rest.dropFirst(letters.count)
            case .literal(let character):
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
            }
        }
        guard rest.isEmpty, let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// `date` written in this layout (a time of day as midnight), for dates a sheet stores as numbers.
    public func text(for date: CalendarDate) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        var text = ""
        for token in tokens {
            switch token {
            case .year4: text += String(date.year)
            case .year2: text += pad(date.year % 100)
            case .month: text += pad(date.month)
            case .day: text += pad(date.day)
            case .monthName: text += Self.monthNames[date.month - 1].prefix(3).capitalized
            case .clock: text += "00"
            case .literal(let character): text.append(character)
            }
        }
        return text
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
}

extension String {
    func trimmingCharactersInSpaces() -> Substring {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
