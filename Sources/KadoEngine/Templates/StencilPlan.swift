/// What a template variant's tags need from a ``MessageStencil``: whether one can render it
/// exactly as Mustache would, and which recipient attributes (`user.tier`, `trigger.years`)
/// get slots.
///
/// A stencil renders the variant once with the promo's constants, so it is usable only when
/// what Mustache does cannot depend on a recipient except through the slots' text and the
/// attributes' truthiness (part of the stencil's key). It is not built, and the variant is
/// rendered with Mustache for every message, when a tag is anything but a plain variable or
/// a section on a value (`{{#discount.is_percent}}`, `{{#user.points}}`,
/// `{{#unsubscribe_url}}`): a section on an object (`{{#user}}`), a transform, `.`, a
/// partial, a block or a pragma, a name outside the variable model's roots, or text holding
/// a marker scalar.
struct StencilPlan: Sendable {
    /// The recipient's own values, slots 0 to 6; attribute slots follow.
    static let recipientPaths = [
        "user.id", "user.name", "user.first_name", "user.email", "user.phone", "promo.code",
        "unsubscribe_url",
    ]
    static let roots: Set<String> = [
        "user", "promo", "discount", "tenant", "rule", "trigger", "unsubscribe_url",
    ]
    static let userKeys: Set<String> = ["id", "name", "first_name", "email", "phone", "locale"]
    /// Attribute slots at most (their truthiness is a bit of a `UInt64` key).
    static let maxAttributes = 56

    /// `user.X` and `trigger.X` paths the sources use that are not built-in values, in slot order.
    let attributes: [String]

    /// The plan for these template sources; nil when a stencil cannot render them exactly.
    init?(sources: [String]) {
        var attributes = Set<String>()
        for source in sources {
            if TemplateStencil.holdsMarker(source) { return nil }
            guard let tags = Self.tags(in: source) else { return nil }
            for (sigil, name) in tags where sigil != "!" && sigil != "/" {
                guard sigil == " " || sigil == "&" || sigil == "{" || sigil == "#" || sigil == "^" else {
                    return nil
                }
                let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard let head = parts.first, Self.roots.contains(head),
                    parts.allSatisfy({
                        !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                    })
                else { return nil }
                if head == "unsubscribe_url" {
                    guard parts.count == 1 else { return nil }
                    continue
                }
                // A section on an object would make its members relative names; only values.
                guard parts.count == 2 else { return nil }
                if head == "trigger" || (head == "user" && !Self.userKeys.contains(parts[1])) {
                    attributes.insert(name)
                }
            }
        }
        guard attributes.count <= Self.maxAttributes else { return nil }
        self.attributes = attributes.sorted()
    }

    /// Every tag of `source` as (sigil, name): the sigil is `{` for `{{{name}}}`, one of
    /// `#^/&!>=%$<` when the tag starts with it, else a space. Nil when a tag is not closed.
    static func tags(in source: String) -> [(Character, String)]? {
        var tags: [(Character, String)] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            let triple = rest[open.upperBound...].hasPrefix("{")
            let start = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[start...].firstRange(of: triple ? "}}}" : "}}") else { return nil }
            var body = rest[start..<close.lowerBound].trimmingWhitespace()
            rest = rest[close.upperBound...]
            var sigil: Character = triple ? "{" : " "
            if !triple, let first = body.first, "#^/&!>=%$<".contains(first) {
                sigil = first
                body = body.dropFirst().trimmingWhitespace()
            }
            tags.append((sigil, String(body)))
        }
        return tags
    }
}
