/// The box a text message is in, in the words of `messages --format json` (CLI.md).
public enum MessageDirection: String, CaseIterable, Codable, Sendable {
    case received, sent, draft, outbox, failed, queued

    /// The Android SMS `type` (or MMS `msg_box`): 1 received … 6 queued.
    public init?(androidType: Int) {
        let all = MessageDirection.allCases
        guard (1...all.count).contains(androidType) else { return nil }
        self = all[androidType - 1]
    }
}

/// One text (SMS) or multimedia (MMS) message as a parser reads it.
public struct MessageDraft: Hashable, Sendable {
    /// Nil when the import could not tell: shown as unassigned.
    public var account: String?
    public var sentAt: Instant
    public var direction: MessageDirection
    /// The other party (several joined by `~` for a group MMS, as the phone writes them).
    public var address: String
    /// The text exactly as sent: every character kept.
    public var body: String
    public var subject: String?
    public var isMultimedia: Bool
    /// Reference numbers found in the body, in order of appearance.
    public var references: [String]
    public var provenance: Provenance
    /// The service that carried it where the file says (`SMS`, `iMessage`, `RCS`: Apple's
    /// Messages keeps all three); nil when the file does not say (an Android backup's SMS).
    public var service: String?

    public init(
        account: String?, sentAt: Instant, direction: MessageDirection, address: String, body: String,
        subject: String? = nil, isMultimedia: Bool = false, references: [String] = [], provenance: Provenance,
        service: String? = nil
    ) {
        self.service = service
        self.account = account
        self.sentAt = sentAt
        self.direction = direction
        self.address = address
        self.body = body
        self.subject = subject
        self.isMultimedia = isMultimedia
        self.references = references
        self.provenance = provenance
    }
}

/// A message as stored.
public struct Message: Hashable, Sendable {
    public var id: Int64
    public var draft: MessageDraft

    public init(id: Int64, draft: MessageDraft) {
        self.id = id
        self.draft = draft
    }
}
