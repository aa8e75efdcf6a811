import Foundation

/// The rows of one sheet of an ``XLSXWorkbook``, one at a time: each cell's value as text,
/// placed by its column (`C5` is the third field), the shared strings looked up.
///
/// A number is its text as stored (`65.5`); a date is a number too, which the caller turns into
/// a date where the mapping expects one (``serialDate(_:uses1904:)``). A formula is read by the
/// value Excel saved with it; one without a saved value is refused. Rows wider than
/// ``widestRow`` columns are refused.
final class XLSXSheetReader {
    /// Excel's own limit (column XFD).
    static let widestRow = 16_384

    /// A row: its number and its cells' text by column (empty where there is no cell).
    struct Row {
        var number: Int
        var fields: [String]
    }

    private let reader: XMLStreamReader
    private let sharedStrings: [String]
    let sheetName: String
    private var lastRow = 0

    init(url: URL, sheetName: String, sharedStrings: [String]) throws {
        reader = try XMLStreamReader(url: url)
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
    }

    /// The next row that has at least one cell, or nil after the last.
    func next() throws -> Row? {
        var row: Row?
        var cell: (column: Int, type: String, reference: String)?
        var value = ""
        var formula = false
        var hasValue = false
        var inValue = false
        while let event = try reader.next() {
            switch event {
            case .start(let element):
                switch element.localName {
                case "row":
                    let number = reader.attribute("r").flatMap { Int($0) } ?? lastRow + 1
                    guard number > lastRow, number <= 1_048_576 else {
                        throw RecordError(locator: "sheet \(sheetName), row \(number)", "rows are out of order")
                    }
                    lastRow = number
                    row = Row(number: number, fields: [])
                case "c":
                    guard let current = row else { continue }
                    let reference = reader.attribute("r") ?? ""
                    let column = try Self.column(of: reference, after: current.fields.count, row: current.number, sheet: sheetName)
                    cell = (column, reader.attribute("t") ?? "n", reference)
                    value = ""
                    formula = false
                    hasValue = false
                case "v", "t":
                    inValue = cell != nil
                    hasValue = hasValue || inValue
                case "f":
                    formula = true
                default:
                    continue
                }
            case .text(let text):
                if inValue {
                    value += text
                    guard value.utf8.count <= 1 << 20 else {
                        throw RecordError(locator: "sheet \(sheetName), row \(row?.number ?? 0)", "a cell holds more than 1 MiB")
                    }
                }
            case .end(let name, _):
                switch name {
                case "v", "t":
                    inValue = false
                case "c":
                    guard let found = cell, var current = row else { continue }
                    cell = nil
                    let place = found.reference.isEmpty ? "row \(current.number)" : "cell \(found.reference)"
                    if formula && !hasValue {
                        throw RecordError(
                            locator: "sheet \(sheetName), \(place)",
                            "a formula without a saved value: open the file in a spreadsheet program and save it again")
                    }
                    let text = try resolve(value, type: found.type, at: "sheet \(sheetName), \(place)")
                    if current.fields.count < found.column { current.fields += Array(repeating: "", count: found.column - current.fields.count) }
                    current.fields[found.column - 1] = text
                    row = current
                case "row":
                    if let current = row, !current.fields.allSatisfy(\.isEmpty) { return current }
                    row = nil
                default:
                    continue
                }
            }
        }
        return nil
    }

    private func resolve(_ value: String, type: String, at locator: String) throws -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingSpaces), sharedStrings.indices.contains(index) else {
                throw RecordError(locator: locator, "shared string \(value.prefix(20)) does not exist")
            }
            return sharedStrings[index]
        case "b":
            return value == "1" ? "TRUE" : "FALSE"
        default:
            return value
        }
    }

    /// The 1-based column of a reference such as `C5`; the next column when there is none.
    static func column(of reference: String, after previous: Int, row: Int, sheet: String) throws -> Int {
        let letters = reference.prefix { $0.isASCII && $0.isLetter }
        guard !letters.isEmpty else {
            guard previous < widestRow else {
                throw RecordError(locator: "sheet \(sheet), row \(row)", "more than \(widestRow) columns")
            }
            return previous + 1
        }
        var column = 0
        for letter in letters.uppercased().utf8 {
            column = column * 26 + Int(letter - 64)
            guard column <= widestRow else {
                throw RecordError(locator: "sheet \(sheet), cell \(reference.prefix(12))", "column beyond \(widestRow) (XFD), Excel's last")
            }
        }
        return column
    }

    /// The calendar date of an Excel serial number (its whole part), in the 1900 system (whose
    /// day 60 is the 29 February 1900 that never was) or the 1904 one; nil when it is not one.
    static func serialDate(_ text: String, uses1904: Bool) -> CalendarDate? {
        let whole = text.trimmingSpaces.prefix { $0 != "." }
        guard let days = Int(whole), (1...2_958_465).contains(days) else { return nil }
        let epoch = uses1904 ? CalendarDate(year: 1904, month: 1, day: 1) : CalendarDate(year: 1899, month: 12, day: 30)
        guard let epoch else { return nil }
        if !uses1904 && days <= 60 { return days == 60 ? nil : CalendarDate(daysSinceEpoch: epoch.daysSinceEpoch + days + 1) }
        return CalendarDate(daysSinceEpoch: epoch.daysSinceEpoch + days)
    }
}
