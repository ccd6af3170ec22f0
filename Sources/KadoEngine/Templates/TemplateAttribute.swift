import Mustache

/// An attribute's value in a message: its text in the message's locale for `{{user.tier}}`, and
/// whether `{{#user.vip}}...{{/user.vip}}` shows (a value that is known and not false).
struct TemplateAttribute: Sendable, Hashable, MustacheCustomRenderable {
    let shown: String
    let truthy: Bool

    var renderText: String { shown }
    var isNull: Bool { !truthy }

    /// Nothing known: empty, and sections stay hidden.
    static let missing = TemplateAttribute(shown: "", truthy: false)
}
