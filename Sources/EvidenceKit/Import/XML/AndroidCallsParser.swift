/// Call-log backups of the Android app "SMS Backup & Restore" (`android-calls-xml`):
/// `<calls count="N"><call number= duration= date= type= …/></calls>`.
///
/// `date` is milliseconds since 1970 (UTC), `duration` seconds, `type` 1 incoming … 7 answered
/// externally. A number of `-1`, `-2`, `-3`, empty, or a `presentation` of 2 (restricted) is a
/// withheld number. Each `<call>` is cited by its path, `/calls/call[12]`.
public struct AndroidCallsParser: RecordParser {
    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let reader = try XMLStreamReader(url: context.url)
        var declared: Int?
        var found = 0
        while let event = try reader.next() {
            context.reportProgress(found + 1, bytes: reader.bytesConsumed)
            guard case .start(let element) = event else { continue }
            switch (element.depth, element.localName) {
            case (0, _):
                declared = try AndroidBackup.declaredCount(reader, root: element, expected: "calls")
            case (1, "call"):
                try sink.call(try call(reader, element.path, context))
                found += 1
            default:
                continue
            }
        }
        AndroidBackup.checkCount(declared: declared, found: found, noun: "calls", sink: sink)
        for remark in reader.remarks { sink.remark(remark) }
    }

    private func call(_ reader: XMLStreamReader, _ locator: String, _ context: ParseContext) throws -> CallDraft {
        let type = try AndroidBackup.integer(reader, "type", at: locator)
        guard let direction = CallDirection(androidType: type) else {
            throw RecordError(locator: locator, "call type \(type) is not one of 1 to 7 (incoming to answered externally)")
        }
        let duration = try AndroidBackup.integer(reader, "duration", at: locator)
        guard (0...AndroidBackup.longestCallSeconds).contains(duration) else {
            throw RecordError(locator: locator, "duration \(duration) is not a call's length in seconds")
        }
        return CallDraft(
            account: context.account, startedAt: try AndroidBackup.instant(reader, "date", at: locator),
            direction: direction, number: Self.number(reader), durationSeconds: duration,
            contactName: AndroidBackup.value(reader, "contact_name").flatMap { $0 == "(Unknown)" ? nil : $0 },
            provenance: context.provenance(locator))
    }

    /// The other party's number, or nil when it was withheld.
    private static func number(_ reader: XMLStreamReader) -> String? {
        if AndroidBackup.value(reader, "presentation") == "2" { return nil }
        guard let number = AndroidBackup.value(reader, "number")?.trimmingSpaces,
            !number.isEmpty, !["-1", "-2", "-3"].contains(number)
        else { return nil }
        return number
    }
}
