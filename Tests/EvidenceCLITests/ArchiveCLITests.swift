import Foundation
import Testing
import ZIPFoundation

/// The report, the evidence archive and its verification, through the built binary.
@Suite("report, export and verify")
struct ArchiveCLITests {
    /// The story with its case events, the holder's name and the dispute filed.
    static func story() throws -> CLI {
        let cli = try CaseCLITests.story()
        try cli.run("account", "set", "NIM-4471", "--holder", "Jordan Reyes", "--phone", "+13125550187")
        try cli.run("case", "add", "--account", "NIM-4471", "--event", "payment-made", "--date", "2026-09-19", "--amount", "102.68")
        return cli
    }

    @Test("the report carries every planted finding with its citation, the verdict and the claim counted once")
    func report() throws {
        let cli = try Self.story()
        let json = try cli.run("report", "--as-of", "2026-11-25", "--format", "json")
        #expect(json.status == 0, "\(json.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rules = (report["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        #expect(Set(rules) == [
            "arrears.past-due", "charge.third-party", "charge.duplicate", "charge.price-change", "charge.unlimited-overage",
            "fee.late-despite-payment", "charge.after-cancellation", "statement.total-mismatch", "payment.not-credited",
            "usage.unmatched-call",
        ])
        // Charges: Sept–Nov 288.04 whole, plus July–August premium SMS 19.98, duplicate 65.00, the August device
        // protection rise 4.00, overage 15.00, the two UK calls 20.00 = 412.02; the uncredited payment 102.68;
        // October's printed total 3.00 above its lines. 412.02 + 102.68 + 3.00 = 517.70.
        let claim = try #require(report["claim"] as? [String: Any])
        #expect((claim["lines"] as? [[String: Any]])?.compactMap { $0["amount"] as? String } == ["412.02", "102.68", "3.00"])
        #expect(claim["total"] as? String == "517.70")
        let check = try #require((report["checks"] as? [[String: Any]])?.first)
        #expect(check["blocked"] as? Bool == true && check["undisputedPastDue"] as? String == "288.04")
        let calls = try #require(report["callChecks"] as? [[String: Any]])
        #expect(calls.filter { $0["outcome"] as? String == "not-in-log" }.count == 2)
        #expect(calls.filter { $0["outcome"] as? String == "logged" }.count == 9)

        let html = try cli.run("report", "--as-of", "2026-11-25", "--format", "html")
        #expect(html.output.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.output.contains("<script") && !html.output.contains("http://") && !html.output.contains("https://"))
        #expect(html.output.contains("nimbus-2026-08.xml, /bill/statement[1]/line[3]"))
        #expect(html.output.contains("Cancellation is blocked by arrears: $288.04 undisputed past due"))
        let markdown = try cli.run("report", "--as-of", "2026-11-25", "--format", "md")
        #expect(markdown.output.contains("| **Credit requested** | **$517.70** |"))
        #expect(markdown.output.contains("Subject: Billing dispute and cancellation of account NIM-4471"))
    }

    @Test("--redact hides the holder, phone numbers, email addresses and the account number but its last four")
    func redact() throws {
        let cli = try Self.story()
        let plain = try cli.run("report", "--as-of", "2026-11-25").output
        #expect(plain.contains("Jordan Reyes") && plain.contains("+13125550187"))
        let redacted = try cli.run("report", "--as-of", "2026-11-25", "--redact").output
        for secret in ["Jordan", "Reyes", "+13125550187", "3125550187", "care@nimbus-mobile.example", "NIM-4471 "] {
            #expect(!redacted.contains(secret), "\(secret) is still in the redacted report")
        }
        #expect(redacted.contains("****4471") && redacted.contains("•••••••0187"))
        #expect(redacted.contains("original files in the evidence archive are kept as they were"))
        // Dates, amounts and digests survive.
        #expect(redacted.contains("2026-08-31") && redacted.contains("$288.04"))
    }

    @Test("export writes a bag that verify finds intact; one changed byte, a missing file or an extra one is named")
    func exportAndVerify() throws {
        let cli = try Self.story()
        let zip = cli.folder.appendingPathComponent("NIM-4471-evidence.zip")
        let export = try cli.run("export", "--account", "NIM-4471", "--as-of", "2026-11-25", "--out", zip.path)
        #expect(export.status == 0, "\(export.error)")
        let intact = try cli.run("verify", zip.path)
        #expect(intact.status == 0 && intact.output.hasPrefix("intact:"))

        let archive = try Archive(url: zip, accessMode: .read)
        let paths = archive.map(\.path)
        #expect(paths.contains("NIM-4471-evidence/data/originals/nimbus-2026-08.xml"))
        #expect(paths.contains("NIM-4471-evidence/data/report.html") && paths.contains("NIM-4471-evidence/data/findings.csv"))

        let victim = "NIM-4471-evidence/data/originals/nimbus-2026-09-invoice.xml"
        let altered = try Self.copy(zip, to: cli.folder.appendingPathComponent("altered.zip")) { path, data in
            guard path == victim else { return data }
            var changed = data
            changed[100] ^= 0x01
            return changed
        }
        let outcome = try cli.run("verify", altered.path)
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("data/originals/nimbus-2026-09-invoice.xml: altered"))

        let missing = try Self.copy(zip, to: cli.folder.appendingPathComponent("missing.zip")) { path, data in
            path.hasSuffix("data/calls.csv") ? nil : data
        }
        let incomplete = try cli.run("verify", missing.path)
        #expect(incomplete.status == 1 && incomplete.output.contains("data/calls.csv: missing"))

        let extra = try Self.copy(zip, to: cli.folder.appendingPathComponent("extra.zip"), adding: [("NIM-4471-evidence/data/note.txt", "x")])
        let added = try cli.run("verify", extra.path)
        #expect(added.status == 1 && added.output.contains("data/note.txt: extra"))
    }

    @Test("a hostile zip (../, an absolute path, a link) is refused and nothing is written outside")
    func hostile() throws {
        let cli = try Self.story()
        let zip = cli.folder.appendingPathComponent("evidence.zip")
        try cli.run("export", "--as-of", "2026-11-25", "--out", zip.path)
        let escape = "evil-\(UUID().uuidString).txt"
        let hostile = try Self.copy(
            zip, to: cli.folder.appendingPathComponent("hostile.zip"),
            adding: [("evidence/../../\(escape)", "escaped"), ("/tmp/\(escape)", "absolute")], link: "evidence/data/link")
        let outcome = try cli.run("verify", hostile.path)
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("evidence/../../\(escape): refused"))
        #expect(outcome.output.contains("/tmp/\(escape): refused"))
        #expect(outcome.output.contains("evidence/data/link: refused: the entry is a link"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(escape)"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder.deletingLastPathComponent().appendingPathComponent(escape).path))
    }

    @Test("verify: a path twice in the zip is refused; a missing archive is exit 2 (could not check), not 1")
    func duplicatesAndMissing() throws {
        let cli = try Self.story()
        let zip = cli.folder.appendingPathComponent("evidence.zip")
        try cli.run("export", "--as-of", "2026-11-25", "--out", zip.path)
        let doubled = try Self.copy(
            zip, to: cli.folder.appendingPathComponent("doubled.zip"), adding: [("evidence/data/report.md", "tampered")])
        let outcome = try cli.run("verify", doubled.path)
        #expect(outcome.status == 1 && outcome.output.contains("evidence/data/report.md: refused: the archive holds this path more than once"))
        #expect(try cli.run("verify", cli.folder.appendingPathComponent("nothing.zip").path).status == 2)
    }

    @Test("the store's letter template is used by the report and by the archive's copy of it")
    func storedLetterTemplate() throws {
        let cli = try Self.story()
        let template = "Dear {{provider}}, account {{account}} owes nothing more. {{total}}"
        try Data(template.utf8).write(to: cli.folder.appendingPathComponent(".evidence/letter-template.txt"))
        let expected = "Dear Nimbus Mobile, account NIM-4471 owes nothing more. $517.70"
        #expect(try cli.run("report", "--as-of", "2026-11-25").output.contains(expected))
        let zip = cli.folder.appendingPathComponent("letter.zip")
        try cli.run("export", "--as-of", "2026-11-25", "--out", zip.path)
        let archive = try Archive(url: zip, accessMode: .read)
        let entry = try #require(archive["letter/data/report.md"])
        var markdown = Data()
        _ = try archive.extract(entry) { markdown.append($0) }
        #expect(String(decoding: markdown, as: UTF8.self).contains(expected))
    }

    @Test("a provider's call-detail export is not taken for the phone's call log")
    func providerCallsAreNotTheLog() throws {
        let cli = try Self.story()
        let mapping = CLI.fixtures.appendingPathComponent("mapped-csv/call-detail.yaml").path
        let detail = CLI.fixtures.appendingPathComponent("mapped-csv/call-detail.csv").path
        #expect(try cli.run("import", "--mapping", mapping, detail).status == 0)
        // The export lists the 2026-06-11 London call that the bill charges; the phone never made it.
        let flags = try cli.run("flags", "--rule", "usage.unmatched-call", "--as-of", "2026-11-25", "--format", "csv")
        #expect(flags.output.split(separator: "\n").count == 3)
    }

    @Test("the Library of Congress bagit validator accepts the unzipped archive")
    func bagitValidator() throws {
        let validator = CLI.packageRoot.appendingPathComponent(".venv/bin/bagit.py")
        guard FileManager.default.isExecutableFile(atPath: validator.path) else {
            print("skipped: bagit.py is not installed in .venv (make test installs it where Python and PyPI are reachable)")
            return
        }
        let cli = try Self.story()
        let zip = cli.folder.appendingPathComponent("bag.zip")
        try cli.run("export", "--as-of", "2026-11-25", "--out", zip.path)
        let folder = cli.folder.appendingPathComponent("unzipped")
        try FileManager.default.unzipItem(at: zip, to: folder)
        let process = Process()
        process.executableURL = validator
        process.arguments = ["--validate", folder.appendingPathComponent("bag").path]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Copies a zip entry by entry, letting `transform` change or drop (nil) an entry's bytes, and adding entries.
    static func copy(
        _ source: URL, to destination: URL, adding extra: [(String, String)] = [], link: String? = nil,
        transform: (String, Data) -> Data? = { $1 }
    ) throws -> URL {
        let input = try Archive(url: source, accessMode: .read)
        let output = try Archive(url: destination, accessMode: .create)
        for entry in input where entry.type == .file {
            var data = Data()
            _ = try input.extract(entry) { data.append($0) }
            guard let bytes = transform(entry.path, data) else { continue }
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<min(bytes.count, Int(position) + size))
            }
        }
        for (path, text) in extra {
            let bytes = Data(text.utf8)
            try output.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<min(bytes.count, Int(position) + size))
            }
        }
        if let link {
            let target = Data("/etc/passwd".utf8)
            try output.addEntry(with: link, type: .symlink, uncompressedSize: Int64(target.count)) { _, _ in target }
        }
        return destination
    }
}
