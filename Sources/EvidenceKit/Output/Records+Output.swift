extension Call {
    /// The `calls --format json` object (CLI.md); `number` is null when it was withheld.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .number(id)),
            ("account", .optional(draft.account)),
            ("startedAt", .string(draft.startedAt.iso8601)),
            ("direction", .string(draft.direction.rawValue)),
            ("number", .optional(draft.number)),
            ("withheld", .bool(draft.number == nil)),
            ("durationSeconds", .number(Int64(draft.durationSeconds))),
            ("contactName", .optional(draft.contactName)),
        ]
        // Only for a call the provider did not carry, so that older listings stay as they were.
        if let service = draft.service { fields.append(("service", .string(service))) }
        fields.append(("source", draft.provenance.json))
        return .object(fields)
    }

    /// `0:05:37`.
    public var durationText: String {
        let seconds = draft.durationSeconds
        let pad = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
        return "\(seconds / 3600):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
    }
}

extension Message {
    /// The `messages --format json` object (CLI.md).
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .number(id)),
            ("account", .optional(draft.account)),
            ("sentAt", .string(draft.sentAt.iso8601)),
            ("direction", .string(draft.direction.rawValue)),
            ("address", .string(draft.address)),
            ("subject", .optional(draft.subject)),
            ("body", .string(draft.body)),
            ("multimedia", .bool(draft.isMultimedia)),
            ("references", .array(draft.references.map(JSONValue.string))),
        ]
        // Only where the file said, so that older listings stay as they were.
        if let service = draft.service { fields.append(("service", .string(service))) }
        fields.append(("source", draft.provenance.json))
        return .object(fields)
    }
}

extension Document {
    /// The `documents --format json` object (CLI.md), with the rest of what is known of it.
    public var json: JSONValue {
        .object([
            ("id", .number(id)),
            ("kind", .string(draft.kind.rawValue)),
            ("account", .optional(draft.account)),
            ("date", .optional(draft.date?.description)),
            ("sentAt", .optional(draft.sentAt?.iso8601)),
            ("from", .optional(draft.from)),
            ("to", .optional(draft.to)),
            ("subject", .optional(draft.subject)),
            ("messageId", .optional(draft.messageId)),
            ("references", .array(draft.references.map(JSONValue.string))),
            ("note", .optional(draft.note)),
            ("attachments", .array(draft.attachments.map { attachment in
                .object([
                    ("fileName", .optional(attachment.fileName)),
                    ("contentType", .string(attachment.contentType)),
                    ("bytes", .number(Int64(attachment.byteCount))),
                ])
            })),
            ("text", .string(draft.text)),
            ("source", draft.provenance.json),
        ] + pagesJSON)
    }

    /// `pages` for a document whose text was read from a PDF's pages: each page's lines with
    /// their locators (`page 2, line 14`), from the stored text (``PDFText/storedText``).
    private var pagesJSON: [(String, JSONValue)] {
        let fromPages = draft.kind == .document
            && (draft.provenance.file.lowercased().hasSuffix(".pdf") || draft.text.contains("\u{0C}"))
        guard fromPages else { return [] }
        let pages = PDFText.pages(ofStoredText: draft.text).enumerated().map { index, lines in
            JSONValue.object([
                ("page", .number(Int64(index + 1))),
                ("lines", .array(lines.enumerated().map { number, text in
                    .object([("locator", .string("page \(index + 1), line \(number + 1)")), ("text", .string(text))])
                })),
            ])
        }
        return [("pages", .array(pages))]
    }
}

extension CaseEvent {
    /// The `case list --format json` object (CLI.md).
    public var json: JSONValue {
        .object([
            ("id", .number(id)),
            ("account", .string(draft.account)),
            ("event", .string(draft.kind.rawValue)),
            ("date", .string(draft.date.description)),
            ("time", .optional(draft.time)),
            ("channel", .optional(draft.channel?.rawValue)),
            ("ref", .optional(draft.reference)),
            ("rep", .optional(draft.representative)),
            ("effectiveDate", .optional(draft.effectiveDate?.description)),
            ("amount", .optional(draft.amount?.decimalString)),
            ("currency", .optional(draft.amount?.currency.code)),
            ("entries", .array(draft.entries.map(JSONValue.number))),
            ("findings", .array(draft.findings.map(JSONValue.string))),
            ("documents", .array(draft.documents.map(JSONValue.number))),
            ("note", .optional(draft.note)),
        ])
    }
}

extension CancellationStatus {
    /// The `case status --format json` object.
    public var json: JSONValue {
        func event(_ event: CaseEvent?) -> JSONValue {
            guard let event else { return .null }
            return .object([
                ("id", .number(event.id)), ("date", .string(event.draft.date.description)),
                ("time", .optional(event.draft.time)), ("channel", .optional(event.draft.channel?.rawValue)),
                ("ref", .optional(event.draft.reference)), ("rep", .optional(event.draft.representative)),
            ])
        }
        return .object([
            ("account", .string(account)),
            ("asOf", .string(asOf.description)),
            ("state", .string(state.rawValue)),
            ("requested", event(request)),
            ("acknowledged", event(acknowledgement)),
            ("confirmed", state == .confirmed ? event(decision) : .null),
            ("rejected", state == .rejected ? event(decision) : .null),
            ("ref", .optional(reference)),
            ("effectiveDate", .optional(effectiveDate?.description)),
            ("daysUnderReview", daysUnderReview.map { .number(Int64($0)) } ?? .null),
            ("reviewLimitDays", .number(Int64(reviewLimitDays))),
            ("records", .array(records.map { record in
                .object([
                    ("kind", .string(record.kind)), ("id", .number(record.id)), ("when", .string(record.when)),
                    ("summary", .string(record.summary)), ("source", record.source.json),
                ])
            })),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }
}

extension TimelineItem {
    /// One `timeline --format json` object.
    public var json: JSONValue {
        .object([
            ("date", .string(date.description)),
            ("time", .optional(time)),
            ("kind", .string(kind.rawValue)),
            ("account", .optional(account)),
            ("summary", .string(summary)),
            ("amount", .optional(amount?.decimalString)),
            ("currency", .optional(amount?.currency.code)),
            ("references", .array(references.map(JSONValue.string))),
            ("source", source?.json ?? .null),
        ])
    }
}

extension BankRecord {
    /// The `bank --format json` object (CLI.md).
    public var json: JSONValue {
        let draft = transaction.draft
        return .object([
            ("id", .number(transaction.id)),
            ("date", .string(draft.date.description)),
            ("account", .optional(account)),
            ("bankAccount", .optional(draft.bankAccount)),
            ("bankId", .optional(draft.bankId)),
            ("type", .optional(draft.transactionType)),
            ("description", .string(draft.description)),
            ("amount", .string(draft.amount.decimalString)),
            ("currency", .string(draft.amount.currency.code)),
            ("role", .string(role.rawValue)),
            ("creditedBy", creditedBy.map { entry in
                .object([
                    ("entry", .number(entry.id)), ("date", .string(entry.draft.date.description)),
                    ("statement", .optional(entry.draft.statementId)), ("source", entry.draft.provenance.json),
                ])
            } ?? .null),
            ("awaitingStatement", .bool(awaitingStatement)),
            ("reversed", .bool(reversed)),
            ("source", draft.provenance.json),
        ])
    }

    /// `payment to NIM-4471`, `refund from NIM-4471`, or empty.
    public var roleText: String {
        switch (role, account) {
        case (.payment, let account?): return "payment to \(account)"
        case (.refund, let account?): return "refund from \(account)"
        case (.reversal, let account?): return "reversal of a payment to \(account)"
        default: return ""
        }
    }

    /// `entry 31, 2026-07-01 (NM-4471-2026-07)` for a credited payment, `not credited` for one no
    /// statement shows, `no statement since` while none could, empty for anything else.
    public var creditText: String {
        guard role == .payment else { return "" }
        if reversed { return "returned by the bank" }
        guard let entry = creditedBy else { return awaitingStatement ? "no statement since" : "not credited" }
        return "entry \(entry.id), \(entry.draft.date)" + (entry.draft.statementId.map { " (\($0))" } ?? "")
    }
}
