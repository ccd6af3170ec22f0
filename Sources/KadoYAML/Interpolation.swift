/// Replaces `${VAR}` and `${VAR:-default}` in scalar values with environment values.
///
/// `$${` writes a literal `${`. A variable that is unset (and has no default) is an
/// error naming the variable and where it is used. Keys are never interpolated.
public struct Interpolation: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Interpolates every scalar value in `document`, appending errors to its problems.
    public func apply(to document: inout YAMLDocument) {
        guard let root = document.root else { return }
        var problems: [YAMLError] = []
        document.root = interpolate(root, in: document, problems: &problems)
        document.problems.append(contentsOf: problems)
    }

    private func interpolate(_ node: YAMLNode, in document: YAMLDocument, problems: inout [YAMLError])
        -> YAMLNode
    {
        var node = node
        switch node.content {
        case .scalar(var scalar):
            guard scalar.value.contains("$") else { return node }
            let (value, changed) = expand(scalar.value, at: node.mark, in: document, problems: &problems)
            scalar.value = value
            scalar.isInterpolated = changed
            node.content = .scalar(scalar)
        case .mapping(let pairs):
            node.content = .mapping(
                pairs.map {
                    YAMLPair(key: $0.key, value: interpolate($0.value, in: document, problems: &problems))
                })
        case .sequence(let items):
            node.content = .sequence(items.map { interpolate($0, in: document, problems: &problems) })
        }
        return node
    }

    /// Expands one string; returns the result and whether any variable was substituted.
    func expand(
        _ text: String, at mark: SourceMark, in document: YAMLDocument, problems: inout [YAMLError]
    ) -> (String, Bool) {
        var output = ""
        var changed = false
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            if rest[afterDollar...].hasPrefix("${") {
                output += "${"
                rest = rest[rest.index(afterDollar, offsetBy: 2)...]
                continue
            }
            guard rest[afterDollar...].hasPrefix("{"),
                let close = rest[afterDollar...].firstIndex(of: "}")
            else {
                output.append("$")
                rest = rest[afterDollar...]
                continue
            }
            let body = rest[rest.index(after: afterDollar)..<close]
            let expression = String(rest[dollar...close])
            let name: Substring
            let fallback: Substring?
            if let sep = body.firstRange(of: ":-") {
                name = body[..<sep.lowerBound]
                fallback = body[sep.upperBound...]
            } else {
                name = body
                fallback = nil
            }
            let at = document.locate(expression, from: mark)
            if !Self.isValidName(name) {
                problems.append(
                    YAMLError(
                        mark: at,
                        message:
                            "'\(expression)' is not a valid variable reference (use ${NAME} or ${NAME:-default})"
                    ))
            } else if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
                output += value
                changed = true
            } else if let fallback {
                output += fallback
                changed = true
            } else {
                problems.append(
                    YAMLError(
                        mark: at,
                        message:
                            "environment variable '\(name)' is not set (used here; set it or write ${\(name):-default})"
                    ))
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return (output, changed)
    }

    private static func isValidName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first,
            first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }
}
