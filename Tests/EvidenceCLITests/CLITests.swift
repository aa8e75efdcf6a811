import Foundation
import Testing

/// Runs the built `evidence` binary: arguments in, output and exit code out.
struct CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sampleData = packageRoot.appendingPathComponent("SampleData")
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["EVIDENCE_BIN"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug/evidence")
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    @discardableResult
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Outcome {
        try run(arguments, environment: environment)
    }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "EVIDENCE_STORE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    /// A store holding the whole SampleData story.
    static func withSampleStory() throws -> CLI {
        let cli = try CLI()
        try cli.run("init")
        let mapping = sampleData.appendingPathComponent("mappings/nimbus-web-export.yaml").path
        let bank = sampleData.appendingPathComponent("mappings/first-lakes-bank.yaml").path
        try cli.run("import", "--mapping", mapping, sampleData.appendingPathComponent("bills").path)
        try cli.run("import", "--mapping", bank, sampleData.appendingPathComponent("bank").path)
        return cli
    }
}

@Suite("evidence on the command line")
struct CLITests {
    @Test("init creates a store, and says so when one exists")
    func initialise() throws {
        let cli = try CLI()
        let first = try cli.run("init")
        #expect(first.status == 0 && first.output.contains("Created an evidence store"))
        let again = try cli.run("init")
        #expect(again.status == 0 && again.output.contains("already exists"))
    }

    @Test("a command without a store says how to create one and exits 2")
    func noStore() throws {
        let cli = try CLI()
        let outcome = try cli.run("ledger")
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("evidence init"))
        #expect(!outcome.error.contains("Fatal error"))
    }

    @Test("importing SampleData: every file imported, then skipped; the overlapping re-download adds nothing")
    func importSample() throws {
        let cli = try CLI()
        try cli.run("init")
        let mapping = CLI.sampleData.appendingPathComponent("mappings/nimbus-web-export.yaml").path
        let first = try cli.run("import", "--json", "--mapping", mapping, CLI.sampleData.appendingPathComponent("bills").path)
        #expect(first.status == 0, "\(first.error)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [[String: Any]])
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0["status"] as? String == "imported" })
        #expect(Set(results.compactMap { $0["format"] as? String }) == ["bill-csv", "bill-xml", "ubl-invoice", "mapped-csv"])
        let entriesAdded = results.compactMap { $0["entries"] as? Int }.reduce(0, +)
        #expect(entriesAdded == 46)
        let again = try cli.run("import", CLI.sampleData.appendingPathComponent("bills").path)
        #expect(again.status == 0)
        #expect(again.output.split(separator: "\n").allSatisfy { $0.hasPrefix("skipped") })
    }

    @Test("balance --format json on the story, figures from SampleData/README.md")
    func balance() throws {
        let cli = try CLI.withSampleStory()
        let outcome = try cli.run("balance", "--as-of", "2026-11-25", "--format", "json")
        #expect(outcome.status == 0)
        let balances = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
        let account = try #require(balances.first)
        #expect(account["account"] as? String == "NIM-4471")
        #expect(account["currency"] as? String == "USD")
        #expect(account["balance"] as? String == "288.04")
        #expect(account["pastDue"] as? String == "288.04")
        let aging = try #require(account["aging"] as? [String: String])
        #expect(aging == ["days1to30": "92.68", "days31to60": "92.68", "days61to90": "102.68", "over90": "0.00"])
    }

    @Test("ledger --format json: every entry with its provenance")
    func ledgerJSON() throws {
        let cli = try CLI.withSampleStory()
        let outcome = try cli.run("ledger", "--account", "NIM-4471", "--format", "json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
        #expect(entries.count == 46)
        let duplicate = entries.filter { $0["statementId"] as? String == "NM-4471-2026-08" && $0["description"] as? String == "Unlimited Everything 5G" }
        #expect(duplicate.count == 2)
        let source = try #require(duplicate.first?["source"] as? [String: String])
        #expect(source["file"] == "nimbus-2026-08.xml")
        #expect(source["locator"]?.hasPrefix("/bill/statement[1]/line[") == true)
        #expect(source["sha256"]?.count == 64)
        #expect(entries.allSatisfy { $0["currency"] as? String == "USD" && ($0["amount"] as? String)?.contains(".") == true })
    }

    @Test("ledger --format csv is RFC 4180 with a header")
    func ledgerCSV() throws {
        let cli = try CLI.withSampleStory()
        let outcome = try cli.run("ledger", "--format", "csv", "--from", "2026-08-01", "--to", "2026-08-01")
        let lines = outcome.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id,account,statement_id,date,kind,description") == true)
        #expect(lines.dropFirst().allSatisfy { $0.contains(",2026-08-01,") })
    }

    @Test("a malformed file: one line naming file, line and problem; exit 1; the ledger unchanged; other files imported")
    func rejected() throws {
        let cli = try CLI()
        try cli.run("init")
        let folder = cli.folder.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["bad-amount-line-4.csv", "two-statements.csv"] {
            try FileManager.default.copyItem(
                at: CLI.fixtures.appendingPathComponent("bill-csv/" + name), to: folder.appendingPathComponent(name))
        }
        let outcome = try cli.run("import", "downloads")
        #expect(outcome.status == 1)
        #expect(outcome.error == "rejected  bad-amount-line-4.csv: line 4: amount \"12,3x\" is not a number\n")
        #expect(outcome.output.contains("imported") && outcome.output.contains("two-statements.csv"))
        let ledger = try cli.run("ledger", "--format", "csv")
        #expect(ledger.output.split(separator: "\n").count == 5)
    }

    @Test("an entity bomb is refused quickly and names the file")
    func bomb() throws {
        let cli = try CLI()
        try cli.run("init")
        let outcome = try cli.run("import", CLI.fixtures.appendingPathComponent("ubl/billion-laughs.xml").path)
        #expect(outcome.status == 1)
        #expect(outcome.error.hasPrefix("rejected  billion-laughs.xml: line"))
    }

    @Test("--store and $EVIDENCE_STORE name the store from anywhere")
    func storeOption() throws {
        let cli = try CLI()
        try cli.run("init", "holder")
        let other = try CLI()
        let byOption = try other.run("--store", cli.folder.appendingPathComponent("holder").path, "ledger")
        let byOptionAfter = try other.run("ledger", "--store", cli.folder.appendingPathComponent("holder/.evidence").path)
        let byEnvironment = try other.run("ledger", environment: ["EVIDENCE_STORE": cli.folder.appendingPathComponent("holder").path])
        #expect([byOption.status, byOptionAfter.status, byEnvironment.status] == [0, 0, 0])
        #expect(byEnvironment.output.contains("No entries"))
    }

    @Test("usage errors exit 64")
    func usage() throws {
        let cli = try CLI()
        #expect(try cli.run("balance", "--as-of", "2026-13-45").status == 64)
        #expect(try cli.run("import", "--format", "mapped-csv", "x.csv").status == 64)
        #expect(try cli.run("frobnicate").status == 64)
    }

    @Test("account set records plan facts that accounts shows")
    func accounts() throws {
        let cli = try CLI.withSampleStory()
        let set = try cli.run(
            "account", "set", "NIM-4471", "--plan", "Unlimited Everything 5G", "--unlimited-data", "--monthly-price", "65.00",
            "--phone", "+13125550187", "--time-zone", "America/Chicago")
        #expect(set.status == 0)
        let outcome = try cli.run("accounts", "--format", "json")
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
        #expect(accounts.first?["provider"] as? String == "Nimbus Mobile")
        #expect(accounts.first?["unlimitedData"] as? Bool == true)
        #expect(accounts.first?["monthlyPrice"] as? String == "65.00")
        #expect(try cli.run("account", "set", "NIM-4471", "--time-zone", "Mars/Olympus").status == 64)
    }

    @Test("formats lists every format with how it is recognised")
    func formats() throws {
        let outcome = try CLI().run("formats")
        for name in ["bill-csv", "mapped-csv", "ubl-invoice", "bill-xml"] { #expect(outcome.output.contains(name)) }
    }
}
