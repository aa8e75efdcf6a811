/// Plain-text tables and CSV for the command line.
public enum TextTable {
    /// Columns padded to their widest cell; `rightAligned` columns (amounts) line up on the right.
    ///
    /// With a `width` (a terminal's), the widest text columns are narrowed until a line fits,
    /// and a cell cut short ends with `…`; amounts are never cut.
    public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = [], width: Int? = nil) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        if let width {
            let narrowest = 10  // a date, an id: cut no further
            var excess = widths.reduce(0, +) + 2 * max(0, widths.count - 1) - width
            while excess > 0,
                let widest = widths.indices.filter({ !rightAligned.contains($0) && widths[$0] > narrowest })
                    .max(by: { widths[$0] < widths[$1] })
            {
                widths[widest] -= 1
                excess -= 1
            }
        }
        func fitted(_ cell: String, _ index: Int) -> String {
            guard cell.count > widths[index], !rightAligned.contains(index) else { return cell }
            return String(cell.prefix(max(0, widths[index] - 1))) + "…"
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                guard index < widths.count else { return cell }
                let cell = fitted(cell, index)
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// One RFC 4180 CSV line (without its line break).
    public static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
