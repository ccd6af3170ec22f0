import KadoYAML

/// A fact about a user that rules filter on and templates show: one of the built-in
/// attributes (from the audience source's column roles) or one the tenant declares under
/// `audience.attributes`.
package struct Attribute: Sendable, Hashable {
    /// Where the value comes from.
    package enum Source: Sendable, Hashable {
        case name, email, phone, locale, birthday, verified
        /// Whole years on the occurrence date, from the birthday.
        case age
        /// A declared column of the audience source.
        case column(String)
    }

    package var name: String
    package var type: AttributeType
    package var source: Source
    /// Where a declared attribute's name is written.
    package var mark: SourceMark?

    package init(name: String, type: AttributeType, source: Source, mark: SourceMark? = nil) {
        self.name = name
        self.type = type
        self.source = source
        self.mark = mark
    }

    /// The attributes every rule may use, whatever the tenant declares.
    package static let builtIn: [Attribute] = [
        Attribute(name: "name", type: .string, source: .name),
        Attribute(name: "email", type: .string, source: .email),
        Attribute(name: "phone", type: .string, source: .phone),
        Attribute(name: "locale", type: .string, source: .locale),
        Attribute(name: "birthday", type: .date, source: .birthday),
        Attribute(name: "verified", type: .boolean, source: .verified),
        Attribute(name: "age", type: .integer, source: .age),
    ]

    /// Names a declared attribute may not take: the built-in attributes, and the
    /// recipient's own template variables (`{{user.id}}`, `{{user.first_name}}`).
    static let reservedNames: Set<String> = Set(builtIn.map(\.name)).union(["id", "first_name"])

    /// Built-in attributes a template may show as `{{user.NAME}}` beside the recipient's own
    /// variables (`user.name`, `user.email`, ... are those already).
    static let templateBuiltIns: [Attribute] = builtIn.filter { $0.source == .birthday || $0.source == .age }
}
