import ArgumentParser
import EvidenceKit
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the evidence archive: a zipped BagIt bag of the originals, ledger, findings and report.",
        discussion: """
            Anyone can check the archive has not been altered: `evidence verify FILE.zip`, or the \
            Library of Congress validator (`bagit.py --validate`) on the unzipped folder.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scope: AccountAsOfOptions

    @Option(help: ArgumentHelp("The zip to write.", valueName: "FILE.zip"))
    var out: String

    @Flag(help: "Redact the report and the derived files (the originals are kept as they are).")
    var redact = false

    func validate() throws {
        guard out.lowercased().hasSuffix(".zip") else { throw ValidationError("--out must name a .zip file") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let destination = URL(fileURLWithPath: out)
        let progress = ProgressBar(label: "export")
        let summary: EvidenceArchive.Summary
        do {
            summary = try EvidenceArchive(store: store, account: scope.account, asOf: try scope.date(), redact: redact)
                .write(to: destination, progress: progress.update)
        } catch let error as ReportError {
            progress.finish()
            printError(error.description)
            throw ExitCode(64)
        } catch let error as StoreError {
            progress.finish()
            printError(error.description)
            throw ExitCode(2)
        } catch {
            progress.finish()
            printError("\(out): the archive could not be written (\(error))")
            throw ExitCode(2)
        }
        progress.finish()
        print("Wrote \(out): \(summary.payloadFiles) files (\(summary.originals) originals), \(summary.payloadBytes) bytes of payload.")
        print("Check it with: evidence verify \(out)")
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check every checksum of an evidence archive. Exit 0 intact, 1 altered or incomplete.")

    @Argument(help: ArgumentHelp("The archive (.zip) or an unzipped bag folder.", valueName: "FILE.zip|DIR"))
    var path: String

    func run() throws {
        // The path may hold control characters too; like every problem line, it is shown escaped.
        let shown = TerminalText.oneLine(path)
        let result: BagVerifier.Result
        do {
            result = try BagVerifier().verify(URL(fileURLWithPath: path))
        } catch {
            printError(TerminalText.oneLine("\(error)"))
            throw ExitCode(2)
        }
        if result.intact {
            print("intact: \(shown): \(result.filesChecked) files, every SHA-256 as recorded")
            return
        }
        for problem in result.problems { print(problem) }
        if result.unlistedProblems > 0 {
            print("… and \(result.unlistedProblems) more problems, not listed")
        }
        let count = result.problems.count + result.unlistedProblems
        print("NOT intact: \(shown): \(count) problem\(count == 1 ? "" : "s"), \(result.filesChecked) files checked")
        throw ExitCode(1)
    }
}
