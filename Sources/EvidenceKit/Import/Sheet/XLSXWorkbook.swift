import Foundation

/// An Excel workbook (`.xlsx`) opened to read one sheet's rows: the zip read with the project's
/// own bounded zip reader (the one `verify` uses), then the workbook's XML streamed through
/// libxml2.
///
/// Every part is copied out of the zip into a private temporary folder within the size the zip
/// records for it, at most ``largestPart`` bytes and at most ``largestRatio`` times its compressed
/// size (a zip bomb is refused before it is inflated), and read from there. The folder is
/// removed when this is released.
final class XLSXWorkbook {
    /// The most bytes one part may inflate to.
    static let largestPart: UInt64 = 256 << 20
    /// The most a part may inflate beyond its compressed size.
    static let largestRatio: UInt64 = 200
    /// The most entries a workbook's zip may list.
    static let mostEntries = 10_000
    /// The most shared strings, and their total size.
    static let mostSharedStrings = 2_000_000
    static let largestSharedText = 128 << 20

    /// A sheet: its name and the part that holds its cells.
    struct Sheet {
        var name: String
        var part: String
    }

    private let zip: ZipReader
    private let folder: URL
    private let index: [String: Int]
    private(set) var sheets: [Sheet] = []
    /// Dates are days since 1904-01-01 (old Mac workbooks) instead of since 1899-12-30.
    private(set) var uses1904 = false
    private(set) var sharedStrings: [String] = []

    init(url: URL) throws {
        do {
            zip = try ZipReader(url: url)
        } catch {
            throw RecordError("not a readable Excel workbook (\(error))")
        }
        guard zip.entries.count <= Self.mostEntries else {
            throw RecordError("the workbook's zip lists \(zip.entries.count) entries, more than \(Self.mostEntries)")
        }
        var problems = ProblemList()
        try zip.checkLayout(into: &problems, naming: { $0 })
        if let problem = problems.lines.first { throw RecordError("the workbook's zip is damaged: \(problem)") }
        var index: [String: Int] = [:]
        for (position, entry) in zip.entries.enumerated() { index[entry.name] = position }
        self.index = index
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        var found: [Sheet] = []
        var uses1904 = false
        do {
            let relations = try Self.relations(try extract("xl/_rels/workbook.xml.rels"))
            let reader = try XMLStreamReader(url: try extract("xl/workbook.xml"))
            while let event = try reader.next() {
                guard case .start(let element) = event else { continue }
                switch element.localName {
                case "workbookPr":
                    uses1904 = ["1", "true"].contains(reader.attribute("date1904") ?? "")
                case "sheet":
                    let id = reader.attributes().first { $0.name == "id" || $0.name.hasSuffix(":id") }?.value
                    guard let name = reader.attribute("name"), let id, let target = relations[id] else { continue }
                    found.append(Sheet(name: name, part: target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target))
                default:
                    continue
                }
            }
            if index["xl/sharedStrings.xml"] != nil { try readSharedStrings(try extract("xl/sharedStrings.xml")) }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        guard !found.isEmpty else {
            try? FileManager.default.removeItem(at: folder)
            throw RecordError("the workbook lists no sheet (xl/workbook.xml)")
        }
        sheets = found
        self.uses1904 = uses1904
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Copies part `name` out of the zip, within the bounds; returns where it is.
    func extract(_ name: String) throws -> URL {
        guard let position = index[name] else { throw RecordError("the workbook has no \(name): not an Excel workbook") }
        let entry = zip.entries[position]
        guard entry.uncompressedSize <= Self.largestPart else {
            throw RecordError("\(name) would inflate to \(entry.uncompressedSize) bytes, more than \(Self.largestPart)")
        }
        guard entry.uncompressedSize <= max(entry.compressedSize, 1) * Self.largestRatio else {
            throw RecordError("\(name) would inflate \(entry.uncompressedSize / max(entry.compressedSize, 1)) times its size: a zip bomb")
        }
        let destination = folder.appendingPathComponent("part-\(position).xml")
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: destination.path)
        else { throw RecordError("\(name) could not be copied out of the workbook") }
        defer { try? handle.close() }
        var problems = ProblemList()
        var failed = false
        let complete = try zip.read(position, named: name, into: &problems) { piece in
            guard !failed else { return }
            do {
                try handle.write(contentsOf: Data(piece))
            } catch {
                failed = true
            }
        }
        guard complete, !failed, problems.lines.isEmpty else {
            throw RecordError(problems.lines.first ?? "\(name) could not be read out of the workbook")
        }
        return destination
    }

    /// `Id` → `Target` of a relationships part.
    private static func relations(_ url: URL) throws -> [String: String] {
        let reader = try XMLStreamReader(url: url)
        var found: [String: String] = [:]
        while let event = try reader.next() {
            guard case .start(let element) = event, element.localName == "Relationship",
                let id = reader.attribute("Id"), let target = reader.attribute("Target")
            else { continue }
            found[id] = target
        }
        return found
    }

    /// The shared strings: each `<si>`'s text runs joined (phonetic runs left out).
    private func readSharedStrings(_ url: URL) throws {
        let reader = try XMLStreamReader(url: url)
        var current: String?
        var inText = false
        var phonetic = 0
        var total = 0
        while let event = try reader.next() {
            switch event {
            case .start(let element):
                switch element.localName {
                case "si": current = ""
                case "t": inText = true
                case "rPh": phonetic += 1
                default: break
                }
            case .text(let text):
                if inText, phonetic == 0, current != nil {
                    current? += text
                    total += text.utf8.count
                    guard total <= Self.largestSharedText else { throw RecordError("the shared strings hold more than 128 MiB of text") }
                }
            case .end(let name, _):
                switch name {
                case "t": inText = false
                case "rPh": phonetic -= 1
                case "si":
                    sharedStrings.append(current ?? "")
                    current = nil
                    guard sharedStrings.count <= Self.mostSharedStrings else {
                        throw RecordError("the workbook holds more than \(Self.mostSharedStrings) shared strings")
                    }
                default: break
                }
            }
        }
    }
}
