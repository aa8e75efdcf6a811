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
    /// Charsets that could not be converted, and the like.
    var remarks: [String]

    /// Decodes one message (its header block, then its body, nested MIME parts included).
    ///
    /// Throws a ``RecordError`` (without a locator; the caller adds the message's) naming the part
    /// whose content cannot be decoded.
    init(_ bytes: ArraySlice<UInt8>) throws {
        let (headerBlock, body) = MIMEPart.split(bytes)
        let headers = MailHeaders(headerBlock)
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        date = headers["date"].flatMap(MailDate.parse)
        from = nonEmpty(headers["from"].map(MailboxList.readable))
        to = nonEmpty(headers["to"].map(MailboxList.readable))
        subject = nonEmpty(headers["subject"].map(EncodedWords.decode))
        messageId = headers["message-id"].map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        }.flatMap { $0.isEmpty ? nil : $0 }
        var content = MIMEContent()
        try MIMEPart(headers: headers, body: body, number: "1").collect(into: &content, topLevel: true)
        let plain = content.plain.joined(separator: "\n\n")
        text = plain.isEmpty ? content.html.map(HTMLText.text(of:)).joined(separator: "\n\n") : plain
        attachments = content.attachments
        remarks = content.remarks
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

/// What the parts of a message hold, gathered as they are walked.
struct MIMEContent {
    var plain: [String] = []
    var html: [String] = []
    var attachments: [Attachment] = []
    var remarks: [String] = []
}

/// One MIME entity: a whole single-part message, or one part of a multipart one.
struct MIMEPart {
    let headers: MailHeaders
    let body: ArraySlice<UInt8>
    /// `1`, `1.2`, `1.2.1`: as IMAP numbers parts, for messages about one.
    let number: String

    /// The header block and the body: split at the first empty line.
    static func split(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
        var index = bytes.startIndex
        var lineStart = index
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                let line = bytes[lineStart..<index]
                if line.isEmpty || line == [0x0D] {
                    return (bytes[bytes.startIndex..<lineStart], bytes[(index + 1)...])
                }
                lineStart = index + 1
            }
            index += 1
        }
        return (bytes, bytes[bytes.endIndex...])
    }

    func collect(into content: inout MIMEContent, topLevel: Bool = false) throws {
        let type = HeaderValue(headers["content-type"] ?? "text/plain; charset=us-ascii")
        let disposition = headers["content-disposition"].map(HeaderValue.init)
        if type.value.hasPrefix("multipart/") {
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
                throw RecordError(locator: "part \(number)", "\(type.value.visible) has no boundary parameter")
            }
            for (position, partBytes) in Self.parts(of: body, boundary: boundary).enumerated() {
                let (headerBlock, partBody) = Self.split(partBytes)
                let child = MIMEPart(
                    headers: MailHeaders(headerBlock), body: partBody,
                    number: topLevel ? "\(position + 1)" : "\(number).\(position + 1)")
                try child.collect(into: &content)
            }
            return
        }
        let fileName = disposition?.parameters["filename"] ?? type.parameters["name"]
        let isAttachment = disposition?.value == "attachment" || fileName != nil
        let isText = type.value == "text/plain" || type.value == "text/html"
        guard isText, !isAttachment else {
            // An attachment is only listed (its bytes stay in the stored original): a damaged one is
            // measured as well as it can be and remarked on, not a reason to reject the mailbox.
            let size: Int
            do {
                size = try decodedBody().count
            } catch {
                size = body.count * 3 / 4
                let problem = (error as? RecordError)?.message ?? "\(error)"
                content.remarks.append(
                    "part \(number): the attachment \((fileName ?? type.value).visible) is damaged (\(problem))")
            }
            content.attachments.append(Attachment(fileName: fileName, contentType: type.value, byteCount: size))
            return
        }
        let bytes = try decodedBody()
        let charset = type.parameters["charset"] ?? "us-ascii"
        let encoding: TextEncoding
        if let known = TextEncoding(charset: charset) {
            encoding = known
        } else {
            encoding = String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .windows1252
            content.remarks.append(
                "part \(number): charset \(charset.visible) is not supported; its text was read as \(encoding.rawValue)")
        }
        let text = encoding.decode(bytes).replacingOccurrences(of: "\r\n", with: "\n")
        if type.value == "text/plain" { content.plain.append(text) } else { content.html.append(text) }
    }

    /// The body without its transfer encoding.
    private func decodedBody() throws -> [UInt8] {
        let encoding = (headers["content-transfer-encoding"] ?? "7bit").trimmingSpaces.lowercased()
        switch encoding {
        case "base64":
            if let bytes = Base64.decode(body) { return bytes }
            guard let bad = Base64.firstInvalid(body) else {
                throw RecordError(locator: "part \(number)", "the base64 content is not base64")
            }
            throw RecordError(
                locator: "part \(number)",
                body[bad] == UInt8(ascii: "=")
                    ? "the base64 content has \"=\" padding in the middle, which is not base64"
                    : "the base64 content holds \(body[bad].shown), which is not base64")
        case "quoted-printable":
            return QuotedPrintable.decode(body)
        default:  // 7bit, 8bit, binary, and unknown encodings (kept as they are)
            return Array(body)
        }
    }

    /// The parts between `--boundary` lines (up to `--boundary--`); the preamble and epilogue are dropped.
    /// The line end before a boundary line belongs to the boundary.
    static func parts(of body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            var line = body[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: delimiter) {
                let after = line.dropFirst(delimiter.count)
                let isClose = after.starts(with: [0x2D, 0x2D])
                let rest = isClose ? after.dropFirst(2) : after
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let start = partStart {
                        var end = index
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        parts.append(body[start..<max(start, end)])
                    }
                    if isClose { return parts }
                    partStart = min(lineEnd + 1, body.endIndex)
                }
            }
            index = lineEnd == body.endIndex ? lineEnd : lineEnd + 1
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }  // no closing boundary
        return parts
    }
}
