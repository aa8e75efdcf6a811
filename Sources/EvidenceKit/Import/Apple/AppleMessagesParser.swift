import Foundation
import GRDB

/// The Messages database of an iPhone (`sms.db`) or a Mac (`chat.db`) (`ios-messages`): texts
/// (SMS, and iMessage and RCS where the phone kept them) with their other party, direction and
/// attachments.
///
/// The other party is the handle (a number or an email address), or every member of a group
/// chat. Tapbacks and other reactions (`associated_message_type`) and group events (`item_type`)
/// are not the conversation and are left out; an edited message is marked. The text is `text`,
/// else the string in `attributedBody` (``TypedStreamText``). Each message is cited by its row,
/// `message ROWID 1234`.
public struct AppleMessagesParser: RecordParser {
    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let database = try UntrustedDatabase(copying: context.url, original: context.original)
        try database.require("message", columns: ["ROWID", "text", "handle_id", "date", "is_from_me"])
        try database.require("handle", columns: ["ROWID", "id"])
        let tables = try database.tables()
        let columns = try database.columns(of: "message")
        var optional: [String] = []
        for name in ["attributedBody", "service", "associated_message_type", "item_type", "date_edited"] {
            optional.append(columns.contains(name) ? "m.\(name)" : "NULL")
        }
        let members = tables.isSuperset(of: ["chat_message_join", "chat_handle_join"]) ? """
            (SELECT group_concat(id, ', ') FROM (SELECT DISTINCT h2.id FROM chat_message_join cm
             JOIN chat_handle_join ch ON ch.chat_id = cm.chat_id JOIN handle h2 ON h2.ROWID = ch.handle_id
             WHERE cm.message_id = m.ROWID ORDER BY h2.id))
            """ : "NULL"
        let attachments = tables.isSuperset(of: ["message_attachment_join", "attachment"]) ? """
            (SELECT group_concat(coalesce(a.transfer_name, a.filename, 'attachment') || ' (' || coalesce(a.mime_type, 'unknown type') || ')', ', ')
             FROM message_attachment_join ma JOIN attachment a ON a.ROWID = ma.attachment_id WHERE ma.message_id = m.ROWID)
            """ : "NULL"
        let sql = """
            SELECT m.ROWID, m.text, m.date, m.is_from_me, h.id, \(members), \(attachments), \(optional.joined(separator: ", "))
            FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id ORDER BY m.ROWID
            """
        var left = (reactions: 0, unreadable: 0, edited: 0)
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                let locator = "message ROWID \(row.value(0, as: Int64.self).map(String.init) ?? "?")"
                if (row.value(9, as: Int64.self) ?? 0) != 0 || (row.value(10, as: Int64.self) ?? 0) != 0 {
                    left.reactions += 1
                    continue
                }
                guard let date = row.value(2, as: Int64.self), let sentAt = AppleTime.instant(messageDate: date) else {
                    throw RecordError(
                        locator: locator, "date \((row[2] as DatabaseValue).description) is no instant from 2001 to 2100 in seconds or nanoseconds")
                }
                var body = row.value(1, as: String.self) ?? ""
                if body.isEmpty, let archive = row.value(7, as: Data.self) {
                    if let text = TypedStreamText.string(Array(archive)) {
                        body = text
                    } else {
                        left.unreadable += 1
                    }
                }
                body = body.replacingOccurrences(of: "\u{FFFC}", with: "")
                let attachmentList = row.value(6, as: String.self)
                if let attachmentList { body += (body.isEmpty ? "" : "\n") + "[attachments: \(attachmentList)]" }
                if (row.value(11, as: Int64.self) ?? 0) > 0 {
                    left.edited += 1
                    body += "\n[edited on the device: this is the last version]"
                }
                let handle = row.value(4, as: String.self)
                let group = row.value(5, as: String.self)
                let address = group.flatMap { $0.contains(",") ? $0 : nil } ?? handle ?? group ?? ""
                try sink.message(
                    MessageDraft(
                        account: context.account, sentAt: sentAt, direction: (row.value(3, as: Int64.self) ?? 0) != 0 ? .sent : .received,
                        address: address, body: body, isMultimedia: attachmentList != nil,
                        references: try context.references.references(in: body),
                        provenance: context.provenance(locator), service: row.value(8, as: String.self).flatMap { $0.isEmpty ? nil : $0 }))
            }
        }
        if database.readLog { sink.remark("rows still in its -wal file were read too (the -wal file itself is not kept)") }
        if left.reactions > 0 {
            sink.remark("\(left.reactions) reaction\(left.reactions == 1 ? "" : "s") and group events (tapbacks, members joining) left out")
        }
        if left.unreadable > 0 {
            sink.remark("\(left.unreadable) message\(left.unreadable == 1 ? "" : "s") whose text could not be read from attributedBody imported without text")
        }
        if left.edited > 0 { sink.remark("\(left.edited) message\(left.edited == 1 ? " was" : "s were") edited on the device (marked)") }
    }
}
