import ArgumentParser
import EvidenceKit
import Foundation

/// `--store DIR`, shared by every command that needs a store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: an .evidence folder or a folder holding one.",
            discussion: "Default: $EVIDENCE_STORE, else the nearest .evidence folder at or above this one.",
            valueName: "DIR"))
    var store: String?

    /// Finds and opens the store, or exits 2 with how to create one.
    func open() throws -> Store {
        try exitingOnFailure {
            let url = try StoreLocator().locate(
                explicit: store, environment: ProcessInfo.processInfo.environment,
                currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            return try Store(opening: url, whenWaiting: isatty(STDERR_FILENO) == 1 ? sayWaiting : nil)
        }
    }
}

/// Tells a person at a terminal why a command seems to hang.
@Sendable private func sayWaiting() {
    printError("Waiting for another evidence command to finish writing…")
}

/// `--account ID` and `--as-of DATE`, shared by the commands that judge the ledger on a day.
struct AccountAsOfOptions: ParsableArguments {
    @Option(help: "Only this account.", completion: Completions.accounts)
    var account: String?

    @Option(help: "Judge as of this day: nothing dated after it counts (default: today).", transform: CalendarDate.argument)
    var asOf: CalendarDate?

    /// `--as-of`, else today.
    func date() throws -> CalendarDate {
        try asOf ?? today()
    }
}

/// Prints one JSON object, or an array when there are several (CLI.md's rule for per-account answers).
func printOneOrMany(_ values: [JSONValue]) {
    print((values.count == 1 ? values[0] : JSONValue.array(values)).rendered())
}

/// Runs `body`; a ``StoreError`` is printed on standard error and ends the command with exit code 2.
func exitingOnFailure<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        printError(error.description)
        throw ExitCode(2)
    }
}

/// Today in the system's time zone.
func today() throws -> CalendarDate {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    guard let year = parts.year, let month = parts.month, let day = parts.day,
        let date = CalendarDate(year: year, month: month, day: day)
    else {
        printError("the system clock gives no valid date; give one with --as-of YYYY-MM-DD")
        throw ExitCode(2)
    }
    return date
}

extension CalendarDate {
    /// A day on the command line, with what is wrong when it is not one.
    static func argument(_ text: String) throws -> CalendarDate {
        if let date = CalendarDate(iso: text) { return date }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month),
            let last = (28...31).last(where: { CalendarDate(year: year, month: month, day: $0) != nil })
        {
            throw ValidationError("\(year)-\(parts[1]) has \(last) days")
        }
        throw ValidationError("a day is written YYYY-MM-DD, such as 2026-08-31")
    }
}

/// The output formats of listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
