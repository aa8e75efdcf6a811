import ArgumentParser
import EvidenceKit
import Foundation

/// The options of `calls`, `messages` and `documents`.
struct RecordListOptions: ParsableArguments {
    @Option(help: "Only this account.", completion: Completions.accounts)
    var account: String?

    @Option(help: "Only records on or after this day (in the account's time zone).", transform: CalendarDate.argument)
    var from: CalendarDate?

    @Option(help: "Only records on or before this day (in the account's time zone).", transform: CalendarDate.argument)
    var to: CalendarDate?

    @Option(help: "table, json or csv.")
    var format: ListFormat = .table

    func filter(_ store: Store) throws -> RecordFilter {
        try exitingOnFailure {
            RecordFilter(account: account, from: from, to: to, timeZone: try store.timeZone(of: account))
        }
    }

    /// Prints records as the chosen format; `columns` and `row` make the table and CSV.
    func printRecords<Record>(
        _ records: [Record], noun: String, json: (Record) -> JSONValue, columns: [String], rightAligned: Set<Int> = [],
        row: (Record) -> [String], csvRow: ((Record) -> [String])? = nil
    ) {
        switch format {
        case .json:
            print(JSONValue.array(records.map(json)).rendered())
        case .csv:
            printCSV(TextTable.csvLine(columns))
            for record in records { printCSV(TextTable.csvLine(csvRow?(record) ?? row(record))) }
        case .table:
            guard !records.isEmpty else {
                print("No \(noun)\(account.map { " for account \($0)" } ?? "").")
                return
            }
            print(TextTable.render(header: columns, rows: records.map(row), rightAligned: rightAligned, width: terminalWidth()))
        }
    }
}

/// Shows instants in each record's account time zone.
struct LocalClock {
    private let zones: AccountTimeZones

    init(store: Store) throws {
        zones = try exitingOnFailure { try store.timeZones() }
    }

    /// `2026-06-03 08:15:00 -05:00`: the local time and its offset from UTC.
    func text(_ instant: Instant, account: String?) -> String {
        let zone = zones.zone(for: account)
        let date = Date(timeIntervalSince1970: Double(instant.millisecondsSinceEpoch) / 1000)
        let offset = zone.secondsFromGMT(for: date) / 60
        let pad = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
        return instant.localText(in: zone) + " \(offset < 0 ? "-" : "+")\(pad(abs(offset) / 60)):\(pad(abs(offset) % 60))"
    }
}

/// One line of a longer text for a table cell.
func cell(_ text: String, limit: Int = 60) -> String {
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
    return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
}
