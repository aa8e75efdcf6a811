/// The kind of a ledger entry (DOMAIN.md "Entry").
public enum EntryKind: String, CaseIterable, Codable, Sendable {
    case charge, usage, fee, tax, credit, payment, adjustment

    /// Kinds that add to what the customer owes when positive.
    public var isCharge: Bool {
        switch self {
        case .charge, .usage, .fee, .tax: return true
        case .credit, .payment, .adjustment: return false
        }
    }
}

/// Where a record came from: the original file (by SHA-256) and a place inside it.
public struct Provenance: Hashable, Sendable, Codable {
    /// Hex SHA-256 of the original file as stored in the object directory.
    public var sha256: String
    /// The file's name when it was imported (no folders).
    public var file: String
    /// `line 14` for CSV, an element path such as `/Invoice/InvoiceLine[3]` for XML.
    public var locator: String

    public init(sha256: String, file: String, locator: String) {
        self.sha256 = sha256
        self.file = file
        self.locator = locator
    }
}

/// One customer account at one provider, with the plan facts rules rely on.
public struct Account: Hashable, Sendable {
    public var id: String
    public var provider: String?
    /// The account holder's name, as the provider writes it.
    public var holder: String?
    public var planName: String?
    public var unlimitedData: Bool
    public var monthlyPrice: Money?
    public var phoneNumbers: [String]
    /// An IANA time-zone name; nil means the system's.
    public var timeZone: String?

    public init(
        id: String, provider: String? = nil, holder: String? = nil, planName: String? = nil,
        unlimitedData: Bool = false, monthlyPrice: Money? = nil, phoneNumbers: [String] = [], timeZone: String? = nil
    ) {
        self.id = id
        self.provider = provider
        self.holder = holder
        self.planName = planName
        self.unlimitedData = unlimitedData
        self.monthlyPrice = monthlyPrice
        self.phoneNumbers = phoneNumbers
        self.timeZone = timeZone
    }
}

/// One bill as the provider issued it.
public struct Statement: Hashable, Sendable {
    public var account: String
    /// The provider's statement (invoice) number.
    public var statementId: String
    public var statementDate: CalendarDate
    /// Nil when the source states none; such a statement is never past due.
    public var dueDate: CalendarDate?
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    public var currency: Currency
    /// As printed on the statement, where the source states it.
    public var previousBalance: Money?
    /// The total due as printed, where the source states it.
    public var totalDue: Money?

    public init(
        account: String, statementId: String, statementDate: CalendarDate, dueDate: CalendarDate?,
        periodStart: CalendarDate? = nil, periodEnd: CalendarDate? = nil, currency: Currency,
        previousBalance: Money? = nil, totalDue: Money? = nil
    ) {
        self.account = account
        self.statementId = statementId
        self.statementDate = statementDate
        self.dueDate = dueDate
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.currency = currency
        self.previousBalance = previousBalance
        self.totalDue = totalDue
    }
}

/// One ledger line as a parser reads it, before it has an id.
///
/// A value like any struct, but its fields live in one shared box until one copy changes
/// (copy on write): the rules copy entries into groups and findings, and a copy is then one
/// reference instead of a dozen strings.
public struct EntryDraft: Hashable, Sendable {
    private struct Fields: Hashable, Sendable {
        var account: String
        var statementId: String?
        var date: CalendarDate
        var kind: EntryKind
        var description: String
        var category: String?
        var quantity: String?
        var unit: String?
        var amount: Money
        var time: String?
        var number: String?
        var line: String?
        var extra: [String: String]
        var provenance: Provenance
    }

    private final class Box: @unchecked Sendable {  // changed only while uniquely referenced
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func change(_ body: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        body(&box.fields)
    }

    public var account: String {
        get { box.fields.account }
        set { change { $0.account = newValue } }
    }
    public var statementId: String? {
        get { box.fields.statementId }
        set { change { $0.statementId = newValue } }
    }
    public var date: CalendarDate {
        get { box.fields.date }
        set { change { $0.date = newValue } }
    }
    public var kind: EntryKind {
        get { box.fields.kind }
        set { change { $0.kind = newValue } }
    }
    public var description: String {
        get { box.fields.description }
        set { change { $0.description = newValue } }
    }
    public var category: String? {
        get { box.fields.category }
        set { change { $0.category = newValue } }
    }
    /// Exact decimal text as printed (`1234.56`), never a float.
    public var quantity: String? {
        get { box.fields.quantity }
        set { change { $0.quantity = newValue } }
    }
    public var unit: String? {
        get { box.fields.unit }
        set { change { $0.unit = newValue } }
    }
    public var amount: Money {
        get { box.fields.amount }
        set { change { $0.amount = newValue } }
    }
    /// Local `HH:MM[:SS]` of a usage line.
    public var time: String? {
        get { box.fields.time }
        set { change { $0.time = newValue } }
    }
    /// The other party of a call or message.
    public var number: String? {
        get { box.fields.number }
        set { change { $0.number = newValue } }
    }
    /// The subscriber's own line.
    public var line: String? {
        get { box.fields.line }
        set { change { $0.line = newValue } }
    }
    /// Columns the format does not know, kept as `name=value` pairs.
    public var extra: [String: String] {
        get { box.fields.extra }
        set { change { $0.extra = newValue } }
    }
    public var provenance: Provenance {
        get { box.fields.provenance }
        set { change { $0.provenance = newValue } }
    }

    public init(
        account: String, statementId: String?, date: CalendarDate, kind: EntryKind, description: String,
        category: String? = nil, quantity: String? = nil, unit: String? = nil, amount: Money,
        time: String? = nil, number: String? = nil, line: String? = nil, extra: [String: String] = [:],
        provenance: Provenance
    ) {
        box = Box(
            Fields(
                account: account, statementId: statementId, date: date, kind: kind, description: description,
                category: category, quantity: quantity, unit: unit, amount: amount, time: time, number: number,
                line: line, extra: extra, provenance: provenance))
    }

    public static func == (left: EntryDraft, right: EntryDraft) -> Bool {
        left.box === right.box || left.box.fields == right.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }
}

/// A ledger line as stored: its draft plus its id and dispute status.
public struct Entry: Hashable, Sendable {
    public var id: Int64
    public var draft: EntryDraft
    public var disputed: Bool

    public init(id: Int64, draft: EntryDraft, disputed: Bool) {
        self.id = id
        self.draft = draft
        self.disputed = disputed
    }
}

/// A transaction from a bank or card export: evidence of a payment, kept apart from the ledger.
public struct BankTransactionDraft: Hashable, Sendable {
    /// The provider account it pays, where the mapping names one.
    public var account: String?
    public var date: CalendarDate
    public var description: String
    /// In the ledger's convention: money paid out to the provider is negative.
    public var amount: Money
    public var provenance: Provenance
    /// The bank's own id of the transaction (OFX `FITID`), where the file carries one: with
    /// ``bankAccount`` its identity across downloads.
    public var bankId: String?
    /// The bank or card account it was booked on, as the bank names it (OFX `ACCTID`).
    public var bankAccount: String?
    /// The bank's kind of transaction (OFX `TRNTYPE`: `DEBIT`, `PAYMENT`, `CHECK`, …), uppercased.
    public var transactionType: String?

    public init(
        account: String?, date: CalendarDate, description: String, amount: Money, provenance: Provenance,
        bankId: String? = nil, bankAccount: String? = nil, transactionType: String? = nil
    ) {
        self.account = account
        self.date = date
        self.description = description
        self.amount = amount
        self.provenance = provenance
        self.bankId = bankId
        self.bankAccount = bankAccount
        self.transactionType = transactionType
    }
}

/// One bank or card statement of a bank's file (an OFX `STMTRS` or `CCSTMTRS`): the account it
/// is for and the balance the bank states, kept with the source.
public struct BankStatementDraft: Hashable, Sendable {
    /// The account as the bank names it (`ACCTID`), and its type (`CHECKING`, `CREDITCARD`, …).
    public var bankAccount: String
    public var accountType: String?
    public var currency: Currency
    /// The period the bank's list of transactions covers.
    public var start: CalendarDate?
    public var end: CalendarDate?
    /// The ledger balance the bank states (`LEDGERBAL`), and its date.
    public var ledgerBalance: Money?
    public var balanceDate: CalendarDate?
    public var transactions: Int
    public var provenance: Provenance

    public init(
        bankAccount: String, accountType: String?, currency: Currency, start: CalendarDate?, end: CalendarDate?,
        ledgerBalance: Money?, balanceDate: CalendarDate?, transactions: Int, provenance: Provenance
    ) {
        self.bankAccount = bankAccount
        self.accountType = accountType
        self.currency = currency
        self.start = start
        self.end = end
        self.ledgerBalance = ledgerBalance
        self.balanceDate = balanceDate
        self.transactions = transactions
        self.provenance = provenance
    }
}

/// A bank or card transaction as stored.
public struct BankTransaction: Hashable, Sendable {
    public var id: Int64
    public var draft: BankTransactionDraft

    public init(id: Int64, draft: BankTransactionDraft) {
        self.id = id
        self.draft = draft
    }
}
