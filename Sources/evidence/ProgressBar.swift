import EvidenceKit
import Foundation

/// A progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {  // used from the one thread that runs the command
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastPercent = -1
    private var drawn = false

    init(label: String) {
        self.label = TerminalText.oneLine(label)
    }

    /// `done` of `total` units.
    func update(_ done: Int64, _ total: Int64) {
        guard enabled, total > 0 else { return }
        let percent = Int(min(100, done * 100 / total))
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
        drawn = true
    }

    /// Clears the bar's line.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
