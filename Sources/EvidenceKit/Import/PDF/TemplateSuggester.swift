public import Foundation

/// Drafts a ``PDFTemplate`` from one PDF statement (`evidence template suggest FILE.pdf`):
/// keywords from the first page, fields from the labels a bill prints ("Account number",
/// "Statement date", "Due date", "Total due"), and one section of lines from the lines that end
/// in an amount. The draft is for a person to check: every guess is marked `# CHECK`.
public struct TemplateSuggester: Sendable {
    public init() {}

    private typealias Label = (field: PDFTemplate.Field, labels: [String], value: ValueKind)

    private enum ValueKind {
        case identifier, date, amount, phone, period
    }

    /// Labels per field, longest first so that "Total amount due" wins over "Amount due".
    private static let labels: [Label] = [
        (.account, ["account number", "account no.", "account no", "account #", "account id", "account"], .identifier),
        (.statementId, ["statement number", "invoice number", "bill number", "statement id", "invoice no.", "invoice #"], .identifier),
        (.statementDate, ["statement date", "invoice date", "bill date", "date of statement", "date of bill"], .date),
        (.dueDate, ["payment due date", "due date", "pay by", "payment due"], .date),
        (.periodStart, ["service period", "billing period", "statement period", "period"], .period),
        (.previousBalance, ["previous balance", "balance forward", "last bill amount"], .amount),
        (.totalDue, ["total amount due", "total due", "amount due", "balance due", "total balance"], .amount),
        (.line, ["your line", "phone number", "mobile number", "wireless number"], .phone),
    ]

    private static let amount = #"\(?-?\$?\s?[\d,]+\.\d{2}\)?(?:\s?CR)?"#
    private static let phone = #"\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}"#
    private static let identifier = #"[A-Z0-9][A-Z0-9-]*[A-Z0-9]"#
    /// The written forms of dates, with their pattern and their DatePattern layout.
    private static let dateForms: [(regex: String, format: String)] = [
        (#"[A-Z][a-z]+\.? \d{1,2}, \d{4}"#, "MMM d, yyyy"),
        (#"\d{1,2} [A-Z][a-z]+\.? \d{4}"#, "d MMM yyyy"),
        (#"\d{2}/\d{2}/\d{4}"#, "MM/dd/yyyy"),
        (#"\d{4}-\d{2}-\d{2}"#, "yyyy-MM-dd"),
    ]

    /// The draft template for the PDF at `url`, as YAML text.
    public func suggest(for url: URL, password: String? = nil) throws -> String {
        let pdf = try PDFReader().read(url, password: password)
        let lines = pdf.lines
        guard !lines.isEmpty else {
            throw RecordError("the PDF has no text to draft a template from (a scanned page; OCR comes with the OCR support)")
        }
        var fields: [(PDFTemplate.Field, String, String)] = []  // field, pattern, where and what it found
        var fieldLines: Set<String> = []
        var formats: [String] = []
        for (field, labels, kind) in Self.labels {
            if let (pattern, line, value, format) = try find(labels, kind, in: lines) {
                fields.append((field, pattern.0, "\(line.locator): \(value)"))
                if let end = pattern.1 { fields.append((.periodEnd, end, "\(line.locator)")) }
                fieldLines.insert(line.locator)
                if let format, !formats.contains(format) { formats.append(format) }
            }
        }
        let section = try suggestSection(lines, after: fieldLines)
        if let format = section.dateFormat, formats.isEmpty { formats.append(format) }

        var yaml = "# A draft template from \(Self.quoteComment(url.lastPathComponent)): check every line marked CHECK,\n"
        yaml += "# try it with: evidence template test THIS.yaml \(Self.quoteComment(url.lastPathComponent))\n"
        yaml += "# then import with: evidence import --template THIS.yaml FILE.pdf\n"
        let provider = Self.firstColumn(of: pdf.pages.first?.lines.first?.text ?? "")
        yaml += "name: \(Self.quoted(provider.isEmpty ? "provider statement" : provider + " statement"))\n"
        if !provider.isEmpty { yaml += "provider: \(Self.quoted(provider))  # CHECK\n" }
        yaml += "keywords:  # CHECK: all must appear in every statement of this layout\n"
        for keyword in try keywords(pdf, provider: provider) { yaml += "  - \(Self.quoted(keyword))\n" }
        yaml += "currency: USD  # CHECK\n"
        yaml += "dateFormats: [\((formats.isEmpty ? ["MM/dd/yyyy"] : formats).map(Self.quoted).joined(separator: ", "))]\n"
        if let format = section.dateFormat { yaml += "lineDateFormat: \(Self.quoted(format))  # the statement's year is used\n" }
        yaml += "decimalMark: \".\"\n"
        yaml += "fields:\n"
        if fields.isEmpty { yaml += "  statementDate: 'Statement date:?\\s*(?<value>\\S+)'  # CHECK: no label found\n" }
        for (field, pattern, found) in fields {
            yaml += "  \(field.rawValue): \(Self.quoted(pattern))  # CHECK: found \(Self.quoteComment(found))\n"
        }
        if !fields.contains(where: { $0.0 == .statementDate }) && !fields.isEmpty {
            yaml += "  statementDate: 'Statement date:?\\s*(?<value>\\S+)'  # CHECK: required, no label found\n"
        }
        yaml += "lines:\n"
        yaml += "  - name: charges\n"
        yaml += "    start: \(Self.quoted(section.start))  # CHECK: the line before the first bill line\n"
        if let end = section.end { yaml += "    end: \(Self.quoted(end))  # CHECK: the line after the last one\n" }
        yaml += "    line: \(Self.quoted(section.line))  # CHECK: \(section.count) line\(section.count == 1 ? "" : "s") end in an amount here\n"
        yaml += "    skip: ['^Page \\d+ of \\d+', '^Total\\b']  # CHECK: headers, footers and subtotals inside the section\n"
        yaml += "    kind: charge\n"
        yaml += "    patterns:  # first match wins; case-insensitive\n"
        yaml += "      - {match: '^payment', kind: payment, category: payment}\n"
        yaml += "      - {match: 'tax|surcharge', kind: tax, category: tax}\n"
        yaml += "      - {match: 'fee$', kind: fee}\n"
        yaml += "      - {match: 'credit|refund|adjustment', kind: credit}\n"
        return yaml
    }

    /// The first line with one of `labels` followed by a value of `kind`: the field's pattern (and
    /// for a period, the end's), the line, the value and the date layout.
    private func find(_ labels: [String], _ kind: ValueKind, in lines: [PDFLine]) throws
        -> (((String, String?)), PDFLine, String, String?)?
    {
        for line in lines {
            let lowered = line.text.lowercased()
            for label in labels {
                guard let range = lowered.range(of: label) else { continue }
                // The label as the PDF writes it, so its capitals are kept.
                let written = String(line.text[range])
                let labelPattern = NSRegularExpression.escapedPattern(for: written).replacingOccurrences(of: " ", with: "\\s+")
                let rest = String(line.text[range.upperBound...])
                switch kind {
                case .date, .period:
                    for (regex, format) in Self.dateForms {
                        let head = "^\\s*:?\\s*(" + regex + ")"
                        guard let match = try BoundedPattern(head, name: "date").allMatches(in: rest).first,
                            let valueRange = Range(match.range(at: 1), in: rest)
                        else { continue }
                        let value = String(rest[valueRange])
                        guard kind == .period else {
                            return ((labelPattern + "\\s*:?\\s*(?<value>" + regex + ")", nil), line, value, format)
                        }
                        let start = labelPattern + "\\s*:?\\s*(?<value>" + regex + ")"
                        let end = labelPattern + "\\s*:?\\s*" + regex + "\\s*(?:-|–|to|through)\\s*(?<value>" + regex + ")"
                        return ((start, end), line, value, format)
                    }
                default:
                    let regex: String
                    switch kind {
                    case .amount: regex = Self.amount
                    case .phone: regex = Self.phone
                    default: regex = Self.identifier
                    }
                    let head = "^\\s*(?::|#|no\\.?)?\\s*(" + regex + ")"
                    guard let match = try BoundedPattern(head, name: "value").allMatches(in: rest).first,
                        let valueRange = Range(match.range(at: 1), in: rest)
                    else { continue }
                    let value = String(rest[valueRange])
                    // "Account" alone must be followed by something that looks like an id (a digit).
                    if kind == .identifier && !value.contains(where: \.isNumber) { continue }
                    return ((labelPattern + "\\s*(?::|#)?\\s*(?<value>" + regex + ")", nil), line, value, nil)
                }
            }
        }
        return nil
    }

    private struct SuggestedSection {
        var start: String
        var end: String?
        var line: String
        var dateFormat: String?
        var count: Int
    }

    /// One section around the lines ending in an amount after the last field's line.
    private func suggestSection(_ lines: [PDFLine], after fieldLines: Set<String>) throws -> SuggestedSection {
        let amountAtEnd = try BoundedPattern("\\s{2,}" + Self.amount + "\\s*$", name: "amount")
        let total = try BoundedPattern("^\\s*total\\b", name: "total")
        let lastField = lines.lastIndex { fieldLines.contains($0.locator) } ?? -1
        var candidates: [Int] = []
        for index in lines.indices where index > lastField {
            if try amountAtEnd.matches(lines[index].text), try !total.matches(lines[index].text) { candidates.append(index) }
        }
        if candidates.isEmpty {
            for index in lines.indices where !fieldLines.contains(lines[index].locator) {
                if try amountAtEnd.matches(lines[index].text), try !total.matches(lines[index].text) { candidates.append(index) }
            }
        }
        let amountGroup = "(?<amount>" + Self.amount + ")"
        guard let first = candidates.first, let last = candidates.last else {
            return SuggestedSection(
                start: "^Charges", end: "^Total", line: "^(?<description>.+?)\\s{2,}" + amountGroup + "$", dateFormat: nil,
                count: 0)
        }
        let start = first > 0 ? Self.linePattern(lines[first - 1].text) : "^" + NSRegularExpression.escapedPattern(for: lines[first].text)
        var end: String?
        let following = lines[(last + 1)...].prefix(3)
        if let totalLine = try following.first(where: { try total.matches($0.text) }) ?? following.first {
            end = Self.linePattern(totalLine.text)
        }
        let dated = try BoundedPattern("^\\d{1,2}/\\d{1,2}\\s", name: "date")
        let allDated = try candidates.allSatisfy { try dated.matches(lines[$0].text) }
        let line = allDated
            ? "^(?<date>\\d{1,2}/\\d{1,2})\\s+(?<description>.+?)\\s{2,}" + amountGroup + "$"
            : "^(?<description>.+?)\\s{2,}" + amountGroup + "$"
        return SuggestedSection(start: start, end: end, line: line, dateFormat: allDated ? "MM/dd" : nil, count: candidates.count)
    }

    /// Keywords: the provider's name, a web address and a toll-free number on the first page.
    private func keywords(_ pdf: PDFText, provider: String) throws -> [String] {
        var keywords: [String] = provider.isEmpty ? [] : [provider]
        let text = (pdf.pages.first?.lines ?? []).map(\.text).joined(separator: "\n")
        let patterns = [
            #"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|us|example|io|co)\b"#,
            #"\b1-8\d\d-\d{3}-\d{4}\b"#,
        ]
        for source in patterns {
            if let match = try BoundedPattern(source, name: "keyword").allMatches(in: text).first,
                let range = Range(match.range, in: text)
            {
                keywords.append(String(text[range]))
            }
        }
        return keywords.isEmpty ? ["CHECK: a word every statement has"] : keywords
    }

    /// A line's first column (up to a gap of two spaces or more).
    private static func firstColumn(of text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.components(separatedBy: "  ").first?.trimmingCharacters(in: .whitespaces) ?? trimmed
    }

    /// `^` and the line's first column, escaped, with any run of spaces as `\s+`.
    private static func linePattern(_ text: String) -> String {
        let words = firstColumn(of: text).split(separator: " ").map { NSRegularExpression.escapedPattern(for: String($0)) }
        return "^" + words.joined(separator: "\\s+")
    }

    /// A YAML single-quoted scalar.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Text for a comment: one line.
    private static func quoteComment(_ text: String) -> String {
        text.visible.replacingOccurrences(of: "\n", with: " ")
    }
}
