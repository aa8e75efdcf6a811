import ArgumentParser
import EvidenceKit
import Foundation

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Work with PDF bill templates (pdf-bill).",
        subcommands: [TemplateSuggestCommand.self, TemplateTestCommand.self])
}

struct TemplateSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Print a draft template for a provider's PDF statement, from its text.",
        discussion: """
            Check every line marked CHECK, save it, try it with evidence template test TEMPLATE FILE.pdf, \
            then: evidence import --template TEMPLATE FILE.pdf
            """)

    @Option(help: ArgumentHelp("The password that opens an encrypted PDF (never stored).", valueName: "PASSWORD"))
    var password: String?

    @Argument(help: "The PDF statement.")
    var file: String

    func run() throws {
        do {
            print(try TemplateSuggester().suggest(for: URL(fileURLWithPath: file), password: password), terminator: "")
        } catch {
            printError("\((file as NSString).lastPathComponent): \(error)")
            throw ExitCode(1)
        }
    }
}

struct TemplateTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Print what a template reads from a PDF statement, without importing it.",
        discussion: """
            Shows each field and the line it came from, each bill line with its page and line, the lines \
            inside a section that nothing read, and the sum of the lines beside the printed total. \
            Exit code 1 when the template does not fit the PDF.
            """)

    @Option(help: "The account, when neither the template nor the PDF names one.")
    var account: String?

    @Option(help: ArgumentHelp("The password that opens an encrypted PDF (never stored).", valueName: "PASSWORD"))
    var password: String?

    @Argument(help: "The template (YAML).")
    var template: String

    @Argument(help: "The PDF statement.")
    var file: String

    func run() throws {
        let name = (file as NSString).lastPathComponent
        let template: PDFTemplate
        do {
            template = try PDFTemplate.load(from: URL(fileURLWithPath: self.template))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let url = URL(fileURLWithPath: file)
        let extraction: TemplateExtraction
        do {
            let pdf = try PDFReader().read(url, password: password)
            let (missing, excluded) = template.keywordProblems(in: pdf.storedText)
            for keyword in missing { print("keyword \"\(keyword)\" is not in the PDF: the template would not be chosen for it") }
            for keyword in excluded { print("exclude keyword \"\(keyword)\" is in the PDF: the template would not be chosen for it") }
            var context = ParseContext(url: url, fileName: name, sha256: "", account: account, references: .builtIn)
            context.password = password
            extraction = try TemplateExtractor(template: template).extract(pdf, context: context)
        } catch {
            printError("\(name): \(error)")
            throw ExitCode(1)
        }
        print("Fields")
        let fieldRows = PDFTemplate.Field.allCases.map { field in
            [field.rawValue, extraction.fields[field]?.text ?? "(not found)", extraction.fields[field]?.locator ?? ""]
        }
        print(table(fieldRows))
        print("\nLines (\(extraction.entries.count))")
        let lineRows = extraction.entries.map { entry in
            [entry.provenance.locator, entry.date.description, entry.kind.rawValue, entry.description, entry.amount.decimalString]
        }
        print(table(lineRows, rightAligned: [4]))
        if !extraction.unread.isEmpty {
            print("\nInside a section but not read (\(extraction.unread.count)): add a skip pattern, or fix the line pattern")
            for line in extraction.unread { print("  \(line.locator): \(line.text.trimmingCharacters(in: .whitespaces))") }
        }
        for remark in extraction.remarks { print("\n\(remark)") }
        print("")
        if let sum = extraction.sum { print("sum of the lines    \(sum.decimalString)") }
        if let statement = extraction.statement {
            if let previous = statement.previousBalance { print("previous balance    \(previous.decimalString)") }
            if let (computed, printed) = extraction.totalCheck {
                print("computed total      \(computed.decimalString)")
                let verdict = computed == printed
                    ? "agrees"
                    : "differs by \(Money(minorUnits: printed.minorUnits - computed.minorUnits, currency: printed.currency).decimalString)"
                print("printed total       \(printed.decimalString)  (\(verdict))")
            } else {
                print("printed total       (not found: fields.totalDue)")
            }
        }
    }

    /// Plain columns, two spaces apart.
    private func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let columns = rows.first?.count else { return "  (none)" }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return rightAligned.contains(column) ? pad + text : text + pad
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
