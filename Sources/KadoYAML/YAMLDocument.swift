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

    public init(file: String, root: YAMLNode?, problems: [YAMLError], source: String) {
        self.file = file
        self.root = root
        self.problems = problems
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
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
