import EvidenceKit
import Foundation
import Testing

/// Broken and hostile emails: each ends in a correct read or one line naming the place and the
/// problem, in a time a person accepts. Fixtures: Tests/Fixtures/email (EXPECTED.md); the huge
/// inputs are made here.
@Suite("hostile emails")
struct HostileEmailTests {
    private func email(_ name: String) throws -> CollectingSink {
        try parse(fixture("email/\(name)"), with: EmailParser(), account: "NIM-4471")
    }

    /// Runs `body` and how long it took.
    private func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, clock.now - start)
    }

    /// A message whose Subject is `words` unterminated encoded words (`=?utf-8?q?a`), then a real one.
    private func unterminatedWords(_ words: Int) -> String {
        """
        From: care@example.com
        Date: Tue, 1 Sep 2026 09:15:00 -0500
        Subject: \(String(repeating: "=?utf-8?q?a", count: words)) =?utf-8?q?ref_CR-88231?=

        Body.

        """
    }

    @Test("unterminated encoded words are kept as text, and the word after them is decoded")
    func unterminatedEncodedWords() throws {
        let document = try #require(try email("encoded-words-unterminated.eml").documents.first)
        #expect(document.subject == "=?utf-8?q?a=?utf-8?q?a Ticket #4471 for Renée =?utf-8?q?_is_open")
        #expect(document.references == ["4471"])
    }

    /// How long a huge input may take in a debug build on a busy machine (a release build takes
    /// milliseconds); the quadratic or recursive readers these tests guard against take minutes or crash.
    private let bound = Duration.seconds(5)

    @Test("a Subject of 80,000 unterminated encoded words is read in linear time")
    func manyUnterminatedEncodedWords() throws {
        let url = try temporaryFile("words.eml", unterminatedWords(80_000))
        let (sink, duration) = try timed { try parse(url, with: EmailParser()) }
        let subject = try #require(sink.documents.first?.subject)
        #expect(subject.hasPrefix("=?utf-8?q?a=?utf-8?q?a") && subject.hasSuffix("=?utf-8?q?a ref CR-88231"))
        #expect(subject.utf8.count == 80_000 * 11 + 13)
        #expect(duration < bound, "took \(duration)")
    }

    @Test("control characters from the file are escaped in the messages built about it")
    func controlCharacters() throws {
        let sink = try email("control-characters.eml")
        #expect(sink.documents.first?.text == "Ticket #4471.")
        #expect(sink.remarks == [
            #"message: part 1: charset x-\u{1B}[31mred is not supported; its text was read as utf-8"#,
            #"message: part 2: the attachment bill\u{D}\u{A}forged\u{1B}[2J.pdf is damaged (the base64 content holds byte 0x07, which is not base64)"#,
        ])
        #expect(sink.remarks.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
    }
}
