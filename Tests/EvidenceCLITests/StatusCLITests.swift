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
}
