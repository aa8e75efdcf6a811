import ArgumentParser
import EvidenceKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an evidence store (a .evidence folder) in a folder.")

    @Argument(help: "The folder to hold the store (default: this one).")
    var folder: String = "."

    func run() throws {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let (store, created) = try exitingOnFailure { try Store.create(in: url) }
        if created {
            print("Created an evidence store in \(store.url.path)")
            print("Next: evidence import FILE-OR-FOLDER...")
        } else {
            print("An evidence store already exists in \(store.url.path)")
        }
    }
}
