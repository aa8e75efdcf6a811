import ArgumentParser
import EvidenceKit

struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages", abstract: "List imported text messages, with the reference numbers found in them.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: RecordListOptions

    func run() throws {
        let store = try storeOptions.open()
        let filter = try options.filter(store)
        let messages = try exitingOnFailure { try store.messages(filter) }
        let clock = try LocalClock(store: store)
        options.printRecords(
            messages, noun: "messages", json: \.json,
            columns: ["id", "sent", "direction", "address", "text", "references", "account", "source"],
            rightAligned: [0],
            row: { message in
                let draft = message.draft
                return [
                    String(message.id), clock.text(draft.sentAt, account: draft.account), draft.direction.rawValue,
                    draft.address, cell(draft.body), draft.references.joined(separator: " "),
                    draft.account ?? "unassigned", draft.provenance.citation,
                ]
            },
            csvRow: { message in
                let draft = message.draft
                return [
                    String(message.id), draft.sentAt.iso8601, draft.direction.rawValue, draft.address, draft.body,
                    draft.references.joined(separator: " "), draft.account ?? "", draft.provenance.citation,
                ]
            })
    }
}
