import Foundation

/// The files of the archive that `evidence` writes itself (under `data/`): the report, and the
/// ledger, statements, bank records, calls, confirmation records, case events and findings as
/// CSV and JSON. Each is streamed to disk and hashed as it is written; redacted when asked.
struct DerivedFiles {
    let store: Store
    let account: String
    let report: Report
    let folder: URL
    let redactor: Redactor?

    /// Writes every derived file and returns its bag path, SHA-256, size and location.
    func write() throws -> [(path: String, sha256: String, bytes: Int64, file: URL)] {
        var files: [(String, String, Int64, URL)] = []
        func file(_ name: String, _ body: (_ line: (String) throws -> Void) throws -> Void) throws {
            let url = folder.appendingPathComponent(name)
            let writer = try HashingFileWriter(url: url)
            try body { text in try writer.write(redactor?.redact(text) ?? text) }
            let digest = try writer.finish()
            files.append(("data/\(name)", digest, writer.byteCount, url))
        }
        let redacted = redactor != nil
        try file("report.html") { try $0(HTMLReport.render(report, redacted: redacted)) }
        try file("report.md") { try $0(MarkdownReport.render(report, redacted: redacted)) }
        try file("report.json") { try $0(report.json.rendered() + "\n") }

        let filter = EntryFilter(account: account)
        try file("ledger.csv") { write in
            try write(TextTable.csvLine(Entry.csvHeader) + "\n")
            try store.forEachEntry(filter) { try write(TextTable.csvLine($0.csvFields) + "\n") }
        }
        try file("ledger.json") { write in
            var first = true
            try write("[\n")
            try store.forEachEntry(filter) { entry in
                try write((first ? "  " : ",\n  ") + entry.json.rendered(indent: 1))
                first = false
            }
            try write("\n]\n")
        }
        try file("statements.csv") { write in
            try write(TextTable.csvLine([
                "account", "statement_id", "statement_date", "due_date", "period_start", "period_end", "currency",
                "previous_balance", "statement_total",
            ]) + "\n")
            for statement in try store.statements(account: account) {
                try write(TextTable.csvLine([
                    statement.account, statement.statementId, statement.statementDate.description,
                    statement.dueDate?.description ?? "", statement.periodStart?.description ?? "",
                    statement.periodEnd?.description ?? "", statement.currency.code,
                    statement.previousBalance?.decimalString ?? "", statement.totalDue?.decimalString ?? "",
                ]) + "\n")
            }
        }
        try file("bank-transactions.csv") { write in
            try write(TextTable.csvLine(["id", "date", "description", "amount", "currency", "source_file", "source_locator"]) + "\n")
            for transaction in try store.bankTransactions(account: account) {
                let draft = transaction.draft
                try write(TextTable.csvLine([
                    String(transaction.id), draft.date.description, draft.description, draft.amount.decimalString,
                    draft.amount.currency.code, draft.provenance.file, draft.provenance.locator,
                ]) + "\n")
            }
        }
        let records = RecordFilter(account: account, timeZone: try store.timeZone(of: account), includingUnassigned: true)
        let calls = try store.calls(records)
        try file("calls.csv") { write in
            try write(TextTable.csvLine(["id", "started_at", "direction", "number", "duration_seconds", "source_file", "source_locator"]) + "\n")
            for call in calls {
                let draft = call.draft
                try write(TextTable.csvLine([
                    String(call.id), draft.startedAt.iso8601, draft.direction.rawValue, draft.number ?? "",
                    String(draft.durationSeconds), draft.provenance.file, draft.provenance.locator,
                ]) + "\n")
            }
        }
        try file("calls.json") { try $0(JSONValue.array(calls.map(\.json)).rendered() + "\n") }
        try file("confirmations.json") { write in
            let documents = try store.documents(records).map(\.json)
            let messages = try store.messages(records).filter { !$0.draft.references.isEmpty }.map(\.json)
            try write(JSONValue.object([("documents", .array(documents)), ("messagesWithReferences", .array(messages))]).rendered() + "\n")
        }
        let events = try store.caseEvents(account: account)
        try file("case-events.csv") { write in
            try write(TextTable.csvLine([
                "id", "date", "time", "event", "channel", "ref", "rep", "effective_date", "amount", "currency", "entries",
                "findings", "documents", "note",
            ]) + "\n")
            for event in events {
                let draft = event.draft
                try write(TextTable.csvLine([
                    String(event.id), draft.date.description, draft.time ?? "", draft.kind.rawValue, draft.channel?.rawValue ?? "",
                    draft.reference ?? "", draft.representative ?? "", draft.effectiveDate?.description ?? "",
                    draft.amount?.decimalString ?? "", draft.amount?.currency.code ?? "",
                    draft.entries.map(String.init).joined(separator: " "), draft.findings.joined(separator: " "),
                    draft.documents.map(String.init).joined(separator: " "), draft.note ?? "",
                ]) + "\n")
            }
        }
        try file("case-events.json") { try $0(JSONValue.array(events.map(\.json)).rendered() + "\n") }
        let findings = report.findings + report.dismissed
        try file("findings.csv") { write in
            try write(TextTable.csvLine(Finding.csvHeader) + "\n")
            for finding in findings { try write(TextTable.csvLine(finding.csvFields) + "\n") }
        }
        try file("findings.json") { try $0(JSONValue.array(findings.map(\.json)).rendered() + "\n") }
        return files
    }
}
