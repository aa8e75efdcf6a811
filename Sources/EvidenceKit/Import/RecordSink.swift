/// Where a parser hands what it reads, one record at a time.
///
/// The import writes them to the ledger inside the file's transaction; tests collect them.
/// A sink may throw to stop the parse (the whole file is then rolled back).
public protocol RecordSink: AnyObject {
    /// Declares an account (created on first sight; a provider name fills one not yet known).
    func account(_ id: String, provider: String?) throws
    /// Declares a statement before its entries, with the locator of the record that states it.
    func statement(_ statement: Statement, locator: String) throws
    /// One ledger line.
    func entry(_ entry: EntryDraft) throws
    /// One bank or card transaction.
    func bankTransaction(_ transaction: BankTransactionDraft) throws
    /// A bank's statement, after its transactions.
    func bankStatement(_ statement: BankStatementDraft) throws
    /// One call-log record.
    func call(_ call: CallDraft) throws
    /// One text or multimedia message.
    func message(_ message: MessageDraft) throws
    /// One confirmation record (an email, a letter, a screenshot).
    func document(_ document: DocumentDraft) throws
    /// A remark about the file that the user should see; the import goes on.
    func remark(_ text: String)
}

/// What an import added, per kind of record.
public struct ImportCounts: Sendable, Equatable, Codable {
    public var statements = 0
    public var entries = 0
    /// Entries already in the ledger from an earlier, overlapping source.
    public var entriesAlreadyPresent = 0
    public var bankTransactions = 0
    public var calls = 0
    public var messages = 0
    public var documents = 0
    /// Calls, messages and documents already stored from an earlier, overlapping backup or export.
    public var recordsAlreadyPresent = 0

    public init() {}
}
