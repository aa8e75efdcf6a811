/// What the parts of a message hold: its text parts, its attachments, and remarks on what could
/// not be read as it should.
struct MIMEContent {
    var plain: [String] = []
    var html: [String] = []
    var attachments: [Attachment] = []
    /// The text of the PDF attachments read (at most ``pdfLimit`` a message), with their names.
    var pdfAttachments: [(name: String, text: PDFText)] = []
    var remarks: [String] = []

    /// The most PDF attachments of one message whose text is read.
    static let pdfLimit = 10

    /// The most multipart levels read, as mail clients limit them: the parts of a multipart nested
    /// deeper are not read, and a remark says so.
    static let depthLimit = 50

    /// Reads a whole message, multipart or not, in one pass over its body.
    ///
    /// A multipart's parts are found by a line that is one of the boundaries open at that point: a
    /// boundary of an enclosing multipart also ends the parts inside it. Time is linear in the size
    /// of the body and nothing recurses, however deep the multiparts nest.
    static func read(_ message: MIMEPart) throws -> MIMEContent {
        var content = MIMEContent()
        guard let topBoundary = try message.boundary() else {
            try message.collect(into: &content)
            return content
        }
        enum State {
            /// A preamble or an epilogue, or the parts of a multipart nested too deep.
            case skipping
            /// The header block of part `number`, from `start` (on `line`).
            case header(start: Int, line: Int, number: String)
            /// The body of `part` (not a multipart), from `bodyStart`; the part starts at `start`.
            case body(MIMEPart, start: Int, bodyStart: Int)
        }
        var levels = [Level(boundary: topBoundary, prefix: "")]
        var levelOfBoundary: [[UInt8]: Int] = [topBoundary: 0]  // the outermost level with that boundary
        var state = State.skipping
        var tooDeep: (locator: String, others: Int)?
        let body = message.body

        /// The state after the header block of a part: its body, or the preamble of its own parts.
        func begin(_ headers: MailHeaders, header: (start: Int, line: Int, number: String), bodyStart: Int, bodyLine: Int)
            throws -> State
        {
            let part = MIMEPart(headers: headers, body: [], number: header.number, line: header.line, bodyLine: bodyLine)
            if levels.count >= depthLimit, part.type.value.hasPrefix("multipart/") {
                if tooDeep == nil { tooDeep = (part.locator, 0) } else { tooDeep?.others += 1 }
                return .skipping
            }
            guard let boundary = try part.boundary() else { return .body(part, start: header.start, bodyStart: bodyStart) }
            levels.append(Level(boundary: boundary, prefix: header.number + "."))
            if levelOfBoundary[boundary] == nil { levelOfBoundary[boundary] = levels.count - 1 }
            return .skipping
        }

        /// Ends the part being read at `end`: the start of a boundary line (the line break before
        /// which belongs to the boundary), or the end of the body.
        func finish(at end: Int, atBoundary: Bool) throws {
            if case .header(let start, let line, let number) = state {
                guard start < end else {  // a boundary line at the very end
                    state = .skipping
                    return
                }
                let stop = max(start, Self.withoutLineBreak(body, before: end, after: start))
                state = try begin(MailHeaders(body[start..<stop]), header: (start, line, number), bodyStart: end, bodyLine: line)
            }
            if case .body(let part, let start, let bodyStart) = state {
                let stop = atBoundary ? max(bodyStart, Self.withoutLineBreak(body, before: end, after: start)) : end
                try part.with(body: body[bodyStart..<stop]).collect(into: &content)
            }
            state = .skipping
        }

        var index = body.startIndex
        var lineNumber = message.bodyLine
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            let next = lineEnd == body.endIndex ? lineEnd : lineEnd + 1
            var line = body[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: [0x2D, 0x2D]), let (level, isClose) = Self.delimiter(line, in: levelOfBoundary) {
                try finish(at: index, atBoundary: true)
                while levels.count > level + 1 { close(&levels, &levelOfBoundary) }  // parts left open inside
                if isClose {
                    close(&levels, &levelOfBoundary)
                } else {
                    levels[level].parts += 1
                    let number = levels[level].prefix + "\(levels[level].parts)"
                    state = .header(start: next, line: lineNumber + 1, number: number)
                }
            } else if case .header(let start, let partLine, let number) = state, line.isEmpty {
                state = try begin(
                    MailHeaders(body[start..<index]), header: (start, partLine, number), bodyStart: next,
                    bodyLine: lineNumber + 1)
            }
            index = next
            lineNumber += 1
        }
        try finish(at: body.endIndex, atBoundary: false)  // a part without its closing boundary runs to the end
        if let (locator, others) = tooDeep {
            let more = others == 0 ? "" : " (nor those of \(others) more multiparts that deep)"
            content.remarks.append(
                "\(locator): a multipart nested more than \(depthLimit) levels deep; its parts were not read\(more)")
        }
        return content
    }

    /// One open multipart: its boundary and the number of its parts so far.
    private struct Level {
        var boundary: [UInt8]
        /// `1.2.` for the parts of part 1.2; empty for the message's own parts.
        var prefix: String
        var parts = 0
    }

    /// Closes the innermost open multipart.
    private static func close(_ levels: inout [Level], _ levelOfBoundary: inout [[UInt8]: Int]) {
        guard let last = levels.popLast() else { return }
        if levelOfBoundary[last.boundary] == levels.count { levelOfBoundary[last.boundary] = nil }
    }

    /// The level whose boundary `line` is (`--boundary`, or `--boundary--` to close), ignoring white
    /// space at its end; the outermost when the line could be either of two.
    private static func delimiter(_ line: ArraySlice<UInt8>, in levels: [[UInt8]: Int]) -> (Int, Bool)? {
        var name = line.dropFirst(2)
        while let last = name.last, last == 0x20 || last == 0x09 { name = name.dropLast() }
        let opening = levels[Array(name)]
        let closing = name.count >= 2 && name.suffix(2).allSatisfy({ $0 == 0x2D }) ? levels[Array(name.dropLast(2))] : nil
        switch (opening, closing) {
        case let (opening?, closing?): return opening < closing ? (opening, false) : (closing, true)
        case let (opening?, nil): return (opening, false)
        case let (nil, closing?): return (closing, true)
        case (nil, nil): return nil
        }
    }

    /// `end`, less the line break (LF or CRLF) just before it, but not before `start`.
    private static func withoutLineBreak(_ bytes: ArraySlice<UInt8>, before end: Int, after start: Int) -> Int {
        var end = end
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }
}
