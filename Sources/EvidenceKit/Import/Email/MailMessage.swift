import Foundation

/// One email, decoded: its header facts, its readable text and its attachments.
struct MailMessage {
    var date: Instant?
    var from: String?
    var to: String?
    var subject: String?
    var messageId: String?
    /// The `text/plain` parts, else the `text/html` parts without markup; line ends are `\n`.
    var text: String
    var attachments: [Attachment]
    /// The text of its PDF attachments, page by page and line by line, with their file names.
    var pdfAttachments: [(name: String, text: PDFText)]
    /// Charsets that could not be converted, and the like.
    var remarks: [String]

    /// Decodes one message (its header block, then its body, nested MIME parts included) that
    /// starts on line `firstLine` of its file.
    ///
    /// Throws a ``RecordError`` (without the message's locator; the caller adds it) for bytes that
    /// are no email, and naming the part whose content cannot be decoded.
    init(_ bytes: ArraySlice<UInt8>, firstLine: Int = 1) throws {
        let (headerBlock, body) = MIMEPart.split(bytes)
        if let nul = headerBlock.firstIndex(of: 0) {
            let line = firstLine + headerBlock[..<nul].count(where: { $0 == 0x0A })
            throw RecordError(locator: "line \(line)", "a NUL byte in the header: binary data, not an email")
        }
        guard Lines(headerBlock).contains(where: MailHeaders.isField) else {
            throw RecordError("no header fields: not an email")
        }
        let headers = MailHeaders(headerBlock)
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        var remarks: [String] = []
        if let written = headers["date"] {
            do {
                date = try MailDate.instant(written)
            } catch {
                remarks.append(
                    "Date \"\(written.visible)\" is not a date (\(error.message)); the message is kept without one")
            }
        }
        from = nonEmpty(headers["from"].map(MailboxList.readable))
        to = nonEmpty(headers["to"].map(MailboxList.readable))
        subject = nonEmpty(headers["subject"].map(EncodedWords.decode))
        messageId = headers["message-id"].map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        }.flatMap { $0.isEmpty ? nil : $0 }
        let bodyLine = firstLine + headerBlock.count(where: { $0 == 0x0A }) + 1
        let content = try MIMEContent.read(
            MIMEPart(headers: headers, body: body, number: "1", line: firstLine, bodyLine: bodyLine))
        let plain = content.plain.joined(separator: "\n\n")
        text = plain.isEmpty ? content.html.map(HTMLText.text(of:)).joined(separator: "\n\n") : plain
        attachments = content.attachments
        pdfAttachments = content.pdfAttachments
        self.remarks = remarks + content.remarks
    }
}

/// Address headers (From, To) made readable: each mailbox's display name decoded, and quoted
/// again where it holds a comma or another special character, so that `=?UTF-8?B?RG9lLCBKYW5l?=
/// <jane@example.com>` reads `"Doe, Jane" <jane@example.com>`: one mailbox, not two.
enum MailboxList {
    static func readable(_ raw: String) -> String {
        // Encoded words hold no raw comma (RFC 2047 encodes it), so splitting before decoding is safe.
        HeaderSyntax.split(raw, at: ",", outsideBrackets: true).map { $0.trimmingSpaces }
            .filter { !$0.isEmpty }.map(mailbox).joined(separator: ", ")
    }

    private static func mailbox(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), text[open...].contains(">") else {
            return EncodedWords.decode(text)
        }
        let address = text[open...]
        var name = EncodedWords.decode(text[..<open].trimmingSpaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                .replacingOccurrences(of: "\\\\", with: "\\")
        }
        guard !name.isEmpty else { return String(address) }
        let special = name.contains { ",;:<>@()[]\"\\".contains($0) }
        let shown = special ? "\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : name
        return "\(shown) \(address)"
    }
}
