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

    @Option(help: ArgumentHelp("A template (YAML) for a provider's PDF statements; it is saved in the store.", valueName: "FILE"))
    var template: String?

    @Option(help: ArgumentHelp("The password that opens an encrypted PDF (used to read it, never stored).", valueName: "PASSWORD"))
    var password: String?

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
        if let format, [.mappedCSV, .mappedXLSX].contains(format), mapping == nil {
            throw ValidationError("--format \(format.rawValue) needs --mapping FILE")
        }
        if format == .pdfBill && template == nil {
            throw ValidationError("--format pdf-bill needs --template FILE")
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
        options.password = password
        if let template {
            let url = URL(fileURLWithPath: template)
            do {
                options.template = try PDFTemplate.load(from: url)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        if let mapping {
            let url = URL(fileURLWithPath: mapping)
            do {
                options.mapping = try CSVMapping.load(from: url)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
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
        // A mapping or a template is kept only once a file was read with it.
        if !dryRun, let mapping, results.contains(where: { $0.status == .imported && [.mappedCSV, .mappedXLSX].contains($0.format) }) {
            try save(URL(fileURLWithPath: mapping), in: store.mappingsFolder, what: "mapping", later: "exports with its columns need no --mapping")
        }
        if !dryRun, let template, results.contains(where: { $0.status == .imported && $0.format == .pdfBill }) {
            try save(URL(fileURLWithPath: template), in: store.templatesFolder, what: "template", later: "PDFs with its keywords need no --template")
        }
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

    /// Keeps a copy of a mapping or a template in the store's `folder`, so that later imports of
    /// the same provider's files recognise it without the option.
    private func save(_ url: URL, in folder: URL, what: String, later: String) throws {
        let destination = folder.appendingPathComponent(url.lastPathComponent)
        guard destination.standardizedFileURL.path != url.standardizedFileURL.path else { return }
        // Copied under a temporary name, then renamed: a concurrent import never reads half a file.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: url, to: temporary)
            guard rename(temporary.path, destination.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            printError("\(destination.path): cannot save the \(what) (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        if !json { print("Saved the \(what) as \(destination.path): later \(later).") }
    }
}

extension Format: ExpressibleByArgument {}
