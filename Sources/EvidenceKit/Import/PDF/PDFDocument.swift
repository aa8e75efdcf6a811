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

    /// A page drawn on white for OCR: pixels 0xRRGGBBAA (Leptonica's order), row after row.
    struct RenderedPage {
        var width: Int
        var height: Int
        var dpi: Int
        var pixels: [UInt32]
    }

    /// Page `index` (0-based) drawn at `dpi`, or at the highest resolution that keeps it within
    /// `pixelBudget` pixels; nil when the page is empty, or too large to read even at 70 dpi.
    func render(page index: Int, dpi: Int, pixelBudget: Int) -> RenderedPage? {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var widthPoints = 0.0, heightPoints = 0.0
        poppler_page_get_size(page, &widthPoints, &heightPoints)
        guard widthPoints.isFinite, heightPoints.isFinite, widthPoints >= 1, heightPoints >= 1,
            widthPoints < 20_000, heightPoints < 20_000
        else { return nil }
        let fit = (Double(pixelBudget) / (widthPoints * heightPoints)).squareRoot() * 72
        let resolution = min(Double(dpi), fit.rounded(.down))
        guard resolution >= 70 else { return nil }
        let scale = resolution / 72
        let width = Int((widthPoints * scale).rounded(.up)), height = Int((heightPoints * scale).rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        poppler_page_render(page, cairo)
        cairo_destroy(cairo)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt32](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { target in
            for row in 0..<height {
                let source = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width {
                    // Cairo's 0x00RRGGBB (native order) to Leptonica's 0xRRGGBBAA.
                    target[row * width + column] = source[column] << 8 | 0xFF
                }
            }
        }
        return RenderedPage(width: width, height: height, dpi: Int(resolution), pixels: pixels)
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
