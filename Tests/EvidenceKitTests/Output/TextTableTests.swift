import EvidenceKit
import Testing

@Suite("text tables")
struct TextTableTests {
    @Test("a table wider than the terminal cuts its widest text column with …, never an amount")
    func fitsWidth() {
        let rows = [["2026-09-01", "Premium SMS - StarQuiz Club, billed on behalf of a third party", "$9.99"]]
        let table = TextTable.render(header: ["date", "description", "amount"], rows: rows, rightAligned: [2], width: 40)
        let lines = table.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines.last == "2026-09-01  Premium SMS - StarQ…   $9.99")
        #expect(TextTable.render(header: ["date", "description", "amount"], rows: rows, rightAligned: [2]).contains("third party"))
    }
}
