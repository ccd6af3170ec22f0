import KadoEngine
import KadoYAML
import Testing

@testable import KadoStudio

@Suite("Diagnostics with their source line and a caret")
struct DiagnosticsViewTests {
    func mark(line: Int = 11, column: Int) -> SourceMark {
        SourceMark(file: "rules/sayakaya/birthday.yaml", line: line, column: column)
    }

    /// The excerpt's two lines as plain text (tags dropped, entities decoded).
    func lines(_ html: HTML) -> [String] {
        var text = html.markup.replacing(/<[^>]+>/, with: "")
        for (entity, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(separator: "\n").map(String.init)
    }

    @Test("the caret sits under the column, the character there is marked")
    func caret() {
        let html = DiagnosticsView.excerpt("  at: \"24:01\"", mark: mark(column: 7))
        #expect(lines(html) == ["11 |   at: \"24:01\"", "   |       ^"])
        #expect(html.markup.contains("<mark>&quot;</mark>"))
    }

    @Test("tabs stay tabs in the caret line, so it lines up however wide a tab is")
    func tabs() {
        let html = DiagnosticsView.excerpt("\tname:\tx", mark: mark(line: 3, column: 8))
        #expect(lines(html) == ["3 | \tname:\tx", "  | \t     \t^"])
    }

    @Test("a column past the end points after the last character")
    func pastEnd() {
        let html = DiagnosticsView.excerpt("id: x", mark: mark(line: 1, column: 6))
        #expect(lines(html) == ["1 | id: x", "  |      ^"])
        #expect(!html.markup.contains("<mark>"))
    }

    @Test("a long line is cut around the column, the caret still under it")
    func longLine() {
        let source = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 500)
        let html = DiagnosticsView.excerpt(source, mark: mark(line: 1, column: 501))
        let shown = lines(html)
        #expect(shown[0].count < 120 && shown[0].hasPrefix("1 | …") && shown[0].hasSuffix("…"))
        let x = shown[0].firstIndex(of: "X").map { shown[0].distance(from: shown[0].startIndex, to: $0) }
        let caret = shown[1].firstIndex(of: "^").map { shown[1].distance(from: shown[1].startIndex, to: $0) }
        #expect(x != nil && x == caret)
    }

    @Test("markup in a source line or a message is text")
    func escaped() {
        let html = DiagnosticsView.render([
            StudioDiagnostic(
                diagnostic: Diagnostic(at: mark(column: 1), "unknown key '<b>'"),
                sourceLine: "<script>x</script>: 1")
        ])
        #expect(!html.markup.contains("<script>") && !html.markup.contains("<b>"))
        #expect(
            html.markup.contains(
                "rules/sayakaya/birthday.yaml:11:1</span>: <span class=\"severity-error\">error"))
    }
}
