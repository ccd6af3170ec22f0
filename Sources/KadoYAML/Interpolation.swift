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
        // Recursion is bounded: the parser refuses trees deeper than its depth limit.
        var node = node
        switch node.content {
        case .scalar(var scalar):
            guard scalar.value.contains("$") else { return node }
            let expansion = expand(scalar.value)
            if !expansion.problems.isEmpty {
                let marks = document.marks(ofOffsets: expansion.problems.map(\.offset), in: node)
                for (problem, mark) in zip(expansion.problems, marks) {
                    problems.append(YAMLError(mark: mark, message: problem.message))
                }
            }
            if !expansion.edits.isEmpty {
                scalar.original = scalar.value
                scalar.edits = expansion.edits
                scalar.value = expansion.value
            }
            scalar.isInterpolated = expansion.substituted
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

    /// One string's interpolation.
    struct Expansion {
        var value: String
        /// Whether any variable (or default) was substituted.
        var substituted: Bool
        var edits: [ScalarEdit]
        /// Problems, each at an offset (in Unicode scalars) into the original text.
        var problems: [(offset: Int, message: String)]
    }

    /// Expands one string.
    func expand(_ text: String) -> Expansion {
        let s = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var outputCount = 0
        var expansion = Expansion(value: "", substituted: false, edits: [], problems: [])
        var i = 0
        // The next '}' at or after an index, found once for all: `${${${...` stays linear.
        var nextClose: Int? = -1
        func closingBrace(from start: Int) -> Int? {
            if let found = nextClose, found < start {
                nextClose = s[start...].firstIndex(of: "}")
            }
            return nextClose
        }
        func replace(_ range: Range<Int>, with replacement: some Collection<Unicode.Scalar>) {
            output.append(contentsOf: replacement)
            expansion.edits.append(
                ScalarEdit(value: outputCount..<(outputCount + replacement.count), original: range))
            outputCount += replacement.count
        }
        while i < s.count {
            guard s[i] == "$", i + 1 < s.count else {
                output.append(s[i])
                outputCount += 1
                i += 1
                continue
            }
            if s[i + 1] == "$", i + 2 < s.count, s[i + 2] == "{" {
                replace(i..<(i + 3), with: "${".unicodeScalars)
                i += 3
                continue
            }
            guard s[i + 1] == "{", let close = closingBrace(from: i + 2) else {
                output.append(s[i])
                outputCount += 1
                i += 1
                continue
            }
            let body = String(String.UnicodeScalarView(s[(i + 2)..<close]))
            let expression = String(String.UnicodeScalarView(s[i...close]))
            let name: Substring
            let fallback: Substring?
            if let sep = body.firstRange(of: ":-") {
                name = body[..<sep.lowerBound]
                fallback = body[sep.upperBound...]
            } else {
                name = body[...]
                fallback = nil
            }
            if !Self.isValidName(name) {
                expansion.problems.append(
                    (i, "'\(expression)' is not a valid variable reference (use ${NAME} or ${NAME:-default})")
                )
                replace(i..<(close + 1), with: "".unicodeScalars)
            } else if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
                replace(i..<(close + 1), with: value.unicodeScalars)
                expansion.substituted = true
            } else if let fallback {
                replace(i..<(close + 1), with: fallback.unicodeScalars)
                expansion.substituted = true
            } else {
                expansion.problems.append(
                    (
                        i,
                        "environment variable '\(name)' is not set (used here; set it or write ${\(name):-default})"
                    ))
                replace(i..<(close + 1), with: "".unicodeScalars)
            }
            i = close + 1
        }
        expansion.value = String(output)
        return expansion
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
