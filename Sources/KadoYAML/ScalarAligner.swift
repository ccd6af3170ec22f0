/// Finds where characters of a scalar's value are written in the file, so a diagnostic
/// can point at a tag inside a block scalar or a quoted string rather than at its start.
///
/// libyaml gives only the start of a scalar. Its value differs from the source text in
/// whitespace (the indentation of block scalars, folded line breaks, chomping) and in
/// escapes (`\n`, `\"`, `''`), never in other characters. So the value is walked along the
/// source: each character that is not whitespace is the next such character of the
/// source, after skipping whitespace and decoding escapes. If they ever disagree (an
/// alias, whose text is written elsewhere), the walk gives up and the caller falls back
/// to the scalar's start.
struct ScalarAligner {
    /// The whole file, as Unicode scalars.
    let source: [Unicode.Scalar]
    /// Where each line starts in `source`.
    let lineStarts: [Int]

    init(_ text: String) {
        var source: [Unicode.Scalar] = []
        source.reserveCapacity(text.utf8.count)
        var lineStarts = [0]
        for scalar in text.unicodeScalars {
            source.append(scalar)
            if scalar == "\n" { lineStarts.append(source.count) }
        }
        self.source = source
        self.lineStarts = lineStarts
    }

    /// The index in `source` of a 1-based line and column, if it is inside the file.
    func index(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let index = lineStarts[line - 1] + column - 1
        let lineEnd = line < lineStarts.count ? lineStarts[line] : source.count
        return index < lineEnd || (index == source.count && index == lineEnd) ? index : nil
    }

    /// The 1-based line and column of an index in `source`.
    func position(of index: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low + 1, index - lineStarts[low] + 1)
    }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r"
    }

    private static func isBreak(_ s: Unicode.Scalar) -> Bool {
        s == "\n" || s == "\r"
    }

    /// The source indexes of `offsets` (Unicode scalar offsets into `value`, in any order),
    /// for a scalar of `style` whose node starts at `start`; nil where the walk gave up.
    func indexes(of offsets: [Int], value: String, style: YAMLScalar.Style, start: Int) -> [Int?] {
        var result = [Int?](repeating: nil, count: offsets.count)
        guard !offsets.isEmpty, var p = contentStart(style: style, at: start) else { return result }
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var next = 0
        let quoted = style == .doubleQuoted
        var offset = 0
        for v in value.unicodeScalars {
            guard next < order.count else { break }
            if Self.isSpace(v) {
                var at = p
                if p < source.count, Self.isSpace(source[p]) {
                    p += 1
                } else if quoted, p + 1 < source.count, source[p] == "\\", !Self.isBreak(source[p + 1]) {
                    p += escapeLength(at: p)
                } else if quoted, p + 1 < source.count, source[p] == "\\" {
                    // An escaped line break, then the next line's indentation: no value.
                    p += 2
                    while p < source.count, source[p] == " " || source[p] == "\t" { p += 1 }
                    at = p
                    if p < source.count, Self.isSpace(source[p]) { p += 1 }
                }
                while next < order.count, offsets[order[next]] == offset {
                    result[order[next]] = at
                    next += 1
                }
            } else {
                skipWhitespace(&p, quoted: quoted)
                guard p < source.count else { return result }
                let at = p
                if quoted, source[p] == "\\" {
                    p += escapeLength(at: p)
                } else if style == .singleQuoted, v == "'", source[p] == "'" {
                    p += 2
                } else if source[p] == v {
                    p += 1
                } else {
                    return result
                }
                while next < order.count, offsets[order[next]] == offset {
                    result[order[next]] = at
                    next += 1
                }
            }
            offset += 1
        }
        // Offsets at (or past) the end of the value: where the walk ended.
        while next < order.count {
            result[order[next]] = min(p, source.count)
            next += 1
        }
        return result
    }

    /// Where the value's first character may be: after the opening quote, on the line after
    /// a block scalar's `|` or `>` header, or at a plain scalar's start, past any anchor or
    /// tag. nil for an alias (its text is elsewhere).
    private func contentStart(style: YAMLScalar.Style, at start: Int) -> Int? {
        var p = start
        guard p < source.count, source[p] != "*" else { return nil }
        while p < source.count, source[p] == "&" || source[p] == "!" {
            while p < source.count, !Self.isSpace(source[p]) { p += 1 }
            while p < source.count, Self.isSpace(source[p]) { p += 1 }
        }
        switch style {
        case .literal, .folded:
            guard p < source.count, source[p] == "|" || source[p] == ">" else { return nil }
            while p < source.count, source[p] != "\n" { p += 1 }
            return p + 1
        case .singleQuoted, .doubleQuoted:
            let quote: Unicode.Scalar = style == .singleQuoted ? "'" : "\""
            guard p < source.count, source[p] == quote else { return nil }
            return p + 1
        case .plain:
            return p
        }
    }

    private func skipWhitespace(_ p: inout Int, quoted: Bool) {
        while p < source.count {
            if Self.isSpace(source[p]) {
                p += 1
            } else if quoted, source[p] == "\\", p + 1 < source.count, Self.isBreak(source[p + 1]) {
                p += 2
            } else {
                return
            }
        }
    }

    /// The length of the double-quoted escape at `p` (a backslash and what follows).
    private func escapeLength(at p: Int) -> Int {
        guard p + 1 < source.count else { return 1 }
        switch source[p + 1] {
        case "x": return 4
        case "u": return 6
        case "U": return 10
        default: return 2
        }
    }
}
