import ArgumentParser
import EvidenceKit
import Foundation

/// What the shell completes where an option names something in the store: account ids and
/// finding ids, read from the store the command line names (`--store`, `$EVIDENCE_STORE`, or the
/// nearest `.evidence` folder), and rule ids. A store that cannot be opened completes nothing.
enum Completions {
    static let accounts = CompletionKind.custom { arguments, _, prefix in
        guard let store = store(named: arguments) else { return [] }
        return ((try? store.accounts()) ?? []).map(\.id).filter { $0.hasPrefix(prefix) }
    }

    static let findings = CompletionKind.custom { arguments, _, prefix in
        guard let store = store(named: arguments), let asOf = try? today(),
            let findings = try? FindingEngine(store: store).findings(asOf: asOf)
        else { return [] }
        return findings.map(\.id).filter { $0.hasPrefix(prefix) }
    }

    static let rules = CompletionKind.custom { _, _, prefix in
        RuleRegistry.rules(RuleSettings()).map(\.id).filter { $0.hasPrefix(prefix) }
    }

    private static func store(named arguments: [String]) -> Store? {
        let explicit = arguments.firstIndex(of: "--store").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        guard
            let url = try? StoreLocator().locate(
                explicit: explicit, environment: ProcessInfo.processInfo.environment,
                currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        else { return nil }
        return try? Store(opening: url)
    }
}
