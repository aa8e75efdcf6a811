/// Bank and credit-card statements in OFX 1.x (SGML) and 2.x (XML), as US banks offer them for
/// Quicken (`.qfx`) and Money (`.ofx`) (`ofx`).
///
/// Each `STMTTRN` of a bank (`STMTRS`) or card (`CCSTMTRS`) statement becomes a bank transaction:
/// the posted date as the bank wrote it, the amount in the statement's `CURDEF` (or the
/// transaction's own `CURRENCY`), the bank's id `FITID`, `TRNTYPE`, and `NAME`/`MEMO` (or the
/// check number) as its description. A file may hold several statements. Closing tags are
/// optional in OFX 1.x: an element is closed by its own end tag or by its parent's. Each
/// transaction is cited by its path and line, `/OFX/…/STMTTRN[3], line 42`.
public struct OFXParser: RecordParser {
    /// Aggregates deeper than this are refused (OFX needs about ten).
    static let deepestNesting = 64
    /// Different element names within one aggregate (OFX has a few dozen).
    static let mostKinds = 1000

    public init() {}

    /// Whether a file's first bytes are OFX: an `OFXHEADER:` line, an `<?OFX` instruction, or an
    /// `<OFX>` root (white space and a byte-order mark before them allowed).
    public static func recognises(head: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: head.prefix(4096), as: UTF8.self)
        let upper = text.uppercased()
        if upper.hasPrefix("OFXHEADER") { return true }
        if upper.hasPrefix("<?XML"), upper.contains("<?OFX") { return true }
        return upper.hasPrefix("<OFX>") || upper.hasPrefix("<?OFX")
    }

    public func parse(_ context: ParseContext, into sink: any RecordSink) throws {
        let reader = try OFXReader(source: FileReader(url: context.url))
        var builder = OFXStatementBuilder(context: context, sink: sink)
        var stack: [Frame] = []
        var pending: (name: String, line: Int)?
        var sawRoot = false
        var unmatchedEnds = 0
        var lastLeaf: String?

        func open(_ name: String, line: Int) throws {
            if !sawRoot {
                guard name == "OFX" else {
                    throw RecordError(locator: "line \(line)", "the first element is <\(name)>, not <OFX>: the body is not OFX")
                }
                sawRoot = true
            } else if stack.isEmpty {
                throw RecordError(locator: "line \(line)", "<\(name)> after the end of <OFX>")
            }
            guard stack.count < Self.deepestNesting else {
                throw RecordError(locator: "line \(line)", "elements are nested deeper than \(Self.deepestNesting) levels")
            }
            let index = stack.isEmpty ? 1 : stack[stack.count - 1].count(of: name)
            guard stack.last.map({ $0.children.count <= Self.mostKinds }) ?? true else {
                throw RecordError(locator: "line \(line)", "more than \(Self.mostKinds) kinds of element in one aggregate: not OFX")
            }
            stack.append(Frame(name: name, index: index, line: line))
            try builder.opened(stack)
        }

        func close(through position: Int) throws {
            while stack.count > position {
                try builder.closing(stack)
                stack.removeLast()
            }
        }

        var tokens = 0
        while let (token, line) = try reader.next() {
            tokens += 1
            context.reportProgress(tokens, bytes: reader.bytesRead)
            switch token {
            case .start(let name):
                if let aggregate = pending { try open(aggregate.name, line: aggregate.line) }
                pending = (name, line)
            case .text(let text):
                guard let leaf = pending else {
                    throw RecordError(locator: "line \(line)", "text \"\(text.prefix(40))\" outside any element: not OFX")
                }
                pending = nil
                guard !stack.isEmpty else { throw RecordError(locator: "line \(leaf.line)", "<\(leaf.name)> outside <OFX>") }
                try builder.value(leaf.name, text, in: stack, line: leaf.line)
                lastLeaf = leaf.name
                continue
            case .end(let name):
                if let leaf = pending {
                    pending = nil
                    if leaf.name == name {
                        // An empty element: <MEMO></MEMO> or <MEMO/>.
                        guard !stack.isEmpty else { throw RecordError(locator: "line \(leaf.line)", "<\(leaf.name)> outside <OFX>") }
                        try builder.value(leaf.name, "", in: stack, line: leaf.line)
                        lastLeaf = nil
                        continue
                    }
                    try open(leaf.name, line: leaf.line)
                }
                if lastLeaf == name {
                    // The optional end tag of the value just read.
                    lastLeaf = nil
                    continue
                }
                if let position = stack.lastIndex(where: { $0.name == name }) {
                    try close(through: position)
                } else {
                    unmatchedEnds += 1
                }
            }
            lastLeaf = nil
        }
        if let leaf = pending {
            throw RecordError(locator: "line \(leaf.line)", "the file ends at <\(leaf.name)>: it is cut short")
        }
        guard sawRoot else { throw RecordError("the file holds no <OFX> element") }
        if let open = stack.last {
            throw RecordError(locator: "line \(reader.line)", "the file ends inside <\(open.name)> (opened at line \(open.line)): it is cut short")
        }
        if unmatchedEnds > 0 {
            sink.remark("\(unmatchedEnds) end tag\(unmatchedEnds == 1 ? "" : "s") closing no open element ignored")
        }
        try builder.finish()
    }
}

/// One open aggregate: its name, its index among its parent's children of that name, the line
/// it opened on, and how many children of each name it has had so far.
struct Frame {
    var name: String
    var index: Int
    var line: Int
    var children: [String: Int] = [:]

    /// The index the next child named `name` gets (1-based), counted.
    mutating func count(of name: String) -> Int {
        let next = (children[name] ?? 0) + 1
        children[name] = next
        return next
    }
}
