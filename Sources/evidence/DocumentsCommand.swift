import ArgumentParser
import EvidenceKit

struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List confirmation records (emails, letters, screenshots), with the reference numbers found in them.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: RecordListOptions

    func run() throws {
        let store = try storeOptions.open()
        let documents = try exitingOnFailure { try store.documents(try options.filter(store)) }
        options.printRecords(
            documents, noun: "documents", json: \.json,
            columns: ["id", "date", "kind", "from", "subject", "references", "attachments", "source"], rightAligned: [0],
            row: { document in
                let draft = document.draft
                return [
                    String(document.id), draft.date?.description ?? "", draft.kind.rawValue, cell(draft.from ?? "", limit: 40),
                    cell(draft.subject ?? draft.note ?? ""), draft.references.joined(separator: " "),
                    draft.attachments.map { $0.fileName ?? $0.contentType }.joined(separator: ", "),
                    draft.provenance.citation,
                ]
            },
            csvRow: { document in
                let draft = document.draft
                return [
                    String(document.id), draft.date?.description ?? "", draft.kind.rawValue, draft.from ?? "",
                    draft.subject ?? draft.note ?? "", draft.references.joined(separator: " "),
                    draft.attachments.map { $0.fileName ?? $0.contentType }.joined(separator: ", "),
                    draft.provenance.citation,
                ]
            })
    }
}
