/// Rebuilds a page's lines from its recognised words, as ``PhysicalLineBuilder`` does from a
/// PDF's characters: words whose middles are within half a word's height make one line, left to
/// right, one space between words and two or more across a column gap, so "Balance due   $288.04"
/// stays one line with its label.
struct OCRLineBuilder {
    func lines(page: Int, words: [OCRWord]) -> [PDFLine] {
        guard !words.isEmpty else { return [] }
        let sorted = words.sorted { middle($0) < middle($1) }
        var groups: [[OCRWord]] = []
        var groupMiddle = 0.0
        var groupHeight = 0.0
        for word in sorted {
            let height = max(word.box.height, 1)
            if let last = groups.indices.last, abs(middle(word) - groupMiddle) <= 0.5 * max(groupHeight, height) {
                groups[last].append(word)
                groupMiddle += (middle(word) - groupMiddle) / Double(groups[last].count)
                groupHeight = max(groupHeight, height)
            } else {
                groups.append([word])
                groupMiddle = middle(word)
                groupHeight = height
            }
        }
        return groups.enumerated().map { index, group in
            line(page: page, number: index + 1, group.sorted { $0.box.x < $1.box.x })
        }
    }

    private func middle(_ word: OCRWord) -> Double { word.box.y + word.box.height / 2 }

    private func line(page: Int, number: Int, _ words: [OCRWord]) -> PDFLine {
        let heights = words.map { max($0.box.height, 1) }.sorted()
        let height = heights[heights.count / 2]
        var text = ""
        var box = words[0].box
        var previous: OCRWord?
        for word in words {
            if let previous {
                let gap = word.box.x - (previous.box.x + previous.box.width)
                // A word gap is about half the letters' height; a column gap is wider.
                text += gap > 1.5 * height ? String(repeating: " ", count: min(120, max(2, Int((gap / height).rounded())))) : " "
            }
            text += word.text
            box = box.union(word.box)
            previous = word
        }
        return PDFLine(page: page, number: number, text: text, box: box)
    }
}
