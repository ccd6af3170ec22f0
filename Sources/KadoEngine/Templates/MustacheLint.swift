/// Checks a Mustache template's tags against ``TemplateVariables`` without
/// rendering it: unknown names, unclosed or mismatched sections, partials, and (in an
/// HTML body) tags that would write a value without HTML escaping.
package enum MustacheLint {
    /// A problem, the tag text it concerns, and where that tag starts in the template.
    package struct Problem: Sendable, Hashable {
        package var tag: String
        package var message: String
        /// Where the tag's `{{` is, in Unicode scalars from the start of the template.
        package var offset: Int
    }

    /// The problems of `template`, in order. With `html`, `{{{name}}}` and `{{& name}}` are
    /// problems too: an HTML body escapes every variable, so that a user's name such as
    /// `<script>` shows as text.
    package static func check(_ template: String, html: Bool = false, model: TemplateModel = .standard)
        -> [Problem]
    {
        scan(template, html: html, model: model).problems
    }

    /// The variables `template` uses, as absolute paths (`user.tier`, also for `{{tier}}` inside
    /// `{{#user}}`).
    package static func variables(in template: String, model: TemplateModel = .standard) -> Set<String> {
        scan(template, html: false, model: model).used
    }

    /// The problems of `template` and the variables it uses.
    static func scan(_ template: String, html: Bool, model: TemplateModel) -> (
        problems: [Problem], used: Set<String>
    ) {
        var problems: [Problem] = []
        var used = Set<String>()
        var sections: [(name: String, tag: String, offset: Int)] = []
        var rest = Substring(template)
        // Scalar offsets are counted as the scan moves on, so the whole check stays linear.
        var counted = template.startIndex
        var countedOffset = 0
        func offset(of index: String.Index) -> Int {
            countedOffset += template.unicodeScalars.distance(from: counted, to: index)
            counted = index
            return countedOffset
        }
        while let open = rest.firstRange(of: "{{") {
            let at = offset(of: open.lowerBound)
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[bodyStart...].firstRange(of: closer) else {
                problems.append(
                    Problem(
                        tag: String(rest[open.lowerBound...].prefix(20)),
                        message: "unclosed tag: missing '\(closer)'", offset: at))
                break
            }
            // `{{promo.code} ... {{next}}`: the tag ends before the next one opens, unclosed.
            // (A comment may hold anything.)
            if rest[bodyStart...].first != "!",
                let next = rest[bodyStart..<close.lowerBound].firstRange(of: "{{")
            {
                // Shown up to its first '}' or the end of its word: `{{promo.code}`.
                let text = rest[open.lowerBound..<next.lowerBound]
                let end =
                    text[bodyStart...].firstIndex(of: "}").map { text.index(after: $0) }
                    ?? text[bodyStart...].firstIndex(where: \.isWhitespace) ?? text.endIndex
                let shown = String(text[..<end].prefix(40))
                problems.append(
                    Problem(
                        tag: shown, message: "unclosed tag: '\(shown)' is missing '\(closer)'", offset: at))
                rest = rest[next.lowerBound...]
                continue
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
            if html && (triple || sigil == "&") {
                problems.append(
                    Problem(
                        tag: tag,
                        message:
                            "'\(tag)' writes '\(name)' into the HTML without escaping it, so a value such as a user's name could add HTML or scripts to the email; write {{\(name)}} (kado escapes it)",
                        offset: at))
            }
            switch sigil {
            case "!":
                continue
            case ">":
                problems.append(
                    Problem(
                        tag: tag, message: "partials ('{{> \(name)}}') are not supported in kado templates",
                        offset: at))
                continue
            case "=":
                problems.append(
                    Problem(
                        tag: tag, message: "changing delimiters is not supported in kado templates",
                        offset: at))
                continue
            case "/":
                if let last = sections.last, last.name == name {
                    sections.removeLast()
                } else if let last = sections.last {
                    problems.append(
                        Problem(
                            tag: tag,
                            message:
                                "'{{/\(name)}}' closes a section, but '{{#\(last.name)}}' is the one open",
                            offset: at))
                } else {
                    problems.append(
                        Problem(
                            tag: tag, message: "'{{/\(name)}}' closes a section that was never opened",
                            offset: at))
                }
                continue
            default:
                break
            }
            if name.isEmpty {
                problems.append(Problem(tag: tag, message: "empty tag", offset: at))
            } else if name != "." {
                if let path = resolved(name, sections: sections.map(\.name), model: model) {
                    used.insert(path)
                } else {
                    problems.append(
                        Problem(
                            tag: tag,
                            message:
                                "unknown template variable '\(name)'\(Suggestion.hint(for: name, in: model.allPaths)); see `kado schema` or the README for the variables",
                            offset: at))
                }
            }
            if sigil == "#" || sigil == "^" { sections.append((name, tag, at)) }
        }
        for section in sections {
            problems.append(
                Problem(
                    tag: section.tag,
                    message: "section '\(section.name)' is never closed with '{{/\(section.name)}}'",
                    offset: section.offset))
        }
        return (problems, used)
    }

    /// The absolute path a name resolves to: itself, or relative to an open section
    /// (Mustache's context stack); nil when it resolves to nothing.
    private static func resolved(_ name: String, sections: [String], model: TemplateModel) -> String? {
        let path = name.split(separator: ".").map(String.init)
        if model.resolves(path) { return path.joined(separator: ".") }
        for section in sections.reversed() {
            let base = section.split(separator: ".").map(String.init)
            if model.resolves(base + path) { return (base + path).joined(separator: ".") }
        }
        return nil
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
