import Foundation
import Yams

/// Reads evidence's own YAML files (config.yaml, CSV mappings) without the features that make a
/// small file expensive: anchors and aliases (and so merge keys, which need them) are refused,
/// since an alias of an alias of a list grows exponentially when decoded; nesting and size are
/// bounded. None of evidence's files needs them.
enum SafeYAML {
    static let maximumBytes = 1 << 20
    static let maximumDepth = 64

    /// Decodes `T` from the file at `url`; the message of the error thrown says what is wrong,
    /// without the file's name (callers add it).
    static func decode<T: Decodable>(_ type: T.Type, at url: URL) throws -> T? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maximumBytes {
            throw YAMLSafetyError("is \(size) bytes; a settings file of more than \(maximumBytes) bytes is refused")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            throw YAMLSafetyError("is not UTF-8 text")
        }
        try checkFlowDepth(text)
        // Nodes hold their anchors weakly: the parser must outlive the walk for them to be seen.
        let parser = try Parser(yaml: text)
        try withExtendedLifetime(parser) {
            if let root = try parser.singleRoot() { try checkNode(root, depth: 0) }
        }
        return try YAMLDecoder().decode(T.self, from: text)
    }

    /// Refuses `[[[[…` and `{{{{…` nested deeper than ``maximumDepth`` before the parser, which
    /// recurses, sees them.
    private static func checkFlowDepth(_ text: String) throws {
        var depth = 0
        var quote: UInt8?
        var comment = false
        for byte in text.utf8 {
            if comment {
                if byte == UInt8(ascii: "\n") { comment = false }
                continue
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "#"): comment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth { throw YAMLSafetyError("nests more than \(maximumDepth) levels deep") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: "\n"): quote = nil
            default: break
            }
        }
    }

    private static func checkNode(_ node: Node, depth: Int) throws {
        guard depth <= maximumDepth else { throw YAMLSafetyError("nests more than \(maximumDepth) levels deep") }
        if case .alias = node { throw aliasError(node) }
        if node.anchor != nil { throw aliasError(node) }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try checkNode(key, depth: depth + 1)
                try checkNode(value, depth: depth + 1)
            }
        case .sequence(let sequence):
            for item in sequence { try checkNode(item, depth: depth + 1) }
        default: break
        }
    }

    private static func aliasError(_ node: Node) -> YAMLSafetyError {
        let line = node.mark.map { "line \($0.line): " } ?? ""
        return YAMLSafetyError("\(line)anchors and aliases (&name, *name, <<: *name) are not allowed; write the values out")
    }
}

/// What makes a YAML file unsafe to read, in words for the person who wrote it.
struct YAMLSafetyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
