public import Foundation

extension Store {
    /// The folder of PDF templates saved in this store (`templates/`); it may not exist yet.
    public var templatesFolder: URL {
        url.appendingPathComponent("templates")
    }

    /// The templates saved in the store, in name order; a ``RecordError`` names one that is broken.
    public func savedTemplates() throws(RecordError) -> [PDFTemplate] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templatesFolder.path)) ?? []
        var templates: [PDFTemplate] = []
        for name in names.sorted() where (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".") {
            do {
                templates.append(try PDFTemplate.load(from: templatesFolder.appendingPathComponent(name)))
            } catch {
                throw RecordError("the store's template \(error.message)")
            }
        }
        return templates
    }
}
