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

    // MARK: - The central directory and the local headers

    /// A change to a good zip, and the problem line it must bring.
    struct Disagreement: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var change: @Sendable (inout ZipParts) throws -> String
    }

    static let disagreements: [Disagreement] = [
        Disagreement(testDescription: "uncompressed size") { zip in
            let index = try zip.index("data/calls.csv")
            let size = zip.entries[index].central.u32(24)
            zip.entries[index].local.set32(size + 2, at: 22)
            return "data/calls.csv: the zip's local header says \(size + 2) bytes, its central directory \(size): other unzippers would read it differently"
        },
        Disagreement(testDescription: "compressed size") { zip in
            let index = try zip.index("data/report.json")
            let size = zip.entries[index].central.u32(20)
            zip.entries[index].local.set32(size - 1, at: 18)
            return "data/report.json: the zip's local header says \(size - 1) compressed bytes, its central directory \(size): other unzippers would read it differently"
        },
        Disagreement(testDescription: "CRC-32") { zip in
            let index = try zip.index("data/ledger.csv")
            let crc = zip.entries[index].central.u32(16)
            zip.entries[index].local.set32(crc ^ 1, at: 14)
            return "data/ledger.csv: the zip's local header says CRC-32 \(hex(crc ^ 1)), its central directory \(hex(crc)): other unzippers would read it differently"
        },
        Disagreement(testDescription: "compression method") { zip in
            let index = try zip.index("data/findings.csv")
            zip.entries[index].local.set16(0, at: 8)
            return "data/findings.csv: the zip's local header says compression method 0 (none), its central directory 8 (deflate): other unzippers would read it differently"
        },
        Disagreement(testDescription: "flags") { zip in
            let index = try zip.index("data/findings.json")
            zip.entries[index].local.set16(0x0808, at: 6)
            return "data/findings.json: the zip's local header says flags 0x0808, its central directory 0x0800: other unzippers would read it differently"
        },
        Disagreement(testDescription: "name") { zip in
            let index = try zip.index("data/ledger.json")
            let last = zip.entries[index].local.count - 1
            zip.entries[index].local[last] = UInt8(ascii: "x")
            return "data/ledger.json: the zip's local header names it data/ledger.jsox: other unzippers would read it differently"
        },
        Disagreement(testDescription: "signature") { zip in
            let index = try zip.index("data/calls.json")
            zip.entries[index].local[0] = 0
            return "data/calls.json: there is no local header at offset \(zip.localOffset(index)), where the zip's central directory puts it: the zip is damaged"
        },
        Disagreement(testDescription: "data descriptor") { zip in
            let index = try zip.index("data/statements.csv")
            let size = zip.entries[index].central.u32(24)
            zip.useDescriptor(index, uncompressed: size + 1)
            return "data/statements.csv: the zip's data descriptor says \(size + 1) bytes, its central directory \(size): other unzippers would read it differently"
        },
        Disagreement(testDescription: "end record's entry count") { zip in
            zip.declaredCount = UInt16(zip.entries.count + 1)
            return "evidence.zip: the zip's end record counts \(zip.entries.count + 1) entries, its central directory holds \(zip.entries.count): other unzippers would list other files"
        },
        Disagreement(testDescription: "a local entry the central directory does not list") { zip in
            zip.hidden = ZipParts.localEntry("evidence/data/hidden.txt", "not in the central directory")
            return "data/hidden.txt: the zip holds a local header for it at offset \(zip.localOffset(zip.entries.count)) that its central directory does not list: a streaming unzipper would see this file, the others would not"
        },
        Disagreement(testDescription: "bytes that belong to no entry") { zip in
            zip.hidden = Array("a note slipped in between".utf8)
            return "evidence.zip: 25 bytes at offset \(zip.localOffset(zip.entries.count)) belong to no entry: hidden data, or a damaged zip"
        },
    ]

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    @Test("a central directory and local headers that disagree: the entry is named, and the zip is not intact", arguments: disagreements)
    func disagreement(_ disagreement: Disagreement) throws {
        var zip = try Self.good()
        let expected = try disagreement.change(&zip)
        let (outcome, _) = try Self.verify(zip.assembled())
        #expect(outcome.status == 1)
        #expect(Self.lines(outcome).contains(expected), "\(outcome.output)")
    }

    @Test("an entry whose sizes follow its data in a data descriptor that agrees is intact")
    func agreeingDescriptor() throws {
        var zip = try Self.good()
        zip.useDescriptor(try zip.index("data/report.html"))
        let (outcome, _) = try Self.verify(zip.assembled())
        #expect(outcome.status == 0 && outcome.output.hasPrefix("intact:"), "\(outcome.output)")
    }

    // MARK: - Damaged or encrypted

    @Test("not a zip, a zip cut short, a central directory that is not there: one line on standard error, exit 2")
    func damaged() throws {
        let good = try Self.exported.get()
        var misplaced = try Self.good().assembled()
        misplaced.set32(1, at: misplaced.count - 6)
        let cases: [(bytes: [UInt8], message: String)] = [
            (Array("date,amount\n2026-08-01,45.00\n".utf8), "not a zip file (it has no zip end record); nothing was checked"),
            ([], "not a zip file (it is empty); nothing was checked"),
            (Array(good.prefix(good.count / 2)),
             "a damaged zip: its end record is missing, as when a download or a copy is cut short; nothing was checked"),
            (misplaced, "a damaged zip: there is no central directory at offset 1, where its end record puts it; nothing was checked"),
        ]
        for (bytes, message) in cases {
            let (outcome, path) = try Self.verify(bytes)
            #expect(outcome.status == 2)
            #expect(outcome.output.isEmpty)
            #expect(outcome.error == "\(path): \(message)\n")
        }
    }

    @Test("an encrypted entry is named as encrypted, not as missing; a zip encrypted throughout is not 'not a bag'")
    func encrypted() throws {
        var zip = try Self.good()
        let index = try zip.index("data/report.md")
        zip.entries[index].local[6] |= 1
        zip.entries[index].central[8] |= 1
        let (one, _) = try Self.verify(zip.assembled())
        #expect(one.status == 1)
        #expect(Self.lines(one).contains("data/report.md: encrypted; an evidence archive is never encrypted"))
        #expect(!one.output.contains("data/report.md: missing"))

        for index in zip.entries.indices {
            zip.entries[index].local[6] |= 1
            zip.entries[index].central[8] |= 1
        }
        let (all, _) = try Self.verify(zip.assembled())
        #expect(all.status == 1)
        let lines = Self.lines(all)
        #expect(lines.filter { $0.hasSuffix(": encrypted; an evidence archive is never encrypted") }.count == zip.entries.count)
        #expect(lines.count == zip.entries.count + 1, "\(all.output)")
    }

    // MARK: - Control characters

    @Test("control characters in names reach the terminal escaped (\\x1b), in every line")
    func controlCharacters() throws {
        let cli = try CLI()
        let good = try ZipParts.write(Self.exported.get(), "good.zip", in: cli.folder)
        let name = "evidence/data/\u{1B}[2J\u{9B}31m\u{7F}evil\nname.txt"
        let listed = String(repeating: "0", count: 64) + "  data/%0Abell\u{07}\n"
        let zip = try ArchiveCLITests.copy(
            good, to: cli.folder.appendingPathComponent("bad\u{1B}[0m.zip"), adding: [(name, "x")]
        ) { path, data in
            path == "evidence/manifest-sha256.txt" ? data + Data(listed.utf8) : data
        }
        let outcome = try cli.run("verify", zip.path)
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        #expect(lines.contains(#"data/\x1b[2J\x9b31m\x7fevil\x0aname.txt: extra (not in manifest-sha256.txt)"#), "\(outcome.output)")
        #expect(lines.contains(#"data/\x0abell\x07: missing (listed in manifest-sha256.txt)"#))
        #expect(lines.last?.contains(#"bad\x1b[0m.zip: "#) == true)
        let controls = outcome.output.unicodeScalars.filter { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
        #expect(controls.isEmpty)
    }

    // MARK: - Bounded work

    @Test("a million central directory entries sharing one local header: refused, counted, done in bounded time",
          .timeLimit(.minutes(1)))
    func millionEntries() throws {
        var zip = try Self.good()
        let target = try zip.index("data/report.md")
        let offset = zip.localOffset(target)
        let template = zip.centralRecord(like: target, named: "evidence/x/0000000", offset: offset)
        let digits = template.count - 7
        var records: [UInt8] = []
        records.reserveCapacity(1_000_000 * template.count)
        var record = template
        for number in 0..<1_000_000 {
            var rest = number
            for position in (digits..<template.count).reversed() {
                record[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            records += record
        }
        zip.extraCentral = records
        let (outcome, path) = try Self.verify(zip.assembled())
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        let count = zip.entries.count
        // Checked apart, so that a failure does not print a thousand lines.
        let refused = lines.contains(
            "x/0000000: it starts at the same local header as data/report.md (offset \(offset)): entries that share bytes are a zip bomb's pattern; it was not read")
        let counted = lines.contains(
            "evidence.zip: the zip's end record counts \(count) entries, its central directory holds \(count + 1_000_000): other unzippers would list other files")
        #expect(refused)
        #expect(counted)
        #expect(lines.contains("… and 999001 more problems, not listed"))
        #expect(lines.last == "NOT intact: \(path): 1000001 problems, \(count - 1) files checked")
        #expect(lines.count == 1002)
    }

    @Test("zip64 fields: read where they agree; a size or an offset they exaggerate is named, quickly",
          .timeLimit(.minutes(1)))
    func zip64() throws {
        var agreeing = try Self.good()
        agreeing.useZip64(try agreeing.index("data/report.md"))
        let (intact, _) = try Self.verify(agreeing.assembled())
        #expect(intact.status == 0 && intact.output.hasPrefix("intact:"), "\(intact.output)")

        var huge = try Self.good()
        let index = try huge.index("data/report.md")
        let size = huge.entries[index].central.u32(24)
        huge.useZip64(index, uncompressed: 1 << 62)
        let (exaggerated, _) = try Self.verify(huge.assembled())
        #expect(exaggerated.status == 1)
        #expect(Self.lines(exaggerated).contains(
            "data/report.md: the zip's local header says \(size) bytes, its central directory 4611686018427387904: other unzippers would read it differently"))

        var far = try Self.good()
        far.useZip64(try far.index("data/report.md"), offset: 1 << 60)
        let centralOffset = far.localOffset(far.entries.count)
        let (offset, _) = try Self.verify(far.assembled())
        #expect(offset.status == 1)
        #expect(Self.lines(offset).contains(
            "data/report.md: its local header would be at offset 1152921504606846976, past the zip's entries (its central directory starts at \(centralOffset)): the zip is damaged"))

        var counted = try Self.good()
        counted.zip64Count = 1 << 40
        let (count, _) = try Self.verify(counted.assembled())
        #expect(count.status == 1)
        #expect(Self.lines(count).contains(
            "evidence.zip: the zip's end record counts 1099511627776 entries, its central directory holds \(counted.entries.count): other unzippers would list other files"))
    }

    @Test("two entries sharing bytes (one local header, or one inside the other's data) are refused, not inflated twice")
    func overlapping() throws {
        var zip = try Self.good()
        let target = try zip.index("data/report.md")
        let offset = zip.localOffset(target)
        zip.extraCentral =
            zip.centralRecord(like: target, named: "evidence/data/copy.md", offset: offset)
            + zip.centralRecord(like: target, named: "evidence/data/inside.md", offset: offset + 40)
        zip.declaredCount = UInt16(zip.entries.count + 2)
        let (outcome, _) = try Self.verify(zip.assembled())
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        #expect(lines.contains(
            "data/copy.md: it starts at the same local header as data/report.md (offset \(offset)): entries that share bytes are a zip bomb's pattern; it was not read"))
        #expect(lines.contains(
            "data/inside.md: its bytes in the zip overlap those of data/report.md (it starts at offset \(offset + 40), inside that entry): entries that share bytes are a zip bomb's pattern; it was not read"))
        #expect(lines.count == 3, "\(outcome.output)")
    }
}
