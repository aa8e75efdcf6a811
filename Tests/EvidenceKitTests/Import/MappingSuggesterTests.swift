import Foundation
import Testing

@testable import EvidenceKit

/// `mapping suggest` on a dozen differently shaped real exports (Tests/Fixtures/suggest): each
/// draft is sure of itself (no CHECK), and imports its file exactly as NAME.expected says.
@Suite("mapping suggest on real exports")
struct MappingSuggesterTests {
    static let shapes = (try? FileManager.default.contentsOfDirectory(atPath: fixture("suggest").path))?
        .filter { $0.hasSuffix(".csv") }.sorted() ?? []

    @Test("a sure draft imports the file without edits", arguments: shapes)
    func sureDraftImports(_ name: String) throws {
        let file = fixture("suggest/\(name)")
        let draft = try MappingSuggester().suggest(for: file)
        #expect(!draft.contains("CHECK"), "\(name):\n\(draft)")
        let mapping = try CSVMapping.load(from: try temporaryFile("draft.yaml", draft))
        let sink = try parse(file, with: MappedCSVParser(), account: "A-1", mapping: mapping)
        let found = sink.bankTransactions.map { "\($0.date) \($0.amount) \($0.description)" }
            + sink.entries.map { "\($0.date) \($0.amount) \($0.description)" }
        let expected = try String(contentsOf: fixture("suggest/\(name.dropLast(4)).expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(found == expected, "\(name):\n\(draft)")
    }

    @Test("there are a dozen shapes")
    func dozen() {
        #expect(Self.shapes.count >= 12)
    }

    @Test("a guess it is not sure of is marked: 03/04/2026 fits both day-first and month-first")
    func ambiguousDate() throws {
        let file = try temporaryFile("ambiguous.csv", "Date,Description,Amount\n03/04/2026,A,-1.00\n05/06/2026,B,2.00\n")
        let draft = try MappingSuggester().suggest(for: file)
        #expect(draft.contains("dateFormat: MM/dd/yyyy   # CHECK: the dates also fit"))
        #expect(draft.contains("currency: USD   # CHECK"))
    }
}
