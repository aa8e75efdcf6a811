import Foundation

/// Turns one row of a provider's call-detail export (a `mapped-csv` with `target: calls`) into a call.
///
/// The row's date and local time are read in the mapping's `timeZone`, else the account's. The
/// direction is the export's own word (through the mapping's `directions`), or a common one:
/// `in`, `incoming`, `inbound`, `received`, `MT`; `out`, `outgoing`, `outbound`, `dialed`, `MO`;
/// `missed`; `voicemail`. The duration is `h:mm:ss`, `mm:ss`, or a number in `durationUnit`.
struct CallRecordReader {
    let mapping: CSVMapping
    let context: ParseContext

    func call(account: String?, locator: String, field: (CSVMapping.Field) -> String?) throws -> CallDraft {
        func required(_ name: CSVMapping.Field) throws -> String {
            guard let text = field(name) else {
                throw RecordError(locator: locator, "\(mapping.columns[name].map { "\($0)" } ?? name.rawValue) is empty")
            }
            return text
        }
        let dateText = try required(.date)
        guard let date = mapping.dateFormat.date(from: dateText) else {
            throw RecordError(locator: locator, "date \"\(dateText)\" does not match dateFormat \(mapping.dateFormat)")
        }
        let timeText = try required(.time)
        guard let (hour, minute, second) = Self.timeOfDay(timeText) else {
            throw RecordError(locator: locator, "time \"\(timeText)\" is not HH:MM, HH:MM:SS or h:mm AM/PM")
        }
        let zone = mapping.timeZone.flatMap(TimeZone.init(identifier:)) ?? context.timeZone
        guard let startedAt = Instant(date: date, hour: hour, minute: minute, second: second, in: zone) else {
            throw RecordError(locator: locator, "\(date) \(timeText) does not exist in \(zone.identifier)")
        }
        let directionText = try required(.direction)
        guard let direction = direction(directionText) else {
            throw RecordError(
                locator: locator,
                "direction \"\(directionText)\" is not known; name it in the mapping's directions (\"\(directionText)\": incoming)")
        }
        let durationText = try required(.duration)
        guard let duration = duration(durationText) else {
            throw RecordError(locator: locator, "duration \"\(durationText)\" is not h:mm:ss, mm:ss or a number of \(mapping.durationUnit.rawValue)")
        }
        return CallDraft(
            account: account, startedAt: startedAt, direction: direction,
            number: try required(.number), durationSeconds: duration, provenance: context.provenance(locator))
    }

    private func direction(_ text: String) -> CallDirection? {
        let word = text.trimmingSpaces.lowercased()
        if let mapped = mapping.directions[word] { return mapped }
        switch word {
        case "in", "incoming", "inbound", "received", "mt", "i": return .incoming
        case "out", "outgoing", "outbound", "dialed", "dialled", "mo", "o": return .outgoing
        default: return CallDirection(rawValue: word)
        }
    }

    /// Seconds of `h:mm:ss`, `mm:ss`, or a plain number in the mapping's unit (minutes may have decimals).
    private func duration(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count > 1 {
            guard parts.count <= 3,
                parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigitCharacter) })
            else { return nil }
            return Self.bounded(parts.reduce(0) { $0 * 60 + (Int($1) ?? 0) })
        }
        switch mapping.durationUnit {
        case .seconds:
            return Int(trimmed).flatMap(Self.bounded)
        case .minutes:
            let pieces = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count), pieces[0].count <= 6, let whole = Int(pieces[0]), whole >= 0 else {
                return nil
            }
            guard pieces.count == 2 else { return Self.bounded(whole * 60) }
            let fraction = pieces[1]
            guard !fraction.isEmpty, fraction.count <= 3, let digits = Int(fraction) else { return nil }
            var scale = 1
            for _ in 0..<fraction.count { scale *= 10 }
            return whole * 60 + (digits * 60 + scale / 2) / scale
        }
    }

    /// A duration a call can have (up to a week), or nil.
    private static func bounded(_ seconds: Int) -> Int? {
        (0...AndroidBackup.longestCallSeconds).contains(seconds) ? seconds : nil
    }

    /// `14:05`, `14:05:30`, `2:05 PM`.
    static func timeOfDay(_ text: String) -> (Int, Int, Int)? {
        var clock = text.trimmingSpaces.uppercased()
        var offset = 0
        var twelveHour = false
        for (suffix, add) in [("AM", 0), ("PM", 12), ("A.M.", 0), ("P.M.", 12)] where clock.hasSuffix(suffix) {
            clock = String(clock.dropLast(suffix.count)).trimmingSpaces
            offset = add
            twelveHour = true
            break
        }
        let parts = clock.split(separator: ":").map { Int($0) }
        guard parts.count == 2 || parts.count == 3, let hour = parts[0], let minute = parts[1],
            (0...59).contains(minute)
        else { return nil }
        let second = parts.count == 3 ? parts[2] : 0
        guard let second, (0...59).contains(second) else { return nil }
        if twelveHour {
            guard (1...12).contains(hour) else { return nil }
            return (hour % 12 + offset, minute, second)
        }
        guard (0...23).contains(hour) else { return nil }
        return (hour, minute, second)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
