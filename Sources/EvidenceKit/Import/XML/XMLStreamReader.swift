import CLibXML2
import Foundation

/// The one wrapper around libxml2's streaming reader (`xmlTextReader`): the only code that sees
/// its pointers. Everything above it gets Swift values and ``RecordError``s.
///
/// Safe for untrusted files: no network, no external entities or DTDs are loaded, and a document
/// with a DOCTYPE is refused outright, which also refuses entity-expansion bombs before any
/// entity is expanded. Memory holds one node at a time, whatever the file's size.
final class XMLStreamReader {
    /// One step through the document. Empty elements produce a `start` and an `end`.
    enum Event: Equatable {
        case start(Element)
        case text(String)
        case end(localName: String, depth: Int)
    }

    /// An element's start: names, depth and where it is.
    struct Element: Equatable {
        var localName: String
        var namespace: String?
        /// 0 for the root.
        var depth: Int
        /// `/Invoice/InvoiceLine[3]`: local names, with the 1-based position among same-named siblings.
        var path: String
        var line: Int
    }

    private let reader: OpaquePointer
    private let input: FilteredInput
    private let errors = ErrorCollector()
    private var pendingEnd: (String, Int)?
    /// Per open element: its path and how many children of each name it has had so far.
    private var stack: [(path: String, childCounts: [String: Int])] = []

    init(url: URL) throws(RecordError) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let input = try FilteredInput(url: url)
        self.input = input
        let inputContext = Unmanaged.passUnretained(input).toOpaque()
        let read: xmlInputReadCallback = { context, buffer, length in
            guard let context, let buffer else { return -1 }
            return Unmanaged<FilteredInput>.fromOpaque(context).takeUnretainedValue().read(into: buffer, length)
        }
        guard let reader = xmlReaderForIO(read, nil, inputContext, url.path, nil, options) else {
            throw RecordError("cannot be opened as XML")
        }
        self.reader = reader
        let context = Unmanaged.passUnretained(errors).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
            collector.record(error.pointee)
        }, context)
    }

    /// What the reader mended in the file, for the import's remarks.
    var remarks: [String] {
        let count = input.replacedSurrogates
        guard count > 0 else { return [] }
        return [
            "\(count) character reference\(count == 1 ? "" : "s") to half of a UTF-16 surrogate pair "
                + "(a damaged emoji) replaced by U+FFFD"
        ]
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// How many bytes of the file the parser has consumed, for progress.
    var bytesConsumed: Int64 { Int64(xmlTextReaderByteConsumed(reader)) }

    /// The line the parser is on: for messages about the current node.
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The next event, or nil at the end of the document.
    func next() throws(RecordError) -> Event? {
        if let (name, depth) = pendingEnd {
            pendingEnd = nil
            return .end(localName: name, depth: depth)
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if let error = input.error { throw error }
            if status == 0 {
                try errors.throwIfAny()
                return nil
            }
            guard status == 1 else {
                if let error = input.error { throw error }
                try errors.throwIfAny()
                throw RecordError(locator: "line \(line)", "the XML is not well-formed")
            }
            let type = xmlTextReaderNodeType(reader)
            switch UInt32(type) {
            case XML_READER_TYPE_ELEMENT.rawValue:
                let element = startElement()
                if xmlTextReaderIsEmptyElement(reader) == 1 {
                    pendingEnd = (element.localName, element.depth)
                }
                return .start(element)
            case XML_READER_TYPE_END_ELEMENT.rawValue:
                return .end(localName: string(xmlTextReaderConstLocalName(reader)) ?? "", depth: depth)
            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue:
                return .text(string(xmlTextReaderConstValue(reader)) ?? "")
            case XML_READER_TYPE_DOCUMENT_TYPE.rawValue:
                throw RecordError(
                    locator: "line \(line)",
                    "has a DOCTYPE; documents with a DTD or entity declarations are refused for safety")
            case XML_READER_TYPE_ENTITY_REFERENCE.rawValue:
                throw RecordError(locator: "line \(line)", "refers to an entity that is not defined")
            default:
                continue  // comments, processing instructions, whitespace
            }
        }
    }

    /// The value of the current element's attribute with this (unprefixed) name.
    ///
    /// Valid only right after a `start` event.
    func attribute(_ name: String) -> String? {
        // Moving to the attribute reads its value in place; xmlTextReaderGetAttribute would copy it first.
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return string(xmlTextReaderConstValue(reader))
    }

    /// The names and values of the current element's attributes, in document order.
    func attributes() -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return result }
        repeat {
            if let name = string(xmlTextReaderConstName(reader)) {
                result.append((name, string(xmlTextReaderConstValue(reader)) ?? ""))
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        xmlTextReaderMoveToElement(reader)
        return result
    }

    private var depth: Int { Int(xmlTextReaderDepth(reader)) }

    private func startElement() -> Element {
        let name = string(xmlTextReaderConstLocalName(reader)) ?? ""
        let depth = self.depth
        if stack.count > depth { stack.removeLast(stack.count - depth) }
        let path: String
        if let parent = stack.indices.last {
            let position = (stack[parent].childCounts[name] ?? 0) + 1
            stack[parent].childCounts[name] = position
            path = "\(stack[parent].path)/\(name)[\(position)]"
        } else {
            path = "/" + name
        }
        stack.append((path, [:]))
        return Element(
            localName: name, namespace: string(xmlTextReaderConstNamespaceUri(reader)), depth: depth, path: path,
            line: line)
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Keeps the first error libxml2 reports, with its line.
private final class ErrorCollector {
    private var first: RecordError?

    func record(_ error: xmlError) {
        guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "the XML is not well-formed"
        if message.hasPrefix("Excessive depth in document") {
            // libxml2's own words suggest lifting its safety limits, which a user should not do.
            message = "elements nested more than 256 levels deep; no export nests so deep, so the file is refused"
        } else if message.lowercased().contains("entit") {
            message += "; documents with a DTD or entity declarations are refused for safety"
        }
        first = RecordError(locator: error.line > 0 ? "line \(error.line)" : nil, message)
    }

    func throwIfAny() throws(RecordError) {
        if let first { throw first }
    }
}

/// The file's bytes through ``XMLInputFilter``, read in chunks as libxml2 asks for them.
private final class FilteredInput {
    private let file: FileReader
    private var filter = XMLInputFilter()
    private var pending: [UInt8] = []
    private var position = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var atEnd = false
    /// Why the filter stopped the parse, when it did.
    private(set) var error: RecordError?

    init(url: URL) throws(RecordError) {
        do {
            file = try FileReader(url: url)
        } catch {
            throw RecordError(error.message.replacingOccurrences(of: url.path + ": ", with: ""))
        }
    }

    var replacedSurrogates: Int { filter.replacedSurrogates }

    /// libxml2's read callback: up to `length` bytes into `buffer`; 0 at the end, -1 on an error.
    func read(into buffer: UnsafeMutablePointer<CChar>, _ length: Int32) -> Int32 {
        while position == pending.count {
            if atEnd || error != nil { return error == nil ? 0 : -1 }
            pending.removeAll(keepingCapacity: true)
            position = 0
            let count: Int
            do {
                count = try file.read(into: &chunk)
            } catch {
                self.error = RecordError(error.message.replacingOccurrences(of: file.url.path + ": ", with: ""))
                return -1
            }
            if count == 0 {
                atEnd = true
                filter.finish(into: &pending)
                continue
            }
            do {
                try chunk.withUnsafeBytes { try filter.filter(UnsafeRawBufferPointer(rebasing: $0[..<count]), into: &pending) }
            } catch {
                self.error = (error as? RecordError) ?? RecordError("\(error)")
                return -1
            }
        }
        let count = min(Int(length), pending.count - position)
        pending.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + position, byteCount: count)
        }
        position += count
        return Int32(count)
    }
}
