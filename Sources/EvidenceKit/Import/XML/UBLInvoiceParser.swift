import Foundation

/// UBL 2.1 `Invoice` and `CreditNote` documents (`ubl-invoice`; Peppol BIS Billing 3.0, EN 16931).
///
/// Entries of one document sum to its `PayableAmount` (a credit note's to minus it): one entry per
/// line (its `LineExtensionAmount`, line-level allowances already included), one per document-level
/// allowance (negative) and charge, the tax total in the document currency (a second `TaxTotal`
/// in the tax currency is left out), the prepaid amount (negative) and the rounding amount.
/// The account is `--account`, else the customer's assigned account id or buyer identifier (BT-46).
public struct UBLInvoiceParser: RecordParser {
    public static let invoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    public static let creditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let reader = try XMLStreamReader(url: context.url)
        var document = InvoiceDocument()
        var names: [String] = []
        var paths: [String] = []
        var attributes: [String: String] = [:]
        var text = ""
        while let event = try reader.next() {
            switch event {
            case .start(let element):
                if element.depth == 0 {
                    try document.begin(element)
                }
                names.append(element.localName)
                paths.append(element.path)
                text = ""
                if element.localName.hasSuffix("Amount") || element.localName.hasSuffix("Quantity") {
                    attributes = Dictionary(
                        reader.attributes().map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                } else {
                    attributes = [:]
                }
                if element.depth == 1, element.localName == document.lineElement {
                    try document.declareStatement(context: context, sink: sink)
                    document.line = Line(path: element.path)
                } else if element.depth == 1, element.localName == "AllowanceCharge" {
                    document.allowanceCharge = AllowanceCharge(path: element.path)
                }
            case .text(let value):
                text += value
            case .end:
                guard let path = paths.last else { continue }
                try document.take(
                    names: names, value: text.trimmingCharacters(in: .whitespacesAndNewlines), attributes: attributes,
                    path: path, context: context, sink: sink)
                names.removeLast()
                paths.removeLast()
                text = ""
            }
        }
        try document.finish(context: context, sink: sink)
    }
}

/// What the parser has gathered of one document as it streams by.
private struct InvoiceDocument {
    var isCreditNote = false
    var root = "Invoice"
    var lineElement = "InvoiceLine"
    var id: String?
    var issueDate: CalendarDate?
    var dueDate: CalendarDate?
    var paymentDueDate: CalendarDate?
    var periodStart: CalendarDate?
    var periodEnd: CalendarDate?
    var currency: Currency?
    /// The customer's account id by priority, lowest first: CustomerAssignedAccountID, then the
    /// buyer identifier (BT-46). An EndpointID is an electronic address, never taken for an account.
    var customerAccount: [Int: String] = [:]
    var provider: String?
    var payable: Money?
    /// Whether a TaxTotal in the document currency was read, and a non-zero one in another currency.
    var documentCurrencyTax = false
    var otherCurrencyTax: (amount: Money, path: String)?
    var headerEntries: [EntryDraft] = []
    var pending: [(kind: EntryKind, description: String, amount: Money, path: String)] = []
    var statement: Statement?
    var line: Line?
    var allowanceCharge: AllowanceCharge?

    mutating func begin(_ element: XMLStreamReader.Element) throws {
        switch (element.localName, element.namespace) {
        case ("Invoice", UBLInvoiceParser.invoiceNamespace?):
            break
        case ("CreditNote", UBLInvoiceParser.creditNoteNamespace?):
            isCreditNote = true
            root = "CreditNote"
            lineElement = "CreditNoteLine"
        default:
            throw RecordError(locator: element.path, "the root element is not a UBL 2.1 Invoice or CreditNote")
        }
    }

    /// Handles the end of an element whose ancestry (local names from the root) is `names`.
    mutating func take(
        names: [String], value: String, attributes: [String: String], path: String, context: ParseContext,
        sink: any RecordSink
    ) throws {
        let relative = names.dropFirst().joined(separator: "/")
        func date() throws -> CalendarDate { try FieldText.date(value, names.last ?? "date", at: path) }
        func amount() throws -> Money { try self.amount(value, attributes: attributes, at: path) }
        switch relative {
        case "ID": id = value
        case "IssueDate": issueDate = try date()
        case "DueDate": dueDate = try date()
        case "PaymentMeans/PaymentDueDate": paymentDueDate = try date()
        case "InvoicePeriod/StartDate": periodStart = try date()
        case "InvoicePeriod/EndDate": periodEnd = try date()
        case "DocumentCurrencyCode": currency = try FieldText.currency(value, at: path)
        case "AccountingCustomerParty/CustomerAssignedAccountID": customerAccount[0] = value
        case "AccountingCustomerParty/Party/PartyIdentification/ID": customerAccount[1] = customerAccount[1] ?? value
        case "AccountingSupplierParty/Party/PartyName/Name": provider = provider ?? value
        case "AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName": provider = provider ?? value
        case "AllowanceCharge/ChargeIndicator":
            // xs:boolean: true, false, 1 or 0; anything else is not read as an allowance by default.
            switch value.trimmingSpaces {
            case "true", "1": allowanceCharge?.isCharge = true
            case "false", "0": allowanceCharge?.isCharge = false
            default:
                throw RecordError(locator: path, "ChargeIndicator \"\(value.visible)\" is neither true nor false")
            }
        case "AllowanceCharge/Amount":
            let money = try amount()
            allowanceCharge?.amount = money
        case "AllowanceCharge/AllowanceChargeReason": allowanceCharge?.reason = value
        case "AllowanceCharge":
            guard let charge = allowanceCharge else { break }
            allowanceCharge = nil
            guard let money = charge.amount, let isCharge = charge.isCharge else {
                throw RecordError(locator: path, "an AllowanceCharge needs ChargeIndicator and Amount")
            }
            pending.append(
                isCharge
                    ? (.fee, charge.reason ?? "Charge", money, path)
                    : (.credit, charge.reason ?? "Allowance", -money, path))
        case "TaxTotal/TaxAmount":
            let money = try self.amount(value, attributes: attributes, at: path, anyCurrency: true)
            // The citation is the TaxTotal element itself.
            let taxTotal = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
            if money.currency == currency {
                pending.append((.tax, "Tax total", money, taxTotal))
                documentCurrencyTax = true
            } else if money.minorUnits != 0 {
                otherCurrencyTax = (money, taxTotal)
            }
        case "LegalMonetaryTotal/PayableAmount": payable = try amount()
        case "LegalMonetaryTotal/PrepaidAmount":
            let money = try amount()
            if money.minorUnits != 0 { pending.append((.payment, "Prepaid amount", -money, path)) }
        case "LegalMonetaryTotal/PayableRoundingAmount":
            let money = try amount()
            if money.minorUnits != 0 { pending.append((.adjustment, "Rounding", money, path)) }
        case lineElement + "/ID": line?.id = value
        case lineElement + "/InvoicedQuantity", lineElement + "/CreditedQuantity":
            let quantity = try FieldText.quantity(value, at: path)
            line?.quantity = quantity
            line?.unit = attributes["unitCode"]
        case lineElement + "/LineExtensionAmount":
            let money = try amount()
            line?.amount = money
        case lineElement + "/Item/Name": line?.name = value
        case lineElement + "/Item/Description": line?.itemDescription = value
        case lineElement:
            guard let done = line, let statement else { break }
            line = nil
            guard let money = done.amount else {
                throw RecordError(locator: done.path, "the line has no LineExtensionAmount")
            }
            let description = done.name ?? done.itemDescription ?? "Line \(done.id ?? "")"
            try sink.entry(
                EntryDraft(
                    account: statement.account, statementId: statement.statementId, date: statement.statementDate,
                    kind: isCreditNote ? .credit : .charge, description: description, quantity: done.quantity,
                    unit: done.unit, amount: isCreditNote ? -money : money, provenance: context.provenance(done.path)))
        default:
            break
        }
    }

    /// Declares the statement once the header is read (before the first line, or at the end).
    mutating func declareStatement(context: ParseContext, sink: any RecordSink) throws {
        guard statement == nil else { return }
        let path = "/\(root)"
        guard let id, !id.isEmpty else { throw RecordError(locator: path, "the document has no ID") }
        guard let issueDate else { throw RecordError(locator: path, "the document has no IssueDate") }
        guard let currency else { throw RecordError(locator: path, "the document has no DocumentCurrencyCode") }
        let stated = customerAccount.sorted { $0.key < $1.key }.first?.value
        guard let account = context.account ?? stated else {
            throw RecordError(
                locator: path + "/AccountingCustomerParty",
                "the customer party has no account id or identifier; give one with --account ID")
        }
        let declared = Statement(
            account: account, statementId: id, statementDate: issueDate, dueDate: dueDate ?? paymentDueDate,
            periodStart: periodStart, periodEnd: periodEnd, currency: currency,
            totalDue: payable.map { isCreditNote ? -$0 : $0 })
        try sink.account(account, provider: provider)
        try sink.statement(declared, locator: path)
        statement = declared
    }

    mutating func finish(context: ParseContext, sink: any RecordSink) throws {
        if let other = otherCurrencyTax, !documentCurrencyTax {
            throw RecordError(
                locator: other.path,
                "the only TaxTotal is in \(other.amount.currency), not the document currency \(currency.map { "\($0)" } ?? "(none)"); "
                    + "its tax cannot be entered without a TaxTotal in the document currency")
        }
        try declareStatement(context: context, sink: sink)
        guard let statement else { return }
        guard payable != nil else {
            throw RecordError(locator: "/\(root)/LegalMonetaryTotal", "the document has no PayableAmount")
        }
        for (kind, description, amount, path) in pending {
            try sink.entry(
                EntryDraft(
                    account: statement.account, statementId: statement.statementId, date: statement.statementDate,
                    kind: kind, description: description, amount: isCreditNote ? -amount : amount,
                    provenance: context.provenance(path)))
        }
    }

    private func amount(
        _ text: String, attributes: [String: String], at path: String, anyCurrency: Bool = false
    ) throws -> Money {
        guard let code = attributes["currencyID"] else {
            throw RecordError(locator: path, "the amount has no currencyID")
        }
        let stated = try FieldText.currency(code, at: path)
        if !anyCurrency, let currency, stated != currency {
            throw RecordError(locator: path, "currencyID \(stated) differs from the document currency \(currency)")
        }
        return try FieldText.amount(text, "amount", currency: stated, at: path)
    }
}

private struct Line {
    var path: String
    var id: String?
    var quantity: String?
    var unit: String?
    var amount: Money?
    var name: String?
    var itemDescription: String?
}

private struct AllowanceCharge {
    var path: String
    var isCharge: Bool?
    var amount: Money?
    var reason: String?
}
