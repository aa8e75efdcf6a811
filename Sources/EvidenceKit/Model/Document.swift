/// What kind of confirmation record a document is.
public enum DocumentKind: String, CaseIterable, Codable, Sendable {
    /// An email (an `.eml` file or one message of an mbox).
    case email
    /// Any other file: a PDF, an image, a letter, a text.
    case document
}

/// A file attached to an email: kept inside the stored original, listed here.
public struct Attachment: Hashable, Sendable, Codable {
    public var fileName: String?
    public var contentType: String
    /// The decoded size.
    public var byteCount: Int

    public init(fileName: String?, contentType: String, byteCount: Int) {
        self.fileName = fileName
        self.contentType = contentType
        self.byteCount = byteCount
    }
}

/// A confirmation record other than a text message, as a parser reads it (DOMAIN.md "Document").
public struct DocumentDraft: Hashable, Sendable {
    public var account: String?
    public var kind: DocumentKind
    /// The day it was sent or received: the email's Date in the account's time zone, or `--date`.
    public var date: CalendarDate?
    /// The email's Date header as an instant.
    public var sentAt: Instant?
    public var from: String?
    public var to: String?
    public var subject: String?
    public var messageId: String?
    /// The readable text (an email's text part, or its HTML part without markup).
    public var text: String
    /// Reference numbers found in the subject and text, in order of appearance.
    public var references: [String]
    public var attachments: [Attachment]
    /// `--note`, or what the user said of the file.
    public var note: String?
    public var provenance: Provenance

    public init(
        account: String?, kind: DocumentKind, date: CalendarDate?, sentAt: Instant? = nil, from: String? = nil,
        to: String? = nil, subject: String? = nil, messageId: String? = nil, text: String = "",
        references: [String] = [], attachments: [Attachment] = [], note: String? = nil, provenance: Provenance
    ) {
        self.account = account
        self.kind = kind
        self.date = date
        self.sentAt = sentAt
        self.from = from
        self.to = to
        self.subject = subject
        self.messageId = messageId
        self.text = text
        self.references = references
        self.attachments = attachments
        self.note = note
        self.provenance = provenance
    }
}

/// A document as stored.
public struct Document: Hashable, Sendable {
    public var id: Int64
    public var draft: DocumentDraft

    public init(id: Int64, draft: DocumentDraft) {
        self.id = id
        self.draft = draft
    }
}
