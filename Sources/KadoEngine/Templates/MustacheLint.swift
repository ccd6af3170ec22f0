/// Checks a Mustache template's tags against ``TemplateVariables`` without
/// rendering it: unknown names, unclosed or mismatched sections, partials.
public enum MustacheLint {
    /// A problem and the tag text it concerns (to locate it in the source).
    public struct Problem: Sendable, Hashable {
        public var tag: String
        public var message: String
    }

    public static func check(_ template: String) -> [Problem] {
        var problems: [Problem] = []
        var sections: [(name: String, tag: String)] = []
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[bodyStart...].firstRange(of: closer) else {
                problems.append(
                    Problem(
                        tag: String(rest[open.lowerBound...].prefix(20)),
                        message: "unclosed tag: missing '\(closer)'"))
                break
            }
            let tag = String(rest[open.lowerBound..<close.upperBound])
            var body = rest[bodyStart..<close.lowerBound].trimmingWhitespace()
            rest = rest[close.upperBound...]
            var sigil: Character = " "
            if !triple, let first = body.first, "#^/&!>=".contains(first) {
                sigil = first
                body = body.dropFirst().trimmingWhitespace()
            }
            let name = String(body)
            switch sigil {
            case "!":
                continue
            case ">":
                problems.append(
                    Problem(
                        tag: tag, message: "partials ('{{> \(name)}}') are not supported in kado templates"))
                continue
            case "=":
                problems.append(
                    Problem(tag: tag, message: "changing delimiters is not supported in kado templates"))
                continue
            case "/":
                if let last = sections.last, last.name == name {
                    sections.removeLast()
                } else if let last = sections.last {
                    problems.append(
                        Problem(
                            tag: tag,
                            message:
                                "'{{/\(name)}}' closes a section, but '{{#\(last.name)}}' is the one open"))
                } else {
                    problems.append(
                        Problem(tag: tag, message: "'{{/\(name)}}' closes a section that was never opened"))
                }
                continue
            default:
                break
            }
            if name.isEmpty {
                problems.append(Problem(tag: tag, message: "empty tag"))
            } else if name != "." && !resolves(name, sections: sections.map(\.name)) {
                problems.append(
                    Problem(
                        tag: tag,
                        message:
                            "unknown template variable '\(name)'\(Suggestion.hint(for: name, in: TemplateVariables.allPaths)); see `kado schema` or the README for the variables"
                    ))
            }
            if sigil == "#" || sigil == "^" { sections.append((name, tag)) }
        }
        for section in sections {
            problems.append(
                Problem(
                    tag: section.tag,
                    message: "section '\(section.name)' is never closed with '{{/\(section.name)}}'"))
        }
        return problems
    }

    /// A name resolves absolutely, or relative to an open section (Mustache's context stack).
    private static func resolves(_ name: String, sections: [String]) -> Bool {
        let path = name.split(separator: ".").map(String.init)
        if TemplateVariables.resolves(path) { return true }
        for section in sections.reversed() {
            let base = section.split(separator: ".").map(String.init)
            if TemplateVariables.resolves(base + path) { return true }
        }
        return false
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
