public import Foundation

/// Drafts a ``CSVMapping`` from a CSV export's header and first rows (`evidence mapping suggest`).
///
/// The draft is a starting point: it guesses the encoding, delimiter, preamble lines, date
/// format, decimal mark and which columns hold what, and marks what it could not find.
public struct MappingSuggester: Sendable {
    public init() {}

    /// YAML text of a draft mapping for `url`.
    public func suggest(for url: URL) throws -> String {
        let encoding = try Self.encoding(of: url)
        let (delimiter, skipLines, header, rows) = try Self.layout(of: url, encoding: encoding)
        let names = header.map { $0.trimmingSpaces }
        func find(_ candidates: [String]) -> Int? {
            for candidate in candidates {
                if let index = names.firstIndex(where: { $0.lowercased() == candidate }) { return index }
            }
            for candidate in candidates {
                if let index = names.firstIndex(where: { $0.lowercased().contains(candidate) }) { return index }
            }
            return nil
        }
        var columns: [(String, Int)] = []
        let date = find(["posted", "posting date", "transaction date", "date", "booked"])
        if let date { columns.append(("date", date)) }
        if let index = find(["description", "details", "memo", "payee", "narrative", "name"]) {
            columns.append(("description", index))
        }
        let debit = find(["debit", "charges", "charge", "withdrawal", "paid out", "money out"])
        let credit = find(["credit", "credits", "deposit", "paid in", "money in"])
        let amount = find(["amount", "value", "sum"])
        let sign: String
        if let debit, let credit {
            columns += [("debit", debit), ("credit", credit)]
            sign = "debit-credit"
        } else {
            if let amount { columns.append(("amount", amount)) }
            sign = "signed"
        }
        if let index = find(["bill number", "invoice", "statement"]) { columns.append(("statementId", index)) }
        if let index = find(["bill date", "statement date", "invoice date"]), index != date {
            columns.append(("statementDate", index))
        }
        if let index = find(["due"]) { columns.append(("dueDate", index)) }
        if let index = find(["currency"]) { columns.append(("currency", index)) }
        let isBank = names.contains { $0.lowercased().contains("balance") } && debit == nil || names.contains {
            $0.lowercased().contains("paid out") || $0.lowercased().contains("withdrawal")
        }

        let dateSamples = date.map { index in rows.compactMap { index < $0.count ? $0[index] : nil } } ?? []
        let dateFormat = Self.dateFormats.first { format in
            guard let pattern = try? DatePattern(format) else { return false }
            let samples = dateSamples.filter { !$0.isEmpty }
            return !samples.isEmpty && samples.allSatisfy { pattern.date(from: $0) != nil }
        }
        let amountSamples = [amount, debit, credit].compactMap { $0 }.flatMap { index in
            rows.compactMap { index < $0.count ? $0[index] : nil }
        }
        let decimalComma = amountSamples.contains { sample in
            let trimmed = sample.trimmingSpaces
            guard let comma = trimmed.lastIndex(of: ",") else { return false }
            let after = trimmed[trimmed.index(after: comma)...]
            return after.count == 2 && after.allSatisfy(\.isNumber) && !after.contains(".")
        }

        var yaml = "# Draft mapping for \(url.lastPathComponent): check every line before use.\n"
        yaml += "name: \(Self.quoted(url.deletingPathExtension().lastPathComponent))\n"
        yaml += "target: \(isBank ? "bank" : "ledger")       # ledger (bill lines) or bank (bank transactions)\n"
        yaml += "# account: ACCOUNT-ID     # the provider account these rows belong to\n"
        yaml += "encoding: \(encoding.rawValue)\n"
        yaml += "delimiter: \(Self.quoted(delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter))))\n"
        yaml += "skipLines: \(skipLines)\n"
        if let format = dateFormat {
            yaml += "dateFormat: \(format)\n"
        } else {
            yaml += "dateFormat: yyyy-MM-dd   # CHECK: no common format fits the dates\n"
        }
        yaml += "decimalMark: \(Self.quoted(decimalComma ? "," : "."))\n"
        yaml += "currency: USD\n"
        yaml += "sign: \(sign)\n"
        yaml += "columns:\n"
        for (field, index) in columns {
            yaml += "  \(field): \(Self.quoted(names[index]))\n"
        }
        for field in ["date", "description"] where !columns.contains(where: { $0.0 == field }) {
            yaml += "  # \(field): CHECK: no column found\n"
        }
        if sign == "signed" && amount == nil { yaml += "  # amount: CHECK: no column found\n" }
        yaml += "kind: charge\n"
        yaml += "patterns:\n  - match: \"payment|thank you\"\n    kind: payment\n    category: payment\n"
        yaml += "  - match: \"tax|surcharge\"\n    kind: tax\n"
        if let last = rows.last, last.contains(where: { $0.lowercased().contains("total") }),
            let column = last.firstIndex(where: { $0.lowercased().contains("total") })
        {
            yaml += "skipRows:\n  - column: \(Self.quoted(names[column]))\n    pattern: \"(?i)total\"\n"
        }
        return yaml
    }

    static let dateFormats = [
        "yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "dd/MM/yyyy", "dd.MM.yyyy", "d.M.yyyy", "yyyy/MM/dd", "MM-dd-yyyy",
        "dd-MM-yyyy", "MM/dd/yy", "d MMM yyyy", "MMM d, yyyy", "dd-MMM-yyyy",
    ]

    private static func encoding(of url: URL) throws -> TextEncoding {
        let reader = try FileReader(url: url)
        var buffer = [UInt8](repeating: 0, count: 1 << 14)
        let count = try reader.read(into: &buffer)
        let head = Array(buffer[0..<count])
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .utf16 }
        // A cut at the end of the sample may split a character: drop up to three trailing bytes.
        for cut in 0...min(3, head.count) where String(validating: head.dropLast(cut), as: UTF8.self) != nil {
            return .utf8
        }
        return .windows1252
    }

    /// The delimiter, preamble line count, header and first rows that fit best.
    private static func layout(of url: URL, encoding: TextEncoding) throws -> (UInt8, Int, [String], [[String]]) {
        var best: (score: Int, delimiter: UInt8, skip: Int, header: [String], rows: [[String]])?
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")] {
            let reader = CSVReader(
                source: TranscodingByteSource(try FileReader(url: url), encoding: encoding), delimiter: delimiter)
            var records: [[String]] = []
            while records.count < 40, let record = try? reader.next() { records.append(record.fields) }
            for skip in 0..<min(10, records.count) {
                let header = records[skip]
                guard header.count >= 2 else { continue }
                let rows = Array(records.dropFirst(skip + 1))
                let fitting = rows.filter { $0.count == header.count }.count
                let score = fitting * header.count
                if score > (best?.score ?? 0) { best = (score, delimiter, skip, header, rows) }
                break
            }
        }
        guard let best else { throw RecordError("no header with two or more columns was found") }
        return (best.delimiter, best.skip, best.header, best.rows)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
