/// One check of the ledger (DOMAIN.md "Findings"). A new rule is one new file and one line in
/// ``RuleRegistry``.
public protocol Rule: Sendable {
    /// Dotted and stable: `charge.duplicate`.
    var id: String { get }
    /// What it flags, in a few words.
    var title: String { get }
    /// The severity of its findings (a rule may raise a finding at another where it says so).
    var severity: Finding.Severity { get }
    /// Why what it flags is worth disputing.
    var rationale: String { get }
    /// The settings it uses and their values in force, for `evidence rules`.
    func settings(_ settings: RuleSettings) -> [(name: String, value: String)]
    /// The findings for the one account of `context`.
    func evaluate(_ context: RuleContext) -> [Finding]
}

extension Rule {
    public func settings(_ settings: RuleSettings) -> [(name: String, value: String)] { [] }

    /// A finding of this rule, with its stable id made from `key`.
    func finding(
        _ context: RuleContext, key: String, amount: Money, date: CalendarDate, summary: String,
        entries: [Entry], evidence: [Finding.Evidence] = [], severity: Finding.Severity? = nil
    ) -> Finding {
        Finding(
            id: Finding.id(rule: id, account: context.account.id, key: key), rule: id,
            severity: severity ?? self.severity, account: context.account.id, amount: amount, date: date,
            summary: summary, rationale: rationale, entries: entries, evidence: evidence)
    }
}
