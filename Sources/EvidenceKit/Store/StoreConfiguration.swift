import Foundation
import Yams

/// The store's `config.yaml`: settings with documented defaults.
///
/// A key the file leaves out, or leaves empty, takes its default; an unknown key (a typo) is an
/// error, so that a misspelt setting never leaves a default silently in force.
public struct StoreConfiguration: Sendable, Equatable {
    /// The currency of amounts whose source names none.
    public var defaultCurrency: Currency = .usd
    /// The time zone for calls and messages of accounts that set none; nil means the system's.
    public var timeZone: String?
    /// Cancellation is blocked by arrears when the undisputed past due exceeds this.
    public var cancellationTolerance: Money = .zero(.usd)
    /// A cancellation under review for more days than this gets a warning from `case status`.
    public var cancellationReviewDays = 14
    /// Regular expressions that find reference numbers in emails and text messages.
    public var referencePatterns: [String] = ReferenceFinder.defaultPatterns
    /// The rules' thresholds and patterns.
    public var rules = RuleSettings()
    /// How screenshots and scanned pages are read (`ocrLanguages`, `ocrConfidenceFloor`, `ocrPageSeconds`).
    public var ocr = OCRSettings()

    public init() {}

    /// The file `evidence init` writes: every setting with its default and what it does.
    public static let documentedDefaults = """
        # evidence configuration. Every value below is the default; edit one to change it.

        # The currency of amounts whose source names none (a mapped CSV without a currency).
        defaultCurrency: USD

        # The time zone in which calls and messages are shown, for accounts that set none
        # (`evidence account set ID --time-zone America/Chicago`). Empty: the system's.
        timeZone:

        # Cancellation counts as blocked by arrears only when the undisputed past-due amount
        # is more than this, in the account's currency.
        cancellationTolerance: "0.00"

        # `evidence case status` warns when a cancellation has been under review (requested, not yet
        # confirmed or rejected) for more days than this. Providers commonly take a few days to two weeks.
        cancellationReviewDays: 14

        # Regular expressions (case-insensitive) that find the provider's reference numbers in emails
        # and text messages; the first capture group is the reference, and it must contain a digit.
        # Empty: the built-in patterns, which find "Reference: CR-88231", "ticket #4471",
        # "confirmation number 88231-A", "参考编号 CR-88231" and the like. Example:
        #   referencePatterns:
        #     - '\\bticket\\s+#?([0-9]{4,})'
        referencePatterns:

        # The rules (`evidence rules` shows the values in force). Patterns are regular expressions,
        # matched case-insensitively against a line's description; categories are matched exactly.
        rules:
          # charge.third-party: premium-SMS, content and other third-party charges ("cramming").
          thirdPartyPatterns:
            - 'premium\\s*(sms|text|message)'
            - 'third[- ]?party'
            - '\\b(content|digital)\\s+(purchase|service|provider)'
            - '\\bshort\\s*code\\b'
            - '\\bclub\\b'
            - '\\b(trivia|horoscope|ringtone|wallpaper)s?\\b'
            - 'billed on behalf'
          thirdPartyCategories: [premium-sms, third-party, content]
          # charge.unlimited-overage: data overage and speed boosts on a plan with unlimited data.
          overagePatterns:
            - '\\boverage\\b'
            - '\\bdata\\s+(boost|pass|add-?on|top-?up)\\b'
            - '\\bspeed\\s+boost\\b'
            - '\\b(extra|additional)\\s+data\\b'
          overageCategories: [data-overage]
          # fee.late-despite-payment: what a late fee is called.
          lateFeePatterns:
            - '\\blate\\s+(payment\\s+)?(fee|charge)\\b'
            - '\\bpast[- ]due\\s+(fee|charge)\\b'
          # charge.price-change: flag a recurring charge that rises by more than this many percent.
          priceChangePercent: 5
          # usage.unmatched-call and usage.duration-mismatch: a billed call matches a logged call with
          # the same number that started at most this many minutes apart.
          callMatchMinutes: 10
          # payment.not-credited: a payment is credited when the provider shows the same amount within
          # this many days of it.
          paymentMatchDays: 5
          # charge.after-cancellation: count the taxes on charges after the cancellation too.
          afterCancellationIncludesTaxes: true
          # Your own rules, no code needed: lines whose description matches (and, when given, of this
          # kind and in this amount range) raise a finding. For example:
          #   patternRules:
          #     - id: charge.roaming
          #       match: 'roaming|international pass'
          #       kind: charge
          #       minAmount: "5.00"
          #       severity: medium
          #       summary: A roaming charge although you did not travel.
          patternRules: []

        # OCR of screenshots, photos and scanned PDF pages (Tesseract). Languages joined by +, as
        # eng+chi_sim; each needs its Debian package (tesseract-ocr-eng, tesseract-ocr-chi-sim).
        ocrLanguages: eng
        # Words read with a confidence (0-100) below this are kept but marked uncertain.
        ocrConfidenceFloor: 40
        # The OCR of one page is cut off after this many seconds.
        ocrPageSeconds: 60

        """

    private struct File: Decodable {
        var defaultCurrency: Currency?
        var timeZone: String?
        var cancellationTolerance: String?
        var cancellationReviewDays: Int?
        var referencePatterns: [String]?
        var rules: RuleSettings?
        var ocrLanguages: String?
        var ocrConfidenceFloor: Double?
        var ocrPageSeconds: Int?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case defaultCurrency, timeZone, cancellationTolerance, cancellationReviewDays, referencePatterns, rules
            case ocrLanguages, ocrConfidenceFloor, ocrPageSeconds
        }

        init(from decoder: any Decoder) throws {
            try YAMLKeys.rejectUnknown(in: decoder, known: CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            defaultCurrency = try container.decodeIfPresent(Currency.self, forKey: .defaultCurrency)
            timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
            cancellationTolerance = try container.decodeIfPresent(String.self, forKey: .cancellationTolerance)
            cancellationReviewDays = try container.decodeIfPresent(Int.self, forKey: .cancellationReviewDays)
            referencePatterns = try container.decodeIfPresent([String].self, forKey: .referencePatterns)
            rules = try container.decodeIfPresent(RuleSettings.self, forKey: .rules)
            ocrLanguages = try container.decodeIfPresent(String.self, forKey: .ocrLanguages)
            ocrConfidenceFloor = try container.decodeIfPresent(Double.self, forKey: .ocrConfidenceFloor)
            ocrPageSeconds = try container.decodeIfPresent(Int.self, forKey: .ocrPageSeconds)
        }
    }

    static func load(from url: URL) throws(StoreError) -> StoreConfiguration {
        var configuration = StoreConfiguration()
        let file: File?
        do {
            file = try SafeYAML.decode(File?.self, at: url) ?? nil
        } catch {
            throw StoreError(
                .damaged, "\(url.path): \(YAMLErrorText.describe(error))",
                hint: "Fix the file, or delete it to get the documented defaults back.")
        }
        guard let file else { return configuration }
        if let currency = file.defaultCurrency { configuration.defaultCurrency = currency }
        if let zone = file.timeZone, !zone.isEmpty {
            guard TimeZone(identifier: zone) != nil else {
                throw StoreError(.damaged, "\(url.path): timeZone \"\(zone)\" is not a known time zone")
            }
            configuration.timeZone = zone
        }
        if let tolerance = file.cancellationTolerance {
            do {
                configuration.cancellationTolerance = try AmountParser().parse(
                    tolerance, currency: configuration.defaultCurrency)
            } catch {
                throw StoreError(.damaged, "\(url.path): cancellationTolerance: \(error)")
            }
        }
        if let days = file.cancellationReviewDays {
            guard days >= 1 else { throw StoreError(.damaged, "\(url.path): cancellationReviewDays must be 1 or more") }
            configuration.cancellationReviewDays = days
        }
        if let patterns = file.referencePatterns, !patterns.isEmpty {
            do {
                _ = try ReferenceFinder(patterns: patterns)
            } catch {
                throw StoreError(.damaged, "\(url.path): referencePatterns: \(error.message)")
            }
            configuration.referencePatterns = patterns
        }
        if let rules = file.rules { configuration.rules = rules }
        if let languages = file.ocrLanguages, !languages.isEmpty { configuration.ocr.languages = languages }
        if let floor = file.ocrConfidenceFloor {
            guard (0...100).contains(floor) else {
                throw StoreError(.damaged, "\(url.path): ocrConfidenceFloor must be between 0 and 100")
            }
            configuration.ocr.confidenceFloor = floor
        }
        if let seconds = file.ocrPageSeconds {
            guard (1...3600).contains(seconds) else {
                throw StoreError(.damaged, "\(url.path): ocrPageSeconds must be between 1 and 3600")
            }
            configuration.ocr.pageTimeLimit = .seconds(seconds)
        }
        return configuration
    }

    /// The reference finder of these settings (its patterns were checked when the file was read).
    public var referenceFinder: ReferenceFinder {
        (try? ReferenceFinder(patterns: referencePatterns)) ?? ReferenceFinder.builtIn
    }
}

/// Turns Yams and decoding errors into one line a person can act on.
enum YAMLErrorText {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as RecordError:
            return error.message
        case let DecodingError.dataCorrupted(context) where context.underlyingError != nil:
            return describe(context.underlyingError ?? error)
        case let DecodingError.dataCorrupted(context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case let DecodingError.keyNotFound(key, context):
            return "\(path(context.codingPath + [key])): is required"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case let error as YamlError:
            return "not valid YAML: \(error)".replacingOccurrences(of: "\n", with: " ")
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the file" : keys.map(\.stringValue).joined(separator: ".")
    }
}

/// Refuses keys a YAML mapping does not define, naming the first one and the keys it may have.
enum YAMLKeys {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws a ``RecordError`` when the mapping at `decoder` has a key not among `known`.
    static func rejectUnknown<Known: CodingKey & CaseIterable>(in decoder: any Decoder, known: Known.Type) throws {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else { return }
        let names = Set(Known.allCases.map(\.stringValue))
        if let unknown = container.allKeys.first(where: { !names.contains($0.stringValue) }) {
            let path = (decoder.codingPath + [unknown]).enumerated().map { index, key in
                key.intValue.map { "[\($0)]" } ?? (index == 0 ? "" : ".") + key.stringValue
            }.joined()
            throw RecordError(
                "unknown key \"\(path)\" (expected one of: \(Known.allCases.map(\.stringValue).joined(separator: ", ")))")
        }
    }
}
