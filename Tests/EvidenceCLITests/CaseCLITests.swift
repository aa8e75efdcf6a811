import Foundation
import Testing

/// The call log, messages, emails and case log of the SampleData story, through the built binary.
@Suite("calls, messages, documents, case log and timeline on the command line")
struct CaseCLITests {
    /// The story with its account facts, phone backups, emails and case events.
    static func story() throws -> CLI {
        let cli = try CLI.withSampleStory()
        try cli.run(
            "account", "set", "NIM-4471", "--provider", "Nimbus Mobile", "--unlimited-data", "--time-zone",
            "America/Chicago")
        let imported = try cli.run(
            "import", CLI.sampleData.appendingPathComponent("phone").path, CLI.sampleData.appendingPathComponent("email").path)
        #expect(imported.status == 0, "\(imported.error)")
        try cli.run(
            "case", "add", "--account", "NIM-4471", "--event", "cancellation-requested", "--date", "2026-08-10",
            "--time", "10:32", "--channel", "phone", "--ref", "CR-88231", "--rep", "Dana")
        try cli.run(
            "case", "add", "--account", "NIM-4471", "--event", "cancellation-confirmed", "--date", "2026-09-03",
            "--channel", "email", "--ref", "CR-88231", "--effective", "2026-08-31", "--document", "1")
        return cli
    }

    private func json(_ outcome: CLI.Outcome) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
    }

    @Test("the phone backups and emails import with their counts")
    func importLines() throws {
        let cli = try CLI.withSampleStory()
        let outcome = try cli.run(
            "import", CLI.sampleData.appendingPathComponent("phone").path, CLI.sampleData.appendingPathComponent("email").path)
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("[android-calls-xml] 17 calls"))
        #expect(outcome.output.contains("[android-sms-xml] 15 messages"))
        #expect(outcome.output.contains("nimbus-mail-2026.mbox [email] 3 documents"))
    }

    @Test("calls --format json: UTC instants, directions, the account, withheld numbers as null")
    func calls() throws {
        let cli = try Self.story()
        let june = try json(try cli.run("calls", "--from", "2026-06-01", "--to", "2026-06-30", "--format", "json"))
        // 2026-06-16 19:47 in Chicago is 2026-06-17 in UTC, and still a June call.
        #expect(june.map { $0["startedAt"] as? String } == [
            "2026-06-03T13:15:00Z", "2026-06-17T00:47:00Z", "2026-06-24T18:30:00Z",
        ])
        #expect(june.allSatisfy { $0["direction"] as? String == "outgoing" && $0["account"] as? String == "NIM-4471" })
        let all = try json(try cli.run("calls", "--format", "json"))
        #expect(all.count == 17)
        #expect(all.filter { $0["number"] is NSNull }.count == 1)
        #expect(!all.contains { ($0["number"] as? String)?.hasPrefix("+44") == true })
    }

    @Test("the confirmation SMS and emails show reference CR-88231 on messages, documents and timeline")
    func references() throws {
        let cli = try Self.story()
        let messages = try json(try cli.run("messages", "--format", "json"))
        let confirmation = try #require(messages.first { ($0["references"] as? [String]) == ["CR-88231"] })
        #expect(confirmation["sentAt"] as? String == "2026-08-10T15:58:04.517Z")
        #expect((confirmation["source"] as? [String: String])?["locator"] == "/smses/sms[12]")
        let documents = try json(try cli.run("documents", "--format", "json"))
        #expect(documents.count == 5)
        let subjects = documents.filter { ($0["references"] as? [String])?.contains("CR-88231") == true }
            .compactMap { $0["subject"] as? String }
        #expect(subjects.contains("Your cancellation is confirmed – ref CR-88231"))
        let timeline = try json(try cli.run("timeline", "--account", "NIM-4471", "--format", "json"))
        let august10 = timeline.filter { $0["date"] as? String == "2026-08-10" }
        #expect(august10.map { $0["kind"] as? String } == ["case-event", "message"])
        #expect(august10.allSatisfy { ($0["references"] as? [String]) == ["CR-88231"] })
        let dates = timeline.compactMap { $0["date"] as? String }
        #expect(dates == dates.sorted())
    }

    @Test("case list and case status tell the story; an unknown event kind is a usage error")
    func caseLog() throws {
        let cli = try Self.story()
        let events = try json(try cli.run("case", "list", "--format", "json"))
        #expect(events.map { $0["event"] as? String } == ["cancellation-requested", "cancellation-confirmed"])
        #expect(events.first?["rep"] as? String == "Dana")
        #expect(events.last?["documents"] as? [Int] == [1])
        let status = try cli.run("case", "status", "--as-of", "2026-11-25", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "confirmed")
        #expect(object["effectiveDate"] as? String == "2026-08-31")
        #expect(object["daysUnderReview"] as? Int == 24)
        #expect((object["records"] as? [Any])?.count == 3)  // the SMS of 08-10 and the two emails
        let waiting = try cli.run("case", "status", "--as-of", "2026-08-30")
        #expect(waiting.output.contains("under review:  20 days (limit 14)"))
        #expect(waiting.output.contains("stays active and can still be billed"))
        let unknown = try cli.run("case", "add", "--account", "NIM-4471", "--event", "complaint", "--date", "2026-09-01")
        #expect(unknown.status == 64)
        let badEntry = try cli.run("case", "add", "--account", "NIM-4471", "--event", "dispute-filed", "--date", "2026-09-01", "--entry", "9999")
        #expect(badEntry.status == 64 && badEntry.error.contains("entry 9999"))
        #expect(try json(try cli.run("case", "list", "--format", "json")).count == 2)
    }

    @Test("a broken email is rejected whole, naming its part; nothing is stored")
    func badEmail() throws {
        let cli = try Self.story()
        let outcome = try cli.run("import", CLI.fixtures.appendingPathComponent("email/bad-base64.eml").path)
        #expect(outcome.status == 1)
        #expect(outcome.error.hasPrefix("rejected  bad-base64.eml: message, part 1 (line 10): the base64 content"))
        #expect(try json(try cli.run("documents", "--format", "json")).count == 5)
    }

    @Test("a PDF is kept as a document once it has a date")
    func document() throws {
        let cli = try Self.story()
        let letter = CLI.fixtures.appendingPathComponent("document/cancellation-letter.pdf").path
        let undated = try cli.run("import", letter)
        #expect(undated.status == 1 && undated.error.contains("--date YYYY-MM-DD"))
        let dated = try cli.run("import", "--date", "2026-08-12", "--note", "cancellation letter", letter)
        #expect(dated.status == 0 && dated.output.contains("[document] 1 document"))
        let documents = try json(try cli.run("documents", "--format", "json"))
        #expect(documents.contains { $0["kind"] as? String == "document" && $0["note"] as? String == "cancellation letter" })
    }
}

/// The rules and the cancellation check on the SampleData story, through the built binary.
@Suite("flags and cancel-check on the story")
struct FlagsCLITests {
    private func findings(_ cli: CLI) throws -> [[String: Any]] {
        let outcome = try cli.run("flags", "--as-of", "2026-11-25", "--format", "json")
        #expect(outcome.status == 0, "\(outcome.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
    }

    @Test("the planted problems of SampleData/README.md, each citing its lines, and nothing else")
    func planted() throws {
        let cli = try CaseCLITests.story()
        try cli.run(
            "case", "add", "--account", "NIM-4471", "--event", "payment-made", "--date", "2026-09-19", "--amount", "102.68")
        let found = try findings(cli)
        let byRule = Dictionary(grouping: found) { $0["rule"] as? String ?? "" }
            .mapValues { $0.compactMap { $0["amount"] as? String } }
        #expect(byRule == [
            "arrears.past-due": ["288.04"],
            "charge.third-party": ["49.95"],
            "charge.duplicate": ["65.00"],
            "charge.price-change": ["16.00"],
            "charge.unlimited-overage": ["15.00"],
            "fee.late-despite-payment": ["10.00"],
            "charge.after-cancellation": ["102.68", "92.68", "92.68"],
            "statement.total-mismatch": ["3.00"],
            "payment.not-credited": ["102.68"],
            "usage.unmatched-call": ["11.50", "8.50"],
        ])
        let duplicate = try #require(found.first { $0["rule"] as? String == "charge.duplicate" })
        let locators = (duplicate["entries"] as? [[String: Any]])?.compactMap { ($0["source"] as? [String: String])?["locator"] }
        #expect(locators == ["/bill/statement[1]/line[2]", "/bill/statement[1]/line[3]"])
        let payment = try #require(found.first { $0["rule"] as? String == "payment.not-credited" })
        let bank = (payment["evidence"] as? [[String: Any]])?.first?["source"] as? [String: String]
        #expect(bank?["file"] == "first-lakes-checking-2026.csv" && bank?["locator"] == "line 18")
        // The same findings keep their ids on a second run.
        #expect(try findings(cli).compactMap { $0["id"] as? String } == found.compactMap { $0["id"] as? String })
    }

    @Test("cancel-check: blocked by 288.04 from three statements; disputing the after-cancellation findings unblocks it")
    func cancelCheck() throws {
        // By hand (DOMAIN.md, SampleData/README.md): every statement is due before 2026-11-25, so past due =
        // charges 648.09 + payments -360.05 = 288.04; nothing disputed, so all of it is undisputed and above
        // the 0.00 tolerance. Payments clear June to August (78.69 + 123.68 + 157.68 = 360.05); what is left
        // is November 92.68 (3 days past due), October 92.68 (34), September 102.68 (64).
        let cli = try CaseCLITests.story()
        let blocked = try cli.run("cancel-check", "--as-of", "2026-11-25", "--format", "json")
        #expect(blocked.status == 1)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(blocked.output.utf8)) as? [String: Any])
        #expect(answer["blocked"] as? Bool == true)
        #expect(answer["undisputedPastDue"] as? String == "288.04" && answer["tolerance"] as? String == "0.00")
        let statements = try #require(answer["blockingStatements"] as? [[String: Any]])
        #expect(statements.compactMap { $0["statementId"] as? String } == ["NM-4471-2026-11", "NM-4471-2026-10", "NM-4471-2026-09"])
        #expect(statements.compactMap { $0["daysPastDue"] as? Int } == [3, 34, 64])
        #expect(statements.compactMap { $0["amount"] as? String } == ["92.68", "92.68", "102.68"])

        let ids = try findings(cli).filter { $0["rule"] as? String == "charge.after-cancellation" }.compactMap { $0["id"] as? String }
        #expect(ids.count == 3)
        var arguments = ["case", "add", "--account", "NIM-4471", "--event", "dispute-filed", "--date", "2026-11-20", "--ref", "FCC-2026-11-0042"]
        for id in ids { arguments += ["--finding", id] }
        let filed = try cli.run(arguments)
        #expect(filed.status == 0, "\(filed.error)")
        // The three findings hold every September-November entry (102.68 + 92.68 + 92.68 = 288.04), all in
        // past-due statements: undisputed past due = max(0, 288.04 - 288.04) = 0.00, not above the tolerance.
        let after = try cli.run("cancel-check", "--as-of", "2026-11-25", "--format", "json")
        #expect(after.status == 0)
        let cleared = try #require(try JSONSerialization.jsonObject(with: Data(after.output.utf8)) as? [String: Any])
        #expect(cleared["disputed"] as? String == "288.04" && cleared["undisputedPastDue"] as? String == "0.00")
        let statuses = try findings(cli).filter { ids.contains($0["id"] as? String ?? "") }.compactMap { $0["status"] as? String }
        #expect(statuses == ["disputed", "disputed", "disputed"])
        // As of the day before the dispute was filed, it is still blocked.
        #expect(try cli.run("cancel-check", "--as-of", "2026-11-19").status == 1)
    }

    @Test("a dismissed finding leaves the list and comes back with --all")
    func dismiss() throws {
        let cli = try CaseCLITests.story()
        let first = try #require(try findings(cli).first { $0["rule"] as? String == "charge.price-change" }?["id"] as? String)
        #expect(try cli.run("flags", "dismiss", first, "--reason", "announced in May").status == 0)
        #expect(!(try findings(cli)).contains { $0["id"] as? String == first })
        let all = try cli.run("flags", "--all", "--as-of", "2026-11-25", "--format", "csv")
        #expect(all.output.contains("\(first),charge.price-change,medium,dismissed"))
        #expect(try cli.run("flags", "--rule", "charge.nonsense").status == 64)
    }
}
