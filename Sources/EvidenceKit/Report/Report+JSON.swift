extension Report {
    /// The report as JSON: the same model, for other programs.
    public var json: JSONValue {
        .object([
            ("account", .object([
                ("id", .string(account.id)), ("provider", .optional(account.provider)), ("holder", .optional(account.holder)),
                ("plan", .optional(account.planName)), ("unlimitedData", .bool(account.unlimitedData)),
                ("phones", .array(account.phoneNumbers.map(JSONValue.string))),
            ])),
            ("asOf", .string(asOf.description)),
            ("periodStart", .optional(periodStart?.description)),
            ("periodEnd", .optional(periodEnd?.description)),
            ("cancellation", cancellation.json),
            ("checks", .array(checks.map(\.json))),
            ("claim", .object([
                ("lines", .array(claim.lines.map { line in
                    .object([
                        ("label", .string(line.label)), ("amount", .string(line.amount.decimalString)),
                        ("currency", .string(line.amount.currency.code)), ("findings", .array(line.findings.map(JSONValue.string))),
                    ])
                })),
                ("total", .string(claim.total.decimalString)),
                ("currency", .string(claim.total.currency.code)),
            ])),
            ("findings", .array(findings.map(\.json))),
            ("dismissed", .array(dismissed.map(\.json))),
            ("timeline", .array(events.map(\.json))),
            ("callChecks", .array(callChecks.map { check in
                let outcome: String
                var logged: JSONValue = .null
                switch check.outcome {
                case let .logged(callId, startedAt, seconds, source):
                    outcome = "logged"
                    logged = .object([
                        ("callId", .number(callId)), ("startedAt", .string(startedAt)),
                        ("durationSeconds", .number(Int64(seconds))), ("source", source.json),
                    ])
                case .notInLog: outcome = "not-in-log"
                case .notCovered: outcome = "not-covered"
                }
                return .object([
                    ("entry", .number(check.entry.id)), ("billedAt", .string(check.billedAt)),
                    ("description", .string(check.entry.draft.description)),
                    ("amount", .string(check.entry.draft.amount.decimalString)), ("outcome", .string(outcome)),
                    ("call", logged), ("source", check.entry.draft.provenance.json),
                ])
            })),
            ("sources", .array(sources.map { source in
                .object([
                    ("file", .string(source.fileName)), ("sha256", .string(source.sha256)), ("format", .string(source.format)),
                    ("bytes", .number(source.byteCount)), ("importedAt", .string(source.importedAt)),
                ])
            })),
            ("letter", .string(letter)),
            ("complaint", .array(complaint.map { .object([("question", .string($0.question)), ("answer", .string($0.answer))]) })),
        ])
    }
}
