/// A problem with one record of an input file: where it is and what is wrong.
public struct RecordError: Error, Sendable, CustomStringConvertible {
    /// `line 17`, `/Invoice/InvoiceLine[3]`, or nil for the file as a whole.
    public var locator: String?
    public var message: String

    public init(locator: String? = nil, _ message: String) {
        self.locator = locator
        self.message = message
    }

    public var description: String {
        locator.map { "\($0): \(message)" } ?? message
    }
}

/// Why one file was rejected: the file, the place in it, the problem.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var record: RecordError

    public init(file: String, _ record: RecordError) {
        self.file = file
        self.record = record
    }

    /// One line: `bill.csv: line 17: amount "12,3x" is not a number`.
    public var description: String { "\(file): \(record)" }
}
