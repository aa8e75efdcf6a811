extension Entry {
    /// The `ledger --format json` object (CLI.md).
    public var json: JSONValue {
        .object([
            ("id", .number(id)),
            ("account", .string(draft.account)),
            ("statementId", .optional(draft.statementId)),
            ("date", .string(draft.date.description)),
            ("kind", .string(draft.kind.rawValue)),
            ("description", .string(draft.description)),
            ("category", .optional(draft.category)),
            ("quantity", .optional(draft.quantity)),
            ("unit", .optional(draft.unit)),
            ("amount", .string(draft.amount.decimalString)),
            ("currency", .string(draft.amount.currency.code)),
            ("disputed", .bool(disputed)),
            ("source", draft.provenance.json),
        ])
    }

    /// The columns of `ledger --format csv`, matching ``csvFields``.
    public static let csvHeader = [
        "id", "account", "statement_id", "date", "kind", "description", "category", "quantity", "unit", "amount",
        "currency", "disputed", "source_file", "source_sha256", "source_locator",
    ]

    public var csvFields: [String] {
        [
            String(id), draft.account, draft.statementId ?? "", draft.date.description, draft.kind.rawValue,
            draft.description, draft.category ?? "", draft.quantity ?? "", draft.unit ?? "",
            draft.amount.decimalString, draft.amount.currency.code, disputed ? "true" : "false",
            draft.provenance.file, draft.provenance.sha256, draft.provenance.locator,
        ]
    }
}

extension Provenance {
    /// `{file, sha256, locator}`.
    public var json: JSONValue {
        .object([("file", .string(file)), ("sha256", .string(sha256)), ("locator", .string(locator))])
    }

    /// `bill.csv line 14`, for tables.
    public var citation: String { "\(file) \(locator)" }
}

extension AccountBalance {
    /// The `balance --format json` object (CLI.md).
    public var json: JSONValue {
        .object([
            ("account", .string(account)),
            ("currency", .string(currency.code)),
            ("asOf", .string(asOf.description)),
            ("balance", .string(balance.decimalString)),
            ("pastDue", .string(pastDue.decimalString)),
            ("disputed", .string(disputed.decimalString)),
            ("undisputedPastDue", .string(undisputedPastDue.decimalString)),
            ("aging", .object([
                ("days1to30", .string(aging.days1to30.decimalString)),
                ("days31to60", .string(aging.days31to60.decimalString)),
                ("days61to90", .string(aging.days61to90.decimalString)),
                ("over90", .string(aging.over90.decimalString)),
            ])),
        ])
    }
}

extension ImportResult {
    /// The `import --json` object (CLI.md).
    public var json: JSONValue {
        .object([
            ("file", .string(file)),
            ("sha256", .optional(sha256)),
            ("status", .string(status.rawValue)),
            ("format", .optional(format?.rawValue)),
            ("statements", .number(Int64(counts.statements))),
            ("entries", .number(Int64(counts.entries))),
            ("entriesAlreadyPresent", .number(Int64(counts.entriesAlreadyPresent))),
            ("bankTransactions", .number(Int64(counts.bankTransactions))),
            ("calls", .number(Int64(counts.calls))),
            ("messages", .number(Int64(counts.messages))),
            ("documents", .number(Int64(counts.documents))),
            ("recordsAlreadyPresent", .number(Int64(counts.recordsAlreadyPresent))),
            ("remarks", .array(remarks.map(JSONValue.string))),
            ("error", .optional(error?.description)),
        ])
    }

    /// The one result line of `evidence import`: one line, whatever the file's name and content
    /// hold (control characters and line breaks are shown escaped).
    public var line: String {
        resultLine.visible
    }

    private var resultLine: String {
        switch status {
        case .rejected:
            return "rejected  \(error?.description ?? file)"
        case .skipped:
            return "skipped   \(file) (already stored, \(sha256.map { String($0.prefix(12)) } ?? ""))"
        case .imported:
            var parts: [String] = []
            if counts.statements > 0 { parts.append(plural(counts.statements, "statement")) }
            let isLedgerFormat = counts.calls + counts.messages + counts.documents + counts.recordsAlreadyPresent == 0
                && counts.bankTransactions == 0
            if counts.entries > 0 || isLedgerFormat { parts.append(plural(counts.entries, "new entry", "new entries")) }
            if counts.entriesAlreadyPresent > 0 {
                parts.append("\(counts.entriesAlreadyPresent) already in the ledger")
            }
            if counts.bankTransactions > 0 { parts.append(plural(counts.bankTransactions, "bank transaction")) }
            if counts.calls > 0 { parts.append(plural(counts.calls, "call")) }
            if counts.messages > 0 { parts.append(plural(counts.messages, "message")) }
            if counts.documents > 0 { parts.append(plural(counts.documents, "document")) }
            if counts.recordsAlreadyPresent > 0 { parts.append("\(counts.recordsAlreadyPresent) already stored") }
            let remarks = self.remarks.isEmpty ? "" : "; " + self.remarks.joined(separator: "; ")
            return "imported  \(file) [\(format?.rawValue ?? "")] " + parts.joined(separator: ", ") + remarks
        }
    }

    private func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : pluralForm ?? singular + "s")"
    }
}
