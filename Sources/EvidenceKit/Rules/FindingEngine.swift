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
        let settings = try store.configuration().rules
        let rules = RuleRegistry.rules(settings).filter { rule == nil || $0.id == rule }
        let accounts = try store.accounts().filter { account == nil || $0.id == account }
        let disputedEntries = try store.disputedEntryIds(asOf: asOf)
        let disputedFindings = try store.disputedFindingIds(asOf: asOf)
        let dismissals = try store.dismissals()
        var findings: [Finding] = []
        for account in accounts {
            let context = try RuleContext.load(store: store, account: account, asOf: asOf, settings: settings)
            var found = rules.flatMap { $0.evaluate(context) }
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
            findings += found.enumerated().sorted { left, right in
                (left.element.date, left.offset) < (right.element.date, right.offset)
            }.map(\.element)
        }
        return findings
    }
}
