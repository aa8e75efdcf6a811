import Foundation
import Testing

/// Several commands at once, a command killed at any moment, and `evidence check`.
@Suite("reliability")
struct ReliabilityCLITests {
    /// `bill-csv` with `statements` monthly statements of `linesPerStatement` lines each.
    static func billCSV(account: String, statements: Int, linesPerStatement: Int) -> String {
        var text = "account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency\n"
        for month in 0..<statements {
            let year = 2020 + month / 12
            let date = String(format: "%04d-%02d-01", year, month % 12 + 1)
            let due = String(format: "%04d-%02d-22", year, month % 12 + 1)
            for line in 0..<linesPerStatement {
                text += "\(account),S-\(month),\(date),\(due),\(date),usage,Call \(line),0.\(String(format: "%02d", line % 100)),USD\n"
            }
        }
        return text
    }

    /// The ledger as sorted CSV lines without the entry ids (which depend on the order of imports).
    static func ledgerLines(_ cli: CLI) throws -> [String] {
        let csv = try cli.run("ledger", "--format", "csv").output
        return csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 1).last.map(String.init) ?? "" }
            .sorted()
    }

    @Test("8 imports at once on overlapping files leave the store a sequential run makes")
    func concurrentImports() throws {
        let mapping = CLI.sampleData.appendingPathComponent("mappings/nimbus-web-export.yaml").path
        let folders = ["bills", "phone", "email"].map { CLI.sampleData.appendingPathComponent($0).path }
        let sequential = try CLI()
        try sequential.run("init")
        try sequential.run("account", "set", "NIM-4471", "--provider", "Nimbus Mobile")
        #expect(try sequential.run(["import", "--mapping", mapping] + folders).status == 0)

        let parallel = try CLI()
        try parallel.run("init")
        try parallel.run("account", "set", "NIM-4471", "--provider", "Nimbus Mobile")
        let outcomes = Mutex<[CLI.Outcome]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            // Each process takes the folders in another order, so that they overlap differently.
            let order = index % 2 == 0 ? folders : folders.reversed()
            let outcome = (try? parallel.run(["import", "--mapping", mapping] + order))
                ?? CLI.Outcome(status: -1, output: "", error: "could not run")
            outcomes.withLock { $0.append(outcome) }
        }
        for outcome in outcomes.withLock({ $0 }) {
            #expect(outcome.status == 0, "\(outcome.error)")
            #expect(!outcome.error.contains("busy") && !outcome.error.contains("cannot read"))
        }
        #expect(try Self.ledgerLines(parallel) == Self.ledgerLines(sequential))
        for listing in ["calls", "messages", "documents"] {
            #expect(
                try parallel.run(listing, "--format", "csv").output.split(separator: "\n").count
                    == sequential.run(listing, "--format", "csv").output.split(separator: "\n").count)
        }
        let check = try parallel.run("check")
        #expect(check.status == 0, "\(check.output)")
    }

    @Test("a writer that waits too long says the store is busy, exits 2 and changes nothing")
    func busy() throws {
        let cli = try CLI()
        try cli.run("init")
        try cli.run("account", "set", "A-1")
        // python3 (which the Makefile needs too) holds SQLite's write lock from outside.
        let holder = try #require(try Self.holdWriteLock(cli.folder.appendingPathComponent(".evidence/ledger.sqlite"), seconds: 4))
        defer { holder.waitUntilExit() }
        let outcome = try cli.run(
            ["case", "add", "--account", "A-1", "--event", "note", "--date", "2026-01-02", "--note", "x"],
            environment: ["EVIDENCE_BUSY_TIMEOUT": "1"])
        #expect(outcome.status == 2)
        #expect(outcome.error.hasPrefix("the store is busy: another evidence command is writing"))
        holder.waitUntilExit()
        #expect(try cli.run("case", "list", "--format", "json").output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    /// A python3 process holding SQLite's write lock on `database` for `seconds`; nil without python3.
    static func holdWriteLock(_ database: URL, seconds: Int) throws -> Process? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(\(seconds))
            """,
            database.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("held") else {
            process.waitUntilExit()
            return nil
        }
        return process
    }

    @Test("check finds an altered original and a partial copy; --repair removes only the copy")
    func check() throws {
        let cli = try CLI.withSampleStory()
        let clean = try cli.run("check")
        #expect(clean.status == 0 && clean.output.contains("The store is whole"))
        let objects = cli.folder.appendingPathComponent(".evidence/objects")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: objects.path).sorted().first)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: objects.appendingPathComponent(folder).path).first)
        let original = objects.appendingPathComponent(folder).appendingPathComponent(name)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: original.path)
        let handle = try FileHandle(forWritingTo: original)
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        try Data(count: 1000).write(to: objects.appendingPathComponent("tmp-1234"))

        let found = try cli.run("check")
        #expect(found.status == 1)
        #expect(found.output.contains("objects/\(folder)/\(name): altered: its SHA-256 is now"))
        #expect(found.output.contains("objects/tmp-1234: a partial copy left by an interrupted import"))
        #expect(found.error.contains("2 problems found; 1 can be removed with `evidence check --repair`"))

        let repaired = try cli.run("check", "--repair")
        #expect(repaired.status == 1)
        #expect(repaired.output.contains("removed objects/tmp-1234"))
        #expect(FileManager.default.fileExists(atPath: original.path))
        #expect(!FileManager.default.fileExists(atPath: objects.appendingPathComponent("tmp-1234").path))
        let again = try cli.run("check")
        #expect(again.output.split(separator: "\n").count == 1 && again.output.contains("altered"))
    }

    @Test("killed at random moments, import, export, case add and a migration leave the store whole")
    func killedAtRandomMoments() throws {
        let points = ProcessInfo.processInfo.environment["EVIDENCE_CRASH_POINTS"].flatMap { Int($0) } ?? 10
        let report = try CrashTest(points: points).run()
        #expect(report.problems.isEmpty, "\(report.problems.joined(separator: "\n"))")
        #expect(report.points == points)
        print("crash test: \(report.summary)")
    }
}

/// A value shared by the threads of a test.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
