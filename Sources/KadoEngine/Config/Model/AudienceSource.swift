import KadoYAML

/// Where a tenant's users live: a table or view in the backend's database and
/// the names of its columns. Defaults to the seed's `users` table.
package struct AudienceSource: Sendable, Hashable {
    /// The columns kado reads, by role.
    package struct Columns: Sendable, Hashable {
        package var id = "id"
        package var name = "name"
        package var email = "email"
        package var phone = "phone_number"
        package var birthday = "birthday"
        package var verified = "verified_status"
        /// Optional per-user locale column.
        package var locale: String?
        /// Optional per-user IANA time zone column (`Asia/Makassar`): messages with `send_at`
        /// and quiet hours follow each user's own clock.
        package var timezone: String?

        package init() {}
    }

    package var table: String = "users"
    package var columns = Columns()
    /// Further columns declared as typed attributes (`audience.attributes`), in file order.
    package var attributes: [Attribute] = []
    /// Declared attributes left out for a mistake of their own (reported in tenant.yaml): rules
    /// and templates naming them are not reported again.
    var faultyAttributes: Set<String> = []
    /// The tenant's time zone: a date attribute held in a `timestamptz` column is read as
    /// the local date in it.
    package var timeZone = "UTC"
    /// Where `table` is written (policy violations are reported there).
    package var tableMark: SourceMark?

    package init() {}

    /// The table or view as a quoted SQL identifier.
    package var quotedTable: String {
        table.split(separator: ".").map { AudienceSource.quote(String($0)) }.joined(separator: ".")
    }

    /// A column as a quoted SQL identifier.
    package func quoted(_ column: KeyPath<Columns, String>) -> String {
        AudienceSource.quote(columns[keyPath: column])
    }

    /// `SELECT user_id, name, email, phone, locale, without_consent, zone FROM <table> a`: the
    /// recipient columns under kado's names, addresses normalised (blank means none). The
    /// evaluator and `kado preview` both read users through it.
    package var recipientSelect: String { recipientSelect(consent: []) }

    /// ``recipientSelect`` whose `without_consent` (text[]) lists the channels of `consent`
    /// (a channel and its `opt_in` column) whose column is not true for the user.
    package func recipientSelect(consent: [(channel: String, column: String)]) -> String {
        recipientColumns(consent: consent) + "\n  FROM \(quotedTable) a"
    }

    /// `SELECT user_id, name, email, phone, locale, without_consent` over the table aliased
    /// `a`, without FROM.
    func recipientColumns(consent: [(channel: String, column: String)]) -> String {
        let locale = columns.locale.map { "a.\(AudienceSource.quote($0))::text" } ?? "NULL::text"
        let zone = columns.timezone.map { "a.\(AudienceSource.quote($0))::text" } ?? "NULL::text"
        let withoutConsent =
            consent.isEmpty
            ? "'{}'::text[]"
            : "array_remove(ARRAY["
                + consent.map { channel, column in
                    "CASE WHEN a.\(AudienceSource.quote(column)) IS NOT TRUE THEN '\(channel.replacingOccurrences(of: "'", with: "''"))' END"
                }.joined(separator: ", ") + "]::text[], NULL)"
        return """
            SELECT a.\(quoted(\.id)) AS user_id, a.\(quoted(\.name))::text AS name,
                   NULLIF(btrim(a.\(quoted(\.email))::text), '') AS email,
                   NULLIF(btrim(a.\(quoted(\.phone))::text), '') AS phone,
                   \(locale) AS locale, \(withoutConsent) AS without_consent, \(zone) AS zone
            """
    }

    /// Quotes an identifier (names are checked to be plain identifiers on load).
    package static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static var columnRoles: [(key: String, path: WritableKeyPath<Columns, String>, doc: String)] {
        [
            ("id", \.id, "Integer user id (default id)."),
            ("name", \.name, "Full name (default name)."),
            ("email", \.email, "Email address, NULL or empty when none (default email)."),
            (
                "phone", \.phone,
                "Phone number in international form, NULL or empty when none (default phone_number)."
            ),
            ("birthday", \.birthday, "Date of birth, a DATE column (default birthday)."),
            ("verified", \.verified, "Boolean: only true counts as verified (default verified_status)."),
        ]
    }

    static let schema = ObjectSchema(
        "The table or view holding this tenant's users, and its column names.",
        fields: [
            FieldSchema(
                "table",
                .string(
                    StringSchema(
                        "Table or view (schema.table allowed).", rule: Checks.sqlRelation, default: "users"))),
            FieldSchema(
                "columns",
                .object(
                    ObjectSchema(
                        "Column names by role; every role defaults to the seed's users table.",
                        fields: columnRoles.map {
                            FieldSchema(
                                $0.key,
                                .string(
                                    StringSchema($0.doc, rule: Checks.sqlIdentifier)))
                        } + [
                            FieldSchema(
                                "locale",
                                .string(
                                    StringSchema(
                                        "Optional per-user locale column (e.g. en-US).",
                                        rule: Checks.sqlIdentifier))),
                            FieldSchema(
                                "timezone",
                                .string(
                                    StringSchema(
                                        "Optional per-user IANA time zone column (e.g. Asia/Makassar): send_at and quiet hours follow each user's clock; NULL or an unknown zone means the tenant's.",
                                        rule: Checks.sqlIdentifier))),
                        ]))),
            FieldSchema(
                "attributes",
                .object(
                    ObjectSchema(
                        "Further columns of the table as typed attributes, by name: for rule conditions (audience.where), triggers (anniversary, relative) and {{user.NAME}} in templates.",
                        fields: [], additional: .object(attributeSchema),
                        keyRule: StringSchema(
                            "Attribute name (not a built-in one: name, email, phone, locale, birthday, verified, age).",
                            rule: Checks.attributeName)))),
        ])

    static let attributeSchema = ObjectSchema(
        "A column read as a typed attribute.",
        fields: [
            FieldSchema(
                "column", .string(StringSchema("The column's name.", rule: Checks.sqlIdentifier)),
                required: true),
            FieldSchema(
                "type",
                .string(
                    StringSchema(
                        "string, integer, number, boolean or date (a timestamp or timestamptz column is read as the tenant-local date).",
                        allowed: AttributeType.allCases.map(\.rawValue))),
                required: true),
        ])

    init(node: YAMLNode?, context: inout ConfigContext) {
        guard let node else { return }
        if let table = node.string("table") {
            self.table = table
            self.tableMark = node["table"]?.mark
        }
        if let columns = node["columns"] {
            for role in Self.columnRoles {
                if let name = columns.string(role.key) { self.columns[keyPath: role.path] = name }
            }
            self.columns.locale = columns.string("locale")
            self.columns.timezone = columns.string("timezone")
        }
        for pair in node["attributes"]?.pairs ?? [] {
            guard let name = pair.key.scalar?.value, Checks.attributeName.matches(name) else { continue }
            if Attribute.reservedNames.contains(name) {
                faultyAttributes.insert(name)
                let what =
                    Attribute.builtIn.contains { $0.name == name }
                    ? "a built-in attribute every rule may use"
                    : "the recipient's own template variable {{user.\(name)}}"
                context.error(
                    pair.key.mark, "attribute '\(name)' reuses the name of \(what); give it another name")
                continue
            }
            guard let column = pair.value.string("column"),
                let type = pair.value.string("type").flatMap(AttributeType.init(rawValue:))
            else {
                faultyAttributes.insert(name)
                continue
            }
            attributes.append(Attribute(name: name, type: type, source: .column(column), mark: pair.key.mark))
        }
    }

    /// The attribute a rule or template names: a built-in one or a declared one.
    package func attribute(named name: String) -> Attribute? {
        Attribute.builtIn.first { $0.name == name } ?? attributes.first { $0.name == name }
    }

    /// Every attribute name a rule may use, built-in first.
    package var attributeNames: [String] {
        Attribute.builtIn.map(\.name) + attributes.map(\.name)
    }
}
