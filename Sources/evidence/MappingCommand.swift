import ArgumentParser
import EvidenceKit
import Foundation

struct MappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping", abstract: "Work with CSV mappings.", subcommands: [MappingSuggestCommand.self])
}

struct MappingSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Print a draft mapping for a provider's or bank's CSV, from its header and first rows.",
        discussion: "Check every line of the draft, save it, then: evidence import --mapping MAPPING.yaml FILE")

    @Argument(help: "The CSV export.")
    var file: String

    func run() throws {
        do {
            print(try MappingSuggester().suggest(for: URL(fileURLWithPath: file)), terminator: "")
        } catch {
            printError("\((file as NSString).lastPathComponent): \(error)")
            throw ExitCode(1)
        }
    }
}
