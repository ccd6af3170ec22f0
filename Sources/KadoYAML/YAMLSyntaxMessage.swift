/// libyaml's syntax errors in words a marketer understands, with libyaml's own words after
/// them in parentheses (for whoever searches the web for them).
///
/// libyaml reports a *problem* ("did not find expected key") and often a *context* ("while
/// parsing a block mapping"); the table below matches on the problem, and on the context
/// where the same problem means different things.
enum YAMLSyntaxMessage {
    /// One known libyaml problem and how to say it.
    struct Entry: Sendable {
        /// Words of libyaml's problem text.
        var problem: String
        /// Words the context must contain, when the entry is specific to one.
        var context: String?
        var explanation: @Sendable (Details) -> String
    }

    /// What an explanation may mention.
    struct Details: Sendable {
        /// The character at the problem's position, if any.
        var character: Unicode.Scalar?
        /// Where the construct being parsed starts (libyaml's context mark), 1-based.
        var contextLine: Int
        var contextColumn: Int
    }

    static let entries: [Entry] = [
        Entry(problem: "mapping values are not allowed") { _ in
            "a ': ' here would start a new key, but a key cannot start inside this value: put the whole value in quotes if it holds ': ' (e.g. \"Note: today only\"), or indent this line like the keys around it"
        },
        Entry(problem: "did not find expected key") { _ in
            "this line does not fit the mapping above it: the keys of one mapping start in the same column, and a value with text after a closing quote or bracket must be quoted as a whole"
        },
        Entry(problem: "did not find expected '-' indicator") { _ in
            "the indentation of this line does not fit the list above it: each item starts with '- ' in the same column, and the keys of an item line up with its first key"
        },
        Entry(problem: "found character that cannot start any token") { details in
            switch details.character {
            case "\t":
                return "a tab character here: YAML indents with spaces only; replace the tab with spaces"
            case let c?:
                return
                    "a value cannot start with '\(c)'; put the value in quotes (e.g. \"\(c)home\")"
            case nil:
                return "this character cannot start a value; put the value in quotes"
            }
        },
        Entry(problem: "found a tab character") { _ in
            "a tab character in the indentation here: YAML indents with spaces only; replace the tab with spaces"
        },
        Entry(problem: "could not find expected ':'") { _ in
            "a key here has no ':' after it, or a line of text belongs to no key: write 'key: value', or indent the line under the value it continues (or quote a value that spans lines)"
        },
        Entry(problem: "found unexpected end of stream", context: "quoted scalar") { details in
            "the quoted text that starts at line \(details.contextLine), column \(details.contextColumn) is never closed: add the closing quote"
        },
        Entry(problem: "found unexpected end of stream") { details in
            "the file ends before what starts at line \(details.contextLine), column \(details.contextColumn) is closed"
        },
        Entry(problem: "did not find expected ',' or ']'") { details in
            "the list '[' that opens at line \(details.contextLine), column \(details.contextColumn) is not closed with ']' (or two of its items have no ',' between them)"
        },
        Entry(problem: "did not find expected ',' or '}'") { details in
            "the mapping '{' that opens at line \(details.contextLine), column \(details.contextColumn) is not closed with '}' (or two of its entries have no ',' between them)"
        },
        Entry(problem: "did not find expected node content") { _ in
            "a value is missing here"
        },
        Entry(problem: "block sequence entries are not allowed") { _ in
            "a list item ('- ') cannot start on the same line as its key: put the items on the lines below, indented under the key, or write the list as [a, b]"
        },
        Entry(problem: "did not find expected comment or line break", context: "block scalar") { _ in
            "after '|' or '>' the text starts on the next line; only '-', '+', an indentation digit or a # comment may follow them on this line"
        },
        Entry(problem: "indentation indicator equal to 0") { _ in
            "the indentation number after '|' or '>' must be from 1 to 9"
        },
        Entry(problem: "found unexpected document indicator") { _ in
            "a line that starts with '---' or '...' inside quoted text ends the document: indent that line, or write the text as a block with '|'"
        },
        Entry(problem: "found unknown escape character") { _ in
            "a backslash in double quotes starts an escape such as \\n; write \\\\ for a backslash, or use single quotes"
        },
        Entry(problem: "did not find expected hexdecimal number") { _ in
            "a \\x, \\u or \\U escape in double quotes needs hexadecimal digits; write \\\\ for a backslash, or use single quotes"
        },
        Entry(problem: "found invalid Unicode character escape code") { _ in
            "this \\u or \\U escape is not a Unicode character"
        },
        Entry(problem: "did not find expected alphabetic or numeric character") { _ in
            "'&' and '*' start an anchor or an alias and need a name after them; put the value in quotes if it begins with '&' or '*'"
        },
        Entry(problem: "found undefined alias") { _ in
            "an alias (*name) repeats a value marked &name earlier in the file, and there is none"
        },
        Entry(problem: "tag handle") { _ in
            "'!' starts a YAML tag, which kado files do not use; put the value in quotes if it begins with '!'"
        },
        Entry(problem: "tag", context: "tag") { _ in
            "'!' starts a YAML tag, which kado files do not use; put the value in quotes if it begins with '!'"
        },
        Entry(problem: "directive") { _ in
            "a line starting with '%' is a YAML directive, which kado files do not use: remove it, or put a value that starts with '%' in quotes"
        },
        Entry(problem: "", context: "directive") { _ in
            "a line starting with '%' is a YAML directive, which kado files do not use: remove it, or put a value that starts with '%' in quotes"
        },
        Entry(problem: "did not find expected <document start>") { _ in
            "there is text after the end of the document ('...'), and a file holds one document: remove the text, or the '...' before it"
        },
        Entry(problem: "found unexpected ':'") { _ in
            "a ':' inside [ ] or { } must be followed by a space, or the value must be in quotes"
        },
        Entry(problem: "control characters are not allowed") { details in
            let code =
                details.character.map { " (0x\(YAMLText.hex(UInt8(truncatingIfNeeded: $0.value))))" } ?? ""
            return
                "an invisible control character\(code) is here: remove it (it often comes with text pasted from another program)"
        },
        Entry(problem: "UTF-8") { _ in
            "the file is not valid UTF-8 text here: save it as UTF-8"
        },
    ]

    /// The message for libyaml's `problem` (and `context`), e.g. "the indentation of this line
    /// does not fit the list above it (did not find expected '-' indicator while parsing a
    /// block collection)".
    static func explain(problem: String, context: String?, details: Details) -> String {
        let raw = context.map { "\(problem) \($0)" } ?? problem
        let entry = entries.first { entry in
            (entry.problem.isEmpty || problem.contains(entry.problem))
                && (entry.context.map { context?.contains($0) ?? false } ?? true)
        }
        guard let entry else { return "this is not valid YAML (\(raw))" }
        return "\(entry.explanation(details)) (\(raw))"
    }
}
