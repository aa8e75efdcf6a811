public import Foundation

/// The time zone each account's calls, messages and emails are shown and dated in: the account's
/// own, else `config.yaml`'s `timeZone`, else the system's.
public struct AccountTimeZones: Sendable {
    private let zones: [String: TimeZone]
    /// The zone of records without an account, and of accounts that set none.
    public let fallback: TimeZone

    public init(accounts: [Account], configuration: StoreConfiguration) {
        let fallback = configuration.timeZone.flatMap(TimeZone.init(identifier:)) ?? .current
        self.fallback = fallback
        zones = Dictionary(
            accounts.map { ($0.id, $0.timeZone.flatMap(TimeZone.init(identifier:)) ?? fallback) },
            uniquingKeysWith: { first, _ in first })
    }

    public func zone(for account: String?) -> TimeZone {
        account.flatMap { zones[$0] } ?? fallback
    }
}
