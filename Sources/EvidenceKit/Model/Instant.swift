public import Foundation

/// A moment in time, to the millisecond: when a call started or a message was sent.
///
/// Stored in UTC as milliseconds since 1970-01-01T00:00:00Z; shown in an account's time zone.
public struct Instant: Hashable, Comparable, Sendable {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The instant of a local date and time of day in `timeZone`; nil for a time that does not
    /// exist there (skipped by a daylight-saving change).
    public init?(date: CalendarDate, hour: Int, minute: Int, second: Int = 0, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        guard let moment = calendar.date(from: parts),
            calendar.dateComponents([.hour, .minute], from: moment) == DateComponents(hour: hour, minute: minute)
        else { return nil }
        self.init(millisecondsSinceEpoch: Int64((moment.timeIntervalSince1970 * 1000).rounded()))
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// ISO 8601 in UTC: `2026-06-03T13:15:00Z` (with `.123` when there are milliseconds).
    public var iso8601: String {
        let parts = LocalParts(self, offsetSeconds: 0)
        let fraction = parts.millisecond == 0 ? "" : "." + Self.pad(parts.millisecond, 3)
        return "\(parts.date)T\(parts.timeOfDay)\(fraction)Z"
    }

    /// The calendar date in `timeZone`.
    public func date(in timeZone: TimeZone) -> CalendarDate {
        LocalParts(self, offsetSeconds: offset(in: timeZone)).date
    }

    /// `2026-06-03 08:15:00` in `timeZone`.
    public func localText(in timeZone: TimeZone) -> String {
        let parts = LocalParts(self, offsetSeconds: offset(in: timeZone))
        return "\(parts.date) \(parts.timeOfDay)"
    }

    private func offset(in timeZone: TimeZone) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000))
    }

    fileprivate static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Date and time of day of an instant shifted by a fixed offset, by integer arithmetic.
private struct LocalParts {
    var date: CalendarDate
    var timeOfDay: String
    var millisecond: Int

    init(_ instant: Instant, offsetSeconds: Int) {
        let milliseconds = instant.millisecondsSinceEpoch + Int64(offsetSeconds) * 1000
        let perDay: Int64 = 86_400_000
        let days = Int(milliseconds >= 0 ? milliseconds / perDay : (milliseconds - perDay + 1) / perDay)
        let ofDay = Int(milliseconds - Int64(days) * perDay)
        date = CalendarDate(daysSinceEpoch: days)
        let seconds = ofDay / 1000
        millisecond = ofDay % 1000
        timeOfDay = "\(Instant.pad(seconds / 3600, 2)):\(Instant.pad(seconds / 60 % 60, 2)):\(Instant.pad(seconds % 60, 2))"
    }
}
