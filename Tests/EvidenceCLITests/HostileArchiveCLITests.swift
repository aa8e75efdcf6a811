import Foundation
import Testing

/// `evidence verify` on archives made to mislead or to exhaust it: each made from a good export
/// by changing its bytes, and each checked by what the user sees (problem lines, exit code).
@Suite("verify on hostile archives")
struct HostileArchiveCLITests {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// One exported archive for the whole suite: its bag folder is `evidence/`.
    static let exported: Result<[UInt8], SetupError> = {
        do {
            let cli = try ArchiveCLITests.story()
            let zip = cli.folder.appendingPathComponent("evidence.zip")
            let outcome = try cli.run("export", "--account", "NIM-4471", "--as-of", "2026-11-25", "--out", zip.path)
            guard outcome.status == 0 else { return .failure(SetupError(description: outcome.error)) }
            return .success([UInt8](try Data(contentsOf: zip)))
        } catch {
            return .failure(SetupError(description: "\(error)"))
        }
    }()

    static func good() throws -> ZipParts {
        try ZipParts(exported.get())
    }

    /// `evidence verify` on `bytes`, written to a new folder as `name`.
    static func verify(_ bytes: [UInt8], as name: String = "evidence.zip") throws -> (outcome: CLI.Outcome, path: String) {
        let cli = try CLI()
        let url = try ZipParts.write(bytes, name, in: cli.folder)
        return (try cli.run("verify", url.path), url.path)
    }

    static func lines(_ outcome: CLI.Outcome) -> [String] {
        outcome.output.split(separator: "\n").map(String.init)
    }

    @Test("the good export is intact, and stays intact taken apart and put back together")
    func roundTrip() throws {
        let (outcome, _) = try Self.verify(Self.good().assembled())
        #expect(outcome.status == 0 && outcome.output.hasPrefix("intact:"), "\(outcome.output)")
    }

    // MARK: - Tag files read line by line

    @Test("a 50 MB manifest-sha256.txt of one line is a problem named, read line by line within a bound")
    func hugeManifestLine() throws {
        let cli = try CLI()
        let good = try ZipParts.write(Self.exported.get(), "good.zip", in: cli.folder)
        let line = Data(repeating: UInt8(ascii: "a"), count: 50 << 20)
        let zip = try ArchiveCLITests.copy(good, to: cli.folder.appendingPathComponent("big-manifest.zip")) { path, data in
            path == "evidence/manifest-sha256.txt" ? line : data
        }
        let outcome = try cli.run("verify", zip.path)
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        #expect(lines.contains("manifest-sha256.txt: line 1 is longer than 64 KiB, too long for a tag file; it was skipped"))
        #expect(lines.contains("manifest-sha256.txt: altered (its SHA-256 differs from tagmanifest-sha256.txt)"))
        #expect(lines.contains("data/report.md: extra (not in manifest-sha256.txt)"))
    }

    @Test("a 50 MB bag-info.txt is read to its end line by line: its last line's Payload-Oxum is still checked")
    func hugeBagInfo() throws {
        let cli = try CLI()
        let good = try ZipParts.write(Self.exported.get(), "good.zip", in: cli.folder)
        var info = Data()
        let padding = Data(("X-Padding: " + String(repeating: "p", count: 88) + "\r\n").utf8)
        while info.count < 50 << 20 { info.append(padding) }
        info.append(Data("Payload-Oxum: 1.1\n".utf8))
        let zip = try ArchiveCLITests.copy(good, to: cli.folder.appendingPathComponent("big-info.zip")) { path, data in
            path == "evidence/bag-info.txt" ? info : data
        }
        let outcome = try cli.run("verify", zip.path)
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        #expect(lines.contains("bag-info.txt: altered (its SHA-256 differs from tagmanifest-sha256.txt)"))
        #expect(lines.contains { $0.hasPrefix("bag-info.txt: Payload-Oxum 1.1 does not match the payload (") })
        #expect(lines.count == 3, "\(outcome.output)")
    }
}
