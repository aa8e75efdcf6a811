/// Message backups of the Android app "SMS Backup & Restore" (`android-sms-xml`):
/// `<smses count="N">` holding `<sms address= date= type= body= …/>` and `<mms date= msg_box= …>`.
///
/// An SMS `type` (an MMS `msg_box`) is 1 received … 6 queued. An MMS's text is its `text/plain`
/// parts joined by line breaks; its address is the `address` attribute, else the sender (received)
/// or the recipients (otherwise) among its `<addr>` elements. Bodies keep every character.
public struct AndroidMessagesParser: RecordParser {
    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let reader = try XMLStreamReader(url: context.url)
        var declared: Int?
        var found = 0
        var multimedia: MultimediaMessage?
        while let event = try reader.next() {
            context.reportProgress(found + 1, bytes: reader.bytesConsumed)
            switch event {
            case .start(let element):
                switch (element.depth, element.localName) {
                case (0, _):
                    declared = try AndroidBackup.declaredCount(reader, root: element, expected: "smses")
                case (1, "sms"):
                    try sink.message(try textMessage(reader, element.path, context))
                    found += 1
                case (1, "mms"):
                    multimedia = try MultimediaMessage(reader, element.path)
                case (3, "part"):
                    multimedia?.addPart(reader)
                case (3, "addr"):
                    multimedia?.addAddress(reader)
                default:
                    continue
                }
            case .end(let name, let depth) where depth == 1 && name == "mms":
                if let message = multimedia {
                    try sink.message(try message.draft(context))
                    found += 1
                }
                multimedia = nil
            default:
                continue
            }
        }
        AndroidBackup.checkCount(declared: declared, found: found, noun: "messages", sink: sink)
        for remark in reader.remarks { sink.remark(remark) }
    }

    private func textMessage(
        _ reader: XMLStreamReader, _ locator: String, _ context: ParseContext
    ) throws -> MessageDraft {
        let type = try AndroidBackup.integer(reader, "type", at: locator)
        guard let direction = MessageDirection(androidType: type) else {
            throw RecordError(locator: locator, "message type \(type) is not one of 1 to 6 (received to queued)")
        }
        let body = AndroidBackup.value(reader, "body") ?? ""
        let subject = AndroidBackup.value(reader, "subject")
        return MessageDraft(
            account: context.account, sentAt: try AndroidBackup.instant(reader, "date", at: locator),
            direction: direction, address: AndroidBackup.value(reader, "address") ?? "", body: body,
            subject: subject, references: try context.references.references(in: subject ?? "", body),
            provenance: context.provenance(locator))
    }
}

/// An `<mms>` element, gathered from its attributes and its `<part>` and `<addr>` children.
private struct MultimediaMessage {
    let locator: String
    let sentAt: Instant
    let direction: MessageDirection
    let address: String?
    let subject: String?
    var texts: [String] = []
    var senders: [String] = []
    var recipients: [String] = []

    init(_ reader: XMLStreamReader, _ locator: String) throws {
        self.locator = locator
        let box = try AndroidBackup.integer(reader, "msg_box", at: locator)
        guard let direction = MessageDirection(androidType: box) else {
            throw RecordError(locator: locator, "msg_box \(box) is not one of 1 to 6 (received to queued)")
        }
        self.direction = direction
        sentAt = try AndroidBackup.instant(reader, "date", at: locator)
        address = AndroidBackup.value(reader, "address")
        subject = AndroidBackup.value(reader, "sub")
    }

    /// Keeps the text of a `text/plain` part; the presentation (SMIL) and media parts are left in the original.
    mutating func addPart(_ reader: XMLStreamReader) {
        guard AndroidBackup.value(reader, "ct")?.lowercased() == "text/plain",
            let text = AndroidBackup.value(reader, "text")
        else { return }
        texts.append(text)
    }

    /// `type` 137 is the sender; 151 (to), 130 (cc) and 129 (bcc) are recipients.
    mutating func addAddress(_ reader: XMLStreamReader) {
        guard let address = AndroidBackup.value(reader, "address") else { return }
        switch AndroidBackup.value(reader, "type") {
        case "137": senders.append(address)
        case "151", "130", "129": recipients.append(address)
        default: break
        }
    }

    func draft(_ context: ParseContext) throws -> MessageDraft {
        let body = texts.joined(separator: "\n")
        let fromAddresses = direction == .received ? senders : recipients
        return MessageDraft(
            account: context.account, sentAt: sentAt, direction: direction,
            address: address ?? fromAddresses.joined(separator: "~"), body: body, subject: subject,
            isMultimedia: true, references: try context.references.references(in: subject ?? "", body),
            provenance: context.provenance(locator))
    }
}
