/// `statement.total-mismatch`: a printed total that differs from the previous balance plus the lines.
struct TotalMismatchRule: Rule {
    let id = "statement.total-mismatch"
    let title = "Statement total does not add up"
    let severity = Finding.Severity.high
    let rationale = "A statement's total due is its previous balance plus its lines; a total that differs asks for money no line explains."

    func evaluate(_ context: RuleContext) -> [Finding] {
        context.statements.compactMap { statement in
            guard let printed = statement.totalDue, let previous = statement.previousBalance else { return nil }
            let lines = context.total(of: statement, statement.currency)
            let computed = previous.minorUnits + lines.minorUnits
            let difference = printed.minorUnits - computed
            guard difference != 0 else { return nil }
            let gap = Money(minorUnits: abs(difference), currency: statement.currency)
            return finding(
                context, key: statement.statementId, amount: gap, date: statement.statementDate,
                summary: "Statement \(statement.statementId) prints a total of \(printed.formatted), but its previous balance "
                    + "\(previous.formatted) plus its lines \(lines.formatted) make "
                    + "\(Money(minorUnits: computed, currency: statement.currency).formatted): \(gap.formatted) too "
                    + (difference > 0 ? "much." : "little."),
                entries: context.entries(of: statement), severity: difference > 0 ? .high : .low)
        }
    }
}

/// `statement.balance-forward-mismatch`: a previous balance that differs from the prior statement's
/// printed total (payments since then are lines of the new statement).
struct BalanceForwardMismatchRule: Rule {
    let id = "statement.balance-forward-mismatch"
    let title = "Balance carried forward does not match"
    let severity = Finding.Severity.high
    let rationale = "The previous balance of a statement must be the total the statement before it printed."

    func evaluate(_ context: RuleContext) -> [Finding] {
        zip(context.statements, context.statements.dropFirst()).compactMap { prior, statement in
            guard prior.currency == statement.currency, let total = prior.totalDue,
                let forward = statement.previousBalance, total != forward
            else { return nil }
            let difference = forward.minorUnits - total.minorUnits
            let gap = Money(minorUnits: abs(difference), currency: statement.currency)
            return finding(
                context, key: statement.statementId, amount: gap, date: statement.statementDate,
                summary: "Statement \(statement.statementId) carries forward \(forward.formatted), but \(prior.statementId) "
                    + "printed a total of \(total.formatted): \(gap.formatted) "
                    + (difference > 0 ? "more than owed." : "less."),
                entries: Array(context.entries(of: statement).prefix(1) + context.entries(of: prior).prefix(1)),
                severity: difference > 0 ? .high : .low)
        }
    }
}
