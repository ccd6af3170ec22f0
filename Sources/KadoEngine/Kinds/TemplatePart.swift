import KadoYAML

/// One Mustache text of a template variant: an email's subject, a WhatsApp parameter, an
/// SMS's text.
package struct TemplatePart: Sendable, Hashable {
    /// The section's key the text is written under (`subject`, `parameters`).
    package var key: String
    /// The Mustache source.
    package var source: String
    /// Whether values are HTML-escaped (an email's HTML body); else they are inserted as is.
    package var html: Bool

    package init(key: String, source: String, html: Bool = false) {
        self.key = key
        self.source = source
        self.html = html
    }

    /// Where a kind's section holds its Mustache texts.
    package enum Source: Sendable {
        /// One text under `key`, HTML-escaped or not.
        case text(String, html: Bool = false)
        /// A list of texts under `key` (each one part, in order).
        case list(String)

        var key: String {
            switch self {
            case .text(let key, _), .list(let key): return key
            }
        }

        /// Whether its values are HTML-escaped.
        var html: Bool {
            if case .text(_, let escaped) = self { return escaped }
            return false
        }

        /// Its texts in one locale's `section` (none when the key is missing).
        func nodes(in section: YAMLNode) -> [YAMLNode] {
            switch self {
            case .text(let key, _): return section[key].map { [$0] } ?? []
            case .list(let key): return section[key]?.items ?? []
            }
        }
    }
}
