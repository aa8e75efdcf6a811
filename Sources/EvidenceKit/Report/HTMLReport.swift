/// Lays the report out as one self-contained HTML file: inline CSS, no script, no network;
/// readable on a phone and clean when printed to PDF.
public enum HTMLReport {
    public static func render(_ report: Report, redacted: Bool = false) -> String {
        var body: [String] = []
        body.append("<header><h1>\(e(report.title))</h1>")
        body.append("<p class=\"meta\">As of \(report.asOf). Every figure cites the original file and line it comes from; each file's SHA-256 is in the evidence index.</p>")
        if redacted {
            body.append("<p class=\"note\">Personal data is redacted in this report. The original files in the evidence archive are kept as they were.</p>")
        }
        body.append("</header>")

        var facts = [("Provider", report.account.provider ?? "not recorded"), ("Account", report.account.id)]
        if let holder = report.account.holder { facts.append(("Holder", holder)) }
        if !report.account.phoneNumbers.isEmpty { facts.append(("Line", report.account.phoneNumbers.joined(separator: ", "))) }
        facts += [("Plan", report.planText), ("Period covered", report.periodText)]
        body.append("<section><h2>Account</h2><dl>" + facts.map { "<dt>\(e($0.0))</dt><dd>\(e($0.1))</dd>" }.joined() + "</dl></section>")

        var cancellation = "<section><h2>Cancellation</h2><p>\(e(report.cancellationText))</p>"
        for (verdict, check) in zip(report.verdicts, report.checks) {
            cancellation += "<p class=\"verdict \(check.blocked ? "blocked" : "clear")\">\(e(verdict))</p>"
            cancellation += table(
                ["balance", "past due", "disputed", "undisputed past due"],
                [[check.balance.formatted, check.pastDue.formatted, check.disputed.formatted, check.undisputedPastDue.formatted]],
                numeric: [0, 1, 2, 3])
            if !check.blockingStatements.isEmpty {
                cancellation += table(
                    ["statement", "due", "days past due", "amount"],
                    check.blockingStatements.map { [$0.statementId, $0.dueDate.description, String($0.daysPastDue), $0.amount.formatted] },
                    numeric: [2, 3])
            }
        }
        body.append(cancellation + "</section>")

        var claim = report.claim.lines.map { [$0.label, $0.amount.formatted] }
        claim.append(["Credit requested", report.claim.total.formatted])
        body.append("<section><h2>What is disputed</h2>" + table(["", "amount"], claim, numeric: [1], lastRowStrong: true) + "</section>")

        var findings = "<section><h2>Findings</h2>"
        for finding in report.findings {
            findings += "<article class=\"finding \(finding.severity.rawValue)\">"
            findings += "<h3><span class=\"amount\">\(e(finding.amount.formatted))</span> \(e(finding.summary))</h3>"
            findings += "<p class=\"rule\"><code>\(e(finding.rule))</code> · \(finding.severity.rawValue) · <span class=\"status \(finding.status.rawValue)\">\(finding.status.rawValue)</span> · <code>\(e(finding.id))</code></p>"
            findings += "<p class=\"why\">\(e(finding.rationale))</p><ul class=\"sources\">"
            for entry in finding.entries {
                let draft = entry.draft
                findings += "<li>\(draft.date) \(e(draft.description)) <b>\(e(draft.amount.formatted))</b><br><cite>\(e(Report.sourceText(draft.provenance)))</cite></li>"
            }
            for item in finding.evidence {
                findings += "<li>\(e(item.description))" + (item.source.map { "<br><cite>\(e(Report.sourceText($0)))</cite>" } ?? "") + "</li>"
            }
            findings += "</ul></article>"
        }
        if !report.dismissed.isEmpty {
            findings += "<p class=\"meta\">Dismissed, not claimed: "
                + e(report.dismissed.map { "\($0.id) \($0.rule) (\($0.dismissal ?? ""))" }.joined(separator: "; ")) + ".</p>"
        }
        body.append(findings + "</section>")

        body.append(
            "<section><h2>Timeline of the case</h2>"
                + table(
                    ["date", "time", "what", "references", "source"],
                    report.events.map {
                        [$0.date.description, $0.time ?? "", $0.summary, $0.references.joined(separator: " "),
                         $0.source.map { "\($0.file) \($0.locator)" } ?? "your record"]
                    }) + "</section>")
        if !report.callChecks.isEmpty {
            body.append(
                "<section><h2>Billed calls against the call log</h2>"
                    + table(
                        ["billed", "call", "amount", "call log", "bill line"],
                        report.callChecks.map {
                            [$0.billedAt, $0.entry.draft.description, $0.entry.draft.amount.formatted,
                             Report.callOutcomeText($0.outcome), "\($0.entry.draft.provenance.file) \($0.entry.draft.provenance.locator)"]
                        }, numeric: [2]) + "</section>")
        }
        body.append("<section class=\"letter\"><h2>Letter to the provider</h2><pre>\(e(report.letter))</pre></section>")
        body.append(
            "<section><h2>For an FCC informal complaint</h2><dl>"
                + report.complaint.map { "<dt>\(e($0.question))</dt><dd>\(e($0.answer))</dd>" }.joined() + "</dl></section>")
        body.append(
            "<section><h2>Evidence index</h2>"
                + table(
                    ["file", "format", "bytes", "imported", "SHA-256"],
                    report.sources.map { [$0.fileName, $0.format, String($0.byteCount), $0.importedAt, $0.sha256] },
                    numeric: [2], monospace: [4]) + "</section>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(report.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private static func table(
        _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], monospace: Set<Int> = [], lastRowStrong: Bool = false
    ) -> String {
        func cell(_ tag: String, _ index: Int, _ text: String) -> String {
            var classes: [String] = []
            if numeric.contains(index) { classes.append("num") }
            if monospace.contains(index) { classes.append("mono") }
            let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            return "<\(tag)\(attribute)>\(e(text))</\(tag)>"
        }
        let head = "<thead><tr>" + header.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead>"
        let body = rows.enumerated().map { number, row in
            let strong = lastRowStrong && number == rows.count - 1 ? " class=\"total\"" : ""
            return "<tr\(strong)>" + row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>"
        }.joined()
        return "<div class=\"table\"><table>\(head)<tbody>\(body)</tbody></table></div>"
    }

    /// Escapes text for HTML.
    private static func e(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    private static let style = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --high: #b42318; --medium: #b54708; --low: #475467; }
        * { box-sizing: border-box; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink);
          max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.2rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2rem; }
        h3 { font-size: 1rem; margin: 0 0 .3rem; }
        .meta, .rule, cite { color: var(--muted); font-size: .85rem; font-style: normal; }
        .note { background: #fef6e7; border-left: 4px solid var(--medium); padding: .5rem .75rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
        dt { font-weight: 600; } dd { margin: 0; }
        .verdict { font-weight: 700; padding: .6rem .8rem; border-radius: 6px; }
        .verdict.blocked { background: #fdecea; color: var(--high); }
        .verdict.clear { background: #e8f5ec; color: #1a7f37; }
        .table { overflow-x: auto; margin: .5rem 0 1rem; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
        th { background: #f2f4f7; } .num { text-align: right; } td.num { white-space: nowrap; }
        .mono, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; word-break: break-all; }
        tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
        .finding { border-left: 4px solid var(--low); padding: .4rem .8rem; margin: .8rem 0; background: #fafbfc; }
        .finding.high { border-color: var(--high); } .finding.medium { border-color: var(--medium); }
        .amount { display: inline-block; min-width: 5.5rem; }
        .sources { margin: .3rem 0 0; padding-left: 1.2rem; } .sources li { margin: .2rem 0; }
        .letter pre { white-space: pre-wrap; font: .9rem/1.45 ui-monospace, "DejaVu Sans Mono", monospace;
          background: #fafbfc; border: 1px solid var(--line); padding: .8rem; }
        .status { display: inline-block; padding: 0 .4rem; border-radius: 4px; background: #e4e7ec; color: var(--ink); }
        .status.disputed { background: #e8f5ec; color: #1a7f37; } .status.dismissed { background: #f2f4f7; color: var(--muted); }
        @media (max-width: 40rem) {
          body { font-size: 14px; padding: .6rem; } h1 { font-size: 1.3rem; } dl { grid-template-columns: 1fr; }
          dd { margin-bottom: .3rem; } th, td { padding: .25rem .35rem; }
        }
        @media print {
          body { max-width: none; font-size: 10.5pt; } h2 { break-after: avoid; }
          .finding, tr, dl, .verdict { break-inside: avoid; } .table { overflow: visible; }
          thead { display: table-header-group; } .letter { break-before: page; }
        }
        """
}
