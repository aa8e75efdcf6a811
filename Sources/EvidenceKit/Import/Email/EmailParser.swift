import Foundation

/// Emails (`email`): one RFC 5322 message (`.eml`), or an mbox mailbox of many.
///
/// Each message becomes a document: its Date (as an instant, and as a date in the account's time
/// zone), From, To, Subject, Message-ID, readable text, attachments (listed; their bytes stay in
/// the stored original) and the reference numbers in its subject and text. An mbox is split at its
/// `From ` lines (one with a date anywhere, a looser one after an empty line), read one message at
/// a time, and each message is cited as `message 2 (line 40)`; a lone `.eml` is cited as `message`.
/// Bytes that are no email (no header fields, binary data, UTF-16 text) are refused, not imported empty.
public struct EmailParser: RecordParser {
    /// The largest message read, held in memory while it is parsed.
    static let largestMessage = 256 << 20

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let lines = ByteLineReader(try FileReader(url: context.url))
        var message: [UInt8] = []
        var isMailbox: Bool?
        var lineNumber = 0
        var messageLine = 1
        var count = 0
        var previousWasEmpty = true
        func finish() throws {
            count += 1
            let locator = isMailbox == true ? "message \(count) (line \(messageLine))" : "message"
            let firstLine = isMailbox == true ? messageLine + 1 : 1
            let draft = try document(message[...], firstLine: firstLine, locator: locator, context: context, sink: sink)
            try sink.document(draft)
            message.removeAll(keepingCapacity: true)
        }
        while var line = try lines.next() {
            lineNumber += 1
            if isMailbox == nil {
                if let wide = TextHead(line, mayBeCut: false).wideText {
                    throw RecordError("\(wide): an email is 8-bit text; save the file as UTF-8")
                }
                if line.starts(with: TextHead.byteOrderMark) { line = line.dropFirst(3) }
                isMailbox = line.starts(with: Self.fromLine)
                if isMailbox == true { continue }
            }
            if isMailbox == true, Self.isDatedSeparator(line) || (previousWasEmpty && Self.isSeparator(line)) {
                try finish()
                messageLine = lineNumber
                previousWasEmpty = false
                continue
            }
            if isMailbox == true, line.first == UInt8(ascii: ">"),
                line.drop(while: { $0 == UInt8(ascii: ">") }).starts(with: Self.fromLine)
            {
                message += line.dropFirst()  // mboxrd: one ">" was added in front of a "From " in the text
            } else {
                message += line
            }
            message.append(0x0A)
            guard message.count <= Self.largestMessage else {
                throw RecordError(
                    locator: "message \(count + 1) (line \(messageLine))",
                    "larger than \(Self.largestMessage >> 20) MiB; no mail server carries such a message")
            }
            previousWasEmpty = line.isEmpty
        }
        guard lineNumber > 0 else { throw RecordError("the file is empty") }
        let lastIsEmpty = message.allSatisfy { $0 == 0x0A }
        if isMailbox != true || !lastIsEmpty {
            try finish()
        } else if count == 0 {
            throw RecordError("the mailbox holds no message")
        }
    }

    private func document(
        _ bytes: ArraySlice<UInt8>, firstLine: Int, locator: String, context: ParseContext, sink: any RecordSink
    ) throws -> DocumentDraft {
        let mail: MailMessage
        do {
            mail = try MailMessage(bytes, firstLine: firstLine)
        } catch let error as RecordError {
            throw RecordError(locator: [locator, error.locator].compactMap { $0 }.joined(separator: ", "), error.message)
        }
        for remark in mail.remarks.prefix(Self.remarkLimit) { sink.remark("\(locator): \(remark)") }
        if mail.remarks.count > Self.remarkLimit {
            sink.remark("\(locator): \(mail.remarks.count - Self.remarkLimit) more remarks on its parts are left out")
        }
        var text = mail.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var attachmentTexts: [String] = []
        for (name, pdf) in mail.pdfAttachments {
            // Each page under a heading that says where it comes from, so that a line can be cited
            // as `message 2 (line 21), attachment "bill.pdf", page 1, line 4`.
            for page in pdf.pages where !page.lines.isEmpty {
                attachmentTexts.append(
                    "--- attachment \"\(name)\", page \(page.number) ---\n" + page.lines.map(\.text).joined(separator: "\n"))
            }
            sink.remark(try Self.describe(name, pdf, at: locator, references: context.references))
        }
        if !attachmentTexts.isEmpty { text = ([text] + attachmentTexts).joined(separator: "\n\n") }
        return DocumentDraft(
            account: context.account, kind: .email,
            date: mail.date.map { $0.date(in: context.timeZone) } ?? context.documentDate, sentAt: mail.date,
            from: mail.from, to: mail.to, subject: mail.subject, messageId: mail.messageId, text: text,
            references: try context.references.references(in: mail.subject ?? "", text),
            attachments: mail.attachments, note: context.note, provenance: context.provenance(locator))
    }

    /// `message 2 (line 21), attachment "bill.pdf": 1 page read; reference 77812 at page 1, line 4`.
    private static func describe(
        _ name: String, _ pdf: PDFText, at locator: String, references finder: ReferenceFinder
    ) throws(RecordError) -> String {
        var found: [String] = []
        var seen: Set<String> = []
        for line in pdf.lines {
            for reference in try finder.references(in: line.text) where seen.insert(reference).inserted {
                found.append("\(reference) at \(line.locator)")
            }
        }
        let pages = "\(pdf.pages.count) page\(pdf.pages.count == 1 ? "" : "s") read"
        let references = found.isEmpty ? "" : "; reference\(found.count == 1 ? "" : "s") " + found.prefix(10).joined(separator: ", ")
        let blank = pdf.remarks.map { "; " + $0 }.joined()
        return "\(locator), attachment \"\(name.visible)\": \(pages)\(references)\(blank)"
    }

    private static let fromLine = Array("From ".utf8)

    /// The most remarks told about one message: a message of a million damaged parts gets a count
    /// of them, not a million lines.
    private static let remarkLimit = 20

    /// An mbox message separator after an empty line: `From sender date`, with a time in the date.
    private static func isSeparator(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: fromLine) else { return false }
        return line.split(separator: 0x20).count >= 3 && line.contains(UInt8(ascii: ":"))
    }

    /// An mbox message separator wherever it stands, even where no empty line comes before it, as
    /// some mailbox writers leave out: `From sender Tue Sep  1 14:15:00 2026` (asctime: an optional
    /// day name, month, day, time and year, perhaps a zone before or after the year). A line of text
    /// that merely starts with "From " has no such date.
    private static func isDatedSeparator(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: fromLine), line.count <= 1000 else { return false }
        let words = line.dropFirst(fromLine.count).split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            .map { String(decoding: $0, as: UTF8.self) }
        guard words.count >= 5, words.count <= 9 else { return false }
        var index = 1  // after the sender
        if weekdays.contains(words[index].prefix(3).lowercased()) { index += 1 }
        guard index + 3 < words.count, MailDate.month(words[index]) != nil,
            let day = Int(words[index + 1]), (1...31).contains(day), isTime(words[index + 2])
        else { return false }
        return words[(index + 3)...].prefix(2).contains { $0.count == 4 && isDigits($0) }
    }

    /// `14:15` or `14:15:00`.
    private static func isTime(_ word: String) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, (1...2).contains(parts[0].count),
            parts.dropFirst().allSatisfy({ $0.count == 2 }), parts.allSatisfy(isDigits)
        else { return false }
        let numbers = parts.map { Int($0) ?? 99 }
        return numbers[0] <= 23 && numbers[1] <= 59 && (numbers.count == 2 || numbers[2] <= 60)
    }

    private static func isDigits(_ word: some StringProtocol) -> Bool {
        word.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static let weekdays: Set = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Header fields that nearly every email has.
    private static let commonFields: Set = [
        "from", "to", "date", "subject", "message-id", "mime-version", "received", "return-path", "delivered-to",
        "reply-to", "cc", "content-type",
    ]

    /// Whether the first bytes of a file are an email's header block (or an mbox's first `From ` line
    /// followed by one): every line up to the first empty one is a header field or its continuation,
    /// and at least two are fields every email has.
    static func recognises(head: [UInt8]) -> Bool {
        var lines = Array(Lines(head.starts(with: TextHead.byteOrderMark) ? head.dropFirst(3) : head[...]))
        if head.count >= 8192, !lines.isEmpty { lines.removeLast() }  // may be cut short
        if let first = lines.first, first.starts(with: fromLine) { lines.removeFirst() }
        var known = 0
        for line in lines {
            if line.isEmpty { break }
            if line.first == 0x20 || line.first == 0x09 { continue }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else { return false }
            if commonFields.contains(String(decoding: line[..<colon], as: UTF8.self).lowercased()) { known += 1 }
        }
        return known >= 2
    }
}
