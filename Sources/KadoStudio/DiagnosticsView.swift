import KadoEngine
import KadoYAML

/// Every problem of the tree, as `kado validate` reports it, grouped by file: the
/// `FILE:LINE:COL: error: MESSAGE` line, then the source line with the column marked
/// and a caret under it.
enum DiagnosticsView {
    /// Characters of a long line shown around the column.
    static let window = 100

    static func render(_ diagnostics: [StudioDiagnostic]) -> HTML {
        guard !diagnostics.isEmpty else { return .empty }
        let errors = diagnostics.filter { $0.diagnostic.severity == .error }.count
        let warnings = diagnostics.count - errors
        var files: [String] = []
        for d in diagnostics where !files.contains(d.file) { files.append(d.file) }
        let groups = files.map { file -> HTML in
            let items = diagnostics.filter { $0.file == file }.map(item)
            return """
                <h3 id="\(anchor(file))"><code>\(file)</code></h3>
                <ul class="plain">\(items)</ul>
                """
        }
        var counts: [HTML] = []
        if errors > 0 {
            counts.append("<span class=\"badge bad\">\(errors) error\(errors == 1 ? "" : "s")</span>")
        }
        if warnings > 0 {
            counts.append("<span class=\"badge warn\">\(warnings) warning\(warnings == 1 ? "" : "s")</span>")
        }
        return """
            <section class="card diagnostics" id="diagnostics" aria-labelledby="diagnostics-title">
            <h2 id="diagnostics-title">Problems \(HTML.join(counts, separator: " "))</h2>
            <p class="muted">What <code>kado validate</code> reports, grouped by file.</p>
            \(groups)
            </section>
            """
    }

    /// The id of a file's group, for links from a rule's state.
    static func anchor(_ file: String) -> String {
        "file-" + String(file.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    private static func item(_ d: StudioDiagnostic) -> HTML {
        let severity = d.diagnostic.severity.rawValue
        let line: HTML =
            "<p><span class=\"where\">\(d.diagnostic.mark.description)</span>: <span class=\"severity-\(severity)\">\(severity)</span>: \(d.diagnostic.message)</p>"
        guard let source = d.sourceLine else { return "<li class=\"diagnostic\">\(line)</li>" }
        return "<li class=\"diagnostic\">\(line)\(excerpt(source, mark: d.diagnostic.mark))</li>"
    }

    /// The line with the character at the column in `<mark>` and a caret line under it
    /// (tabs kept as tabs so the caret lines up); long lines cut around the column.
    static func excerpt(_ source: String, mark: SourceMark) -> HTML {
        let scalars = Array(source.unicodeScalars)
        let column = max(0, mark.column - 1)
        var start = 0
        var end = scalars.count
        if scalars.count > window {
            start = max(0, min(column - window / 2, scalars.count - window))
            end = min(scalars.count, start + window)
        }
        let before = String(String.UnicodeScalarView(scalars[start..<min(max(column, start), end)]))
        let at = column < end && column >= start ? String(scalars[column]) : ""
        let afterStart = min(end, max(column + (at.isEmpty ? 0 : 1), start))
        let after = String(String.UnicodeScalarView(scalars[afterStart..<end]))
        let lead = start > 0 ? "…" : ""
        let tail = end < scalars.count ? "…" : ""
        let number = String(mark.line)
        let gutter = String(repeating: " ", count: number.count)
        let pad = String(
            (lead + before).unicodeScalars.map { $0 == "\t" ? "\t" : " " as Character })
        let marked: HTML = at.isEmpty ? .empty : "<mark>\(at)</mark>"
        return """
            <pre class="excerpt" aria-label="line \(number), column \(mark.column)"><span class="lineno">\(number) | </span>\(lead)\(before)\(marked)\(after)\(tail)
            <span class="lineno">\(gutter) | </span><span class="caret">\(pad)^</span></pre>
            """
    }
}
