extension Finding {
    /// The `flags --format json` object (CLI.md), with status, rationale and other evidence.
    public var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("rule", .string(rule)),
            ("severity", .string(severity.rawValue)),
            ("status", .string(status.rawValue)),
            ("account", .string(account)),
            ("amount", .string(amount.decimalString)),
            ("currency", .string(amount.currency.code)),
            ("date", .string(date.description)),
            ("summary", .string(summary)),
            ("rationale", .string(rationale)),
            ("entries", .array(entries.map { entry in
                .object([
                    ("id", .number(entry.id)),
                    ("date", .string(entry.draft.date.description)),
                    ("description", .string(entry.draft.description)),
                    ("amount", .string(entry.draft.amount.decimalString)),
                    ("disputed", .bool(entry.disputed)),
                    ("source", entry.draft.provenance.json),
                ])
            })),
            ("evidence", .array(evidence.map { item in
                .object([("description", .string(item.description)), ("source", item.source?.json ?? .null)])
            })),
            ("dismissal", .optional(dismissal)),
        ])
    }

    /// The columns of `flags --format csv`, matching ``csvFields``.
    public static let csvHeader = [
        "id", "rule", "severity", "status", "account", "date", "amount", "currency", "summary", "entries", "sources",
    ]

    public var csvFields: [String] {
        [
            id, rule, severity.rawValue, status.rawValue, account, date.description, amount.decimalString,
            amount.currency.code, summary, entries.map { String($0.id) }.joined(separator: " "),
            (entries.map(\.draft.provenance) + evidence.compactMap(\.source)).map(\.citation).joined(separator: "; "),
        ]
    }

    /// Where it rests, for a table: the first source and how many more.
    public var citation: String {
        let sources = entries.map(\.draft.provenance) + evidence.compactMap(\.source)
        guard let first = sources.first else { return evidence.first?.description ?? "" }
        return first.citation + (sources.count > 1 ? " (+\(sources.count - 1))" : "")
    }
}

extension CancellationCheck {
    /// The `cancel-check --format json` object (CLI.md).
    public var json: JSONValue {
        .object([
            ("account", .string(account)),
            ("asOf", .string(asOf.description)),
            ("currency", .string(currency.code)),
            ("blocked", .bool(blocked)),
            ("balance", .string(balance.decimalString)),
            ("pastDue", .string(pastDue.decimalString)),
            ("disputed", .string(disputed.decimalString)),
            ("undisputedPastDue", .string(undisputedPastDue.decimalString)),
            ("tolerance", .string(tolerance.decimalString)),
            ("blockingStatements", .array(blockingStatements.map { statement in
                .object([
                    ("statementId", .string(statement.statementId)),
                    ("dueDate", .string(statement.dueDate.description)),
                    ("amount", .string(statement.amount.decimalString)),
                    ("daysPastDue", .number(Int64(statement.daysPastDue))),
                ])
            })),
            ("reasons", .array(reasons.map(JSONValue.string))),
        ])
    }
}
