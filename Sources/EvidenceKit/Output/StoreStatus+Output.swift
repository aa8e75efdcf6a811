extension StoreStatus {
    /// The `status --format json` object.
    public var json: JSONValue {
        .object([
            ("store", .string(store.path)),
            ("asOf", .string(asOf.description)),
            ("lastImport", lastImport.map { source in
                .object([
                    ("file", .string(source.fileName)), ("sha256", .string(source.sha256)),
                    ("format", .string(source.format)), ("importedAt", .string(source.importedAt)),
                ])
            } ?? .null),
            ("lastRun", lastRun.map { run in
                .object([
                    ("finishedAt", .string(run.finishedAt)), ("imported", .number(Int64(run.imported))),
                    ("skipped", .number(Int64(run.skipped))),
                    ("rejected", .array(run.rejected.map { .object([("file", .string($0.file)), ("reason", .string($0.reason))]) })),
                ])
            } ?? .null),
            ("accounts", .array(accounts.map(\.json))),
            ("attention", .array(attention.map { .object([("message", .string($0.message)), ("command", .string($0.command))]) })),
        ])
    }
}

extension StoreStatus.AccountStatus {
    var json: JSONValue {
        .object([
            ("account", .string(account.id)),
            ("provider", .optional(account.provider)),
            ("plan", .optional(account.planName)),
            ("from", .optional(figures.firstDate?.description)),
            ("to", .optional(figures.lastDate?.description)),
            ("statements", .number(Int64(figures.statements))),
            ("entries", .number(Int64(figures.entries))),
            ("calls", .number(Int64(figures.calls))),
            ("messages", .number(Int64(figures.messages))),
            ("documents", .number(Int64(figures.documents))),
            ("openFindings", .array(figures.openBySeverity.map { group in
                .object([
                    ("severity", .string(group.severity.rawValue)), ("count", .number(Int64(group.count))),
                    ("amounts", .array(group.amounts.map { .object([("amount", .string($0.decimalString)), ("currency", .string($0.currency.code))]) })),
                ])
            })),
            ("disputedFindings", .number(Int64(figures.disputedFindings))),
            ("cancellation", cancellation.json),
            ("arrears", .array(figures.arrears.map(\.json))),
        ])
    }
}
