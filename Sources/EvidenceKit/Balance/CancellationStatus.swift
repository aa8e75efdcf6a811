/// Where an account's cancellation stands, from its case log (`evidence case status`).
///
/// The first request opens the cancellation (a request after a rejection opens a new one);
/// acknowledgement, confirmation and rejection follow it. Until a confirmation, the account
/// stays active and the provider may go on billing it.
public struct CancellationStatus: Sendable {
    public enum State: String, Sendable {
        case notRequested = "not-requested"
        case requested, acknowledged, confirmed, rejected
    }

    public var account: String
    public var asOf: CalendarDate
    public var state: State
    public var request: CaseEvent?
    public var acknowledgement: CaseEvent?
    /// The confirmation or the rejection.
    public var decision: CaseEvent?
    /// Later requests while this one was open (asking again is evidence too).
    public var repeatedRequests: [CaseEvent]
    /// The provider's reference: the latest the events give.
    public var reference: String?
    /// The day the cancellation takes effect, where an event says.
    public var effectiveDate: CalendarDate?
    /// From the request to the decision, or to `asOf` while undecided.
    public var daysUnderReview: Int?
    /// The configured review limit (`cancellationReviewDays`).
    public var reviewLimitDays: Int
    /// What the person should know: a review running late, a request not recorded.
    public var warnings: [String]
    /// Emails, documents and text messages that carry the cancellation's reference.
    public var records: [ReferenceRecord] = []

    /// A confirmation record that carries a reference number.
    public struct ReferenceRecord: Sendable {
        public var kind: String
        public var id: Int64
        /// Local date and time where known.
        public var when: String
        public var summary: String
        public var source: Provenance
    }

    /// The status of `account` as of `asOf`, with the records that carry its reference.
    public static func load(store: Store, account: String, asOf: CalendarDate) throws(StoreError) -> CancellationStatus {
        var status = CancellationStatus(
            account: account, events: try store.caseEvents(account: account), asOf: asOf,
            reviewLimitDays: try store.configuration().cancellationReviewDays)
        guard let reference = status.reference else { return status }
        let zone = try store.timeZone(of: account)
        let filter = RecordFilter(account: account, timeZone: zone, includingUnassigned: true)
        for document in try store.documents(filter) where document.draft.references.contains(reference) {
            let draft = document.draft
            status.records.append(
                ReferenceRecord(
                    kind: draft.kind.rawValue, id: document.id,
                    when: draft.sentAt.map { String($0.localText(in: zone).prefix(16)) } ?? draft.date?.description ?? "",
                    summary: draft.subject ?? draft.note ?? draft.provenance.file, source: draft.provenance))
        }
        for message in try store.messages(filter) where message.draft.references.contains(reference) {
            let draft = message.draft
            status.records.append(
                ReferenceRecord(
                    kind: "message", id: message.id, when: String(draft.sentAt.localText(in: zone).prefix(16)),
                    summary: "\(draft.direction == .sent ? "to" : "from") \(draft.address): \(draft.body)",
                    source: draft.provenance))
        }
        status.records.sort { $0.when < $1.when }
        return status
    }

    /// The status of `account` as of `asOf`, from its case events (events after `asOf` do not count).
    public init(account: String, events: [CaseEvent], asOf: CalendarDate, reviewLimitDays: Int) {
        self.account = account
        self.asOf = asOf
        self.reviewLimitDays = reviewLimitDays
        state = .notRequested
        repeatedRequests = []
        warnings = []
        for event in events where event.draft.account == account && event.draft.date <= asOf {
            switch event.draft.kind {
            case .cancellationRequested:
                if state == .notRequested || state == .rejected {
                    request = event
                    acknowledgement = nil
                    decision = nil
                    repeatedRequests = []
                    state = .requested
                } else if state == .requested || state == .acknowledged {
                    repeatedRequests.append(event)
                }
            case .cancellationAcknowledged where state == .requested || state == .notRequested:
                acknowledgement = event
                state = .acknowledged
            case .cancellationConfirmed:
                decision = event
                state = .confirmed
            case .cancellationRejected:
                decision = event
                state = .rejected
            default:
                continue
            }
        }
        let ordered = ([request, acknowledgement, decision].compactMap { $0 } + repeatedRequests).sorted {
            ($0.draft.date, $0.draft.time ?? "", $0.id) < ($1.draft.date, $1.draft.time ?? "", $1.id)
        }
        reference = ordered.reversed().compactMap(\.draft.reference).first
        effectiveDate = decision?.draft.effectiveDate ?? request?.draft.effectiveDate
        if let start = request?.draft.date ?? acknowledgement?.draft.date {
            daysUnderReview = start.days(until: decision?.draft.date ?? asOf)
        }
        switch state {
        case .notRequested:
            warnings.append(
                "No cancellation request is recorded for \(account); record it with `evidence case add --event cancellation-requested`.")
        case .requested, .acknowledged:
            if let days = daysUnderReview, days > reviewLimitDays {
                warnings.append(
                    "The cancellation has been under review for \(days) days, more than \(reviewLimitDays); providers commonly take a few days to two weeks. Ask for a written confirmation with its effective date.")
            }
            warnings.append("Until the provider confirms the cancellation, the account stays active and can still be billed.")
        case .rejected:
            warnings.append("The provider rejected the cancellation; the account stays active and can still be billed.")
        case .confirmed:
            break
        }
    }
}
