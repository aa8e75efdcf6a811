/// What happened in the dispute (DOMAIN.md "Case event"; CLI.md `case add --event`).
public enum CaseEventKind: String, CaseIterable, Codable, Sendable {
    case cancellationRequested = "cancellation-requested"
    case cancellationAcknowledged = "cancellation-acknowledged"
    case cancellationConfirmed = "cancellation-confirmed"
    case cancellationRejected = "cancellation-rejected"
    case contact
    case disputeFiled = "dispute-filed"
    case creditPromised = "credit-promised"
    case creditReceived = "credit-received"
    case paymentMade = "payment-made"
    case note
}

/// How the customer and the provider were in touch.
public enum Channel: String, CaseIterable, Codable, Sendable {
    case phone, email, chat, web, store, mail, sms
}

/// A case event as the user records it.
public struct CaseEventDraft: Hashable, Sendable {
    public var account: String
    public var kind: CaseEventKind
    public var date: CalendarDate
    /// Local `HH:MM`, in the account's time zone.
    public var time: String?
    public var channel: Channel?
    /// The provider's reference (ticket, case or confirmation number).
    public var reference: String?
    /// The provider's representative.
    public var representative: String?
    /// The day a requested or confirmed cancellation takes effect, where the provider says.
    public var effectiveDate: CalendarDate?
    /// A payment made, a credit promised or received.
    public var amount: Money?
    /// Ledger entries it is about (`dispute-filed` marks them disputed).
    public var entries: [Int64]
    /// Finding ids it is about (`dispute-filed` marks their entries disputed).
    public var findings: [String]
    public var documents: [Int64]
    public var note: String?

    public init(
        account: String, kind: CaseEventKind, date: CalendarDate, time: String? = nil, channel: Channel? = nil,
        reference: String? = nil, representative: String? = nil, effectiveDate: CalendarDate? = nil, amount: Money? = nil, entries: [Int64] = [],
        findings: [String] = [], documents: [Int64] = [], note: String? = nil
    ) {
        self.account = account
        self.kind = kind
        self.date = date
        self.time = time
        self.channel = channel
        self.reference = reference
        self.representative = representative
        self.effectiveDate = effectiveDate
        self.amount = amount
        self.entries = entries
        self.findings = findings
        self.documents = documents
        self.note = note
    }
}

/// A case event as stored: its id and when it was recorded.
public struct CaseEvent: Hashable, Sendable {
    public var id: Int64
    public var draft: CaseEventDraft

    public init(id: Int64, draft: CaseEventDraft) {
        self.id = id
        self.draft = draft
    }
}
