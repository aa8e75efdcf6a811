import Foundation

/// Attribute rules shared by the "SMS Backup & Restore" call-log and message backups.
///
/// The app writes every column of the phone's database as an attribute, and the literal string
/// `null` for a column that has no value; old versions write only a few attributes.
enum AndroidBackup {
    /// The attribute's value; nil when it is missing, empty or `null`.
    static func value(_ reader: XMLStreamReader, _ name: String) -> String? {
        guard let text = reader.attribute(name), !text.isEmpty, text != "null" else { return nil }
        return text
    }

    /// A required attribute.
    static func required(_ reader: XMLStreamReader, _ name: String, at locator: String) throws -> String {
        guard let text = value(reader, name) else {
            throw RecordError(locator: locator, "attribute \(name) is missing")
        }
        return text
    }

    /// A week: no call lasts longer; a larger duration is a damaged record.
    static let longestCallSeconds = 604_800

    /// A whole number attribute.
    static func integer(_ reader: XMLStreamReader, _ name: String, at locator: String) throws -> Int {
        let text = try required(reader, name, at: locator)
        guard let number = Int(text.trimmingSpaces) else {
            throw RecordError(locator: locator, "\(name) \"\(text)\" is not a whole number")
        }
        return number
    }

    /// The instant of a `date` attribute: milliseconds since 1970 in UTC. Values too small to be
    /// milliseconds after 1973 are read as seconds (some MMS backups write the phone's seconds).
    static func instant(_ reader: XMLStreamReader, _ name: String, at locator: String) throws -> Instant {
        let text = try required(reader, name, at: locator)
        guard let number = Int64(text.trimmingSpaces), number > 0, number < 253_402_300_800_000 else {
            throw RecordError(locator: locator, "\(name) \"\(text)\" is not a time in milliseconds since 1970")
        }
        return Instant(millisecondsSinceEpoch: number < 100_000_000_000 ? number * 1000 : number)
    }

    /// Checks the root element's name and returns the `count` it declares, to compare with what
    /// the file holds.
    static func declaredCount(_ reader: XMLStreamReader, root: XMLStreamReader.Element, expected: String) throws -> Int? {
        guard root.localName == expected else {
            throw RecordError(locator: root.path, "the root element is <\(root.localName)>, not <\(expected)>")
        }
        return value(reader, "count").flatMap { Int($0.trimmingSpaces) }
    }

    /// Tells the sink when the declared `count` disagrees with the records found.
    static func checkCount(declared: Int?, found: Int, noun: String, sink: any RecordSink) {
        guard let declared, declared != found else { return }
        sink.remark(
            "the backup's count says \(declared) \(noun), the file holds \(found)"
                + (declared > found ? " (an incomplete backup?); all \(found) imported" : "; all \(found) imported"))
    }
}
