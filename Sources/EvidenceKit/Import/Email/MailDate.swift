/// Parses the Date header of an email in its RFC 5322 forms, obsolete ones included:
/// `Tue, 1 Sep 2026 09:15:00 -0500 (CDT)`, `1 Sep 2026 09:15 +0000`, `Tue, 01 Sep 26 09:15:00 EST`.
enum MailDate {
    /// The instant; a ``RecordError`` saying which part of the text is not a date when it is none.
    static func instant(_ text: String) throws(RecordError) -> Instant {
        var cleaned = ""
        var depth = 0
        for character in text {  // comments in parentheses are not part of the date
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            else if depth == 0 { cleaned.append(character == "," ? " " : character) }
        }
        var tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = tokens.first, first.first?.isLetter == true { tokens.removeFirst() }  // the day name
        guard tokens.count >= 4, let day = Int(tokens[0]), let month = month(tokens[1]), var year = Int(tokens[2]) else {
            throw RecordError("it has no day, month, year and time")
        }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw RecordError("day \(day) of month \(month) of year \(year) does not exist")
        }
        let clock = tokens[3].split(separator: ":").map { Int($0) }
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0 != nil }),
            let hour = clock[0], let minute = clock[1], (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(clock.count == 3 ? clock[2] ?? 0 : 0)
        else { throw RecordError("\(tokens[3].visible) is not a time of day") }
        let second = clock.count == 3 ? clock[2] ?? 0 : 0
        let offsetMinutes = tokens.count > 4 ? try zone(tokens[4]) : 0
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return Instant(millisecondsSinceEpoch: (local - Int64(offsetMinutes) * 60) * 1000)
    }

    /// Minutes east of UTC. A numeric zone is `+hhmm` or `-hhmm` with at most 59 minutes and no
    /// further than 14 hours from UTC, as every zone on Earth is.
    private static func zone(_ text: String) throws(RecordError) -> Int {
        if let sign = text.first, sign == "+" || sign == "-" {
            let digits = text.dropFirst()
            guard digits.count == 4, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(digits) else {
                throw RecordError("zone \(text.visible) is not +hhmm or -hhmm")
            }
            let (hours, minutes) = value.quotientAndRemainder(dividingBy: 100)
            guard hours < 14 || (hours == 14 && minutes == 0) else {
                throw RecordError("zone \(text) is more than 14 hours from UTC")
            }
            guard minutes <= 59 else { throw RecordError("zone \(text) has more than 59 minutes") }
            return sign == "-" ? -(hours * 60 + minutes) : hours * 60 + minutes
        }
        switch text.uppercased() {
        case "UT", "UTC", "GMT", "Z": return 0
        case "EDT": return -4 * 60
        case "EST", "CDT": return -5 * 60
        case "CST", "MDT": return -6 * 60
        case "MST", "PDT": return -7 * 60
        case "PST": return -8 * 60
        default:
            // RFC 5322 4.3: military zones and unknown names are read as "-0000", an unknown offset.
            guard text.allSatisfy(\.isLetter) else { throw RecordError("zone \(text.visible) is not a time zone") }
            return 0
        }
    }

    /// `1` for `Jan` (or `January`), case-insensitive.
    static func month(_ word: String) -> Int? {
        months[word.prefix(3).lowercased()]
    }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
}
