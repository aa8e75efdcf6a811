import EvidenceKit
import Foundation

/// The repository's `Tests/Fixtures` folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ path: String) -> URL { fixtures.appendingPathComponent(path) }

/// A new, empty store in a temporary folder.
func temporaryStore() throws -> Store {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try Store.create(in: folder).store
}

/// Writes `text` to a new temporary file named `name` and returns its URL.
func temporaryFile(_ name: String, _ text: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// Collects what a parser hands out, for tests of parsers alone.
final class CollectingSink: RecordSink {
    var accounts: [String] = []
    var statements: [Statement] = []
    var entries: [EntryDraft] = []
    var bankTransactions: [BankTransactionDraft] = []
    var bankStatements: [BankStatementDraft] = []
    var calls: [CallDraft] = []
    var messages: [MessageDraft] = []
    var documents: [DocumentDraft] = []
    var remarks: [String] = []

    func account(_ id: String, provider: String?) { if !accounts.contains(id) { accounts.append(id) } }
    func statement(_ statement: Statement, locator: String) {
        if !statements.contains(where: { $0.statementId == statement.statementId }) { statements.append(statement) }
    }
    func entry(_ entry: EntryDraft) { entries.append(entry) }
    func bankTransaction(_ transaction: BankTransactionDraft) { bankTransactions.append(transaction) }
    func bankStatement(_ statement: BankStatementDraft) { bankStatements.append(statement) }
    func call(_ call: CallDraft) { calls.append(call) }
    func message(_ message: MessageDraft) { messages.append(message) }
    func document(_ document: DocumentDraft) { documents.append(document) }
    func remark(_ text: String) { remarks.append(text) }

    var total: Int64 { entries.reduce(0) { $0 + $1.amount.minorUnits } }
}

/// Parses `url` with `parser` into a fresh collecting sink.
func parse(
    _ url: URL, with parser: any RecordParser, account: String? = nil, mapping: CSVMapping? = nil,
    timeZone: TimeZone = TimeZone(identifier: "America/Chicago") ?? .current, documentDate: CalendarDate? = nil,
    note: String? = nil
) throws -> CollectingSink {
    let sink = CollectingSink()
    try parser.parse(
        ParseContext(
            url: url, fileName: url.lastPathComponent, sha256: "0", account: account, mapping: mapping,
            timeZone: timeZone, references: .builtIn, documentDate: documentDate, note: note),
        into: sink)
    return sink
}

/// What parsing `url` with `parser` says: "accepted", or the one line of its error.
func rejection(_ url: URL, with parser: any RecordParser, account: String? = nil, mapping: CSVMapping? = nil) -> String {
    do {
        _ = try parse(url, with: parser, account: account, mapping: mapping)
        return "accepted"
    } catch {
        return "\(error)"
    }
}

/// The entries of a store, in ledger order.
func entries(in store: Store, account: String? = nil) throws -> [Entry] {
    var result: [Entry] = []
    try store.forEachEntry(EntryFilter(account: account)) { result.append($0) }
    return result
}

func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .usd) }
