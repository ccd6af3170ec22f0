import KadoEngine

/// Markup that is safe to put in a page: text interpolated into it is escaped, and only
/// other ``HTML`` values go in as they are. Literals are the studio's own markup, so a
/// name, a subject or a YAML line from a file can never become a tag or an attribute.
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var markup: String

    init(stringLiteral literal: String) {
        markup = literal
    }

    init(stringInterpolation: StringInterpolation) {
        markup = stringInterpolation.markup
    }

    /// Markup the studio built itself (a joined list, say).
    private init(trusted markup: String) {
        self.markup = markup
    }

    var description: String { markup }

    static let empty: HTML = ""

    /// `text`, escaped.
    static func text(_ text: String) -> HTML {
        HTML(trusted: text.htmlEscaped)
    }

    /// The pieces one after another.
    static func join(_ pieces: [HTML], separator: HTML = "") -> HTML {
        HTML(trusted: pieces.map(\.markup).joined(separator: separator.markup))
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text: escaped, also for attribute values (quotes included).
        mutating func appendInterpolation(_ text: String) {
            markup += text.htmlEscaped
        }

        mutating func appendInterpolation(_ number: Int) {
            markup += String(number)
        }

        mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }

        mutating func appendInterpolation(_ pieces: [HTML]) {
            markup += pieces.map(\.markup).joined()
        }
    }
}
