/// A parsed YAML file: its root node, its source text, and the problems found in it.
public struct YAMLDocument: Sendable {
    /// The file path as given to the parser.
    public var file: String
    /// The first document's root node; `nil` for an empty file.
    public var root: YAMLNode?
    /// Problems that did not stop parsing (duplicate keys, unsupported features).
    public var problems: [YAMLError]
    /// The source split into lines, to locate text inside scalars.
    public var lines: [Substring]
    /// The source as Unicode scalars with its line starts, to trace a scalar's characters.
    let aligner: ScalarAligner

    public init(file: String, root: YAMLNode?, problems: [YAMLError], source: String) {
        self.file = file
        self.root = root
        self.problems = problems
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        self.aligner = ScalarAligner(source)
    }

    /// Where characters of a scalar's value are written: `offsets` count Unicode scalars
    /// from the start of `node`'s value (after interpolation, if any); the result has one
    /// mark per offset, in the same order. Inside block scalars (`|`, `>`, with any
    /// indentation and chomping) and quoted scalars (with escapes) each mark is the
    /// character's own line and column; where that cannot be traced (an alias, whose text
    /// is elsewhere) it is the node's own mark.
    public func marks(ofOffsets offsets: [Int], in node: YAMLNode) -> [SourceMark] {
        guard let scalar = node.scalar, node.mark.file == file,
            let start = aligner.index(line: node.mark.line, column: node.mark.column)
        else { return offsets.map { _ in node.mark } }
        let originalOffsets = ScalarEdit.originalOffsets(of: offsets, edits: scalar.edits)
        let indexes = aligner.indexes(
            of: originalOffsets, value: scalar.original ?? scalar.value, style: scalar.style, start: start)
        return indexes.map { index in
            guard let index else { return node.mark }
            let (line, column) = aligner.position(of: index)
            return SourceMark(file: file, line: line, column: column)
        }
    }

    /// Finds `needle` in the source at or after `mark` (searching a few lines on),
    /// so a diagnostic can point inside a scalar, at `${VAR}` or `{{user.nmae}}`.
    /// Falls back to `mark` when the text is not found verbatim (escaped scalars).
    public func locate(_ needle: String, from mark: SourceMark, searchLines: Int = 400) -> SourceMark {
        guard mark.line >= 1, !needle.isEmpty else { return mark }
        let last = min(lines.count, mark.line + searchLines)
        var lineIndex = mark.line
        while lineIndex <= last {
            let line = lines[lineIndex - 1]
            let startColumn = lineIndex == mark.line ? mark.column : 1
            let scalars = Array(line.unicodeScalars)
            let needleScalars = Array(needle.unicodeScalars)
            if scalars.count >= needleScalars.count, startColumn - 1 <= scalars.count - needleScalars.count {
                var i = max(0, startColumn - 1)
                while i + needleScalars.count <= scalars.count {
                    if scalars[i..<(i + needleScalars.count)].elementsEqual(needleScalars) {
                        return SourceMark(file: mark.file, line: lineIndex, column: i + 1)
                    }
                    i += 1
                }
            }
            lineIndex += 1
        }
        return mark
    }
}
