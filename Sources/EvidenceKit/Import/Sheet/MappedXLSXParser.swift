public import Foundation

/// An Excel workbook (`.xlsx`) from a bank, a card, a payment app or a provider, read through the
/// same YAML mappings as CSV exports (`mapped-xlsx`): the mapping's `sheet` (else the first),
/// `skipLines` rows before the header, `skipFooterLines` rows after the data. A date stored as a
/// serial number is read in the workbook's date system. Each row is cited as
/// `sheet Transactions, row 5`.
public struct MappedXLSXParser: RecordParser {
    public init() {}

    /// Whether a file's first bytes are a zip that may be a workbook.
    static func recognises(head: ArraySlice<UInt8>) -> Bool {
        head.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        guard let mapping = context.mapping else {
            throw RecordError("mapped-xlsx needs a mapping: give one with --mapping FILE")
        }
        let workbook = try XLSXWorkbook(url: context.url)
        let rows = try Self.rows(of: workbook, mapping: mapping)
        var header: [String] = []
        if mapping.readsHeader {
            guard let row = try rows.next() else { throw RecordError("sheet \(rows.sheetName) has no header row") }
            header = row.fields.map { $0.trimmingSpaces }
        }
        let reader = try MappedRowReader(
            mapping: mapping, header: header, headerLocator: "sheet \(rows.sheetName), header", context: context)
        let dates = reader.dateColumns
        var delayed: [XLSXSheetReader.Row] = []
        while let row = try rows.next() {
            delayed.append(row)
            guard delayed.count > mapping.skipFooterLines else { continue }
            var current = delayed.removeFirst()
            if current.fields.count < reader.fieldsNeeded {
                current.fields += Array(repeating: "", count: reader.fieldsNeeded - current.fields.count)
            }
            for column in dates where column < current.fields.count {
                if let date = XLSXSheetReader.serialDate(current.fields[column], uses1904: workbook.uses1904) {
                    current.fields[column] = mapping.dateFormat.text(for: date)
                }
            }
            try reader.read(current.fields, at: "sheet \(rows.sheetName), row \(current.number)", into: sink)
        }
    }

    /// The sheet the mapping names, positioned after its `skipLines` rows.
    static func rows(of workbook: XLSXWorkbook, mapping: CSVMapping) throws -> XLSXSheetReader {
        let sheet: XLSXWorkbook.Sheet
        switch mapping.sheet {
        case nil:
            guard let first = workbook.sheets.first else { throw RecordError("the workbook has no sheet") }
            sheet = first
        case .name(let name)?:
            guard let found = workbook.sheets.first(where: { $0.name == name }) else {
                throw RecordError("the workbook has no sheet \"\(name)\" (it has \(workbook.sheets.map(\.name).joined(separator: ", ")))")
            }
            sheet = found
        case .position(let number)?:
            guard workbook.sheets.indices.contains(number - 1) else {
                throw RecordError("the workbook has no sheet \(number) (it has \(workbook.sheets.count))")
            }
            sheet = workbook.sheets[number - 1]
        }
        let rows = try XLSXSheetReader(url: try workbook.extract(sheet.part), sheetName: sheet.name, sharedStrings: workbook.sharedStrings)
        for _ in 0..<mapping.skipLines where try rows.next() == nil { break }
        return rows
    }

    /// True when the workbook's header (after `skipLines`) has every column the mapping names.
    public static func matches(_ url: URL, mapping: CSVMapping) -> Bool {
        guard let workbook = try? XLSXWorkbook(url: url), let rows = try? rows(of: workbook, mapping: mapping),
            let header = try? rows.next()
        else { return false }
        let names = Set(header.fields.map { $0.trimmingSpaces })
        let wanted = mapping.namedColumns
        return !wanted.isEmpty && wanted.allSatisfy(names.contains)
    }
}
