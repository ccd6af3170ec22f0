import CYAML

/// Turns YAML text into a ``YAMLDocument`` with libyaml, keeping every node's
/// line and column and rejecting duplicate keys (libyaml itself accepts them).
public enum YAMLParser {
    /// Parses a file's bytes: checks the size, then that they are UTF-8 text without NUL
    /// bytes (``YAMLText``), then parses them.
    public static func parse(
        bytes: [UInt8], file: String, limits: YAMLLimits = .standard
    ) throws(YAMLError) -> YAMLDocument {
        try checkSize(bytes.count, file: file, limits: limits)
        let text = try YAMLText.decode(bytes, file: file)
        return try parseChecked(text, file: file, limits: limits)
    }

    /// Parses `source`, naming `file` in every mark.
    ///
    /// A syntax error, or a file beyond `limits`, throws ``YAMLError`` at the place it is
    /// found; duplicate keys, a second document and other problems that do not stop
    /// parsing are collected in ``YAMLDocument/problems``.
    public static func parse(
        _ source: String, file: String, limits: YAMLLimits = .standard
    ) throws(YAMLError) -> YAMLDocument {
        try checkSize(source.utf8.count, file: file, limits: limits)
        if let problem = YAMLText.firstProblem(in: Array(source.utf8)) {
            throw YAMLError(
                mark: SourceMark(file: file, line: problem.line, column: problem.column),
                message: problem.message)
        }
        return try parseChecked(source, file: file, limits: limits)
    }

    private static func checkSize(_ count: Int, file: String, limits: YAMLLimits) throws(YAMLError) {
        guard count <= limits.maxBytes else {
            throw YAMLError(
                mark: SourceMark(file: file, line: 1, column: 1),
                message:
                    "this file is larger than \(limits.sizeDescription) (\(limits.maxBytes) bytes), which no rule or template needs (they are a few KB): is it the right file? It is not read"
            )
        }
    }

    private static func parseChecked(
        _ source: String, file: String, limits: YAMLLimits
    ) throws(YAMLError) -> YAMLDocument {
        var builder = TreeBuilder(file: file, limits: limits)
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
                    return .failure(syntaxError(parser, source: buffer, file: file))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return .success(()) }
                switch builder.handle(event) {
                case .proceed: continue
                case .stop: return .success(())
                case .fatal(let error): return .failure(error)
                }
            }
        }
        if case .failure(let error) = result { throw error }
        return YAMLDocument(file: file, root: builder.root, problems: builder.problems, source: source)
    }

    private static func syntaxError(
        _ parser: yaml_parser_t, source: UnsafeMutableBufferPointer<UInt8>, file: String
    ) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        var line = Int(parser.problem_mark.line) + 1
        var column = Int(parser.problem_mark.column) + 1
        var character: Unicode.Scalar?
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset and the offending value, not a mark.
            (line, column) = position(ofByte: Int(parser.problem_offset), in: source)
            character = Unicode.Scalar(UInt32(truncatingIfNeeded: parser.problem_value))
        } else {
            character = self.character(line: line, column: column, in: source)
        }
        // At the end of the input (an unclosed quote or bracket) libyaml's problem mark is
        // the end of the file; where the unclosed construct starts is what the user must fix.
        if problem.contains("end of stream") && parser.context != nil {
            line = Int(parser.context_mark.line) + 1
            column = Int(parser.context_mark.column) + 1
        }
        let details = YAMLSyntaxMessage.Details(
            character: character, contextLine: Int(parser.context_mark.line) + 1,
            contextColumn: Int(parser.context_mark.column) + 1)
        return YAMLError(
            mark: SourceMark(file: file, line: line, column: column),
            message:
                "malformed YAML: \(YAMLSyntaxMessage.explain(problem: problem, context: context, details: details))"
        )
    }

    /// The 1-based line and column (in characters) of the byte at `offset`.
    private static func position(ofByte offset: Int, in source: UnsafeMutableBufferPointer<UInt8>) -> (
        Int, Int
    ) {
        var line = 1
        var column = 1
        for byte in source.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The character at a 1-based line and column, if there is one.
    private static func character(
        line: Int, column: Int, in source: UnsafeMutableBufferPointer<UInt8>
    ) -> Unicode.Scalar? {
        var currentLine = 1
        var start = 0
        while currentLine < line, let newline = source[start...].firstIndex(of: 0x0A) {
            start = newline + 1
            currentLine += 1
        }
        guard currentLine == line else { return nil }
        let end = source[start...].firstIndex(of: 0x0A) ?? source.endIndex
        let text = String(decoding: UnsafeBufferPointer(rebasing: source[start..<end]), as: UTF8.self)
        return text.unicodeScalars.dropFirst(column - 1).first
    }
}
