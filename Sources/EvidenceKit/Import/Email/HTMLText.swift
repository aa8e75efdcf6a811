import Foundation

/// The readable text of an HTML email part: markup removed, entities decoded, blocks on their own lines.
///
/// `<script>`, `<style>`, `<head>` and comments are dropped whole; `<br>`, and the ends of
/// paragraphs, divisions, rows, list items and headings become line breaks; `&nbsp;` becomes a
/// space. Runs of spaces become one, and runs of empty lines one empty line.
enum HTMLText {
    static func text(of html: String) -> String {
        var output = ""
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                index = skipMarkup(html, from: index, into: &output)
            } else if character == "&" {
                index = entity(html, from: index, into: &output)
            } else {
                output.append(character.isWhitespace ? " " : character)
                index = html.index(after: index)
            }
        }
        return tidy(output)
    }

    /// Skips one tag (or a comment, or a whole script/style/head element) and returns where text resumes.
    private static func skipMarkup(_ html: String, from start: String.Index, into output: inout String) -> String.Index {
        let rest = html[start...]
        if rest.hasPrefix("<!--") {
            return rest.range(of: "-->")?.upperBound ?? html.endIndex
        }
        guard let close = rest.firstIndex(of: ">") else { return html.endIndex }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        let isEnd = inside.hasPrefix("/")
        if !isEnd, ["script", "style", "head", "title"].contains(name) {
            return html[close...].range(of: "</\(name)", options: .caseInsensitive)
                .flatMap { html[$0.upperBound...].firstIndex(of: ">") }
                .map { html.index(after: $0) } ?? html.endIndex
        }
        if name == "br" || (isEnd && blockElements.contains(name)) || (!isEnd && ["p", "div", "tr", "li"].contains(name)) {
            output.append("\n")
        } else if name == "td" || name == "th" {
            output.append(" ")
        }
        return html.index(after: close)
    }

    private static let blockElements: Set = [
        "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote",
    ]

    /// Decodes one character reference; an `&` that starts none is kept.
    private static func entity(_ html: String, from start: String.Index, into output: inout String) -> String.Index {
        let rest = html[html.index(after: start)...]
        guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
            output.append("&")
            return html.index(after: start)
        }
        let name = rest[..<semicolon]
        var scalar: Unicode.Scalar?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if name.hasPrefix("#") {
            scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
        } else {
            scalar = namedEntities[String(name)]
        }
        guard let scalar else {
            output.append("&")
            return html.index(after: start)
        }
        output.unicodeScalars.append(scalar == "\u{A0}" ? " " : scalar)
        return html.index(after: semicolon)
    }

    private static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "euro": "€", "pound": "£", "cent": "¢", "sect": "§", "deg": "°", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…", "bull": "•", "trade": "™",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "ntilde": "ñ", "uuml": "ü", "ouml": "ö",
        "auml": "ä", "ccedil": "ç", "times": "×", "middot": "·", "zwnj": "\u{200C}",
    ]

    /// One space for runs of spaces, no spaces at line ends, at most one empty line in a row.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            let tidied = words.joined(separator: " ")
            if tidied.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(tidied)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
