import CLibXML2
import GRDBSQLite

/// The versions a bug report needs: this program's, and the C libraries' it runs with.
public enum LibraryVersions {
    /// evidence's own version.
    public static let evidence = "0.6.0"

    /// The SQLite library in use (`3.40.1`).
    public static var sqlite: String {
        String(cString: sqlite3_libversion())
    }

    /// The libxml2 library in use (`2.9.14`).
    public static var libxml2: String {
        let text = String(cString: evidence_xmlParserVersion())
        guard let number = Int(text) else { return text }
        return "\(number / 10000).\(number / 100 % 100).\(number % 100)"
    }

    /// The poppler-glib library in use (`22.12.0`), which reads PDFs.
    public static var poppler: String { PDFReader.popplerVersion }
}
