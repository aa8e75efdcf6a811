/// The dispute report of one account, computed once; the renderers only lay it out.
public struct Report: Sendable {
    public var account: Account
    /// The day the report judges the ledger on.
    public var asOf: CalendarDate
    /// The service the statements cover: the first period start and the last period end.
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    public var statementCount: Int
    public var checks: [CancellationCheck]
    public var cancellation: CancellationStatus
    /// Open and disputed findings, most severe first, then by date.
    public var findings: [Finding]
    /// Findings the person dismissed, with why (listed, not claimed).
    public var dismissed: [Finding]
    public var claim: Claim
    /// Case events, emails, documents and messages with reference numbers, in date order.
    public var events: [TimelineItem]
    /// Every billed call with a time and number, against the call log.
    public var callChecks: [CallCheck]
    /// Every original file the report rests on.
    public var sources: [SourceFile]
    /// The letter to the provider, from the template.
    public var letter: String
    /// What an FCC informal complaint asks for, answered from the case.
    public var complaint: [(question: String, answer: String)]

    /// What the person asks back, without counting any amount twice.
    public struct Claim: Sendable {
        public struct Line: Sendable {
            public var label: String
            public var amount: Money
            /// The findings it comes from.
            public var findings: [String]
        }

        public var lines: [Line]
        public var total: Money
    }

    /// A billed call and what the call log says of it.
    public struct CallCheck: Sendable {
        public enum Outcome: Sendable {
            /// The logged call, its local start and its length.
            case logged(callId: Int64, startedAt: String, seconds: Int, source: Provenance)
            case notInLog
            /// The log does not cover the day of the call.
            case notCovered
        }

        public var entry: Entry
        /// Local date and time as billed.
        public var billedAt: String
        public var outcome: Outcome
    }
}
