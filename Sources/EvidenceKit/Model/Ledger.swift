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
public struct EntryDraft: Hashable, Sendable {
    public var account: String
    public var statementId: String?
    public var date: CalendarDate
    public var kind: EntryKind
    public var description: String
    public var category: String?
    /// Exact decimal text as printed (`1234.56`), never a float.
    public var quantity: String?
    public var unit: String?
    public var amount: Money
    /// Local `HH:MM[:SS]` of a usage line.
    public var time: String?
    /// The other party of a call or message.
    public var number: String?
    /// The subscriber's own line.
    public var line: String?
    /// Columns the format does not know, kept as `name=value` pairs.
    public var extra: [String: String]
    public var provenance: Provenance

    public init(
        account: String, statementId: String?, date: CalendarDate, kind: EntryKind, description: String,
        category: String? = nil, quantity: String? = nil, unit: String? = nil, amount: Money,
        time: String? = nil, number: String? = nil, line: String? = nil, extra: [String: String] = [:],
        provenance: Provenance
    ) {
        self.account = account
        self.statementId = statementId
        self.date = date
        self.kind = kind
        self.description = description
        self.category = category
        self.quantity = quantity
        self.unit = unit
        self.amount = amount
        self.time = time
        self.number = number
        self.line = line
        self.extra = extra
        self.provenance = provenance
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

    public init(account: String?, date: CalendarDate, description: String, amount: Money, provenance: Provenance) {
        self.account = account
        self.date = date
        self.description = description
        self.amount = amount
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
