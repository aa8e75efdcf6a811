/// ISO 20022 bank-to-customer statements, camt.053.001.02 to .08, as European banks offer them
/// (`camt053`).
///
/// Each booked `Ntry` becomes a bank transaction (a batch entry with several `TxDtls` of their
/// own amounts, one per `TxDtls`): the booking date (else the value date) as written, `Amt` in its
/// `Ccy`, negative for `DBIT`, the bank's reference `AcctSvcrRef` as its id, and the counterparty's
/// name with the remittance information as its description. A reversal (`RvslInd`) is kept with
/// the type `REVERSAL`: it cancels the payment it reverses (``PaymentMatching``). Pending entries
/// are left out, with a remark. Each is cited by its path, `/Document/BkToCstmrStmt/Stmt/Ntry[3]`.
public struct Camt053Parser: RecordParser {
    /// The namespace's stem; the version follows (`001.02` to `001.08`).
    public static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
    static let versions = 2...8
    /// Transaction details of one batch entry held at once.
    static let mostDetails = 100_000

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let reader = try XMLStreamReader(url: context.url)
        var names: [String] = []
        var text = ""
        var statement: CamtStatement?
        var entry: CamtEntry?
        var detail: CamtDetail?
        var balance: (code: String, amount: String, currency: String?, credit: Bool, date: String)?
        var currencyOfAmount: String?
        var pending = 0
        var statements = 0
        var events = 0
        while let event = try reader.next() {
            events += 1
            context.reportProgress(events, bytes: reader.bytesConsumed)
            switch event {
            case .start(let element):
                if names.count > element.depth { names.removeLast(names.count - element.depth) }
                names.append(element.localName)
                text = ""
                switch (element.depth, element.localName) {
                case (0, "Document"):
                    try Self.checkVersion(element.namespace, at: element.path)
                case (0, let name):
                    throw RecordError(locator: element.path, "the root element is <\(name)>, not a camt.053 <Document>")
                case (_, "Stmt") where names.dropLast().last == "BkToCstmrStmt":
                    statement = CamtStatement(locator: element.path)
                case (_, "Ntry") where statement != nil && names.dropLast().last == "Stmt":
                    entry = CamtEntry(locator: element.path)
                case (_, "TxDtls") where entry != nil:
                    detail = CamtDetail(locator: element.path)
                case (_, "Bal") where statement != nil && entry == nil:
                    balance = ("", "", nil, true, "")
                case (_, "Amt"):
                    currencyOfAmount = reader.attribute("Ccy")
                default:
                    break
                }
            case .text(let value):
                text += value
                guard text.utf8.count <= 1 << 16 else {
                    throw RecordError(locator: "/" + names.joined(separator: "/"), "a value is longer than 64 KiB")
                }
            case .end(let name, _):
                let value = text.trimmingSpaces
                let path = names
                text = ""
                if names.last == name { names.removeLast() }
                let at = "/" + path.joined(separator: "/")
                if var open = detail {
                    switch name {
                    case "TxDtls":
                        guard (entry?.details.count ?? 0) < Self.mostDetails else {
                            throw RecordError(locator: open.locator, "an entry with more than \(Self.mostDetails) transaction details")
                        }
                        entry?.details.append(open)
                        detail = nil
                        continue
                    case "Amt" where path.contains("TxAmt") || path.dropLast().last == "TxDtls":
                        open.amount = (value, currencyOfAmount)
                    case "CdtDbtInd" where path.dropLast().last == "TxDtls":
                        open.credit = try Self.creditIndicator(value, at: at)
                    case "AcctSvcrRef" where path.dropLast().last == "Refs":
                        open.reference = value
                    case "EndToEndId" where path.dropLast().last == "Refs" && value != "NOTPROVIDED":
                        open.endToEnd = value
                    case "Nm" where path.contains("RltdPties"):
                        if path.contains("Cdtr") && !path.contains("UltmtCdtr") { open.creditor = open.creditor ?? value }
                        if path.contains("Dbtr") && !path.contains("UltmtDbtr") { open.debtor = open.debtor ?? value }
                    case "IBAN" where path.contains("CdtrAcct"):
                        open.creditorIBAN = value
                    case "IBAN" where path.contains("DbtrAcct"):
                        open.debtorIBAN = value
                    case "Ustrd":
                        open.remittance.append(value)
                    case "Ref" where path.contains("CdtrRefInf"):
                        open.remittance.append(value)
                    default:
                        break
                    }
                    detail = open
                    continue
                }
                if var open = entry {
                    switch name {
                    case "Ntry":
                        entry = nil
                        if open.status.map({ $0 != "BOOK" }) == true {
                            pending += 1
                            continue
                        }
                        let count = try emit(open, statement: statement, context: context, sink: sink)
                        statement?.transactions += count
                        continue
                    case "Amt" where path.dropLast().last == "Ntry":
                        open.amount = (value, currencyOfAmount)
                    case "CdtDbtInd" where path.dropLast().last == "Ntry":
                        open.credit = try Self.creditIndicator(value, at: at)
                    case "RvslInd":
                        open.reversal = value.lowercased() == "true" || value == "1"
                    case "Sts", "Cd" where path.dropLast().last == "Sts":
                        if !value.isEmpty { open.status = value.uppercased() }
                    case _ where Self.isDate(name) && path.dropLast().last == "BookgDt":
                        open.booked = try Self.date(value, at: at)
                    case _ where Self.isDate(name) && path.dropLast().last == "ValDt":
                        open.valued = try Self.date(value, at: at)
                    case "AcctSvcrRef" where path.dropLast().last == "Ntry":
                        open.reference = value
                    case "NtryRef":
                        open.entryReference = value
                    case "AddtlNtryInf":
                        open.information = value
                    default:
                        break
                    }
                    entry = open
                    continue
                }
                guard var open = statement else { continue }
                switch name {
                case "Stmt":
                    statement = nil
                    statements += 1
                    try sink.bankStatement(try open.draft(context: context))
                    continue
                case "IBAN" where path.contains("Acct") && !path.contains("Svcr"):
                    open.account = value
                case "Id" where path.suffix(3) == ["Id", "Othr", "Id"] && path.contains("Acct") && open.account == nil:
                    open.account = value
                case "Ccy" where path.dropLast().last == "Acct":
                    open.currency = value
                case "FrDtTm", "FrDt":
                    open.start = try Self.date(value, at: at)
                case "ToDtTm", "ToDt":
                    open.end = try Self.date(value, at: at)
                case "Cd" where path.contains("Bal") && path.contains("Tp"):
                    balance?.code = value
                case "Amt" where path.contains("Bal"):
                    balance?.amount = value
                    balance?.currency = currencyOfAmount
                case "CdtDbtInd" where path.contains("Bal"):
                    balance?.credit = try Self.creditIndicator(value, at: at)
                case _ where Self.isDate(name) && path.contains("Bal") && !value.isEmpty:
                    balance?.date = value
                case "Bal":
                    if let found = balance, found.code == "CLBD" {
                        let currency = try FieldText.currency(found.currency ?? open.currency ?? "", at: at)
                        let amount = try FieldText.amount(found.amount, "Bal/Amt", currency: currency, at: at)
                        open.balance = found.credit ? amount : -amount
                        open.balanceDate = try Self.date(found.date, at: at)
                    }
                    balance = nil
                default:
                    break
                }
                statement = open
            }
        }
        if pending > 0 {
            sink.remark("\(pending) entr\(pending == 1 ? "y" : "ies") not booked (pending or information only) left out")
        }
        for remark in reader.remarks { sink.remark(remark) }
        guard statements > 0 else { throw RecordError("the camt.053 holds no statement (Stmt)") }
    }

    /// The version from the namespace: 001.02 to 001.08.
    static func checkVersion(_ namespace: String?, at locator: String) throws {
        guard let namespace, namespace.hasPrefix(namespacePrefix) else {
            throw RecordError(locator: locator, "<Document> is not in a camt.053 namespace (\(namespacePrefix)NN)")
        }
        let version = namespace.dropFirst(namespacePrefix.count)
        guard let number = Int(version), version.count == 2, versions.contains(number) else {
            throw RecordError(locator: locator, "camt.053.001.\(version) is not a version this program reads (001.02 to 001.08)")
        }
    }

    private static func isDate(_ name: String) -> Bool { name == "Dt" || name == "DtTm" }

    private static func creditIndicator(_ text: String, at locator: String) throws -> Bool {
        switch text {
        case "CRDT": return true
        case "DBIT": return false
        default: throw RecordError(locator: locator, "CdtDbtInd \"\(text.prefix(20))\" is neither CRDT nor DBIT")
        }
    }

    /// `2026-10-02`, or the date of `2026-10-02T23:30:00+02:00` as written.
    static func date(_ text: String, at locator: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text.prefix(10)), text.count == 10 || text.dropFirst(10).first == "T" else {
            throw RecordError(locator: locator, "\"\(text.prefix(40))\" is not an ISO date or date-time")
        }
        return date
    }

    /// Hands out the entry's transactions; returns how many.
    private func emit(
        _ entry: CamtEntry, statement: CamtStatement?, context: ParseContext, sink: any RecordSink
    ) throws -> Int {
        guard let date = entry.booked ?? entry.valued else {
            throw RecordError(locator: entry.locator, "the entry has neither a booking date nor a value date")
        }
        guard let credit = entry.credit else { throw RecordError(locator: entry.locator, "the entry has no CdtDbtInd") }
        let own = entry.details.count > 1 && entry.details.allSatisfy { $0.amount != nil }
        let total = try entry.amount.map { try Self.money($0, at: entry.locator) }
        let parts: [(detail: CamtDetail?, amount: (String, String?)?, locator: String)] =
            own ? entry.details.map { ($0, $0.amount, $0.locator) } : [(entry.details.first, entry.amount, entry.locator)]
        var drafts: [BankTransactionDraft] = []
        for (detail, amount, locator) in parts {
            guard let amount else { throw RecordError(locator: locator, "the entry has no Amt") }
            let value = try Self.money(amount, at: locator)
            let isCredit = own ? (detail?.credit ?? credit) : credit
            drafts.append(
                BankTransactionDraft(
                    account: context.account, date: date,
                    description: Self.description(detail, entry: entry, credit: isCredit != entry.reversal),
                    amount: isCredit ? value : -value, provenance: context.provenance(locator),
                    bankId: (own ? detail?.reference : nil) ?? entry.reference ?? detail?.reference ?? entry.entryReference,
                    bankAccount: statement?.account, transactionType: entry.reversal ? PaymentMatching.reversalType : nil))
        }
        if own, let total {
            let sum = drafts.reduce(0) { $0 + abs($1.amount.minorUnits) }
            guard drafts.allSatisfy({ $0.amount.currency == total.currency }), sum == total.minorUnits else {
                throw RecordError(
                    locator: entry.locator, "the amounts of its TxDtls do not add up to the entry's \(total.decimalString) \(total.currency.code)")
            }
        }
        for draft in drafts { try sink.bankTransaction(draft) }
        return parts.count
    }

    /// An `Amt` and its `Ccy` as money; refused without a currency.
    private static func money(_ amount: (String, String?), at locator: String) throws -> Money {
        guard let code = amount.1 else { throw RecordError(locator: locator, "Amt has no Ccy (its currency)") }
        let currency = try FieldText.currency(code, at: locator)
        return try FieldText.amount(amount.0, "Amt", currency: currency, at: locator)
    }

    /// The counterparty (the creditor of money out, the debtor of money in; for a reversal, of the
    /// booking it reverses), its IBAN, then the remittance information; the entry's additional
    /// information when there is none.
    static func description(_ detail: CamtDetail?, entry: CamtEntry, credit: Bool) -> String {
        var parts: [String] = []
        if let detail {
            if let party = credit ? detail.debtor : detail.creditor { parts.append(party) }
            if let iban = credit ? detail.debtorIBAN : detail.creditorIBAN { parts.append(iban) }
            parts += detail.remittance
            if detail.remittance.isEmpty, let id = detail.endToEnd { parts.append(id) }
        }
        if parts.isEmpty, let information = entry.information { parts.append(information) }
        return parts.isEmpty ? (credit ? "credit" : "debit") : parts.joined(separator: " ")
    }
}

/// What is known of an open `Stmt`.
struct CamtStatement {
    var locator: String
    var account: String?
    var currency: String?
    var start: CalendarDate?
    var end: CalendarDate?
    var balance: Money?
    var balanceDate: CalendarDate?
    var transactions = 0

    func draft(context: ParseContext) throws -> BankStatementDraft {
        let code = currency ?? balance?.currency.code
        guard let code else { throw RecordError(locator: locator, "the statement names no currency (Acct/Ccy or a balance's Ccy)") }
        return BankStatementDraft(
            bankAccount: account ?? "", accountType: nil, currency: try FieldText.currency(code, at: locator), start: start,
            end: end, ledgerBalance: balance, balanceDate: balanceDate, transactions: transactions,
            provenance: context.provenance(locator))
    }
}

/// What is known of an open `Ntry`.
struct CamtEntry {
    var locator: String
    var amount: (String, String?)?
    var credit: Bool?
    var reversal = false
    var status: String?
    var booked: CalendarDate?
    var valued: CalendarDate?
    var reference: String?
    var entryReference: String?
    var information: String?
    var details: [CamtDetail] = []
}

/// What is known of an open `TxDtls`.
struct CamtDetail {
    var locator: String
    var amount: (String, String?)?
    var credit: Bool?
    var reference: String?
    var endToEnd: String?
    var creditor: String?
    var debtor: String?
    var creditorIBAN: String?
    var debtorIBAN: String?
    var remittance: [String] = []
}
