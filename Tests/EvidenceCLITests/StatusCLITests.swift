import Foundation
import Testing

/// `evidence status`: what a person coming back to their dispute needs to know, in a screenful.
@Suite("status")
struct StatusCLITests {
    @Test("the story: records, open findings, the cancellation, the arrears, and what to do next")
    func story() throws {
        let cli = try CLI.withSampleStory()
        try cli.run(
            "case", "add", "--account", "NIM-4471", "--event", "cancellation-confirmed", "--date", "2026-09-03",
            "--ref", "CR-88231", "--effective", "2026-08-31")
        let broken = cli.folder.appendingPathComponent("broken.csv")
        try Data("account_id,statement_id\n".utf8).write(to: broken)
        #expect(try cli.run("import", broken.path).status == 1)

        let outcome = try cli.run("status", "--as-of", "2026-11-25")
        #expect(outcome.status == 0)
        let text = outcome.output
        #expect(text.hasPrefix("Store: \(cli.folder.appendingPathComponent(".evidence").path) (as of 2026-11-25)"))
        #expect(text.contains("the last run imported 0, skipped 0, rejected 1"))
        #expect(text.contains("\nNIM-4471"))
        #expect(text.contains("  covers        2026-05-12 to 2026-11-01"))
        #expect(text.contains("  records       6 statements, 46 entries, 0 calls, 0 messages, 0 documents"))
        #expect(text.contains("  cancellation  confirmed 2026-09-03, effective 2026-08-31, ref CR-88231"))
        #expect(text.contains("  arrears       blocks cancellation: 288.04 USD undisputed past due (past due 288.04, disputed 0.00)"))
        #expect(text.contains("Needs attention:"))
        #expect(text.contains("1 file was rejected by the last import"))
        #expect(text.contains("NIM-4471: cancellation is blocked by 288.04 USD of undisputed arrears"))
        #expect(text.split(separator: "\n").count <= 30, "a screenful")

        let flags = try cli.run("flags", "--account", "NIM-4471", "--as-of", "2026-11-25", "--format", "csv")
        let open = flags.output.split(separator: "\n").count - 1
        #expect(text.contains("  findings      \(open) open: "))

        let json = try cli.run("status", "--as-of", "2026-11-25", "--format", "json").output
        #expect(json.contains(#""entries": 46"#) && json.contains(#""blocked": true"#))
    }

    @Test("asking again gives the same answer at once, and a dispute, a new file or a changed configuration shows the next time")
    func askingAgain() throws {
        let cli = try CLI(), store = cli.folder.appendingPathComponent(".evidence")
        try cli.run("init")
        let mapping = CLI.sampleData.appendingPathComponent("mappings/nimbus-web-export.yaml").path
        try cli.run("import", "--mapping", mapping, CLI.sampleData.appendingPathComponent("bills/nimbus-2026-06.csv").path)
        let status = { try cli.run("status", "--as-of", "2026-11-25").output }
        let first = try status()
        #expect(try status() == first)
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("status-cache.json").path))

        // A new file.
        try cli.run("import", "--mapping", mapping, CLI.sampleData.appendingPathComponent("bills/nimbus-2026-07.csv").path)
        let grown = try status()
        #expect(grown != first)
        #expect(try grown == Self.fresh(cli, status))

        #expect(grown.contains("  findings      2 open: 1 high (9.99 USD), 1 medium (123.68 USD)\n"))

        // A dispute of the premium-SMS charge: one open finding fewer, one disputed more.
        let flags = try cli.run("flags", "--account", "NIM-4471", "--as-of", "2026-11-25", "--format", "csv").output
        let thirdParty = flags.split(separator: "\n").first { $0.contains(",charge.third-party,") }
        let finding = try #require(thirdParty.flatMap { $0.split(separator: ",").first }.map(String.init))
        try cli.run(
            "case", "add", "--account", "NIM-4471", "--event", "dispute-filed", "--date", "2026-11-20", "--finding", finding)
        let disputed = try status()
        #expect(disputed.contains("  findings      1 open: 1 medium (113.69 USD); 1 disputed\n"))
        #expect(disputed.contains("  arrears       blocks cancellation: 113.69 USD undisputed past due (past due 123.68, disputed 9.99)"))
        #expect(try disputed == Self.fresh(cli, status))

        // The configuration: a tolerance above the arrears unblocks the cancellation.
        let configuration = store.appendingPathComponent("config.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "cancellationTolerance: \"0.00\"", with: "cancellationTolerance: \"9999.00\"").utf8)
            .write(to: configuration)
        let tolerant = try status()
        #expect(tolerant.contains("  arrears       do not block cancellation"))
        #expect(try tolerant == Self.fresh(cli, status))

        // A damaged cache is worked out again.
        try Data("{ not json".utf8).write(to: store.appendingPathComponent("status-cache.json"))
        #expect(try status() == tolerant)
    }

    @Test("coming back weeks later to an unchanged ledger is answered from what was kept, days past due grown; a due date passed in between is worked out again")
    func comingBackLater() throws {
        let cli = try CLI(), store = cli.folder.appendingPathComponent(".evidence")
        try cli.run("init")
        let mapping = CLI.sampleData.appendingPathComponent("mappings/nimbus-web-export.yaml").path
        for month in ["06", "07"] {
            try cli.run("import", "--mapping", mapping, CLI.sampleData.appendingPathComponent("bills/nimbus-2026-\(month).csv").path)
        }
        let cache = store.appendingPathComponent("status-cache.json")
        let status = { (day: String) in { try cli.run("status", "--as-of", day, "--format", "json").output } }

        // Nothing in the ledger is dated after 2026-11-25: two weeks later, the kept figures hold.
        let november = try status("2026-11-25")()
        let kept = try Data(contentsOf: cache)
        let december = try status("2026-12-09")()
        #expect(try Data(contentsOf: cache) == kept, "answered from the kept figures")
        #expect(november.contains(#""daysPastDue": 126"#) && december.contains(#""daysPastDue": 140"#))
        #expect(december.contains("(due 2026-07-22, 140 days past due"))
        #expect(try december == Self.fresh(cli, status("2026-12-09")))

        // July's bill falls due on 2026-07-22: before it, only June's part is past due.
        let early = try status("2026-07-10")()
        let keptEarly = try Data(contentsOf: cache)
        let stillEarly = try status("2026-07-20")()
        #expect(try Data(contentsOf: cache) == keptEarly)
        #expect(try stillEarly == Self.fresh(cli, status("2026-07-20")))
        #expect(early.contains(#""undisputedPastDue": "0.00""#) && stillEarly.contains(#""undisputedPastDue": "0.00""#))
        let late = try status("2026-07-25")()
        #expect(late.contains(#""undisputedPastDue": "123.68""#) && late.contains("(due 2026-07-22, 3 days past due"))
        #expect(try late == Self.fresh(cli, status("2026-07-25")))
    }

    /// What status says with no cache at all.
    private static func fresh(_ cli: CLI, _ status: () throws -> String) throws -> String {
        try FileManager.default.removeItem(at: cli.folder.appendingPathComponent(".evidence/status-cache.json"))
        return try status()
    }
}
