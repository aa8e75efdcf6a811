import Foundation
import Testing

/// An iPhone's or a Mac's own databases, loose or in a Finder backup folder.
@Suite("iPhone and Mac history")
struct AppleCLITests {
    @Test("a backup folder: its Messages database and call history, named as on the phone, with the device in the remark")
    func backupFolder() throws {
        let cli = try CLI()
        try cli.run("init")
        let backup = CLI.fixtures.appendingPathComponent("apple/backup-unencrypted").path
        let outcome = try cli.run("import", "--account", "NIM-4471", backup)
        #expect(outcome.status == 0)
        let lines = outcome.output.split(separator: "\n")
        #expect(lines.contains { $0.contains("(sms.db) [ios-messages] 6 messages; from the iPhone backup: Jordan's iPhone, iOS 18.1, backed up 2026-11-24") })
        #expect(lines.contains { $0.contains("(CallHistory.storedata) [ios-calls] 5 calls; from the iPhone backup: Jordan's iPhone") })
        let messages = try cli.run("messages", "--format", "json").output
        #expect(messages.contains(#""CR-88231""#) && messages.contains(#""service": "SMS""#))
        let sources = try cli.run("documents").output
        #expect(!sources.contains("3d0d7e5f"))
        let again = try cli.run("import", backup)
        #expect(again.output.contains("skipped") && !again.output.contains("imported"))
        // A backup inside a folder given to import: its two databases, not its other files.
        let inFolder = try cli.run("import", CLI.fixtures.appendingPathComponent("apple").path)
        #expect(!inFolder.error.contains("3d0d7e5f") && !inFolder.error.contains("Manifest.db"))
        #expect(inFolder.error.contains("Manifest.plist: an encrypted iPhone backup"))
        #expect(inFolder.output.contains("(sms.db)"))
    }

    @Test("an encrypted backup: one line saying so and what to do, exit 1, nothing imported")
    func encrypted() throws {
        let cli = try CLI()
        try cli.run("init")
        let outcome = try cli.run("import", CLI.fixtures.appendingPathComponent("apple/backup-encrypted").path)
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("Manifest.plist: an encrypted iPhone backup, which this program cannot read: make an unencrypted one"))
        #expect(try cli.run("messages").output.contains("No messages"))
    }

    @Test("the iPhone side of the story: the same calls and texts as the Android backups are one record each; unmatched calls judged by the iPhone's history alone")
    func story() throws {
        let both = try CLI.withSampleStory()
        try both.run("import", CLI.sampleData.appendingPathComponent("phone").path)
        let iphone = try both.run("import", CLI.sampleData.appendingPathComponent("iphone").path).output
        #expect(iphone.contains("[ios-calls] 2 calls, 15 already stored"))
        #expect(iphone.contains("[ios-messages] 2 messages, 14 already stored"))

        let alone = try CLI.withSampleStory()
        try alone.run("account", "set", "NIM-4471", "--time-zone", "America/Chicago")
        try alone.run("import", CLI.sampleData.appendingPathComponent("iphone").path)
        let unmatched = { (cli: CLI) in
            try cli.run("flags", "--rule", "usage.unmatched-call", "--as-of", "2026-11-25", "--format", "csv").output
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",").dropFirst().joined(separator: ",") }
        }
        try both.run("account", "set", "NIM-4471", "--time-zone", "America/Chicago")
        let fromAndroid = try unmatched(both)
        #expect(fromAndroid.count == 2)
        #expect(try unmatched(alone) == fromAndroid)
        let calls = try alone.run("calls", "--from", "2026-11-19").output
        #expect(calls.contains("(FaceTime, not the provider's)") && calls.contains("(net.whatsapp.WhatsApp, not the provider's)"))
    }
}
