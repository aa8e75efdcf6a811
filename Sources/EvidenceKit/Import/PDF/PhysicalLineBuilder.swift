/// Rebuilds a page's lines as a person sees them from its characters' rectangles.
///
/// poppler's plain text comes in reading order by blocks: on a statement with right-aligned
/// amounts, all the descriptions and then all the amounts. Here characters that share a baseline
/// make one line, left to right, with one space for a word gap and more for a wider gap (about
/// one per two average characters' width, as a person's eye measures a column gap), so "Late
/// payment fee ..... $10.00" stays one line and columns keep apart by two spaces or more.
struct PhysicalLineBuilder {
    /// The most characters of one line; the rest of a longer line is dropped.
    static let lineLimit = 4000
    /// The most spaces put for one gap.
    static let gapLimit = 120

    /// The lines of page `page` from its characters (white space and control characters are
    /// ignored: gaps come from the rectangles).
    func lines(page: Int, characters: [PDFDocument.Character]) -> [PDFLine] {
        let glyphs = characters.filter { character in
            !character.scalar.properties.isWhitespace && character.scalar.value >= 0x20
                && character.box.width.isFinite && character.box.height.isFinite
        }
        guard !glyphs.isEmpty else { return [] }
        // Top to bottom by the middle of each box; a character joins the line whose middle is
        // within half a character's height of its own.
        let sorted = glyphs.sorted { middle($0) < middle($1) }
        var groups: [[PDFDocument.Character]] = []
        var groupMiddle = 0.0
        var groupHeight = 0.0
        for glyph in sorted {
            let height = max(glyph.box.height, 1)
            if let last = groups.indices.last, abs(middle(glyph) - groupMiddle) <= 0.5 * max(groupHeight, height) {
                groups[last].append(glyph)
                let count = Double(groups[last].count)
                groupMiddle += (middle(glyph) - groupMiddle) / count
                groupHeight = max(groupHeight, height)
            } else {
                groups.append([glyph])
                groupMiddle = middle(glyph)
                groupHeight = height
            }
        }
        return groups.enumerated().map { index, group in
            line(page: page, number: index + 1, group.sorted { $0.box.x < $1.box.x })
        }
    }

    private func middle(_ character: PDFDocument.Character) -> Double {
        character.box.y + character.box.height / 2
    }

    /// One line from its characters, left to right.
    private func line(page: Int, number: Int, _ characters: [PDFDocument.Character]) -> PDFLine {
        let heights = characters.map { max($0.box.height, 1) }.sorted()
        let height = heights[heights.count / 2]
        // A space in the common fonts is about 0.3 of the character box's height; a column is
        // about two characters wide.
        let spaceWidth = 0.3 * height
        let widths = characters.map { max($0.box.width, 0.1) }
        let column = 2 * widths.reduce(0, +) / Double(widths.count)
        var text = ""
        var count = 0
        var box = characters[0].box
        var previous: PDFDocument.Character?
        for character in characters where count < Self.lineLimit {
            if let previous {
                let gap = character.box.x - (previous.box.x + previous.box.width)
                // The same character drawn again on top of itself (fake bold): once is enough.
                if character.scalar == previous.scalar && abs(character.box.x - previous.box.x) < 0.2 * spaceWidth {
                    continue
                }
                if gap > 0.4 * spaceWidth {
                    let spaces = gap < 1.6 * spaceWidth ? 1 : min(Self.gapLimit, max(2, Int((gap / column).rounded())))
                    text += String(repeating: " ", count: spaces)
                    count += spaces
                }
            }
            text.unicodeScalars.append(character.scalar)
            count += 1
            box = box.union(character.box)
            previous = character
        }
        return PDFLine(page: page, number: number, text: text, box: box)
    }
}
