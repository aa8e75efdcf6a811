public import ArgumentParser
public import EvidenceKit
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import bill exports and bank records (files or folders, recursively).",
        discussion: """
            Each file is imported whole or not at all; one line per file says imported, skipped \
            (already stored) or rejected (with the reason). Exit code 1 when any file was rejected.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The account for files that name none (UBL without a customer id, mapped CSV).", completion: Completions.accounts)
    var account: String?

    @Option(help: ArgumentHelp("Read every file as this format instead of recognising it.", valueName: "NAME"))
    var format: Format?

    @Option(help: ArgumentHelp("A mapping (YAML) for a provider's or bank's CSV; it is saved in the store.", valueName: "FILE"))
    var mapping: String?

    @Option(help: ArgumentHelp("A date to record with each file (documents).", valueName: "DATE"), transform: CalendarDate.argument)
    var date: CalendarDate?

    @Option(help: "A note to record with each file.")
    var note: String?

    @Flag(help: "Read and check the files, but change nothing.")
    var dryRun = false

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Argument(help: "Files and folders to import.")
    var paths: [String]

    func validate() throws {
        if format == .mappedCSV && mapping == nil {
            throw ValidationError("--format mapped-csv needs --mapping FILE")
        }
    }

    func run() throws {
        let store = try storeOptions.open()
        var options = ImportOptions()
        options.account = account
        options.format = format
        options.dryRun = dryRun
        options.date = date
        options.note = note
        if let mapping {
            let url = URL(fileURLWithPath: mapping)
            do {
                options.mapping = try CSVMapping.load(from: url)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            if !dryRun { try saveMapping(url, in: store) }
        }
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let importer = try exitingOnFailure { try Importer(store: store) }
        var results: [ImportResult] = []
        let files = Importer.files(in: paths, relativeTo: base)
        if files.isEmpty { printError("No files to import in \(paths.joined(separator: ", ")).") }
        for file in files {
            let bar = ProgressBar(label: file.lastPathComponent)
            var options = options
            options.progress = { done, total in bar.update(done, total) }
            let result: ImportResult
            do {
                result = try importer.importFile(file, options: options)
            } catch {
                // The store failed (busy past the wait, damaged): the files before this one are
                // imported; say so, then stop.
                bar.finish()
                finish(results, store: store)
                printError("\(error)")
                throw ExitCode(2)
            }
            bar.finish()
            if !json {
                if result.status == .rejected { printError(result.line) } else { print(result.line) }
            }
            results.append(result)
        }
        finish(results, store: store)
        if dryRun && !json { print("(dry run: nothing was changed)") }
        if results.contains(where: { $0.status == .rejected }) { throw ExitCode(1) }
    }

    /// Records the run for `evidence status` and prints the JSON results, if asked for.
    private func finish(_ results: [ImportResult], store: Store) {
        if !dryRun && !results.isEmpty {
            // Losing this note is no reason to fail an import that worked.
            try? store.record(ImportRun(results: results))
        }
        if json { print(JSONValue.array(results.map(\.json)).rendered()) }
    }

    /// Keeps a copy of the mapping so later imports of the same export recognise it without --mapping.
    private func saveMapping(_ url: URL, in store: Store) throws {
        let destination = store.mappingsFolder.appendingPathComponent(url.lastPathComponent)
        guard destination.standardizedFileURL.path != url.standardizedFileURL.path else { return }
        // Copied under a temporary name, then renamed: a concurrent import never reads half a mapping.
        let temporary = store.mappingsFolder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.copyItem(at: url, to: temporary)
            guard rename(temporary.path, destination.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            printError("\(destination.path): cannot save the mapping (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        if !json { print("Saved the mapping as \(destination.path): later exports with its columns need no --mapping.") }
    }
}

extension Format: ExpressibleByArgument {}
