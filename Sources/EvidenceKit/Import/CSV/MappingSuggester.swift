public import Foundation

/// Drafts a ``CSVMapping`` from a CSV export's header and first rows (`evidence mapping suggest`).
///
/// It finds the encoding (UTF-8, UTF-16, GB18030, else Windows-1252), the delimiter, the header
/// after any preamble of account details, summary rows after the data, which columns hold the
/// date, the description, the amount (or debit and credit, or an amount and a column saying in or
/// out) from headers in English, German, French, Spanish, Italian, Dutch and Chinese, and how dates
/// and amounts are written. Every guess it is not sure of is marked `# CHECK`; a draft without one
/// is meant to import the file as it is.
public struct MappingSuggester: Sendable {
    public init() {}

    /// Header words for each field, most specific first; each is tried as the whole header, then
    /// as a part of it.
    static let vocabulary: [(field: String, words: [String])] = [
        ("date", [
            "transaction date", "posting date", "posted date", "booking date", "date", "posted", "booked",
            "buchungstag", "buchungsdatum", "datum", "date d'opération", "date opération", "date de l'opération",
            "fecha operación", "fecha de operación", "fecha", "data operazione", "data contabile", "data", "boekdatum",
            "transactiedatum", "交易创建时间", "交易时间", "交易日期", "记账日期", "日期",
        ]),
        ("description", [
            "description", "details", "transaction details", "memo", "payee", "narrative", "merchant", "name",
            "verwendungszweck", "buchungstext", "beschreibung", "empfänger", "auftraggeber", "libellé", "libelle",
            "détails", "concepto", "descripción", "descripcion", "detalle", "descrizione", "causale", "omschrijving",
            "naam / omschrijving", "tegenpartij", "mededelingen", "交易对方", "商品名称", "商品", "摘要", "对方户名",
        ]),
        ("amount", [
            "amount", "transaction amount", "value", "sum", "betrag", "umsatz", "montant", "importe", "cantidad",
            "importo", "bedrag", "金额（元）", "金额(元)", "交易金额", "金额",
        ]),
        ("debit", [
            "debit", "debit amount", "withdrawal", "withdrawals", "paid out", "money out", "charges", "charge", "soll",
            "belastung", "ausgang", "débit", "debit (eur)", "cargo", "débito", "addebiti", "dare", "af",
        ]),
        ("credit", [
            "credit", "credit amount", "deposit", "deposits", "paid in", "money in", "credits", "haben", "gutschrift",
            "eingang", "crédit", "abono", "crédito", "accrediti", "avere", "bij",
        ]),
        ("inOut", ["收/支", "收支", "s/h", "soll/haben", "debit/credit", "dr/cr", "cr/dr", "af bij", "af/bij", "d/c"]),
        ("currency", ["currency", "währung", "waehrung", "devise", "moneda", "divisa", "valuta", "munt", "币种", "货币"]),
        ("balance", ["balance", "saldo", "solde", "余额"]),
    ]

    /// The words of an in-or-out column for money out and money in.
    static let directionWords: [(out: String, in: String)] = [
        ("支出", "收入"), ("s", "h"), ("debit", "credit"), ("dr", "cr"), ("d", "c"), ("af", "bij"), ("db", "cr"),
    ]

    /// Date layouts tried, day-first and month-first ones both, with and without a time.
    static let dateFormats = [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy/M/d", "yyyy/MM/dd HH:mm:ss",
        "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yy", "M/d/yy", "MM/dd/yyyy HH:mm",
        "dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "dd.MM.yyyy HH:mm", "MM-dd-yyyy",
        "dd-MM-yyyy", "d MMM yyyy", "MMM d, yyyy", "dd-MMM-yyyy", "dd MMM yyyy", "yyyyMMdd",
    ]

    /// YAML text of a draft mapping for `url`.
    /// An Excel workbook (a zip holding `xl/workbook.xml`) is drafted from its first sheet, with
    /// `sheet:` in place of `encoding:` and `delimiter:`.
    public func suggest(for url: URL) throws -> String {
        if try Self.isZip(url) { return try suggestWorkbook(url) }
        return try suggestText(url)
    }

    /// True when the file starts as a zip does (`PK\u{3}\u{4}`).
    private static func isZip(_ url: URL) throws -> Bool {
        let reader = try FileReader(url: url)
        var buffer = [UInt8](repeating: 0, count: 4)
        let count = try reader.read(into: &buffer)
        return count == 4 && buffer == [0x50, 0x4B, 0x03, 0x04]
    }

    /// The first sheet's first rows written as UTF-8 CSV into a private temporary folder (under the
    /// workbook's own name), drafted like a CSV, then told which sheet to read.
    private func suggestWorkbook(_ url: URL) throws -> String {
        let workbook = try XLSXWorkbook(url: url)
        guard let sheet = workbook.sheets.first else { throw RecordError("the workbook has no sheet") }
        let rows = try XLSXSheetReader(url: try workbook.extract(sheet.part), sheetName: sheet.name, sharedStrings: workbook.sharedStrings)
        // The first rows and the last ones (where a summary would be), as the CSV draft reads them.
        var head: [String] = []
        var tail: [String] = []
        while let row = try rows.next() {
            let line = row.fields.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
            if head.count < 2_000 {
                head.append(line)
            } else {
                tail.append(line)
                if tail.count > 20 { tail.removeFirst() }
            }
        }
        let text = (head + tail).map { $0 + "\n" }.joined()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-suggest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".csv")
        try Data(text.utf8).write(to: csv)
        let draft = try suggestText(csv)
        var lines: [String] = []
        for line in draft.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# Draft mapping for ") {
                lines.append("# Draft mapping for \(url.lastPathComponent): confirm the lines marked as guesses.")
            } else if line.hasPrefix("encoding: ") {
                lines.append("sheet: \(Self.quoted(sheet.name))")
            } else if !line.hasPrefix("delimiter: ") {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func suggestText(_ url: URL) throws -> String {
        let encoding = try Self.encoding(of: url)
        let layout = try Self.layout(of: url, encoding: encoding)
        let names = layout.header.map { $0.trimmingSpaces }
        let rows = layout.rows
        var used: Set<Int> = []
        func find(_ field: String) -> Int? {
            guard let words = Self.vocabulary.first(where: { $0.field == field })?.words else { return nil }
            let lower = names.map { $0.lowercased() }
            for word in words {
                if let index = lower.indices.first(where: { lower[$0] == word && !used.contains($0) }) { return index }
            }
            for word in words where word.count >= 4 || word.unicodeScalars.contains(where: { $0.value > 0x2E80 }) {
                if let index = lower.indices.first(where: { lower[$0].contains(word) && !used.contains($0) }) { return index }
            }
            return nil
        }
        func take(_ field: String) -> Int? {
            let index = find(field)
            if let index { used.insert(index) }
            return index
        }
        var checks: [String] = []
        var columns: [(String, Int)] = []
        let date = take("date")
        if let date { columns.append(("date", date)) }
        let inOut = take("inOut")
        let debit = take("debit")
        let credit = take("credit")
        let amount = take("amount")
        let description = take("description")
        if let description { columns.append(("description", description)) }
        let currencyColumn = take("currency")
        let balance = find("balance")
        func samples(_ index: Int?) -> [String] {
            guard let index else { return [] }
            return rows.compactMap { index < $0.count ? $0[index].trimmingSpaces : nil }.filter { !$0.isEmpty }
        }

        var sign = "signed"
        var directionLines = ""
        if let amount, let inOut {
            let words = Set(samples(inOut).map { $0.lowercased() })
            if let pair = Self.directionWords.first(where: { words.contains($0.out) || words.contains($0.in) }) {
                sign = "in-out"
                columns += [("amount", amount), ("inOut", inOut)]
                let original = { (word: String) in samples(inOut).first { $0.lowercased() == word } ?? word }
                directionLines = "moneyOut: [\(Self.quoted(original(pair.out)))]\nmoneyIn: [\(Self.quoted(original(pair.in)))]\n"
                let others = words.subtracting([pair.out, pair.in])
                if !others.isEmpty {
                    directionLines += "skipRows:\n" + others.sorted().map {
                        "  - column: \(Self.quoted(names[inOut]))\n    pattern: \(Self.quoted("^" + NSRegularExpression.escapedPattern(for: original($0)) + "$"))\n"
                    }.joined()
                }
            } else {
                columns.append(("amount", amount))
                checks.append("sign: the column \(names[inOut]) holds words this draft does not know")
            }
        } else if let debit, let credit {
            columns += [("debit", debit), ("credit", credit)]
            sign = "debit-credit"
        } else if let amount {
            columns.append(("amount", amount))
            if samples(amount).allSatisfy({ !$0.contains("-") && !$0.contains("(") }) && !samples(amount).isEmpty {
                checks.append("sign: no amount is negative; money out may need sign: inverted")
            }
        }

        // Dates: the layouts every sample fits; more than one (3/4/2026) is a guess.
        let dateSamples = samples(date)
        var fitting: [String] = []
        var readings: [[CalendarDate?]] = []
        for format in Self.dateFormats {
            guard let pattern = try? DatePattern(format), !dateSamples.isEmpty else { continue }
            let dates = dateSamples.map { pattern.date(from: $0) }
            guard dates.allSatisfy({ $0 != nil }) else { continue }
            // `M/d/yyyy` reads what `MM/dd/yyyy` reads: only a layout giving other dates is another guess.
            if !readings.contains(dates) {
                fitting.append(format)
                readings.append(dates)
            }
        }
        // Amounts: the decimal mark from how the samples end.
        let amountSamples = [amount, debit, credit].compactMap { $0 }.flatMap { samples($0) }
        let decimalMark = Self.decimalMark(of: amountSamples)
        let currency = Self.currency(of: amountSamples + samples(currencyColumn) + [amount, debit, credit].compactMap { $0 }.map { names[$0] })

        // A provider's bill export names its bills; anything else (a bank, a card, a payment app) is bank.
        let billWords = ["bill", "invoice", "statement", "due", "rechnung", "facture", "factura", "fattura", "factuur", "账单号"]
        let isBank = balance != nil || inOut != nil || !names.contains { name in billWords.contains { name.lowercased().contains($0) } }

        var yaml = "# Draft mapping for \(url.lastPathComponent): confirm the lines marked as guesses.\n"
        yaml += "name: \(Self.quoted(url.deletingPathExtension().lastPathComponent))\n"
        yaml += "target: \(isBank ? "bank" : "ledger")       # ledger (bill lines) or bank (bank and card transactions)\n"
        if !isBank { yaml += "# account: ACCOUNT-ID     # the provider account these rows belong to\n" }
        yaml += "encoding: \(encoding.rawValue)\n"
        yaml += "delimiter: \(Self.quoted(layout.delimiter == 0x09 ? "\\t" : String(UnicodeScalar(layout.delimiter))))\n"
        yaml += "skipLines: \(layout.skipLines)\n"
        if layout.footer > 0 { yaml += "skipFooterLines: \(layout.footer)      # summary lines after the data\n" }
        switch fitting.count {
        case 0: yaml += "dateFormat: yyyy-MM-dd   # CHECK: no common layout fits the dates\n"
        case 1: yaml += "dateFormat: \(fitting[0])\n"
        default:
            yaml += "dateFormat: \(fitting[0])   # CHECK: the dates also fit \(fitting.dropFirst().prefix(3).joined(separator: ", "))\n"
        }
        yaml += "decimalMark: \(Self.quoted(decimalMark))\n"
        if let currencyColumn {
            yaml += "currencyColumn: \(Self.quoted(names[currencyColumn]))\n"
        } else {
            if let currency {
                yaml += "currency: \(currency)\n"
            } else {
                yaml += "currency: USD   # CHECK: no currency symbol or code in the amounts\n"
            }
        }
        yaml += "sign: \(sign)\n" + directionLines
        for check in checks { yaml += "# CHECK: \(check)\n" }
        yaml += "columns:\n"
        for (field, index) in columns { yaml += "  \(field): \(Self.quoted(names[index]))\n" }
        for field in ["date", "description"] where !columns.contains(where: { $0.0 == field }) {
            yaml += "  # \(field): CHECK: no column found\n"
        }
        if !columns.contains(where: { ["amount", "debit"].contains($0.0) }) { yaml += "  # amount: CHECK: no column found\n" }
        if !isBank {
            yaml += "kind: charge\n"
            yaml += "patterns:\n  - match: \"payment|thank you\"\n    kind: payment\n    category: payment\n"
            yaml += "  - match: \"tax|surcharge\"\n    kind: tax\n"
        }
        if let total = layout.totalColumn, !directionLines.contains("skipRows:") {
            yaml += "skipRows:\n  - column: \(Self.quoted(names[total]))\n    pattern: \"(?i)^(total|summe|gesamt|totale|totaal|合计|总计)\"\n"
        }
        return yaml
    }

    /// `.` or `,`: the mark followed by one or two digits at the end of the samples.
    static func decimalMark(of samples: [String]) -> String {
        var comma = 0
        var dot = 0
        for sample in samples {
            let digits = sample.filter { $0.isNumber || $0 == "," || $0 == "." }
            guard let last = digits.lastIndex(where: { $0 == "," || $0 == "." }) else { continue }
            let after = digits.distance(from: last, to: digits.endIndex) - 1
            guard after == 1 || after == 2 else { continue }
            if digits[last] == "," { comma += 1 } else { dot += 1 }
        }
        return comma > dot ? "," : "."
    }

    /// The ISO code the samples show (a code, or an unambiguous symbol), or nil.
    static func currency(of samples: [String]) -> String? {
        let text = samples.joined(separator: " ")
        for code in ["USD", "EUR", "GBP", "CHF", "CNY", "RMB", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "INR", "KRW"]
        where text.uppercased().contains(code) {
            return code == "RMB" ? "CNY" : code
        }
        if text.contains("€") { return "EUR" }
        if text.contains("£") { return "GBP" }
        if text.contains("￥") || text.contains("元") || text.contains("CN¥") { return "CNY" }
        if text.contains("円") { return "JPY" }
        if text.contains("₹") { return "INR" }
        if text.contains("₩") { return "KRW" }
        if text.contains("US$") || text.contains("$") { return "USD" }
        return nil
    }

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
        // Not UTF-8. Chinese text has its bytes above 0x7F in pairs (GB18030); Western text in
        // Windows-1252 mostly one at a time between ASCII letters (`Umsätze`).
        var runs = 0
        var singles = 0
        var current = 0
        for byte in head + [0] {
            if byte >= 0x80 {
                current += 1
            } else if current > 0 {
                runs += 1
                if current == 1 { singles += 1 }
                current = 0
            }
        }
        if singles * 2 > runs { return .windows1252 }
        var output: [UInt8] = []
        if let converter = try? TextEncoding.gb18030.converter(), (try? converter.convert(head, into: &output)) != nil,
            String(decoding: output, as: UTF8.self).unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) })
        {
            return .gb18030
        }
        return .windows1252
    }

    /// What the file's first rows look like.
    struct Layout {
        var delimiter: UInt8
        var skipLines: Int
        var header: [String]
        var rows: [[String]]
        /// Rows after the data that are not data (fewer fields, or a total).
        var footer: Int
        /// The column where a total row says "Total", when the last data rows have one.
        var totalColumn: Int?
    }

    /// The delimiter, preamble, header, first rows and footer that fit best: the header is the
    /// row followed by the most rows of its own width; the footer, the rows at the end of the file
    /// that are not of that width.
    static func layout(of url: URL, encoding: TextEncoding) throws -> Layout {
        var best: (score: Int, layout: Layout)?
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")] {
            let reader = CSVReader(source: TranscodingByteSource(try FileReader(url: url), encoding: encoding), delimiter: delimiter)
            var first: [[String]] = []
            var last: [[String]] = []
            while let record = try? reader.next() {
                if first.count < 200 { first.append(record.fields) }
                last.append(record.fields)
                if last.count > 20 { last.removeFirst() }
            }
            for skip in 0..<min(30, first.count) {
                let header = first[skip]
                let width = Self.width(header)
                guard width >= 2, header.prefix(width).filter({ !$0.trimmingSpaces.isEmpty }).count >= 2 else { continue }
                let data = Array(first.dropFirst(skip + 1).prefix { Self.width($0) == width })
                let score = data.count * width
                guard score > (best?.score ?? 0) else { continue }
                let footer = last.reversed().prefix { Self.width($0) != width }.count
                let lastData = last.reversed().first { Self.width($0) == width }
                let totalColumn = lastData.flatMap { row in row.firstIndex(where: { Self.isTotal($0) }) }
                best = (score, Layout(
                    delimiter: delimiter, skipLines: skip, header: header, rows: data, footer: footer, totalColumn: totalColumn))
            }
        }
        guard let best else { throw RecordError("no header with two or more columns was found") }
        return best.layout
    }

    /// The number of fields of a record.
    private static func width(_ fields: [String]) -> Int {
        fields.count
    }

    private static func isTotal(_ text: String) -> Bool {
        let lower = text.trimmingSpaces.lowercased()
        return ["total", "summe", "gesamt", "totale", "totaal", "合计", "总计"].contains { lower.hasPrefix($0) }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
