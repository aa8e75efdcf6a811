import CTesseract
public import Foundation

/// How images and scanned pages are read (config.yaml `ocrLanguages`, `ocrConfidenceFloor`).
public struct OCRSettings: Hashable, Sendable {
    /// Tesseract language codes joined by `+`, as `eng+chi_sim`.
    public var languages: String
    /// Words Tesseract is less sure of than this (0–100) are kept but marked uncertain. 40 keeps
    /// the words of clean screenshots (they score 85–96) and of 300 dpi scans (70–95) and marks
    /// what is usually noise: speckles, icons and cut letters read as text score below 40.
    public var confidenceFloor: Double
    /// The longest one page may take; the page is cut off after it with a clear message.
    public var pageTimeLimit: Duration
    /// The most pixels one page may have (checked from the image's header before it is decoded):
    /// 50 million holds an A3 page at 300 dpi and any phone screenshot.
    public var pixelBudget: Int
    /// The most pages of one multi-page TIFF.
    public var pageLimit: Int

    public init(
        languages: String = "eng", confidenceFloor: Double = 40, pageTimeLimit: Duration = .seconds(60),
        pixelBudget: Int = 50_000_000, pageLimit: Int = 100
    ) {
        self.languages = languages
        self.confidenceFloor = confidenceFloor
        self.pageTimeLimit = pageTimeLimit
        self.pixelBudget = pixelBudget
        self.pageLimit = pageLimit
    }
}

/// Why an image could not be read.
public struct OCRError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// One recognised word, its box in pixels from the image's top-left corner.
public struct OCRWord: Hashable, Sendable {
    public var text: String
    public var box: PDFBox
    /// Tesseract's confidence, 0–100.
    public var confidence: Double
    /// Below the confidence floor: kept, but not to be trusted without saying so.
    public var uncertain: Bool
}

/// One page (or image) read by OCR: its words and the lines rebuilt from them.
public struct OCRPage: Hashable, Sendable {
    /// 1-based.
    public var number: Int
    public var width: Int
    public var height: Int
    public var words: [OCRWord]
    /// The lines a person sees, top to bottom (`page 1, line 7`, box in pixels).
    public var lines: [PDFLine]
}

/// A decoded Leptonica image; frees it when it goes.
final class LeptImage {
    let pointer: UnsafeMutablePointer<PIX>

    init(_ pointer: UnsafeMutablePointer<PIX>) { self.pointer = pointer }

    deinit {
        var pix: UnsafeMutablePointer<PIX>? = pointer
        pixDestroy(&pix)
    }

    var width: Int { Int(pixGetWidth(pointer)) }
    var height: Int { Int(pixGetHeight(pointer)) }
    var resolution: Int { Int(pixGetXRes(pointer)) }
}

/// The kinds of image file read by OCR, by their first bytes.
public enum ImageKind: String, Sendable {
    case png, jpeg, tiff, webp, gif, bmp, heic

    /// The kind of a file from its first 12 bytes, nil when it is no image.
    public static func of(head: [UInt8]) -> ImageKind? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.count >= 12, head.starts(with: Array("BM".utf8)), head[6..<10].allSatisfy({ $0 == 0 }) { return .bmp }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        if head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            if ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif"].contains(brand) { return .heic }
        }
        return nil
    }
}

/// Tesseract with its language data loaded: the one owner of a `TessBaseAPI`. Not thread-safe:
/// one engine per import.
public final class OCREngine {
    private let handle: OpaquePointer
    public let settings: OCRSettings
    /// Where the language packs are (`TESSDATA_PREFIX`, else Debian's place).
    static var dataPath: String {
        ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] ?? "/usr/share/tesseract-ocr/5/tessdata"
    }

    /// Loads the languages of `settings`; a missing language pack throws one line naming the
    /// Debian package to install.
    public init(settings: OCRSettings = OCRSettings()) throws {
        let codes = settings.languages.split(separator: "+").map(String.init)
        guard !codes.isEmpty,
            codes.allSatisfy({ code in !code.isEmpty && code.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") } })
        else {
            throw OCRError("ocrLanguages \"\(settings.languages)\" is not a list of Tesseract languages like eng+chi_sim")
        }
        for code in codes where !FileManager.default.fileExists(atPath: "\(Self.dataPath)/\(code).traineddata") {
            let package = "tesseract-ocr-" + code.lowercased().replacingOccurrences(of: "_", with: "-")
            throw OCRError(
                "the OCR language pack \(code) is not installed (no \(Self.dataPath)/\(code).traineddata): install the Debian package \(package)")
        }
        _ = setMsgSeverity(evidence_lept_severity_none())
        guard let handle = TessBaseAPICreate() else { throw OCRError("Tesseract could not start") }
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        guard TessBaseAPIInit3(handle, Self.dataPath, settings.languages) == 0 else {
            TessBaseAPIDelete(handle)
            throw OCRError("Tesseract could not load the languages \(settings.languages) from \(Self.dataPath)")
        }
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        TessBaseAPISetPageSegMode(handle, PSM_AUTO)
        self.handle = handle
        self.settings = settings
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// The pages of an image file's bytes (one, or each page of a TIFF), each checked against
    /// the pixel budget from its header before it is decoded.
    public func read(image bytes: [UInt8]) throws -> [OCRPage] {
        guard let kind = ImageKind.of(head: Array(bytes.prefix(12))) else {
            throw OCRError("not an image Tesseract reads (PNG, JPEG, TIFF, WebP, GIF or BMP)")
        }
        if kind == .heic {
            throw OCRError("a HEIC/HEIF photo is not read: convert it to JPEG or PNG first (for example `heif-convert photo.heic photo.jpg`)")
        }
        var format: Int32 = 0, width: Int32 = 0, height: Int32 = 0, bits: Int32 = 0, samples: Int32 = 0, colormap: Int32 = 0
        let header = bytes.withUnsafeBufferPointer { buffer in
            pixReadHeaderMem(buffer.baseAddress, buffer.count, &format, &width, &height, &bits, &samples, &colormap)
        }
        guard header == 0, width > 0, height > 0 else {
            throw OCRError("the \(kind.rawValue.uppercased()) header cannot be read (the file is damaged or not what it claims)")
        }
        try checkSize(width: Int(width), height: Int(height), kind: kind)
        var images: [LeptImage] = []
        if kind == .tiff {
            var offset = 0
            repeat {
                let pix = bytes.withUnsafeBufferPointer { pixReadMemFromMultipageTiff($0.baseAddress, $0.count, &offset) }
                guard let pix else { break }
                let image = LeptImage(pix)
                try checkSize(width: image.width, height: image.height, kind: kind)
                images.append(image)
            } while offset != 0 && images.count < settings.pageLimit
        } else if let pix = bytes.withUnsafeBufferPointer({ pixReadMem($0.baseAddress, $0.count) }) {
            images.append(LeptImage(pix))
        }
        guard let first = images.first else {
            throw OCRError("the \(kind.rawValue.uppercased()) image data is truncated or damaged and cannot be decoded")
        }
        if first.width != Int(width) || first.height != Int(height) {
            throw OCRError("the \(kind.rawValue.uppercased()) header says \(width)×\(height) pixels but the image is \(first.width)×\(first.height)")
        }
        return try images.enumerated().map { try recognise($0.element, page: $0.offset + 1) }
    }

    /// Reads one rendered page of a scanned PDF.
    func read(rendered: PDFDocument.RenderedPage, page: Int) throws -> OCRPage {
        try checkSize(width: rendered.width, height: rendered.height, kind: .tiff)
        guard let pix = pixCreate(Int32(rendered.width), Int32(rendered.height), 32), let data = pixGetData(pix) else {
            throw OCRError("page \(page) could not be prepared for OCR (out of memory)")
        }
        let image = LeptImage(pix)
        rendered.pixels.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { data.update(from: base, count: source.count) }
        }
        _ = pixSetResolution(pix, Int32(rendered.dpi), Int32(rendered.dpi))
        return try recognise(image, page: page, resolution: rendered.dpi)
    }

    private func checkSize(width: Int, height: Int, kind: ImageKind) throws {
        if width.multipliedReportingOverflow(by: height).overflow || width * height > settings.pixelBudget {
            throw OCRError(
                "the image is \(width)×\(height) pixels, more than the \(settings.pixelBudget / 1_000_000) million pixels allowed (a decompression bomb is refused before it is decoded)")
        }
        if width < 8 || height < 8 {
            throw OCRError("the image is \(width)×\(height) pixels, too small to hold any text")
        }
    }

    private func recognise(_ image: LeptImage, page: Int, resolution: Int? = nil) throws -> OCRPage {
        TessBaseAPISetImage2(handle, image.pointer)
        let dpi = resolution ?? (image.resolution > 0 ? image.resolution : 96)
        TessBaseAPISetSourceResolution(handle, Int32(min(max(dpi, 70), 1200)))
        defer { TessBaseAPIClear(handle) }
        guard let monitor = TessMonitorCreate() else { throw OCRError("Tesseract could not start") }
        defer { TessMonitorDelete(monitor) }
        let limit = settings.pageTimeLimit.components
        let milliseconds = Int(limit.seconds) * 1000 + Int(limit.attoseconds / 1_000_000_000_000_000)
        TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: milliseconds))
        let clock = ContinuousClock()
        let start = clock.now
        let status = TessBaseAPIRecognize(handle, monitor)
        if clock.now - start >= settings.pageTimeLimit {
            throw OCRError("OCR of page \(page) was cut off after \(settings.pageTimeLimit) (ocrPageTimeLimit)")
        }
        guard status == 0 else { throw OCRError("Tesseract could not read page \(page)") }
        var words: [OCRWord] = []
        if let iterator = TessBaseAPIGetIterator(handle) {
            defer { TessResultIteratorDelete(iterator) }
            repeat {
                guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
                let text = String(cString: cText)
                TessDeleteText(cText)
                let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
                var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
                guard TessPageIteratorBoundingBox(TessResultIteratorGetPageIteratorConst(iterator), RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { continue }
                words.append(
                    OCRWord(
                        text: trimmed,
                        box: PDFBox(x: Double(left), y: Double(top), width: Double(right - left), height: Double(bottom - top)),
                        confidence: confidence, uncertain: confidence < settings.confidenceFloor))
            } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        }
        return OCRPage(
            number: page, width: image.width, height: image.height, words: words,
            lines: OCRLineBuilder().lines(page: page, words: words))
    }
}
