import CYAML

/// Turns YAML text into a ``YAMLDocument`` with libyaml, keeping every node's
/// line and column and rejecting duplicate keys (libyaml itself accepts them).
public enum YAMLParser {
    /// Parses `source`, naming `file` in every mark.
    ///
    /// A syntax error throws ``YAMLError`` at the place libyaml reports; duplicate
    /// keys and other non-fatal problems are collected in ``YAMLDocument/problems``.
    public static func parse(_ source: String, file: String) throws(YAMLError) -> YAMLDocument {
        var builder = TreeBuilder(file: file)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(
                mark: SourceMark(file: file, line: 1, column: 1), message: "cannot initialise the YAML parser"
            )
        }
        defer { yaml_parser_delete(&parser) }

        var bytes = Array(source.utf8)
        let count = bytes.count
        let result: Result<Void, YAMLError> = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(syntaxError(parser, file: file))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return .success(()) }
                if let error = builder.handle(event) { return .failure(error) }
                if builder.finishedFirstDocument { return .success(()) }
            }
        }
        if case .failure(let error) = result { throw error }
        return YAMLDocument(file: file, root: builder.root, problems: builder.problems, source: source)
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        // At the end of the input (an unclosed quote or bracket) libyaml's problem mark is
        // the end of the file; where the unclosed construct starts is what the user must fix.
        let mark =
            problem.contains("end of stream") && parser.context != nil
            ? parser.context_mark : parser.problem_mark
        return YAMLError(
            mark: SourceMark(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1),
            message: "malformed YAML: \(message)")
    }
}
