/// Turns the elements ``OFXParser`` reads into bank transactions and bank statements.
///
/// It keeps only what is open: the current statement (`STMTRS` or `CCSTMTRS`) and the current
/// transaction (`STMTTRN`), so memory does not grow with the file.
struct OFXStatementBuilder {
    private let context: ParseContext
    private let sink: any RecordSink
    private var statement: OpenStatement?
    private var transaction: OpenTransaction?
    private var statements = 0
    /// Responses whose `STATUS` `CODE` is not 0 (the bank reported an error instead of data).
    private var failedResponses: [String] = []

    private struct OpenStatement {
        var isCard: Bool
        var locator: String
        var currency: Currency?
        var bankAccount: String?
        var accountType: String?
        var start: CalendarDate?
        var end: CalendarDate?
        var balance: String?
        var balanceLine = 0
        var balanceDate: CalendarDate?
        var transactions = 0
    }

    private struct OpenTransaction {
        var locator: String
        var line: Int
        var fields: [String: String] = [:]
    }

    init(context: ParseContext, sink: any RecordSink) {
        self.context = context
        self.sink = sink
    }

    /// The element on top of `stack` was opened.
    mutating func opened(_ stack: [Frame]) throws {
        guard let top = stack.last else { return }
        switch top.name {
        case "STMTRS", "CCSTMTRS":
            statement = OpenStatement(isCard: top.name == "CCSTMTRS", locator: Self.locator(stack))
        case "STMTTRN" where statement != nil && stack.dropLast().last?.name == "BANKTRANLIST":
            transaction = OpenTransaction(locator: Self.locator(stack), line: top.line)
        default:
            break
        }
    }

    /// A value `name` inside the elements of `stack`.
    mutating func value(_ name: String, _ text: String, in stack: [Frame], line: Int) throws {
        let parent = stack.last?.name ?? ""
        let at = "line \(line)"
        if var open = transaction {
            // Inside STMTTRN: its own fields, and those of its PAYEE, CURRENCY and ORIGCURRENCY.
            let key = parent == "STMTTRN" ? name : "\(parent)/\(name)"
            open.fields[key] = text
            transaction = open
            return
        }
        if parent == "STATUS", name == "CODE", text != "0",
            let response = stack.dropLast().last?.name, response.hasSuffix("TRNRS")
        {
            failedResponses.append("\(response) at line \(stack[stack.count - 2].line) (code \(text))")
        }
        guard var open = statement else { return }
        switch (parent, name) {
        case ("STMTRS", "CURDEF"), ("CCSTMTRS", "CURDEF"):
            open.currency = try FieldText.currency(text, at: at)
        case ("BANKACCTFROM", "ACCTID"), ("CCACCTFROM", "ACCTID"):
            open.bankAccount = text
        case ("BANKACCTFROM", "ACCTTYPE"):
            open.accountType = text.uppercased()
        case ("BANKTRANLIST", "DTSTART"):
            open.start = try Self.date(text, name, at: at)
        case ("BANKTRANLIST", "DTEND"):
            open.end = try Self.date(text, name, at: at)
        case ("LEDGERBAL", "BALAMT"):
            open.balance = text
            open.balanceLine = line
        case ("LEDGERBAL", "DTASOF"):
            open.balanceDate = try Self.date(text, name, at: at)
        default:
            break
        }
        statement = open
    }

    /// The element on top of `stack` is about to be closed.
    mutating func closing(_ stack: [Frame]) throws {
        guard let top = stack.last else { return }
        switch top.name {
        case "STMTTRN":
            guard let open = transaction else { return }
            transaction = nil
            try emit(open)
        case "STMTRS", "CCSTMTRS":
            guard let open = statement else { return }
            statement = nil
            statements += 1
            guard let currency = open.currency else {
                throw RecordError(locator: open.locator, "the statement has no CURDEF (its currency)")
            }
            let balance = try open.balance.map { try Self.amount($0, currency: currency, at: "line \(open.balanceLine)") }
            try sink.bankStatement(
                BankStatementDraft(
                    bankAccount: open.bankAccount ?? "", accountType: open.accountType ?? (open.isCard ? "CREDITCARD" : nil),
                    currency: currency, start: open.start, end: open.end, ledgerBalance: balance,
                    balanceDate: open.balanceDate, transactions: open.transactions,
                    provenance: context.provenance(open.locator)))
        default:
            break
        }
    }

    /// After the last element: says what the file held besides transactions.
    func finish() throws {
        for failed in failedResponses {
            sink.remark("the bank reported an error instead of a statement: \(failed)")
        }
        if statements == 0 {
            throw RecordError("the OFX holds no bank or credit-card statement (STMTRS or CCSTMTRS)")
        }
    }

    private mutating func emit(_ open: OpenTransaction) throws {
        guard var statement else { return }
        let at = "\(open.locator), line \(open.line)"
        guard let currency = try open.fields["CURRENCY/CURSYM"].map({ try FieldText.currency($0, at: at) }) ?? statement.currency
        else {
            throw RecordError(locator: at, "no CURDEF before the transactions, so their currency is unknown")
        }
        guard let posted = open.fields["DTPOSTED"], !posted.isEmpty else {
            throw RecordError(locator: at, "the transaction has no DTPOSTED (its date)")
        }
        guard let amountText = open.fields["TRNAMT"], !amountText.isEmpty else {
            throw RecordError(locator: at, "the transaction has no TRNAMT (its amount)")
        }
        let date = try Self.date(posted, "DTPOSTED", at: at)
        let amount = try Self.amount(amountText, currency: currency, at: at)
        let type = open.fields["TRNTYPE"].flatMap { $0.isEmpty ? nil : $0.uppercased() }
        statement.transactions += 1
        self.statement = statement
        try sink.bankTransaction(
            BankTransactionDraft(
                account: context.account, date: date, description: Self.description(open.fields, type: type), amount: amount,
                provenance: context.provenance(at), bankId: open.fields["FITID"].flatMap { $0.isEmpty ? nil : $0 },
                bankAccount: statement.bankAccount, transactionType: type))
    }

    /// `NAME` (or the payee's), then `MEMO` when it adds something; a check's number, or the
    /// type, when the bank gave neither.
    static func description(_ fields: [String: String], type: String?) -> String {
        let name = fields["NAME"] ?? fields["PAYEE/NAME"] ?? ""
        let memo = fields["MEMO"] ?? ""
        var text = name
        if !memo.isEmpty, !name.contains(memo) {
            text = name.isEmpty ? memo : "\(name) \(memo)"
        }
        if text.isEmpty, let check = fields["CHECKNUM"], !check.isEmpty { text = "CHECK \(check)" }
        if text.isEmpty { text = type ?? "transaction" }
        return text
    }

    /// An OFX amount: `-78.69`, `+100`, `1036.5`, or with a decimal comma (`-78,69`).
    static func amount(_ text: String, currency: Currency, at locator: String) throws -> Money {
        let bytes = Array(text.utf8)
        var digits = 0
        var marks = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "."), UInt8(ascii: ","): marks += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if index != 0 { marks = 2 }
            default: marks = 2
            }
        }
        guard digits > 0, marks <= 1 else {
            throw RecordError(locator: locator, "TRNAMT \"\(text.prefix(40))\" is not an amount")
        }
        do {
            return try AmountParser(decimalMark: text.contains(",") ? "," : ".").parse(text, currency: currency)
        } catch {
            throw RecordError(locator: locator, "amount \"\(text)\": \(error)")
        }
    }

    /// An OFX date-time's calendar date as the bank wrote it: `YYYYMMDD`, optionally followed by
    /// `HHMMSS`, `.XXX` and a zone such as `[-5:EST]`.
    static func date(_ text: String, _ name: String, at locator: String) throws -> CalendarDate {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        var valid = bytes.count >= 8
        if valid, bytes.count > 8 {
            var rest = bytes[8...]
            let clock = rest.prefix { (0x30...0x39).contains($0) }
            valid = [0, 4, 6].contains(clock.count)
            if let hour = digits(8..<10), clock.count >= 4 { valid = valid && hour <= 23 && (digits(10..<12) ?? 99) <= 59 }
            rest = rest.dropFirst(clock.count)
            if rest.first == UInt8(ascii: ".") {
                let fraction = rest.dropFirst().prefix { (0x30...0x39).contains($0) }
                valid = valid && !fraction.isEmpty && fraction.count <= 6
                rest = rest.dropFirst(1 + fraction.count)
            }
            if rest.first == UInt8(ascii: "[") {
                valid = valid && rest.last == UInt8(ascii: "]") && rest.count <= 20
                    && rest.dropFirst().dropLast().allSatisfy {
                        (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
                            || [UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: ".")].contains($0)
                    }
                rest = []
            }
            valid = valid && rest.isEmpty
        }
        guard valid, let year = digits(0..<4), let month = digits(4..<6), let day = digits(6..<8),
            let date = CalendarDate(year: year, month: month, day: day)
        else {
            throw RecordError(locator: locator, "\(name) \"\(text.prefix(40))\" is not an OFX date (YYYYMMDD, then optionally HHMMSS.XXX[-5:EST])")
        }
        return date
    }

    /// `/OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[3]`: repeated elements numbered.
    static func locator(_ stack: [Frame]) -> String {
        "/" + stack.map { $0.index > 1 || $0.name == "STMTTRN" ? "\($0.name)[\($0.index)]" : $0.name }.joined(separator: "/")
    }
}
