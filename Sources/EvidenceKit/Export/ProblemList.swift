/// The problems a check found, one line each, naming the file.
///
/// Every line is stored with its control characters escaped (names come from the archive, and
/// whoever made it chose them). Only the first `listLimit` lines are kept and the rest counted, so
/// that an archive made to hold a million bad entries costs neither a million strings nor a
/// million lines of output.
struct ProblemList {
    static let listLimit = 1_000

    private(set) var lines: [String] = []
    /// Every problem found, listed or not.
    private(set) var count = 0

    /// Records a problem; its line is built only when it will be listed.
    mutating func add(_ line: @autoclosure () -> String) {
        count += 1
        if lines.count < Self.listLimit { lines.append(line().visible) }
    }

    /// Adds another list's problems: its lines while there is room, and all of its count.
    mutating func merge(_ other: ProblemList) {
        for line in other.lines where lines.count < Self.listLimit { lines.append(line) }
        count += other.count
    }
}
