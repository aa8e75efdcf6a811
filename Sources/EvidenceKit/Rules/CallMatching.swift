import Foundation

/// Matches billed calls (usage lines with a time and a number) against the phone's call log.
///
/// A billed call's local date and time are read in the account's time zone. A logged call
/// matches when its number has the same digits (one may lack the country code) and it started
/// within `callMatchMinutes`. Billed calls outside the span the log covers are not judged.
struct CallMatching {
    struct BilledCall {
        var entry: Entry
        var startedAt: Instant
        var digits: String
    }

    let billed: [BilledCall]
    private let log: [(call: Call, digits: String)]
    private let tolerance: Int64
    private let span: ClosedRange<Instant>?

    init(_ context: RuleContext) {
        tolerance = Int64(context.settings.callMatchMinutes) * 60_000
        log = context.calls.map { ($0, Self.digits($0.draft.number ?? "")) }
        let instants = context.calls.map(\.draft.startedAt)
        if let first = instants.min(), let last = instants.max() {
            // The log speaks for the days it covers, whole days in UTC either side.
            span = Instant(millisecondsSinceEpoch: first.millisecondsSinceEpoch - 86_400_000)...Instant(
                millisecondsSinceEpoch: last.millisecondsSinceEpoch + 86_400_000)
        } else {
            span = nil
        }
        guard span != nil else {  // without a call log there is nothing to match against
            billed = []
            return
        }
        billed = context.entries.compactMap { entry in
            let draft = entry.draft
            guard draft.kind == .usage, let time = draft.time.flatMap(Self.clock),
                let number = draft.number ?? Self.numberInDescription(draft.description),
                let instant = Instant(date: draft.date, hour: time.0, minute: time.1, second: time.2, in: context.timeZone)
            else { return nil }
            let digits = Self.digits(number)
            guard digits.count >= 7 else { return nil }
            return BilledCall(entry: entry, startedAt: instant, digits: digits)
        }
    }

    /// Whether the log covers the time of this billed call at all.
    func isCovered(_ billed: BilledCall) -> Bool {
        span?.contains(billed.startedAt) ?? false
    }

    /// The logged call nearest in time to this billed one, among those that match.
    func match(_ billed: BilledCall) -> Call? {
        log.filter { logged in
            Self.sameNumber(logged.digits, billed.digits)
                && abs(logged.call.draft.startedAt.millisecondsSinceEpoch - billed.startedAt.millisecondsSinceEpoch) <= tolerance
        }.min {
            abs($0.call.draft.startedAt.millisecondsSinceEpoch - billed.startedAt.millisecondsSinceEpoch)
                < abs($1.call.draft.startedAt.millisecondsSinceEpoch - billed.startedAt.millisecondsSinceEpoch)
        }?.call
    }

    private static func sameNumber(_ a: String, _ b: String) -> Bool {
        guard a.count >= 7, b.count >= 7 else { return false }
        return a == b || (a.count > b.count ? a.hasSuffix(b) : b.hasSuffix(a))
    }

    static func digits(_ text: String) -> String {
        String(text.filter(\.isASCIIDigitCharacter))
    }

    /// `Call to +1 312 555 0142, Chicago, IL` → `+1 312 555 0142`.
    private static func numberInDescription(_ text: String) -> String? {
        let start = text.firstIndex { $0 == "+" || $0.isASCIIDigitCharacter }
        guard let start else { return nil }
        let number = text[start...].prefix { $0 == "+" || $0 == " " || $0 == "-" || $0 == "(" || $0 == ")" || $0.isASCIIDigitCharacter }
        return String(number)
    }

    /// `HH:MM` or `HH:MM:SS`.
    private static func clock(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts.count == 3 ? parts[2] : 0)
    }
}

/// `usage.unmatched-call`: a billed call with no call-log record of it.
struct UnmatchedCallRule: Rule {
    let id = "usage.unmatched-call"
    let title = "Billed call missing from the call log"
    let severity = Finding.Severity.medium
    let rationale = """
        Your phone logs every call it makes or takes; a billed call the log does not show (same \
        number, about the same time) was not made from your phone.
        """

    func settings(_ settings: RuleSettings) -> [(name: String, value: String)] {
        [("callMatchMinutes", String(settings.callMatchMinutes))]
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let matching = CallMatching(context)
        let keys = Dictionary(EntryKeys(matching.billed.map(\.entry)).map { ($0.0.id, $0.1) }, uniquingKeysWith: { first, _ in first })
        return matching.billed.compactMap { billed in
            guard matching.isCovered(billed), matching.match(billed) == nil else { return nil }
            let draft = billed.entry.draft
            return finding(
                context, key: keys[billed.entry.id] ?? String(billed.entry.id), amount: draft.amount, date: draft.date,
                summary: "\(draft.shortText) on \(draft.date) at \(draft.time ?? "") is billed, but your call log has no call "
                    + "with that number within \(context.settings.callMatchMinutes) minutes.",
                entries: [billed.entry], severity: draft.amount.minorUnits > 0 ? .medium : .low)
        }
    }
}

/// `usage.duration-mismatch`: billed minutes above the logged duration rounded up to whole minutes.
struct DurationMismatchRule: Rule {
    let id = "usage.duration-mismatch"
    let title = "Billed minutes above the call's length"
    let severity = Finding.Severity.low
    let rationale = "Calls are billed by the minute, rounded up; more minutes than the logged call lasted is an overcharge."

    func evaluate(_ context: RuleContext) -> [Finding] {
        let matching = CallMatching(context)
        let keys = Dictionary(EntryKeys(matching.billed.map(\.entry)).map { ($0.0.id, $0.1) }, uniquingKeysWith: { first, _ in first })
        return matching.billed.compactMap { billed in
            let draft = billed.entry.draft
            guard ["min", "mins", "minute", "minutes"].contains(draft.unit?.lowercased() ?? ""),
                let thousandths = draft.quantity.flatMap(Self.thousandths), let call = matching.match(billed)
            else { return nil }
            let loggedMinutes = (call.draft.durationSeconds + 59) / 60
            guard thousandths > Int64(loggedMinutes) * 1000 else { return nil }
            let over = thousandths - Int64(loggedMinutes) * 1000
            let atIssue = Money(minorUnits: draft.amount.minorUnits * over / thousandths, currency: draft.amount.currency)
            return finding(
                context, key: keys[billed.entry.id] ?? String(billed.entry.id), amount: atIssue, date: draft.date,
                summary: "\(draft.shortText) bills \(draft.quantity ?? "") minutes, but the call log shows "
                    + "\(call.draft.durationSeconds) seconds (\(loggedMinutes) minute\(loggedMinutes == 1 ? "" : "s") rounded up).",
                entries: [billed.entry],
                evidence: [Finding.Evidence("call-log record \(call.id), \(call.draft.durationSeconds) s", source: call.draft.provenance)])
        }
    }

    /// `12`, `12.5` → 12000, 12500.
    private static func thousandths(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count <= 9, let whole = Int64(parts[0]), whole >= 0 else {
            return nil
        }
        guard parts.count == 2 else { return whole * 1000 }
        let fraction = String(parts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
        guard let digits = Int64(fraction) else { return nil }
        return whole * 1000 + digits
    }
}
