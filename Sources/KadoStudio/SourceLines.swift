import Foundation
import KadoEngine

/// Reads the lines diagnostics point at, each file once. Blocking: call it through
/// ``BlockingQueue``.
enum SourceLines {
    /// Files larger than this are not read for excerpts (the loader refuses them anyway).
    static let maxBytes = 1 << 20
    /// A line is shown at most this long, around its column.
    static let maxLineLength = 240

    static func attach(to diagnostics: [Diagnostic]) -> [StudioDiagnostic] {
        var files: [String: [Substring]?] = [:]
        return diagnostics.map { diagnostic in
            let file = diagnostic.mark.file
            if files[file] == nil { files[file] = lines(of: file) }
            let lines = files[file] ?? nil
            let index = diagnostic.mark.line - 1
            guard let lines, lines.indices.contains(index) else {
                return StudioDiagnostic(diagnostic: diagnostic, sourceLine: nil)
            }
            return StudioDiagnostic(diagnostic: diagnostic, sourceLine: printable(lines[index]))
        }
    }

    private static func lines(of file: String) -> [Substring]? {
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maxBytes), !data.isEmpty else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Control characters (but tabs) shown as U+FFFD, so the line is text a page can show;
    /// one character stays one character, so columns still line up.
    private static func printable(_ line: Substring) -> String {
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars where scalar != "\r" {
            let control = scalar.properties.generalCategory == .control && scalar != "\t"
            out.append(control ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }
}
