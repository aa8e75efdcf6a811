/// What an account owes in one currency as of a date (DOMAIN.md "Balances and arrears").
public struct AccountBalance: Sendable, Equatable {
    public var account: String
    public var currency: Currency
    public var asOf: CalendarDate
    /// The sum of all entries dated on or before `asOf`.
    public var balance: Money
    /// What past-due statements still ask for after every payment and credit so far.
    public var pastDue: Money
    /// The positive entries dated on or before `asOf` that a `dispute-filed` case event marks disputed.
    public var disputed: Money
    /// Past due less the disputed entries of past-due statements.
    public var undisputedPastDue: Money
    public var aging: Aging
    /// The past-due statements the undisputed past due comes from, newest first, with their shares.
    public var pastDueStatements: [PastDueStatement]

    /// One statement's share of the undisputed past due.
    public struct PastDueStatement: Sendable, Equatable, Codable {
        public var statementId: String
        public var dueDate: CalendarDate
        public var amount: Money
        public var daysPastDue: Int
    }

    /// The undisputed past due by days past the due date of the statement it comes from.
    public struct Aging: Sendable, Equatable {
        public var days1to30: Money
        public var days31to60: Money
        public var days61to90: Money
        public var over90: Money

        static func zero(_ currency: Currency) -> Aging {
            Aging(days1to30: .zero(currency), days31to60: .zero(currency), days61to90: .zero(currency), over90: .zero(currency))
        }

        mutating func add(_ units: Int64, daysPastDue: Int) {
            switch daysPastDue {
            case ...30: days1to30.minorUnits += units
            case 31...60: days31to60.minorUnits += units
            case 61...90: days61to90.minorUnits += units
            default: over90.minorUnits += units
            }
        }
    }
}
