import KadoPostgres

extension Preview {
    /// Who a preview is for, and what the engine says they get: the recipient, the code
    /// and promo terms to render with, and the outbox row whose Message-ID to carry.
    package struct Subject: Sendable, Hashable {
        package var recipient: TemplateValues.Recipient
        package var code: String
        /// The issued promo's terms; nil: the rule's as it reads now.
        package var terms: PromoTerms?
        /// The user's outbox row on the channel, when one was written.
        package var outboxID: Int64?
        package var standing: Standing
        /// What the message shows of the user's attributes and the trigger: the outbox row's
        /// when one was written, else the user's as they read now (a sample's declared ones).
        package var snapshot: AttributeSnapshot

        package init(
            recipient: TemplateValues.Recipient, code: String, terms: PromoTerms?, outboxID: Int64?,
            standing: Standing, snapshot: AttributeSnapshot = AttributeSnapshot()
        ) {
            self.recipient = recipient
            self.code = code
            self.terms = terms
            self.outboxID = outboxID
            self.standing = standing
            self.snapshot = snapshot
        }
    }

    /// Where the subject stands with the occurrence.
    package enum Standing: Sendable, Hashable {
        /// A made-up customer: the code is a sample, the terms the rule's.
        case sample(SampleUser)
        /// The occurrence ran and the user got it: their code, the stored terms, their
        /// outbox row (nil: no message was written on this channel, as they had no
        /// address for it when the promo was issued).
        case issued(outboxRow: Bool)
        /// The occurrence has not run; the user is in its audience as the data reads now.
        /// The code is a sample (the real one is drawn when it runs).
        case notIssuedYet
        /// The user gets nothing from the occurrence, and why (one line per condition
        /// they fail). `issued`: it has run, without them.
        case notInAudience(reasons: [String], issued: Bool)
    }

    /// The subject for a made-up customer. The sample code is the same on every render
    /// of this rule for this sample (so a page that refreshes does not flicker).
    package func subject(for sample: SampleUser) -> Subject {
        Subject(
            recipient: sample.recipient, code: sampleCode(seed: "sample:" + sample.name), terms: nil,
            outboxID: nil, standing: .sample(sample), snapshot: sampleSnapshot(for: sample))
    }

    /// ``sampleSnapshot`` with the values the sample declares (`attributes: {tier: gold}`),
    /// read by the attribute's type.
    package func sampleSnapshot(for sample: SampleUser) -> AttributeSnapshot {
        var snapshot = sampleSnapshot
        for attribute in sample.attributes {
            let path = "user." + attribute.name
            guard snapshot.values[path] != nil else { continue }
            switch tenant.config.audience.attribute(named: attribute.name)?.type {
            case .integer:
                snapshot.values[path] = Int(attribute.value).map { .integer($0) } ?? .string(attribute.value)
            case .number:
                snapshot.values[path] =
                    Double(attribute.value).map { .number($0) } ?? .string(attribute.value)
            case .boolean:
                snapshot.values[path] = Bool(attribute.value).map { .bool($0) } ?? .string(attribute.value)
            case .string, .date, .none: snapshot.values[path] = .string(attribute.value)
            }
        }
        return snapshot
    }

    /// The subject for the real user `id`: read from the audience source, the stored
    /// promo and outbox, and the occurrence's audience query. Reads only.
    package func subject(forUser id: Int, connection c: isolated PostgresConnection) throws -> Subject {
        let recipient = try recipient(id: id, connection: c)
        let issued = try issued(userID: id, connection: c)
        if let issued, issued.eligible {
            return Subject(
                recipient: recipient, code: issued.code ?? "", terms: issued.terms, outboxID: issued.outboxID,
                standing: .issued(outboxRow: issued.outboxID != nil),
                snapshot: issued.outboxID != nil ? issued.attributes : try snapshot(userID: id, connection: c)
            )
        }
        let membership = try AudienceMembership.check(
            userID: id, tenant: tenant.config, rule: rule, date: date, connection: c)
        guard let membership else { throw Problem.noUser(id, table: tenant.config.audience.table) }
        if let issued {
            // It ran without them; the reasons are the data as it reads now.
            let reasons =
                membership.isMember
                ? [
                    "they were not in the audience when the promo was issued (they are now: the data changed since)"
                ]
                : membership.reasons
            return Subject(
                recipient: recipient, code: "", terms: issued.terms, outboxID: nil,
                standing: .notInAudience(reasons: reasons, issued: true))
        }
        guard membership.isMember else {
            return Subject(
                recipient: recipient, code: "", terms: nil, outboxID: nil,
                standing: .notInAudience(reasons: membership.reasons, issued: false))
        }
        return Subject(
            recipient: recipient, code: sampleCode(seed: "user:\(id)"), terms: nil, outboxID: nil,
            standing: .notIssuedYet, snapshot: try snapshot(userID: id, connection: c))
    }

    /// A code of the rule's shape for previews, fixed for (tenant, rule, date, seed).
    func sampleCode(seed: String) -> String {
        var generator = SeededGenerator(
            seed: ["kado-sample-code", tenant.config.id, rule.id, date.description, seed].joined(
                separator: "\n"))
        return PromoCodeGenerator(spec: rule.code).next(using: &generator)
    }
}
