import Foundation

/// One MIME entity: a whole single-part message, or one part of a multipart one.
struct MIMEPart {
    let headers: MailHeaders
    /// `Content-Type`, `text/plain; charset=us-ascii` when there is none.
    let type: HeaderValue
    let body: ArraySlice<UInt8>
    /// `1`, `1.2`, `1.2.1`: as IMAP numbers parts, for messages about one.
    let number: String
    /// The file's line where the part's header block starts, and where its body starts.
    let line: Int
    let bodyLine: Int

    init(headers: MailHeaders, body: ArraySlice<UInt8>, number: String, line: Int, bodyLine: Int) {
        self.headers = headers
        type = HeaderValue(headers["content-type"] ?? "text/plain; charset=us-ascii")
        self.body = body
        self.number = number
        self.line = line
        self.bodyLine = bodyLine
    }

    /// This part with `body` for its body.
    func with(body: ArraySlice<UInt8>) -> MIMEPart {
        MIMEPart(headers: headers, type: type, body: body, number: number, line: line, bodyLine: bodyLine)
    }

    private init(
        headers: MailHeaders, type: HeaderValue, body: ArraySlice<UInt8>, number: String, line: Int, bodyLine: Int
    ) {
        self.headers = headers
        self.type = type
        self.body = body
        self.number = number
        self.line = line
        self.bodyLine = bodyLine
    }

    /// `part 1.2 (line 30)`.
    var locator: String { "part \(number) (line \(line))" }

    /// The boundary of a multipart part, without its `--`; nil for a part of another type.
    ///
    /// Throws for a multipart part that names no boundary: its parts cannot be told apart.
    func boundary() throws -> [UInt8]? {
        guard type.value.hasPrefix("multipart/") else { return nil }
        guard let boundary = type.parameters["boundary"]?.trimmingSpaces, !boundary.isEmpty else {
            throw RecordError(locator: locator, "\(type.value.visible) has no boundary parameter")
        }
        return Array(boundary.utf8)
    }

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

    /// Reads a PDF attachment's text the way a PDF document's is read; one that cannot be read
    /// (encrypted, damaged) is remarked on, not a reason to reject the message.
    private func readPDF(_ bytes: [UInt8], name: String, into content: inout MIMEContent) {
        guard content.pdfAttachments.count < MIMEContent.pdfLimit else { return }
        do {
            content.pdfAttachments.append((name, try PDFReader().read(bytes: bytes)))
        } catch {
            content.remarks.append("\(locator): the attachment \(name.visible) is a PDF whose text cannot be read (\(error.message))")
        }
    }

    /// Adds what this part holds to `content`: its text, or an entry in the list of attachments.
    ///
    /// For a part that is not multipart; ``MIMEContent/read(_:)`` walks the multipart ones.
    func collect(into content: inout MIMEContent) throws {
        let disposition = headers["content-disposition"].map(HeaderValue.init)
        let fileName = disposition?.parameters["filename"] ?? type.parameters["name"]
        let isAttachment = disposition?.value == "attachment" || fileName != nil
        let isText = type.value == "text/plain" || type.value == "text/html"
        guard isText, !isAttachment else {
            // An attachment is only listed (its bytes stay in the stored original): a damaged one is
            // measured as well as it can be and remarked on, not a reason to reject the mailbox.
            let size: Int
            do {
                let decoded = try decodedBody()
                size = decoded.count
                if decoded.starts(with: Array("%PDF-".utf8)) { readPDF(decoded, name: fileName ?? "attachment.pdf", into: &content) }
            } catch {
                size = body.count * 3 / 4
                let problem = (error as? RecordError)?.message ?? "\(error)"
                content.remarks.append(
                    "\(locator): the attachment \((fileName ?? type.value).visible) is damaged (\(problem))")
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
                "\(locator): charset \(charset.visible) is not supported; its text was read as \(encoding.rawValue)")
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
                throw RecordError(locator: locator, "the base64 content is not base64")
            }
            let line = bodyLine + body[..<bad].count(where: { $0 == 0x0A })
            throw RecordError(
                locator: locator,
                body[bad] == UInt8(ascii: "=")
                    ? "the base64 content has \"=\" padding in the middle (line \(line)), which is not base64"
                    : "the base64 content holds \(body[bad].shown) (line \(line)), which is not base64")
        case "quoted-printable":
            return QuotedPrintable.decode(body)
        default:  // 7bit, 8bit, binary, and unknown encodings (kept as they are)
            return Array(body)
        }
    }
}
