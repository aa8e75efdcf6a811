import Foundation

/// Kills `evidence` with SIGKILL at random moments of a command and checks after each kill that
/// the store is whole: `evidence check` finds nothing but leftovers it may remove, no file is
/// half in the ledger, the store opens, re-running the command completes, and then the store
/// is clean. `make test` runs 10 kill points, `make crash-test` 100.
struct CrashTest {
    enum Scenario: String, CaseIterable {
        case importFile = "import", export, caseAdd = "case add", migration
    }

    struct Report {
        var points = 0
        var problems: [String] = []
        var perScenario: [Scenario: Int] = [:]
        /// Kills that landed before the command finished (the rest came after it had exited).
        var interrupted = 0

        var summary: String {
            let parts = Scenario.allCases.map { "\($0.rawValue) \(perScenario[$0] ?? 0)" }.joined(separator: ", ")
            return "\(points) kill points (\(parts)), \(interrupted) interrupted a running command, \(problems.count) problems"
        }
    }

    let points: Int
    /// Entries in the generated bill: enough for an import to take a while.
    let entries = 20_000
    private let work: URL

    init(points: Int) throws {
        self.points = points
        work = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data(ReliabilityCLITests.billCSV(account: "A-1", statements: entries / 100, linesPerStatement: 100).utf8)
            .write(to: bill)
    }

    private var bill: URL { work.appendingPathComponent("bill.csv") }

    /// Import first and most often (it writes the most), then the others in turn.
    private static let order: [Scenario] = [.importFile, .export, .importFile, .caseAdd, .migration]

    func run() throws -> Report {
        var report = Report()
        let hasPython = CLI.hasPython
        var durations: [Scenario: Double] = [:]
        var generator = SystemRandomNumberGenerator()
        for point in 0..<points {
            var scenario = Self.order[point % Self.order.count]
            if scenario == .migration && !hasPython { scenario = .importFile }
            let cli = try setUp(scenario)
            let arguments = command(scenario)
            if durations[scenario] == nil {
                let timing = try setUp(scenario)
                let start = Date()
                try timing.run(arguments)
                durations[scenario] = max(Date().timeIntervalSince(start), 0.01)
            }
            let delay = Double.random(in: 0..<(durations[scenario] ?? 0.1) * 1.1, using: &generator)
            if try kill(cli, arguments, after: delay) { report.interrupted += 1 }
            report.problems += try inspect(cli, scenario).map { "\(scenario.rawValue), kill at \(Int(delay * 1000)) ms: \($0)" }
            report.points += 1
            report.perScenario[scenario, default: 0] += 1
            try? FileManager.default.removeItem(at: cli.folder)
        }
        try? FileManager.default.removeItem(at: work)
        return report
    }

    private func command(_ scenario: Scenario) -> [String] {
        switch scenario {
        case .importFile: return ["import", bill.path]
        case .export: return ["export", "--account", "NIM-4471", "--as-of", "2026-11-25", "--out", "case.zip"]
        case .caseAdd: return ["case", "add", "--account", "A-1", "--event", "note", "--date", "2026-01-02", "--note", "kill"]
        case .migration: return ["ledger", "--format", "csv"]
        }
    }

    private func setUp(_ scenario: Scenario) throws -> CLI {
        switch scenario {
        case .export:
            return try CLI.withSampleStory()
        case .importFile, .caseAdd:
            let cli = try CLI()
            try cli.run("init")
            try cli.run("account", "set", "A-1")
            return cli
        case .migration:
            // A store made by schema v4, grown to `entries` entries so that its migration takes a while.
            return try CLI.withVersion4Store(entries: entries)
        }
    }

    /// Starts the command and kills it after `delay` seconds; true when it was still running.
    private func kill(_ cli: CLI, _ arguments: [String], after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = cli.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay * 1_000_000))
        let running = process.isRunning
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running && process.terminationReason == .uncaughtSignal
    }

    /// What is wrong with the store after a kill, then after re-running the command.
    private func inspect(_ cli: CLI, _ scenario: Scenario) throws -> [String] {
        var problems: [String] = []
        let check = try cli.run("check")
        let serious = check.output.split(separator: "\n").filter {
            !$0.hasSuffix("(--repair removes it)") && !$0.hasPrefix("The store is whole")
        }
        if check.status > 1 || !serious.isEmpty {
            problems.append("check after the kill (exit \(check.status)): \(serious.joined(separator: "; ")) \(check.error)")
        }
        let before = try count(cli, scenario)
        let expected: Set<Int> = scenario == .importFile ? [0, entries] : scenario == .caseAdd ? [0, 1] : [before]
        if !expected.contains(before) { problems.append("\(before) records after the kill, expected one of \(expected.sorted())") }

        let again = try cli.run(command(scenario))
        if again.status != 0 { problems.append("re-running failed (exit \(again.status)): \(again.error)") }
        if scenario == .export {
            let verify = try cli.run("verify", "case.zip")
            if verify.status != 0 { problems.append("verify after re-running export: \(verify.output) \(verify.error)") }
            let left = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasSuffix(".tmp") }
            if !left.isEmpty { problems.append("the killed export's work folder is still there: \(left)") }
        }
        let after = try count(cli, scenario)
        switch scenario {
        case .importFile where after != entries: problems.append("\(after) entries after re-running, expected \(entries)")
        case .caseAdd where after != before + 1: problems.append("\(after) events after re-running, expected \(before + 1)")
        case .migration where after != entries: problems.append("\(after) entries after the migration, expected \(entries)")
        default: break
        }
        let clean = try cli.run("check")
        if clean.status != 0 { problems.append("check after re-running: \(clean.output) \(clean.error)") }
        return problems
    }

    private func count(_ cli: CLI, _ scenario: Scenario) throws -> Int {
        let listing = scenario == .caseAdd ? ["case", "list", "--account", "A-1"] : ["ledger", "--format", "csv"]
        if scenario == .caseAdd {
            return try cli.run(listing).output.split(separator: "\n").filter { $0.contains("kill") }.count
        }
        return max(0, try cli.run(listing).output.split(separator: "\n").count - 1)
    }
}
