extension SampleUser {
    /// A made-up name, address and number per language, so a tenant without
    /// `samples.yaml` previews with a customer who fits its locale.
    static let builtInPeople: [String: (name: String, email: String, phone: String)] = [
        "id": ("Ayu Lestari", "ayu.lestari@example.com", "+6281200000000"),
        "ms": ("Nur Aisyah", "nur.aisyah@example.com", "+60123456789"),
        "nl": ("Sanne de Vries", "sanne.devries@example.com", "+31612345678"),
        "en": ("Emily Carter", "emily.carter@example.com", "+12025550123"),
        "de": ("Lena Schmidt", "lena.schmidt@example.com", "+4915112345678"),
        "fr": ("Camille Martin", "camille.martin@example.com", "+33612345678"),
        "es": ("Lucía García", "lucia.garcia@example.com", "+34612345678"),
        "pt": ("Ana Souza", "ana.souza@example.com", "+5511912345678"),
        "it": ("Giulia Rossi", "giulia.rossi@example.com", "+393123456789"),
        "th": ("Somchai Srisuk", "somchai.srisuk@example.com", "+66812345678"),
        "vi": ("Nguyen Thi Lan", "nguyen.lan@example.com", "+84912345678"),
        "tl": ("Maria Santos", "maria.santos@example.com", "+639171234567"),
    ]

    /// A sample per language in use, the tenant's own first: its locale, then the other
    /// locales its templates have (one sample per language). A language without a built-in
    /// person gets a neutral one.
    package static func builtIn(for tenant: TenantConfig, localesInUse: [String]) -> [SampleUser] {
        var samples: [SampleUser] = []
        var languages: Set<String> = []
        for locale in [tenant.locale] + localesInUse.sorted() {
            let language = Self.language(of: locale)
            guard languages.insert(language).inserted else { continue }
            let person = builtInPeople[language] ?? ("Alex Morgan", "alex.morgan@example.com", "+12025550100")
            samples.append(
                SampleUser(name: person.name, locale: locale, email: person.email, phone: person.phone))
        }
        return samples
    }

    /// The built-in address and number for a declared sample that gives none: an address
    /// made from the name, the built-in number of its language.
    static func builtInContact(name: String, locale: String?) -> (email: String, phone: String) {
        let local = name.lowercased().unicodeScalars.compactMap { scalar -> Character? in
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { return Character(scalar) }
            return scalar == " " || scalar == "-" || scalar == "." ? "." : nil
        }
        let address = String(local).split(separator: ".").joined(separator: ".")
        let person = builtInPeople[locale.map(Self.language) ?? ""]
        return (
            (address.isEmpty ? "sample" : address) + "@example.com",
            person?.phone ?? "+12025550100"
        )
    }

    static func language(of locale: String) -> String {
        locale.split(separator: "-").first.map { $0.lowercased() } ?? locale.lowercased()
    }
}
