import KadoEngine

/// Who the rule page previews for, and where they stand with the occurrence, in the
/// engine's words (``Preview/Standing``).
enum SubjectView {
    /// The forms that choose a sample customer or a real user, and the date.
    static func forms(
        tenant: Configuration.Tenant, rule: RuleConfig, query: SubjectQuery, date: LocalDate,
        hasDatabase: Bool
    ) -> HTML {
        let action = RoutePaths.rule(tenant: tenant.config.id, rule: rule.id)
        let chosen: String? = {
            if case .sample(let name) = query.who { return name ?? tenant.samples.first?.name }
            return nil
        }()
        let options = tenant.samples.map { s -> HTML in
            let selected: HTML = s.name == chosen ? " selected" : ""
            return
                "<option value=\"\(s.name)\"\(selected)>\(s.name)\(s.locale.map { " (\($0))" } ?? "")</option>"
        }
        let userValue: String = {
            if case .user(let id) = query.who { return String(id) }
            return ""
        }()
        let userForm: HTML
        if hasDatabase {
            userForm = """
                <form class="subject" method="get" action="\(action)">
                <label for="user">Real user id<input id="user" name="user" inputmode="numeric" pattern="[0-9]+" required value="\(userValue)"></label>
                <label for="user-date">Occurrence date<input id="user-date" type="date" name="date" value="\(date.description)"></label>
                <button type="submit" id="show-user">Show this user</button>
                </form>
                """
        } else {
            userForm =
                "<p class=\"muted\">Real users by id need a database: start the studio with <code>--database-url URL</code> (or <code>DATABASE_URL</code>).</p>"
        }
        return """
            <section class="card" aria-labelledby="who-title">
            <h2 id="who-title">Preview as</h2>
            <form class="subject" method="get" action="\(action)">
            <label for="sample">Sample customer<select id="sample" name="sample">\(options)</select></label>
            <label for="sample-date">Occurrence date<input id="sample-date" type="date" name="date" value="\(date.description)"></label>
            <button type="submit" id="show-sample">Show this sample</button>
            </form>
            \(userForm)
            </section>
            """
    }

    /// Where the subject stands, for the whole rule (the first channel's view; what
    /// differs per channel is said in its section).
    static func standing(_ subject: Preview.Subject, date: LocalDate) -> HTML {
        let who = subject.recipient
        switch subject.standing {
        case .sample(let sample):
            let origin: HTML =
                sample.mark.map { "from <code>\($0.description)</code>" }
                ?? "built in for this tenant's locale"
            let attributes = sample.attributes.map { a -> HTML in "<code>\(a.name)</code> = \(a.value)" }
            let attributeLine: HTML =
                attributes.isEmpty ? .empty : "<p>Attributes: \(HTML.join(attributes, separator: ", "))</p>"
            return """
                <div class="banner ok" id="standing"><p>Sample customer <strong class="subject-name">\(sample.name)</strong>\
                \(sample.locale.map { " (\($0))" } ?? ""), \(origin): \(sample.email), \(sample.phone).</p>\(attributeLine)
                <p class="muted">The code is a sample (the real one is drawn when the occurrence runs); the terms are the rule's as it reads now.</p></div>
                """
        case .issued:
            return """
                <div class="banner ok" id="standing"><p>User \(who.id), <strong class="subject-name">\(who.name)</strong>, \
                got this promo on \(date.description): their code <code>\(subject.code)</code> and the terms as issued. \
                An email carries the Message-ID of their outbox row, as sent.</p></div>
                """
        case .notIssuedYet:
            return """
                <div class="banner ok" id="standing"><p>User \(who.id), <strong class="subject-name">\(who.name)</strong>, \
                is in the audience of \(date.description) as the data reads now. The promo is not issued yet: the code is a \
                sample and the terms are the rule's as it reads now.</p></div>
                """
        case .notInAudience(let reasons, let issued):
            let items = reasons.map { r -> HTML in "<li>\(r)</li>" }
            let ran: HTML =
                issued
                ? "The occurrence of \(date.description) was issued without them."
                : "Nothing is sent to them."
            return """
                <div class="banner warn" id="standing"><p>User \(who.id), <strong class="subject-name">\(who.name)</strong>: \
                <strong>not in this rule's audience on \(date.description), because:</strong></p><ul id="reasons">\(items)</ul><p>\(ran)</p></div>
                """
        }
    }
}
