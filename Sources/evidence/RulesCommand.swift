import ArgumentParser
import EvidenceKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Every rule: its id, severity, what it flags, and its settings in force.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let settings = try exitingOnFailure { try store.configuration().rules }
        var blocks: [String] = []
        for rule in RuleRegistry.rules(settings) {
            var lines = ["\(rule.id)  [\(rule.severity.rawValue)]  \(rule.title)", "  " + rule.rationale]
            lines += rule.settings(settings).map { "  setting \($0.name): \($0.value)" }
            blocks.append(lines.joined(separator: "\n"))
        }
        print(blocks.joined(separator: "\n\n"))
        print("\nSettings live under `rules:` in the store's config.yaml.")
    }
}
