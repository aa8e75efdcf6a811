/// A provider's PDF statement read through its ``PDFTemplate`` (`pdf-bill`): one statement and
/// its entries, each citing `page N, line M` of the PDF.
///
/// The printed total is not checked here: a total that differs from the previous balance plus
/// the lines is the `statement.total-mismatch` finding, since catching the provider's arithmetic
/// is the point. Reference numbers in the text are not read: a bill is a statement, not a letter.
public struct PDFBillParser: RecordParser {
    public init() {}

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        guard let template = context.template else {
            throw RecordError("pdf-bill needs a template: give one with --template FILE")
        }
        let pdf = try PDFReader(ocr: context.ocr).read(context.url, password: context.password)
        pdf.remarks.forEach(sink.remark)
        let text = pdf.storedText
        let (missing, excluded) = template.keywordProblems(in: text)
        if !missing.isEmpty || !excluded.isEmpty {
            let what = missing.isEmpty
                ? "has the exclude keyword\(excluded.count == 1 ? "" : "s") " + excluded.map { "\"\($0)\"" }.joined(separator: ", ")
                : "lacks the keyword\(missing.count == 1 ? "" : "s") " + missing.map { "\"\($0)\"" }.joined(separator: ", ")
            throw RecordError("template \"\(template.name)\" does not fit this PDF: it \(what)")
        }
        let extraction = try TemplateExtractor(template: template).extract(pdf, context: context)
        guard let statement = extraction.statement else { return }
        extraction.remarks.forEach(sink.remark)
        try sink.account(statement.account, provider: template.provider)
        try sink.statement(statement, locator: extraction.fields[.statementDate]?.locator ?? "page 1")
        let scannedPages = Set(pdf.pages.filter(\.readByOCR).map(\.number))
        for var entry in extraction.entries {
            // An amount read from an image is only as sure as the OCR: the entry says so.
            if let page = Self.page(of: entry.provenance.locator), scannedPages.contains(page) {
                entry.extra["readBy"] = "OCR (Tesseract) from a scanned page: check the amount against the image"
            }
            try sink.entry(entry)
        }
        if let (computed, printed) = extraction.totalCheck, computed != printed {
            if !scannedPages.isEmpty {
                sink.remark("the statement was read by OCR: a misread digit is one reason its lines may not add up")
            }
            sink.remark(
                "the printed total \(printed.decimalString) differs from the previous balance plus the lines (\(computed.decimalString)): see evidence flags --rule statement.total-mismatch")
        }
    }

    /// The page number of a locator `page 2, line 14`.
    private static func page(of locator: String) -> Int? {
        guard locator.hasPrefix("page ") else { return nil }
        return Int(locator.dropFirst(5).prefix { $0.isNumber })
    }
}
