import EvidenceKit
import Foundation

// Everything this tool prints for a person passes through here: text that came from a file
// (descriptions, names, file names) may hold escape sequences, which are shown, never obeyed.

/// Writes text for a person on standard output, its control characters escaped.
func print(_ text: String, terminator: String = "\n") {
    Swift.print(TerminalText.escaped(text), terminator: terminator)
}

/// Writes one CSV line on standard output as it is: its fields are data for the program that reads them.
func printCSV(_ line: String) {
    Swift.print(line)
}

/// Writes a message on standard error, its control characters escaped.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(text) + "\n").utf8))
}

/// The width of the terminal standard output shows, or nil when it is not a terminal (a pipe or
/// a file gets whole lines).
func terminalWidth() -> Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
