import Foundation

/// Finds a document's date in its text when the user gives none: the first full date near the
/// top of the first page (a letter's date, a statement's date), such as `November 18, 2026`,
/// `18 November 2026`, `2026-11-18` or `11/18/2026` (month first, as US providers write it).
struct DocumentDateFinder {
    /// How many lines from the top are searched.
    static let lineLimit = 25

    /// A date found, and where: the line's locator and text.
    struct Found {
        var date: CalendarDate
        var locator: String
        /// The date as written.
        var written: String

        /// The remark an import gives: where the date came from, and how to give another.
        var remark: String {
            "date \(date) taken from its text (\(locator): \"\(written.visible)\"); give --date to set another"
        }
    }

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let month = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?"
    /// Each pattern with the order of its year, month and day groups (1-based).
    private static let patterns: [(BoundedPattern, year: Int, month: Int, day: Int)] = {
        let sources: [(String, Int, Int, Int)] = [
            ("\\b\(month)\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b", 3, 1, 2),
            ("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+\(month)\\s+(\\d{4})\\b", 3, 2, 1),
            ("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", 1, 2, 3),
            ("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b", 3, 1, 2),
        ]
        return sources.compactMap { source, year, month, day in
            (try? BoundedPattern(source, name: "date pattern")).map { ($0, year, month, day) }
        }
    }()

    /// The first date in the first ``lineLimit`` `lines` (each with its locator).
    func firstDate(in lines: [(locator: String, text: String)]) throws(RecordError) -> Found? {
        for (locator, text) in lines.prefix(Self.lineLimit) {
            var best: (Int, CalendarDate, String)?
            for (pattern, yearGroup, monthGroup, dayGroup) in Self.patterns {
                guard let match = try pattern.allMatches(in: text).first else { continue }
                func group(_ index: Int) -> String? {
                    Range(match.range(at: index), in: text).map { String(text[$0]) }
                }
                guard let yearText = group(yearGroup), let year = Int(yearText), let dayText = group(dayGroup),
                    let day = Int(dayText), let monthText = group(monthGroup)
                else { continue }
                let month = Int(monthText)
                    ?? Self.monthNames.firstIndex { monthText.lowercased().hasPrefix($0) }.map { $0 + 1 }
                guard let month, let date = CalendarDate(year: year, month: month, day: day) else { continue }
                if best == nil || match.range.location < (best?.0 ?? 0) {
                    best = (match.range.location, date, Range(match.range, in: text).map { String(text[$0]) } ?? "")
                }
            }
            if let best { return Found(date: best.1, locator: locator, written: best.2) }
        }
        return nil
    }
}
