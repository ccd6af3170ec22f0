import Foundation
import KadoYAML

/// A made-up customer to preview a tenant's messages with (`kado preview --sample`,
/// the studio): declared in `templates/<tenant>/samples.yaml`, or built in for the
/// tenant's locale when the file is absent (``builtIn(for:localesInUse:)``).
///
/// ```yaml
/// samples:
///   - name: Sanne de Vries
///     locale: nl-NL
///     email: sanne@example.com     # optional
///     phone: "06 1234 5678"        # optional; national numbers take the tenant's phone_country
///     attributes: {tier: gold}     # optional, free-form for now
/// ```
package struct SampleUser: Sendable, Hashable {
    /// One attribute as written, with where (so it can be checked against the tenant's
    /// declared attributes once there are any).
    package struct Attribute: Sendable, Hashable {
        package var name: String
        package var value: String
        package var mark: SourceMark?

        package init(name: String, value: String, mark: SourceMark? = nil) {
            self.name = name
            self.value = value
            self.mark = mark
        }
    }

    /// The display name; unique within the tenant (it names the sample in `--sample-name`
    /// and in the studio's `?sample=`).
    package var name: String
    /// The customer's own locale (what their audience row would say); nil: none.
    package var locale: String?
    package var email: String
    package var phone: String
    package var attributes: [Attribute]
    /// Where the sample is declared; nil for a built-in one.
    package var mark: SourceMark?

    package init(
        name: String, locale: String?, email: String, phone: String, attributes: [Attribute] = [],
        mark: SourceMark? = nil
    ) {
        self.name = name
        self.locale = locale
        self.email = email
        self.phone = phone
        self.attributes = attributes
        self.mark = mark
    }

    package var isBuiltIn: Bool { mark == nil }

    /// The sample as a message recipient (user id 0: no real user has it).
    package var recipient: TemplateValues.Recipient {
        TemplateValues.Recipient(id: 0, name: name, email: email, phone: phone, locale: locale)
    }

    /// The file the loader reads samples from, beside the tenant's templates.
    package static let fileName = "samples.yaml"

    static let sampleSchema = ObjectSchema(
        "A made-up customer for previews.",
        fields: [
            FieldSchema("name", .string(StringSchema("Full name, e.g. Sanne de Vries.")), required: true),
            FieldSchema(
                "locale",
                .string(StringSchema("The customer's own locale, e.g. nl-NL.", rule: Checks.locale))),
            FieldSchema("email", .string(StringSchema("Email address (default: made up from the name)."))),
            FieldSchema(
                "phone",
                .string(
                    StringSchema(
                        "Phone number, international (+31 6 ...) or national with the tenant's phone_country."
                    ))),
            FieldSchema(
                "attributes",
                .object(
                    ObjectSchema(
                        "Audience attributes of the customer, by name.", fields: [],
                        additional: .string(StringSchema("The attribute's value.")),
                        keyRule: StringSchema("Attribute name.", rule: Checks.identifier)))),
        ])

    static let schema = ObjectSchema(
        "Sample customers for previews: templates/<tenant>/samples.yaml.",
        fields: [
            FieldSchema(
                "samples",
                .array(
                    ArraySchema("The tenant's sample customers.", items: .object(sampleSchema), minItems: 1)),
                required: true)
        ])

    /// The samples of a schema-checked `samples.yaml`; names must be unique, addresses usable.
    static func samples(in node: YAMLNode, tenant: TenantConfig?, context: inout ConfigContext)
        -> [SampleUser]
    {
        var samples: [SampleUser] = []
        var seen: [String: SourceMark] = [:]
        for item in node["samples"]?.items ?? [] {
            guard let name = item.string("name") else { continue }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                context.error(item.mark("name"), "a sample's name must not be empty")
                continue
            }
            if let first = seen[trimmed] {
                context.error(
                    item.mark("name"),
                    "duplicate sample name '\(trimmed)' (also at line \(first.line)); names pick samples and must be unique"
                )
                continue
            }
            seen[trimmed] = item.mark("name")
            let fallback = builtInContact(name: trimmed, locale: item.string("locale") ?? tenant?.locale)
            let email = item.string("email") ?? fallback.email
            if item["email"] != nil {
                do {
                    _ = try MailAddress(address: email)
                } catch {
                    context.error(item.mark("email"), "'samples[].email': \(error)")
                }
            }
            let phone = item.string("phone") ?? fallback.phone
            if item["phone"] != nil, let tenant,
                case .failure(let problem) = PhoneNumber.normalized(phone, countryCode: tenant.phoneCountry)
            {
                context.error(item.mark("phone"), "'samples[].phone': \(problem.reason)")
            }
            let attributes = (item["attributes"]?.pairs ?? []).compactMap { pair -> Attribute? in
                guard let key = pair.key.scalar?.value, let value = pair.value.scalar, !value.isNull else {
                    return nil
                }
                return Attribute(name: key, value: value.value, mark: pair.key.mark)
            }
            samples.append(
                SampleUser(
                    name: trimmed, locale: item.string("locale"), email: email, phone: phone,
                    attributes: attributes, mark: item.mark))
        }
        return samples
    }
}
