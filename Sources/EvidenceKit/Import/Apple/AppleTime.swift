/// The instants Apple's databases store, in whichever unit the system that wrote them used.
///
/// Messages' `date` is seconds since 2001-01-01 UTC on old iOS, nanoseconds since then on newer
/// iOS and macOS, and seconds since 1970 in very old backups; the call history's `ZDATE` is
/// seconds since 2001 (with a fraction). The unit is decided by the value's magnitude, never by
/// a guess at the version, and a value that fits none is refused.
enum AppleTime {
    /// 2001-01-01T00:00:00Z in seconds since 1970.
    static let referenceDate: Int64 = 978_307_200
    /// Seconds since 1970 of 2007-01-01, before any iPhone: smaller values in seconds are Apple's.
    private static let firstPhone: Int64 = 1_167_609_600
    /// Seconds since 1970 of 2100-01-01: later instants are no phone's.
    private static let last: Int64 = 4_102_444_800

    /// The instant of a Messages `date`, or nil when no unit gives a date from 2001 to 2100.
    static func instant(messageDate value: Int64) -> Instant? {
        let unix: Int64
        if value >= 100_000_000_000_000_000 || value <= -100_000_000_000_000_000 {
            // Nanoseconds since 2001.
            unix = referenceDate * 1000 + value / 1_000_000
            return (referenceDate * 1000...last * 1000).contains(unix) ? Instant(millisecondsSinceEpoch: unix) : nil
        } else if value >= firstPhone && value < last {
            unix = value  // seconds since 1970 (very old backups)
        } else if value > 0 && value < firstPhone {
            unix = referenceDate + value  // seconds since 2001
        } else {
            return nil
        }
        return Instant(millisecondsSinceEpoch: unix * 1000)
    }

    /// The instant of a Core Data timestamp (seconds since 2001, with a fraction), or nil when it
    /// is not one from 2001 to 2100.
    static func instant(coreDataSeconds value: Double) -> Instant? {
        guard value.isFinite, value >= 0, value < Double(last - referenceDate) else { return nil }
        return Instant(millisecondsSinceEpoch: referenceDate * 1000 + Int64((value * 1000).rounded()))
    }

    /// The instant of a Unix timestamp in seconds (the old `call_history.db`), or nil.
    static func instant(unixSeconds value: Double) -> Instant? {
        guard value.isFinite, value >= Double(referenceDate), value < Double(last) else { return nil }
        return Instant(millisecondsSinceEpoch: Int64((value * 1000).rounded()))
    }
}
