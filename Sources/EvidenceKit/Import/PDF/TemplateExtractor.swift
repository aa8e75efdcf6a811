public import Foundation

/// What a template reads from one PDF: the statement's fields with where each was found, the
/// statement, its entries (each citing `page N, line M`), and the section lines nothing read.
public struct TemplateExtraction: Sendable {
    /// One field's text and the line it came from.
    public struct FoundField: Sendable, Equatable {
        public var text: String
        public var locator: String
    }

    public var fields: [PDFTemplate.Field: FoundField] = [:]
    public var statement: Statement?
    public var entries: [EntryDraft] = []
    /// Lines inside a section that neither the line pattern, a skip pattern nor a wrapped
    /// description took: shown by `template test`, ignored by an import.
    public var unread: [PDFLine] = []
    public var remarks: [String] = []

    /// The sum of the entries (nil without entries).
    public var sum: Money? {
        guard let first = entries.first else { return nil }
        return Money(minorUnits: entries.reduce(0) { $0 + $1.amount.minorUnits }, currency: first.amount.currency)
    }

    /// Previous balance plus the lines, beside the printed total: nil when no total is printed.
    public var totalCheck: (computed: Money, printed: Money)? {
        guard let statement, let printed = statement.totalDue, let sum else { return nil }
        let previous = statement.previousBalance?.minorUnits ?? 0
        return (Money(minorUnits: previous + sum.minorUnits, currency: sum.currency), printed)
    }
}

/// Applies a ``PDFTemplate`` to a PDF's lines: the one place that knows how fields and sections
/// are read, shared by the `pdf-bill` import and `evidence template test`.
public struct TemplateExtractor: Sendable {
    public let template: PDFTemplate
    private let fields: [(PDFTemplate.Field, BoundedPattern)]
    private let sections: [CompiledSection]
    private let amounts: AmountParser
    private let lineDate: (pattern: DatePattern, hasYear: Bool)?

    private struct CompiledSection: Sendable {
        var section: PDFTemplate.Section
        var start: BoundedPattern
        var end: BoundedPattern?
        var line: BoundedPattern
        var skip: [BoundedPattern]
        var patterns: [(BoundedPattern, CSVMapping.Pattern)]
    }

    /// A line that ends in an amount, which a section must not drop unread.
    private static let endsInAmount: BoundedPattern? = try? BoundedPattern(
        #"[-(]?\$?\s?\d{1,3}(?:[,.\s]?\d{3})*[.,]\d{2}\)?(?:\s?-|\s?CR)?\s*$"#, name: "amount at the end")
    private static let totalWord: BoundedPattern? = try? BoundedPattern(#"^\s*(?:new\s+|grand\s+)?total\b"#, name: "total")

    public init(template: PDFTemplate) throws(RecordError) {
        self.template = template
        var fields: [(PDFTemplate.Field, BoundedPattern)] = []
        for field in PDFTemplate.Field.allCases {
            if let source = template.fields[field] {
                fields.append((field, try BoundedPattern(source, name: "template \(template.name): fields.\(field.rawValue)")))
            }
        }
        self.fields = fields
        var sections: [CompiledSection] = []
        for section in template.sections {
            let name = "template \(template.name): lines \(section.name)"
            var patterns: [(BoundedPattern, CSVMapping.Pattern)] = []
            for pattern in section.patterns {
                patterns.append((try BoundedPattern(pattern.match, name: "\(name): patterns"), pattern))
            }
            var skips: [BoundedPattern] = []
            for skip in section.skip { skips.append(try BoundedPattern(skip, name: "\(name): skip")) }
            sections.append(
                CompiledSection(
                    section: section, start: try BoundedPattern(section.start, name: "\(name): start"),
                    end: try section.end.map { (text) throws(RecordError) in try BoundedPattern(text, name: "\(name): end") },
                    line: try BoundedPattern(section.line, name: "\(name): line"), skip: skips, patterns: patterns))
        }
        self.sections = sections
        amounts = AmountParser(decimalMark: template.decimalMark)
        if let format = template.lineDateFormat {
            let hasYear = format.contains("yy")
            lineDate = (try DatePattern(hasYear ? format : format + " yyyy"), hasYear)
        } else {
            lineDate = nil
        }
    }

    /// Reads the statement and its lines from `pdf`; `context` gives the account, the currency
    /// and the provenance. Throws, naming the page and line, when the PDF does not fit the
    /// template well enough to import (no statement date, no lines, an amount left unread, the
    /// total taken for a line).
    public func extract(_ pdf: PDFText, context: ParseContext) throws -> TemplateExtraction {
        var result = TemplateExtraction()
        let lines = pdf.lines
        for (field, pattern) in fields {
            for line in lines {
                guard let match = try at(line, { () throws in try pattern.allMatches(in: line.text).first }) else {
                    continue
                }
                result.fields[field] = TemplateExtraction.FoundField(text: value(of: match, in: line.text), locator: line.locator)
                break
            }
        }
        let currency = template.currency ?? context.defaultCurrency
        let statementDate = try date(.statementDate, in: result)
        guard let statementDate else {
            throw RecordError(
                "template \"\(template.name)\" found no statement date (fields.statementDate matched no line); it found \(foundSummary(result))")
        }
        let totalLine = result.fields[.totalDue]?.locator
        let statedAccount = result.fields[.account]?.text ?? template.account
        guard let account = statedAccount ?? context.account else {
            throw RecordError(
                "template \"\(template.name)\" found no account (fields.account matched no line, and the template names none): give one with --account ID")
        }
        if let statedAccount, let given = context.account, statedAccount != given {
            throw RecordError(
                locator: result.fields[.account]?.locator, "account \(statedAccount) differs from --account \(given)")
        }
        var statementId = result.fields[.statementId]?.text
        if statementId == nil {
            statementId = statementDate.description
            result.remarks.append(
                "template \"\(template.name)\" has no statement id for this PDF: the statement date \(statementDate) is its id")
        }
        let statement = Statement(
            account: account, statementId: statementId ?? statementDate.description, statementDate: statementDate,
            dueDate: try date(.dueDate, in: result), periodStart: try date(.periodStart, in: result),
            periodEnd: try date(.periodEnd, in: result), currency: currency,
            previousBalance: try money(.previousBalance, in: result, currency: currency),
            totalDue: try money(.totalDue, in: result, currency: currency))
        result.statement = statement
        let subscriberLine = result.fields[.line]?.text

        var current: CompiledSection?
        var pendingIndex: Int?  // the entry a wrapped description may continue
        var page = 0
        for line in lines {
            if line.page != page {
                page = line.page
                pendingIndex = nil
            }
            if let section = current, let end = section.end, try at(line, { () throws in try end.matches(line.text) }) {
                current = nil
                pendingIndex = nil
            }
            if current == nil {
                for section in sections where try at(line, { () throws in try section.start.matches(line.text) }) {
                    current = section
                    break
                }
                continue
            }
            guard let section = current else { continue }
            if try section.skip.contains(where: { (skip) throws in try at(line, { () throws in try skip.matches(line.text) }) }) {
                pendingIndex = nil
                continue
            }
            if let match = try at(line, { () throws in try section.line.allMatches(in: line.text).first }) {
                let description = group("description", of: match, in: line.text) ?? ""
                let isTotal = try Self.totalWord.map { (total) throws in try total.matches(description) } ?? false
                if line.locator == totalLine || isTotal {
                    throw RecordError(
                        locator: line.locator,
                        "the line pattern of section \"\(section.section.name)\" matched the total (\"\(excerpt(line.text))\"): end the section before it (its end pattern) or skip it")
                }
                let entry = try entry(
                    match, line: line, section: section, statement: statement, subscriberLine: subscriberLine,
                    context: context)
                result.entries.append(entry)
                pendingIndex = result.entries.count - 1
                continue
            }
            let endsInAmount = try Self.endsInAmount.map { (pattern) throws in
                try at(line, { () throws in try pattern.matches(line.text) })
            } ?? false
            if endsInAmount {
                throw RecordError(
                    locator: line.locator,
                    "\"\(excerpt(line.text))\" ends in an amount but matches neither the line pattern nor a skip pattern of section \"\(section.section.name)\" of template \"\(template.name)\"")
            }
            if let index = pendingIndex {
                // A description that wraps onto the next physical line.
                let more = line.text.trimmingSpaces
                result.entries[index].description += " " + more
                let extra = result.entries[index].extra["wrapped"].map { $0 + "; " } ?? ""
                result.entries[index].extra["wrapped"] = extra + line.locator
                pendingIndex = nil
                continue
            }
            result.unread.append(line)
        }
        guard !result.entries.isEmpty else {
            throw RecordError(
                "template \"\(template.name)\" found no bill lines (no section's start pattern matched, or no line matched its line pattern); it found \(foundSummary(result))")
        }
        // Kinds from description patterns apply to the whole, joined description.
        for index in result.entries.indices {
            let entry = result.entries[index]
            guard let section = sections.first(where: { $0.section.name == entry.extra["section"] }) else { continue }
            if let matched = try section.patterns.first(where: { (pattern) throws in
                try at(entry.provenance.locator, { () throws in try pattern.0.matches(entry.description) })
            })?.1 {
                result.entries[index].kind = matched.kind ?? result.entries[index].kind
                result.entries[index].category = matched.category ?? result.entries[index].category
            }
            result.entries[index].extra["section"] = nil
        }
        return result
    }

    private func entry(
        _ match: NSTextCheckingResult, line: PDFLine, section: CompiledSection, statement: Statement,
        subscriberLine: String?, context: ParseContext
    ) throws -> EntryDraft {
        let text = line.text
        guard let description = group("description", of: match, in: text), !description.isEmpty else {
            throw RecordError(locator: line.locator, "the line pattern matched, but its group description is empty")
        }
        guard let amountText = group("amount", of: match, in: text) else {
            throw RecordError(locator: line.locator, "the line pattern matched, but its group amount is empty")
        }
        var amount: Money
        do {
            amount = try amounts.parse(amountText, currency: statement.currency)
        } catch {
            throw RecordError(locator: line.locator, "amount \"\(amountText.visible)\": \(error)")
        }
        if section.section.sign == .inverted { amount = -amount }
        var date = statement.statementDate
        if let dateText = group("date", of: match, in: text) {
            date = try lineDate(dateText, statement: statement, at: line.locator)
        }
        let quantity = try FieldText.quantity(group("quantity", of: match, in: text), at: line.locator)
        let time = try FieldText.time(group("time", of: match, in: text), at: line.locator)
        return EntryDraft(
            account: statement.account, statementId: statement.statementId, date: date,
            kind: section.section.kind ?? .charge, description: description, category: section.section.category,
            quantity: quantity, unit: group("unit", of: match, in: text), amount: amount, time: time,
            number: group("number", of: match, in: text), line: subscriberLine,
            extra: ["section": section.section.name], provenance: context.provenance(line.locator))
    }

    /// A line's date: the line date format (the statement's year when it has none, the year
    /// before when that would put the line after the statement), else the template's date formats.
    private func lineDate(_ text: String, statement: Statement, at locator: String) throws -> CalendarDate {
        if let (pattern, hasYear) = lineDate {
            if hasYear, let date = pattern.date(from: text) { return date }
            if !hasYear {
                let year = statement.statementDate.year
                if let date = pattern.date(from: "\(text) \(year)") {
                    if date > statement.statementDate, let earlier = pattern.date(from: "\(text) \(year - 1)") {
                        return earlier
                    }
                    return date
                }
            }
        } else if let date = template.dateFormats.lazy.compactMap({ $0.date(from: text) }).first {
            return date
        }
        let formats = lineDate.map { _ in template.lineDateFormat ?? "" } ?? template.dateFormats.map(\.description).joined(separator: ", ")
        throw RecordError(locator: locator, "date \"\(text.visible)\" does not match \(formats)")
    }

    private func date(_ field: PDFTemplate.Field, in result: TemplateExtraction) throws -> CalendarDate? {
        guard let found = result.fields[field] else { return nil }
        let text = found.text.trimmingSpaces
        if let date = template.dateFormats.lazy.compactMap({ $0.date(from: text) }).first { return date }
        let formats = template.dateFormats.map(\.description).joined(separator: ", ")
        throw RecordError(locator: found.locator, "\(field.rawValue) \"\(text.visible)\" does not match the template's dateFormats (\(formats))")
    }

    private func money(_ field: PDFTemplate.Field, in result: TemplateExtraction, currency: Currency) throws -> Money? {
        guard let found = result.fields[field] else { return nil }
        do {
            return try amounts.parse(found.text, currency: currency)
        } catch {
            throw RecordError(locator: found.locator, "\(field.rawValue) \"\(found.text.visible)\": \(error)")
        }
    }

    /// A field's value: its group `value`, else its first group, else the whole match.
    private func value(of match: NSTextCheckingResult, in text: String) -> String {
        if let named = group("value", of: match, in: text) { return named }
        let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
        return Range(range, in: text).map { text[$0].trimmingSpaces } ?? ""
    }

    /// A named group's text, trimmed; nil when the pattern has no such group or it took nothing.
    private func group(_ name: String, of match: NSTextCheckingResult, in text: String) -> String? {
        let range = match.range(withName: name)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
        let value = text[swiftRange].trimmingSpaces
        return value.isEmpty ? nil : value
    }

    /// Runs a pattern on a line, giving a time-limit error the line's place.
    private func at<T>(_ line: PDFLine, _ body: () throws -> T) throws -> T {
        try at(line.locator, body)
    }

    private func at<T>(_ locator: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RecordError where error.locator == nil {
            throw RecordError(locator: locator, error.message)
        }
    }

    private func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return (trimmed.count > 60 ? String(trimmed.prefix(60)) + "…" : trimmed).visible
    }

    /// `account LT-2200 (page 1, line 3), total due $82.30 (page 1, line 9)`, or `no field`.
    private func foundSummary(_ result: TemplateExtraction) -> String {
        let found = PDFTemplate.Field.allCases.compactMap { field in
            result.fields[field].map { "\(field.rawValue) \"\($0.text.visible)\" (\($0.locator))" }
        }
        return found.isEmpty ? "no field" : found.joined(separator: ", ")
    }
}
