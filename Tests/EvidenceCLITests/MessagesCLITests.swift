import Foundation
import Testing

/// What a person reads when something is wrong: one line, nothing a terminal would obey.
@Suite("messages")
struct MessagesCLITests {
    @Test("an impossible --date says why in one line and where to read more, not the whole usage")
    func impossibleDate() throws {
        let cli = try CLI()
        try cli.run("init")
        let outcome = try cli.run("case", "add", "--account", "A-1", "--event", "note", "--date", "2026-09-31")
        #expect(outcome.status == 64)
        #expect(outcome.error == """
            Error: The value '2026-09-31' is invalid for '--date <date>': 2026-09 has 30 days
              See 'evidence case add --help' for more information.

            """)
    }

    @Test("escape sequences in a file's name and content are shown, never obeyed")
    func controlCharacters() throws {
        let cli = try CLI()
        try cli.run("init")
        let name = "bill\u{1B}[31mred\u{7}.csv"
        let file = cli.folder.appendingPathComponent(name)
        try Data("account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency\nA-1,S-1,2026-01-01,2026-01-22,2026-01-01,charge,\"Plan\u{1B}]0;pwned\u{7}\",12x,USD\n".utf8)
            .write(to: file)
        let outcome = try cli.run("import", name)
        #expect(outcome.status == 1)
        #expect(!outcome.error.contains("\u{1B}") && !outcome.error.contains("\u{7}"))
        #expect(outcome.error.contains("bill\\x1b[31mred\\x07.csv"))

        try Data("account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency\nA-1,S-1,2026-01-01,2026-01-22,2026-01-01,charge,\"Plan\u{1B}]0;pwned\u{7}\",12.00,USD\n".utf8)
            .write(to: file)
        #expect(try cli.run("import", name).status == 0)
        let table = try cli.run("ledger").output
        #expect(table.contains("Plan\\x1b]0;pwned\\x07") && !table.contains("\u{1B}"))
        let json = try cli.run("ledger", "--format", "json").output
        #expect(json.contains(#"Plan\u001b]0;pwned\u0007"#))
    }
}
