import Crypto

/// Something a rule flags (DOMAIN.md "Findings"): what is wrong, how much is at issue, and the
/// entries, with their provenance, that it rests on.
public struct Finding: Sendable {
    public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
        case high, medium, low

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// Whether the person has acted on it: `dispute-filed` names it, or it was dismissed.
    public enum Status: String, Sendable {
        case open, disputed, dismissed
    }

    /// Stable: the same finding keeps its id across runs and re-imports (a digest of the rule,
    /// the account and what the finding is about, never of row ids).
    public var id: String
    public var rule: String
    public var severity: Severity
    public var account: String
    /// The amount at issue.
    public var amount: Money
    /// The day it concerns: the first entry's date, or the statement's.
    public var date: CalendarDate
    /// One sentence a non-expert understands.
    public var summary: String
    /// Why the rule flags this (the rule's rationale).
    public var rationale: String
    public var entries: [Entry]
    /// Other records it rests on: a bank line, a call-log record, a case event, an email.
    public var evidence: [Evidence]
    public var status: Status = .open
    /// Why it was dismissed.
    public var dismissal: String?

    /// A record other than a ledger entry that a finding cites.
    public struct Evidence: Sendable {
        public var description: String
        /// Nil for a case event (the person's own record).
        public var source: Provenance?

        public init(_ description: String, source: Provenance?) {
            self.description = description
            self.source = source
        }
    }

    /// The stable id of a finding of `rule` on `account` about `key`.
    static func id(rule: String, account: String, key: String) -> String {
        let digest = SHA256.hash(data: Array("\(rule)\u{1F}\(account)\u{1F}\(key)".utf8))
        return "F-" + digest.hexString.prefix(10)
    }
}
