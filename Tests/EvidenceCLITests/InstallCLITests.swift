import Foundation
import Testing

/// What an installed tool gives a person: a version for bug reports and shell completions.
@Suite("install")
struct InstallCLITests {
    @Test("--version names the version, the commit it was built from, SQLite and libxml2")
    func version() throws {
        let outcome = try CLI().run("--version")
        #expect(outcome.status == 0)
        let lines = outcome.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("evidence 0.6.0 (commit ") == true)
        #expect(lines.last?.hasPrefix("SQLite 3.") == true && lines.last?.contains(", libxml2 2.") == true)
    }

    @Test("the bash completion completes `evidence fl` to flags, and --account to the store's accounts")
    func bashCompletion() throws {
        let cli = try CLI.withSampleStory()
        let script = try cli.run("--generate-completion-script", "bash").output
        let scriptFile = cli.folder.appendingPathComponent("evidence.bash")
        try Data(script.utf8).write(to: scriptFile)
        func complete(_ words: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [
                "-c",
                """
                source "$1"; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                _evidence evidence "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """,
                "bash", scriptFile.path,
            ] + words
            process.currentDirectoryURL = cli.folder
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
            environment.removeValue(forKey: "EVIDENCE_STORE")
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try complete(["evidence", "fl"]) == "flags")
        #expect(try complete(["evidence", "ledger", "--account", "N"]) == "NIM-4471")
        #expect(try complete(["evidence", "import", "--format", "ub"]) == "ubl-invoice")
    }
}
