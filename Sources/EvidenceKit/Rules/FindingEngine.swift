/// Runs every rule on every account (or one) and gives each finding its status.
///
/// A finding is disputed when every entry it is about is disputed (a `dispute-filed` event named
/// them, or named the finding when it had them), or, for one about no entry (a payment never
/// credited), when such an event names it; dismissed when the person dismissed it.
public struct FindingEngine: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The findings as of `asOf`, account by account, in date order; only `rule`'s when given.
    public func findings(account: String? = nil, asOf: CalendarDate, rule: String? = nil) throws(StoreError) -> [Finding] {
        let configuration = try store.configuration()
        var findings: [Finding] = []
        for known in try store.accounts() where account == nil || known.id == account {
            let context = try RuleContext.load(store: store, account: known, asOf: asOf, configuration: configuration)
            findings += try self.findings(in: context, rule: rule)
        }
        return findings
    }

    /// The findings of one account's context, in date order, with their status.
    public func findings(in context: RuleContext, rule: String? = nil) throws(StoreError) -> [Finding] {
        let disputedEntries = try store.disputedEntryIds(asOf: context.asOf)
        let disputedFindings = try store.disputedFindingIds(asOf: context.asOf)
        let dismissals = try store.dismissals()
        var found = RuleRegistry.rules(context.settings).filter { rule == nil || $0.id == rule }.flatMap { $0.evaluate(context) }
        if let problem = context.patternProblems.first {
            throw StoreError(.damaged, problem.message, hint: "Change the pattern in .evidence/config.yaml (rules:).")
        }
        for index in found.indices {
            let entries = found[index].entries
            for entryIndex in entries.indices {
                found[index].entries[entryIndex].disputed = disputedEntries.contains(entries[entryIndex].id)
            }
            if let reason = dismissals[found[index].id] {
                found[index].status = .dismissed
                found[index].dismissal = reason
            } else if entries.isEmpty ? disputedFindings.contains(found[index].id)
                : entries.allSatisfy({ disputedEntries.contains($0.id) })
            {
                // A finding that gained lines since its dispute was filed (a charge billed again)
                // is open until those lines are disputed too.
                found[index].status = .disputed
            }
        }
        return found.enumerated().sorted { left, right in
            (left.element.date, left.offset) < (right.element.date, right.offset)
        }.map(\.element)
    }
}
