/// Every rule, in the order DOMAIN.md lists them. A new rule is one line here.
public enum RuleRegistry {
    static let builtIn: [any Rule] = [
        ArrearsPastDueRule(), DuplicateChargeRule(), AfterCancellationRule(), ThirdPartyChargeRule(), PriceChangeRule(),
        UnlimitedOverageRule(), LateFeeDespitePaymentRule(), UnmatchedCallRule(), DurationMismatchRule(),
        TotalMismatchRule(), BalanceForwardMismatchRule(), PaymentNotCreditedRule(), CreditPromisedNotAppliedRule(),
    ]

    /// The built-in rules, then the pattern rules of `settings`.
    public static func rules(_ settings: RuleSettings) -> [any Rule] {
        builtIn + settings.patternRules.map(PatternRule.init)
    }
}
