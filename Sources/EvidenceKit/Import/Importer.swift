public import Foundation
import GRDB

/// What the user asked of an import.
public struct ImportOptions: Sendable {
    /// The account for formats that carry none (and a check for those that do).
    public var account: String?
    /// Skips detection.
    public var format: Format?
    /// The mapping of a provider's or bank's CSV (`--mapping`).
    public var mapping: CSVMapping?
    /// The template of a provider's PDF statements (`--template`).
    public var template: PDFTemplate?
    /// Opens an encrypted PDF (`--password`); never stored.
    public var password: String?
    /// Parse and count, but change nothing.
    public var dryRun = false
    /// A date and a note recorded with each source (`--date`, `--note`).
    public var date: CalendarDate?
    public var note: String?
    /// Hears the bytes parsed of each file and its size, now and then (a progress bar).
    public var progress: (@Sendable (Int64, Int64) -> Void)?

    public init() {}
}

/// The outcome for one file.
public struct ImportResult: Sendable {
    public enum Status: String, Sendable, Codable {
        case imported, skipped, rejected
    }

    public var file: String
    public var sha256: String?
    public var status: Status
    public var format: Format?
    public var counts = ImportCounts()
    /// What the user should know about an imported file (a backup's count that disagrees with its content).
    public var remarks: [String] = []
    /// Why a file was rejected: one line naming the file, the place and the problem.
    public var error: ImportError?
}

/// Imports files into a store, each in one transaction: all of a file, or nothing of it.
///
/// The original is kept byte for byte in the object directory before the transaction commits;
/// a file whose SHA-256 is already stored is skipped. Problems with a file reject that file only;
/// problems with the store throw ``StoreError``.
public struct Importer: Sendable {
    public let store: Store
    private let configuration: StoreConfiguration
    private let references: ReferenceFinder

    /// Prepares to import into `store`, reading its configuration once.
    public init(store: Store) throws(StoreError) {
        self.store = store
        configuration = try store.configuration()
        references = configuration.referenceFinder
    }

    /// Imports one file.
    public func importFile(_ url: URL, options: ImportOptions) throws(StoreError) -> ImportResult {
        var options = options
        // A database inside an iPhone backup is named as it was on the phone, and remembers the backup.
        let member = Self.backupMember(url)
        if let member, options.note == nil { options.note = "from the iPhone backup: \(member.summary)" }
        let fileName = member?.name ?? url.lastPathComponent
        var result = ImportResult(file: url.path + (member.map { " (\($0.name))" } ?? ""), status: .rejected)
        func reject(_ error: any Error) -> ImportResult {
            let record = (error as? RecordError) ?? RecordError("\(error)")
            result.error = ImportError(file: fileName, record)
            return result
        }
        let sha256: String
        do {
            sha256 = try sha256OfFile(url)
        } catch {
            return reject(RecordError(error.message.replacingOccurrences(of: url.path + ": ", with: "")))
        }
        result.sha256 = sha256
        // Whatever the format asked for, there is nothing to read or keep (and an empty file stored
        // before this check must not make it "skipped").
        if sha256 == Self.emptySHA256 { return reject(RecordError("the file is empty")) }
        if let format = try storedFormat(of: sha256) {
            result.status = .skipped
            result.format = format
            return result
        }
        var format: Format
        let mapping: CSVMapping?
        var template = options.template
        do {
            if let chosen = options.format {
                format = chosen
                mapping = options.mapping
            } else {
                let detector = FormatDetector(
                    explicitMapping: options.mapping, savedMappings: try savedMappings(),
                    explicitTemplate: options.template, savedTemplates: try store.savedTemplates(),
                    password: options.password)
                (format, mapping) = try detector.detect(url)
                if format == .document, let found = detector.template(for: url) {
                    format = .pdfBill
                    template = found
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            return reject(error)
        }
        result.format = format
        let accounts = try store.accounts()
        var account = options.account
        // Calls, messages and documents name no account: they go to the only one, if there is one.
        if !format.carriesAccount || mapping?.target == .calls, account == nil, accounts.count == 1 {
            account = accounts.first?.id
        }
        var context = ParseContext(
            url: url, fileName: fileName, sha256: sha256, account: account, mapping: mapping,
            defaultCurrency: configuration.defaultCurrency,
            timeZone: AccountTimeZones(accounts: accounts, configuration: configuration).zone(for: account),
            references: references, documentDate: options.date, note: options.note)
        context.template = template
        context.ocr = configuration.ocr
        context.password = options.password
        context.original = url
        if let progress = options.progress {
            let size = Self.size(of: url)
            context.progress = { bytes in progress(bytes, size) }
        }

        do {
            guard let outcome = try write(context: context, format: format, options: options) else {
                // Another process imported the same file while this one was reading it.
                result.status = .skipped
                return result
            }
            (result.counts, result.remarks) = outcome
            if let member { result.remarks.insert("from the iPhone backup: \(member.summary)", at: 0) }
            result.status = .imported
            return result
        } catch {
            switch error {
            case let error as StoreError: throw error
            case let error as RecordError: return reject(error)
            case let error as FileReadError: return reject(RecordError(error.message))
            case let error as MoneyError: return reject(RecordError("\(error)"))
            case is DatabaseError: throw StoreError(error, "\(fileName): the ledger could not be written")
            default: return reject(error)
            }
        }
    }

    /// Keeps the original and parses the file into the ledger in one transaction (rolled back on
    /// a dry run), holding the ledger's write lock throughout.
    ///
    /// The original is copied in under the lock, and removed again under it when the parse fails
    /// and no committed source refers to it: a concurrent import of the same file either commits
    /// before this one starts (and this one returns nil) or finds the original in place.
    /// - Returns: nil when the file was already imported by the time the lock was granted.
    private func write(
        context: ParseContext, format: Format, options: ImportOptions
    ) throws -> (ImportCounts, [String])? {
        var context = context
        var outcome: (ImportCounts, [String])?
        try store.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE sha256 = ?", arguments: [context.sha256]) == true {
                return
            }
            // A page cache large enough for the identity index's working set during a bulk import
            // (SQLite's default of 2 MiB spills pages to the log again and again), within the
            // 64 MiB an import may use.
            try db.execute(sql: "PRAGMA cache_size = -12288")
            var wroteObject = false
            if !options.dryRun {
                wroteObject = try store.objects.store(context.url, sha256: context.sha256)
                context.url = store.objects.url(for: context.sha256)
            }
            do {
                try db.inSavepoint {
                    try db.execute(
                        sql: """
                            INSERT INTO source (sha256, fileName, format, byteCount, importedAt, documentDate, note)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            context.sha256, context.fileName, format.rawValue, Self.size(of: context.url),
                            Self.timestamp(Date()), options.date?.description, options.note,
                        ])
                    let writer = try LedgerWriter(db: db, source: db.lastInsertedRowID)
                    try format.parser.parse(context, into: writer)
                    outcome = (writer.counts, writer.remarks)
                    return options.dryRun ? .rollback : .commit
                }
            } catch {
                if wroteObject { store.objects.remove(context.sha256) }
                throw error
            }
        }
        return outcome
    }

    private func storedFormat(of sha256: String) throws(StoreError) -> Format? {
        try store.read { db in
            try String.fetchOne(db, sql: "SELECT format FROM source WHERE sha256 = ?", arguments: [sha256])
                .flatMap(Format.init(rawValue:))
        }
    }

    /// The mappings saved in the store's `mappings/` folder, in name order.
    public func savedMappings() throws -> [CSVMapping] {
        let folder = store.mappingsFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { try CSVMapping.load(from: folder.appendingPathComponent($0)) }
    }

    /// Every regular file under `paths` (folders recursively, hidden files and `.evidence` left out),
    /// in a stable order; a path that does not exist is returned as it is, to be rejected by name.
    /// An iPhone backup folder gives the databases found through its manifest (or its
    /// `Manifest.plist`, to be rejected with the reason: an encrypted backup).
    public static func files(in paths: [String], relativeTo base: URL) -> [URL] {
        var files: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
                files.append(url)
                continue
            }
            if let backup = AppleBackup(folder: url) {
                files += backup.importable()
                continue
            }
            let enumerator = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: [.skipsHiddenFiles])
            var found: [URL] = []
            while let item = enumerator?.nextObject() as? URL {
                let values = try? item.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
                if values?.isDirectory == true, let backup = AppleBackup(folder: item) {
                    // A backup inside the folder: its databases, not its thousands of hashed files.
                    enumerator?.skipDescendants()
                    found += backup.importable()
                } else if values?.isRegularFile == true {
                    found.append(item.standardizedFileURL)
                }
            }
            files += found.sorted { $0.path < $1.path }
        }
        return files
    }

    /// The name on the phone and the backup of a database stored in an iPhone backup folder.
    private static func backupMember(_ url: URL) -> (name: String, summary: String)? {
        guard let backup = AppleBackup.containing(url), let files = try? backup.files(),
            let file = files.first(where: { $0.url.standardizedFileURL.path == url.standardizedFileURL.path })
        else { return nil }
        return (file.name, backup.summary)
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// The SHA-256 of zero bytes.
    private static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private static func size(of url: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}
