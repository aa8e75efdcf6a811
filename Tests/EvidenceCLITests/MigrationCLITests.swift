import Foundation
import Testing

extension CLI {
    /// A store made by schema v4 (`Tests/Fixtures/store-v4`), with its originals copied from
    /// SampleData and, when `entries` is given, as many entries in all (copies of the first one
    /// with further occurrence numbers), so that migrating it takes a while. Needs python3.
    static func withVersion4Store(entries: Int = 0) throws -> CLI {
        let cli = try CLI()
        try cli.run("init")
        let fixture = fixtures.appendingPathComponent("store-v4")
        let store = cli.folder.appendingPathComponent(".evidence")
        let status = try python(
            """
            import hashlib, os, shutil, sqlite3, sys
            fixture, store, sample, entries = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
            for suffix in ('', '-wal', '-shm'):
                if os.path.exists(os.path.join(store, 'ledger.sqlite' + suffix)):
                    os.remove(os.path.join(store, 'ledger.sqlite' + suffix))
            shutil.copy(os.path.join(fixture, 'ledger.sqlite'), os.path.join(store, 'ledger.sqlite'))
            shutil.copy(os.path.join(fixture, 'config.yaml'), os.path.join(store, 'config.yaml'))
            shutil.copytree(os.path.join(fixture, 'mappings'), os.path.join(store, 'mappings'), dirs_exist_ok=True)
            db = sqlite3.connect(os.path.join(store, 'ledger.sqlite'))
            known = {row[0] for row in db.execute('SELECT sha256 FROM source')}
            for folder, _, names in os.walk(sample):
                for name in names:
                    data = open(os.path.join(folder, name), 'rb').read()
                    digest = hashlib.sha256(data).hexdigest()
                    if digest in known:
                        os.makedirs(os.path.join(store, 'objects', digest[:2]), exist_ok=True)
                        open(os.path.join(store, 'objects', digest[:2], digest), 'wb').write(data)
            more = entries - db.execute('SELECT count(*) FROM entry').fetchone()[0]
            if more > 0:
                db.execute('''
                    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
                    INSERT INTO entry (account, statementId, date, kind, description, amount, currency, occurrence,
                        sourceSha256, fileName, locator)
                    SELECT account, statementId, date, kind, description, amount, currency, occurrence + 1000 + n,
                        sourceSha256, fileName, locator
                    FROM entry, k WHERE id = (SELECT min(id) FROM entry)''', (more,))
            db.commit()
            """, fixture.path, store.path, sampleData.path, String(entries))
        guard status == 0 else { throw CocoaError(.featureUnsupported) }
        return cli
    }

    /// Runs a python3 program with arguments; its exit status.
    static func python(_ program: String, _ arguments: String...) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static var hasPython: Bool { (try? python("import sqlite3")) == 0 }
}

@Suite("a store made by an older version", .enabled(if: CLI.hasPython, "needs python3 to set the store up"))
struct MigrationCLITests {
    /// The listings the fixture's `expected/` holds, by file name.
    static let listings: [(String, [String])] = [
        ("ledger", ["ledger"]), ("calls", ["calls"]), ("messages", ["messages"]), ("documents", ["documents"]),
        ("accounts", ["accounts"]), ("case-list", ["case", "list"]),
        ("flags", ["flags", "--all", "--as-of", "2026-11-30"]), ("balance", ["balance", "--as-of", "2026-11-30"]),
        ("timeline", ["timeline", "--as-of", "2026-11-30"]),
        ("report", ["report", "--as-of", "2026-11-30", "--account", "NIM-4471"]),
    ]

    @Test("is migrated in place: every listing prints the same bytes, finding ids and all, and no copy is left")
    func listingsUnchanged() throws {
        let cli = try CLI.withVersion4Store()
        let expected = CLI.fixtures.appendingPathComponent("store-v4/expected")
        for (name, arguments) in Self.listings {
            let run = try cli.run(arguments + ["--format", "json"])
            #expect(run.status == 0, "\(arguments): \(run.error)")
            let want = try String(contentsOf: expected.appendingPathComponent("\(name).json"), encoding: .utf8)
            #expect(run.output == want, "evidence \(arguments.joined(separator: " ")) prints other bytes after the migration")
        }
        let store = cli.folder.appendingPathComponent(".evidence")
        #expect(!FileManager.default.fileExists(atPath: store.appendingPathComponent("ledger.sqlite.before-v7").path))
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.output)")
    }

    @Test("goes on working: an overlapping file adds only its new lines, a file already imported is skipped")
    func importsAfterMigration() throws {
        let cli = try CLI.withVersion4Store()
        let before = try cli.run("ledger", "--format", "csv").output.split(separator: "\n").count
        let again = try cli.run("import", CLI.sampleData.appendingPathComponent("bills/nimbus-2026-07.csv").path)
        #expect(again.status == 0 && again.output.contains("already stored"), "\(again.output)")
        let overlapping = try cli.folder.appendingPathComponent("july-again.csv")
        let july = try String(
            contentsOf: CLI.sampleData.appendingPathComponent("bills/nimbus-2026-07.csv"), encoding: .utf8)
        try Data((july + july.split(separator: "\n").dropFirst().prefix(1).joined() + "\n").utf8).write(to: overlapping)
        let run = try cli.run("import", overlapping.path)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("1 new entries") || run.output.contains("1 new entry"), "\(run.output)")
        let after = try cli.run("ledger", "--format", "csv").output.split(separator: "\n").count
        #expect(after == before + 1)
    }

    @Test("a copy left beside a migrated ledger (a kill after the commit) is removed when the store next opens")
    func leftoverCopyRemoved() throws {
        let cli = try CLI.withVersion4Store()
        try cli.run("accounts")
        let copy = cli.folder.appendingPathComponent(".evidence/ledger.sqlite.before-v7")
        try Data("old".utf8).write(to: copy)
        let run = try cli.run("accounts")
        #expect(run.status == 0)
        #expect(!FileManager.default.fileExists(atPath: copy.path))
    }
}
