/// Which way a call went, in the words of `calls --format json` (CLI.md).
public enum CallDirection: String, CaseIterable, Codable, Sendable {
    case incoming, outgoing, missed, voicemail, rejected, blocked
    case answeredExternally = "answered-externally"

    /// The Android call-log type: 1 incoming … 7 answered externally.
    public init?(androidType: Int) {
        let all: [CallDirection] = [
            .incoming, .outgoing, .missed, .voicemail, .rejected, .blocked, .answeredExternally,
        ]
        guard (1...all.count).contains(androidType) else { return nil }
        self = all[androidType - 1]
    }
}

/// One call-log record as a parser reads it.
public struct CallDraft: Hashable, Sendable {
    /// Nil when the import could not tell (no `--account`, several accounts): shown as unassigned.
    public var account: String?
    public var startedAt: Instant
    public var direction: CallDirection
    /// The other party; nil when the number was withheld.
    public var number: String?
    public var durationSeconds: Int
    /// The name the phone's contacts gave the number, where the backup has one.
    public var contactName: String?
    public var provenance: Provenance
    /// The service that carried a call the provider did not (FaceTime, WhatsApp, …: an iPhone's
    /// call history holds them too); nil for a call over the provider's network. Such calls are
    /// kept but never matched against billed calls.
    public var service: String?

    public init(
        account: String?, startedAt: Instant, direction: CallDirection, number: String?, durationSeconds: Int,
        contactName: String? = nil, provenance: Provenance, service: String? = nil
    ) {
        self.service = service
        self.account = account
        self.startedAt = startedAt
        self.direction = direction
        self.number = number
        self.durationSeconds = durationSeconds
        self.contactName = contactName
        self.provenance = provenance
    }
}

/// A call-log record as stored.
public struct Call: Hashable, Sendable {
    public var id: Int64
    public var draft: CallDraft

    public init(id: Int64, draft: CallDraft) {
        self.id = id
        self.draft = draft
    }
}
