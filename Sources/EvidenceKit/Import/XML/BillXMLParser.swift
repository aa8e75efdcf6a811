import Foundation

/// The project's own bill XML (`bill-xml`, namespace `urn:evidence:bill:1`); see docs/bill-xml.md.
///
/// `<bill>` holds `<statement>` elements (attributes: account, id, date, due, currency; optional
/// provider, period-start, period-end, previous-balance, total), each holding `<line>` elements
/// (attributes: date, kind, amount; optional category, quantity, unit, time, number, line)
/// whose text is the description.
public struct BillXMLParser: RecordParser {
    public static let namespace = "urn:evidence:bill:1"

    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let reader = try XMLStreamReader(url: context.url)
        var statement: Statement?
        var line: (element: XMLStreamReader.Element, attributes: [String: String])?
        var text = ""
        while let event = try reader.next() {
            switch event {
            case .start(let element):
                let attributes = Dictionary(reader.attributes().map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                switch (element.depth, element.localName) {
                case (0, "bill"):
                    guard element.namespace == Self.namespace else {
                        throw RecordError(locator: element.path, "the root element is not in namespace \(Self.namespace)")
                    }
                case (1, "statement"):
                    statement = try readStatement(attributes, at: element.path, context: context)
                    if let statement {
                        try sink.account(statement.account, provider: FieldText.nonEmpty(attributes["provider"]))
                        try sink.statement(statement, locator: element.path)
                    }
                case (2, "line"):
                    line = (element, attributes)
                    text = ""
                default:
                    throw RecordError(locator: element.path, "unexpected element <\(element.localName)>")
                }
            case .text(let value):
                if line != nil { text += value }
            case .end(let name, _):
                guard name == "line", let (element, attributes) = line, let statement else { continue }
                line = nil
                try sink.entry(try readLine(attributes, description: text, statement: statement, at: element.path, context: context))
            }
        }
    }

    private func readStatement(_ attributes: [String: String], at path: String, context: ParseContext) throws -> Statement {
        func required(_ name: String) throws -> String { try Self.required(name, in: attributes, at: path) }
        let currency = try FieldText.currency(try required("currency"), at: path)
        func amount(_ name: String) throws -> Money? {
            try FieldText.nonEmpty(attributes[name]).map { try FieldText.amount($0, name, currency: currency, at: path) }
        }
        return Statement(
            account: try context.resolveAccount(attributes["account"], locator: path),
            statementId: try required("id"),
            statementDate: try FieldText.date(try required("date"), "date", at: path),
            dueDate: try FieldText.date(try required("due"), "due", at: path),
            periodStart: try FieldText.optionalDate(attributes["period-start"], "period-start", at: path),
            periodEnd: try FieldText.optionalDate(attributes["period-end"], "period-end", at: path),
            currency: currency,
            previousBalance: try amount("previous-balance"),
            totalDue: try amount("total"))
    }

    private func readLine(
        _ attributes: [String: String], description: String, statement: Statement, at path: String,
        context: ParseContext
    ) throws -> EntryDraft {
        func required(_ name: String) throws -> String { try Self.required(name, in: attributes, at: path) }
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty else {
            throw RecordError(locator: path, "the line has no description")
        }
        return EntryDraft(
            account: statement.account, statementId: statement.statementId,
            date: try FieldText.date(try required("date"), "date", at: path),
            kind: try FieldText.kind(try required("kind"), at: path),
            description: description,
            category: FieldText.nonEmpty(attributes["category"]),
            quantity: try FieldText.quantity(attributes["quantity"], at: path),
            unit: FieldText.nonEmpty(attributes["unit"]),
            amount: try FieldText.amount(try required("amount"), "amount", currency: statement.currency, at: path),
            time: try FieldText.time(attributes["time"], at: path),
            number: FieldText.nonEmpty(attributes["number"]),
            line: FieldText.nonEmpty(attributes["line"]),
            provenance: context.provenance(path))
    }

    /// The non-empty value of a required attribute, or an error naming it and its element.
    private static func required(_ name: String, in attributes: [String: String], at path: String) throws -> String {
        guard let value = FieldText.nonEmpty(attributes[name]) else {
            throw RecordError(locator: path, "attribute \(name) is missing")
        }
        return value
    }
}
