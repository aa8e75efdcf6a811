public import Foundation

/// One dated line of the case's timeline.
public struct TimelineItem: Sendable {
    public enum Kind: String, Sendable {
        case statementIssued = "statement-issued"
        case statementDue = "statement-due"
        case payment
        case caseEvent = "case-event"
        case document
        case message
        case finding
    }

    public var date: CalendarDate
    /// Local `HH:MM` where known, in the account's time zone.
    public var time: String?
    public var kind: Kind
    public var account: String?
    public var summary: String
    public var amount: Money?
    public var references: [String]
    /// Where it comes from; nil for a case event (the user's own record).
    public var source: Provenance?
}

/// Statements (issued, due), payments, case events, documents and the messages that carry reference
/// numbers, in date order: the story of a dispute as the records tell it.
public struct Timeline: Sendable {
    public let items: [TimelineItem]

    /// Builds the timeline of `account` (of every account when nil), with `findings` on the days
    /// they concern; messages and emails are dated in their account's time zone.
    public init(store: Store, account: String?, findings: [Finding] = []) throws(StoreError) {
        var items: [TimelineItem] = []
        let zones = try store.timeZones()
        func zone(_ account: String?) -> TimeZone { zones.zone(for: account) }
        for statement in try store.statements(account: account) {
            let total = statement.totalDue.map { ", total \($0.formatted)" } ?? ""
            items.append(
                TimelineItem(
                    date: statement.statementDate, kind: .statementIssued, account: statement.account,
                    summary: "Statement \(statement.statementId) issued\(total)", amount: statement.totalDue,
                    references: [statement.statementId], source: nil))
            if let due = statement.dueDate {
                items.append(
                    TimelineItem(
                        date: due, kind: .statementDue, account: statement.account,
                        summary: "Statement \(statement.statementId) due", amount: statement.totalDue,
                        references: [statement.statementId], source: nil))
            }
        }
        try store.forEachEntry(EntryFilter(account: account)) { entry in
            guard entry.draft.kind == .payment else { return }
            items.append(
                TimelineItem(
                    date: entry.draft.date, kind: .payment, account: entry.draft.account,
                    summary: "Payment credited: \(entry.draft.description)", amount: entry.draft.amount,
                    references: entry.draft.statementId.map { [$0] } ?? [], source: entry.draft.provenance))
        }
        for event in try store.caseEvents(account: account) {
            let draft = event.draft
            var details = [draft.kind.rawValue]
            if let channel = draft.channel { details.append("by \(channel.rawValue)") }
            if let rep = draft.representative { details.append("with \(rep)") }
            if let effective = draft.effectiveDate { details.append("effective \(effective)") }
            if let note = draft.note { details.append("(\(note))") }
            items.append(
                TimelineItem(
                    date: draft.date, time: draft.time, kind: .caseEvent, account: draft.account,
                    summary: "Case event \(event.id): " + details.joined(separator: " "), amount: draft.amount,
                    references: draft.reference.map { [$0] } ?? [], source: nil))
        }
        // Emails and texts imported before the account existed belong to no account; they count here.
        let filter = RecordFilter(account: account, timeZone: zone(account), includingUnassigned: true)
        for document in try store.documents(filter) {
            let draft = document.draft
            guard let date = draft.date else { continue }
            let what = draft.kind == .email
                ? "Email from \(draft.from ?? "unknown sender"): \(draft.subject ?? "(no subject)")"
                : "Document: \(draft.note ?? draft.provenance.file)"
            items.append(
                TimelineItem(
                    date: date, time: draft.sentAt.map { Self.clock($0, zone(draft.account)) }, kind: .document,
                    account: draft.account, summary: what, references: draft.references, source: draft.provenance))
        }
        for message in try store.messages(filter) where !message.draft.references.isEmpty {
            let draft = message.draft
            let firstLine = draft.body.split(separator: "\n").first.map(String.init) ?? ""
            items.append(
                TimelineItem(
                    date: draft.sentAt.date(in: zone(draft.account)), time: Self.clock(draft.sentAt, zone(draft.account)),
                    kind: .message,
                    account: draft.account,
                    summary: "Text \(draft.direction == .sent ? "to" : "from") \(draft.address): \(firstLine)",
                    references: draft.references, source: draft.provenance))
        }
        for finding in findings where finding.status != .dismissed {
            items.append(
                TimelineItem(
                    date: finding.date, kind: .finding, account: finding.account,
                    summary: "Finding \(finding.id) (\(finding.rule), \(finding.status.rawValue)): \(finding.summary)",
                    amount: finding.amount, references: [],
                    source: finding.entries.first?.draft.provenance ?? finding.evidence.first?.source))
        }
        let order: [TimelineItem.Kind] = [.statementIssued, .payment, .caseEvent, .message, .document, .finding, .statementDue]
        self.items = items.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.date != b.date { return a.date < b.date }
            if (a.time ?? "") != (b.time ?? "") { return (a.time ?? "") < (b.time ?? "") }
            let (ka, kb) = (order.firstIndex(of: a.kind) ?? 0, order.firstIndex(of: b.kind) ?? 0)
            return ka != kb ? ka < kb : left.offset < right.offset
        }.map(\.element)
    }

    private static func clock(_ instant: Instant, _ zone: TimeZone) -> String {
        String(instant.localText(in: zone).dropFirst(11).prefix(5))
    }
}
