import CPoppler
import Foundation

/// The one wrapper around poppler-glib: the only code that sees its pointers. It owns the
/// document's GObject reference (released in `deinit`) and turns each `GError` into a
/// ``PDFDocument/OpenError`` at the call. Everything above it gets Swift values.
///
/// poppler keeps global state (its parameters, font and character maps) that is not safe to use
/// from two threads at once, even for two documents: every use of a document, from opening to
/// release, happens inside ``serialized(_:)``.
final class PDFDocument {
    /// The one lock around poppler, for the whole process.
    private static let lock = NSLock()

    /// Runs `body`, which opens, reads and releases documents, while no other thread uses poppler.
    static func serialized<T>(_ body: () throws(RecordError) -> T) throws(RecordError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Why poppler did not open a file.
    enum OpenError: Error {
        /// The file needs a user password (none given, or the one given is wrong).
        case needsPassword
        /// Anything else: poppler's own words (a damaged or unreadable file).
        case unreadable(String)
    }

    /// One character of a page's text and the rectangle it occupies.
    struct Character {
        var scalar: Unicode.Scalar
        var box: PDFBox
    }

    private let document: OpaquePointer
    /// Whether the file's bytes name an encryption dictionary.
    let encrypted: Bool

    /// Opens a PDF from its bytes (the caller bounds their size); `password` opens a file that
    /// needs a user password, and is used for nothing else.
    init(bytes: [UInt8], password: String?) throws(OpenError) {
        encrypted = Self.contains(bytes, Array("/Encrypt".utf8))
        var error: UnsafeMutablePointer<GError>?
        let data = bytes.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(data) }
        // Through a memory stream: poppler_document_new_from_bytes (and _from_data) of Debian's
        // poppler 22.12 crash on an encrypted file given a wrong password; _from_stream does not.
        guard let stream = g_memory_input_stream_new_from_bytes(data) else {
            throw .unreadable("out of memory for its bytes")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(stream)) }
        guard let document = poppler_document_new_from_stream(stream, goffset(bytes.count), password, nil, &error) else {
            let code = error?.pointee.code ?? 0
            let domain = error?.pointee.domain ?? 0
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "poppler gave no reason"
            if let error { g_error_free(error) }
            if domain == evidence_poppler_error_quark() && code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw .needsPassword
            }
            throw .unreadable(message)
        }
        self.document = document
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// `/CreationDate`, when the file states one poppler can read.
    var creationDate: Date? {
        let seconds = poppler_document_get_creation_date(document)
        return seconds > 0 ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
    }

    var producer: String? { Self.take(poppler_document_get_producer(document)) }
    var title: String? { Self.take(poppler_document_get_title(document)) }

    /// Printing or copying is not fully allowed (an owner password's restrictions).
    var restricted: Bool {
        let permissions = poppler_document_get_permissions(document).rawValue
        return permissions & POPPLER_PERMISSIONS_FULL.rawValue != POPPLER_PERMISSIONS_FULL.rawValue
    }

    /// The characters of page `index` (0-based) in poppler's reading order, each with its box, at
    /// most `limit` of them; `truncated` says whether the page had more.
    func characters(ofPage index: Int, limit: Int) -> (characters: [Character], truncated: Bool) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return ([], false) }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        guard let text = poppler_page_get_text(page) else { return ([], false) }
        defer { g_free(text) }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else {
            return ([], false)
        }
        defer { g_free(rectangles) }
        // One rectangle per character of the text, in order.
        let scalars = String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
            .unicodeScalars
        var characters: [Character] = []
        characters.reserveCapacity(min(Int(count), limit))
        var truncated = false
        for (offset, scalar) in zip(0..<Int(count), scalars) {
            if characters.count == limit {
                truncated = true
                break
            }
            let rectangle = rectangles[offset]
            characters.append(
                Character(
                    scalar: scalar,
                    box: PDFBox(
                        x: rectangle.x1, y: rectangle.y1, width: rectangle.x2 - rectangle.x1,
                        height: rectangle.y2 - rectangle.y1)))
        }
        return (characters, truncated)
    }

    /// The poppler-glib version, as "22.12.0".
    static var version: String { String(cString: evidence_poppler_version()) }

    /// A string poppler handed over, freed; nil when absent or empty.
    private static func take(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
        guard let pointer else { return nil }
        defer { g_free(pointer) }
        let text = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
