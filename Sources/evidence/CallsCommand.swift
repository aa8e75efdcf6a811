import ArgumentParser
import EvidenceKit

struct CallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls", abstract: "List imported call-log records, in the account's time zone.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: RecordListOptions

    func run() throws {
        let store = try storeOptions.open()
        let filter = try options.filter(store)
        let calls = try exitingOnFailure { try store.calls(filter) }
        let clock = try LocalClock(store: store)
        options.printRecords(
            calls, noun: "calls", json: \.json,
            columns: ["id", "started", "direction", "number", "duration", "account", "source"], rightAligned: [0, 4],
            row: { call in
                let draft = call.draft
                return [
                    String(call.id), clock.text(draft.startedAt, account: draft.account), draft.direction.rawValue,
                    (draft.number ?? "withheld") + (draft.service.map { " (\($0), not the provider's)" } ?? ""), call.durationText,
                    draft.account ?? "unassigned",
                    draft.provenance.citation,
                ]
            },
            csvRow: { call in
                let draft = call.draft
                return [
                    String(call.id), draft.startedAt.iso8601, draft.direction.rawValue, draft.number ?? "",
                    String(draft.durationSeconds), draft.account ?? "", draft.provenance.citation,
                ]
            })
    }
}
