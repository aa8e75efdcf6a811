import ArgumentParser
import EvidenceKit

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats", abstract: "List the formats evidence can read, and how each is recognised.")

    func run() {
        for format in Format.allCases {
            print(format.rawValue)
            print("  what:        \(format.summary)")
            print("  recognised:  \(format.recognisedBy)")
        }
    }
}
