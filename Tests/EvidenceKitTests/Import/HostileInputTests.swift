import EvidenceKit
import Foundation
import Testing

/// Files made to hurt: each is read correctly, or refused with one line, within a bound.
@Suite("hostile inputs")
struct HostileInputTests {
    @Test("an emoji written as two surrogate references is restored; a lone half becomes U+FFFD with a remark")
    func surrogatePairs() throws {
        let sink = try parse(fixture("android/sms-emoji-surrogates.xml"), with: AndroidMessagesParser())
        #expect(sink.messages.map(\.body) == [
            "Thanks 😀 your cancellation ref CR-88231 is confirmed",
            "Hex pair 👍 and a lone half \u{FFFD} here",
            "A high half at the end \u{FFFD}",
        ])
        #expect(sink.messages.first?.references == ["CR-88231"])
        #expect(sink.remarks.contains(
            "2 character references to half of a UTF-16 surrogate pair (a damaged emoji) replaced by U+FFFD"))
    }

    @Test("an element with 100,000 attributes is refused at once, naming its line")
    func manyAttributes() throws {
        let attributes = (0..<100_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let file = try temporaryFile("attributes.xml", "<?xml version=\"1.0\"?>\n<smses count=\"1\">\n<sms \(attributes)/></smses>\n")
        let start = Date()
        #expect {
            try parse(file, with: AndroidMessagesParser())
        } throws: { error in
            "\(error)" == "line 3: an element with more than 256 attributes; no export writes one, so the file is refused"
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(throws: (any Error).self) { try parse(fixture("hostile/xml-300-attributes.xml"), with: AndroidMessagesParser()) }
    }

    @Test("elements nested 300 deep are refused in our words, not libxml2's advice to lift its limits")
    func deepNesting() throws {
        #expect {
            try parse(fixture("hostile/xml-nested-300-deep.xml"), with: AndroidMessagesParser())
        } throws: { error in
            "\(error)" == "line 1: elements nested more than 256 levels deep; no export nests so deep, so the file is refused"
        }
    }

    @Test("a reference pattern that backtracks is stopped and named, not run for minutes")
    func backtrackingPattern() throws {
        let finder = try ReferenceFinder(patterns: ["(a+)+$"])
        let text = String(repeating: "a", count: 5_000) + "b"
        let start = Date()
        #expect {
            _ = try finder.references(in: text)
        } throws: { error in
            "\(error)".hasPrefix("reference pattern \"(a+)+$\" needs too long (over 255 ms) on one text")
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("60,000 distinct references are found once each, quickly")
    func manyReferences() throws {
        let text = (10_000..<70_000).map { "ref R\($0)" }.joined(separator: " ")
        let start = Date()
        let found = try ReferenceFinder().references(in: text, text)
        #expect(found.count == 60_000 && found.first == "R10000" && found.last == "R69999")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("a mapping whose aliases would expand exponentially is refused at its first anchor")
    func yamlAliases() throws {
        var yaml = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "e", "f", "g", "h"]) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let file = try temporaryFile("bomb.yaml", yaml)
        #expect {
            _ = try CSVMapping.load(from: file)
        } throws: { error in
            "\(error)" == "bomb.yaml: line 1: anchors and aliases (&name, *name, <<: *name) are not allowed; write the values out"
        }
        let deep = try temporaryFile("deep.yaml", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect {
            _ = try CSVMapping.load(from: deep)
        } throws: { error in
            "\(error)" == "deep.yaml: nests more than 64 levels deep"
        }
    }
}

@Suite("hostile CSV")
struct HostileCSVTests {
    private func rejection(_ name: String) -> String {
        do {
            _ = try parse(fixture("hostile/\(name)"), with: BillCSVParser())
            return "imported"
        } catch {
            return "\(error)"
        }
    }

    @Test("a byte-order mark in the middle of a file is refused, not made an invisible second account")
    func bomInTheMiddle() {
        #expect(rejection("bill-csv-bom-in-the-middle.csv").hasPrefix(
            "line 3: field 1 holds a byte-order mark (U+FEFF) inside the file"))
    }

    @Test("a header naming a column twice is refused with both positions")
    func columnTwice() {
        #expect(rejection("bill-csv-amount-twice.csv")
            == "line 1: the header names \"amount\" twice (columns 8 and 10); which one to read is unclear")
    }

    @Test("1,2,3 is not one hundred and twenty-three dollars")
    func separatorsThatGroupNothing() {
        #expect(rejection("bill-csv-amount-1-2-3.csv").hasPrefix("line 2: amount \"1,2,3\""))
    }
}

@Suite("bounded records")
struct BoundedRecordTests {
    @Test("a quote never closed in a 3 MiB file is refused at its line, not held in memory to the end")
    func unclosedQuote() throws {
        let header = "account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency\n"
        let text = header + "\"" + String(repeating: "x", count: 3 << 20)
        let file = try temporaryFile("unclosed.csv", text)
        #expect {
            try parse(file, with: BillCSVParser())
        } throws: { error in
            "\(error)" == "line 2: field 1 is longer than 1 MiB; no export writes such a field (a quote that is never closed?)"
        }
    }

    @Test("a line of 20,000 fields is refused")
    func tooManyFields() throws {
        let file = try temporaryFile("wide.csv", String(repeating: ",", count: 20_000) + "\n")
        #expect {
            try parse(file, with: BillCSVParser())
        } throws: { error in
            "\(error)" == "line 1: more than 10000 fields on one line"
        }
    }
}
