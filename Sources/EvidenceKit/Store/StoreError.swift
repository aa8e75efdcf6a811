/// Why the store could not be found, opened or written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable {
        case notFound, damaged, io, database
    }

    public var code: Code
    /// What went wrong, naming the file or folder.
    public var message: String
    /// How to fix it, where that is known.
    public var hint: String?

    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message)\n\($0)" } ?? message
    }
}
