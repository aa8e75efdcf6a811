import ArgumentParser
import EvidenceKit
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the dispute report: verdict, findings citing their lines, timeline, letter, evidence index.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json
    }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scope: AccountAsOfOptions

    @Option(help: "md, html or json.")
    var format: Format = .md

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Hide phone and account numbers (all but the last four digits), email addresses and the holder's name.")
    var redact = false

    @Option(help: ArgumentHelp(
        "A letter template to use instead of the built-in one (default: letter-template.txt in the store, if there).",
        valueName: "FILE"))
    var letter: String?

    func run() throws {
        let store = try storeOptions.open()
        let text = try ReportCommand.render(
            store: store, account: scope.account, asOf: try scope.date(), format: format, redact: redact, letter: letter)
        guard let out else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            printError("\(out): cannot write the report (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        print("Wrote \(out).")
    }

    /// The report of `account` in `format`, redacted when asked; errors are printed and end the command.
    static func render(
        store: Store, account: String?, asOf: CalendarDate, format: Format, redact: Bool, letter: String?
    ) throws -> String {
        var template: String?
        if let letter {
            guard let data = FileManager.default.contents(atPath: letter) else {
                printError("\(letter): cannot read the letter template")
                throw ExitCode(64)
            }
            template = String(decoding: data, as: UTF8.self)
        }
        let report: Report
        do {
            report = try Report.build(store: store, account: account, asOf: asOf, letterTemplate: template)
        } catch let error as ReportError {
            printError(error.description)
            throw ExitCode(64)
        } catch let error as StoreError {
            printError(error.description)
            throw ExitCode(2)
        }
        let text: String
        switch format {
        case .md: text = MarkdownReport.render(report, redacted: redact)
        case .html: text = HTMLReport.render(report, redacted: redact)
        case .json: text = report.json.rendered() + "\n"
        }
        guard redact else { return text }
        let accounts = try exitingOnFailure { try store.accounts() }
        return Redactor(accounts: accounts).redact(text)
    }
}
