import KadoEngine

/// Whom a rule's next occurrence reaches, from the evaluator's dry run (or what its
/// run did, when it already ran).
enum AudienceView {
    static let disabled: HTML = "nobody: the rule is disabled (<code>enabled: false</code>)"

    static func render(_ result: Result<EvaluationResult, StudioFailure>?, date: LocalDate?) -> HTML {
        guard let result else {
            return
                "<span class=\"muted\">Start the studio with a database (<code>--database-url</code> or <code>DATABASE_URL</code>) to see whom it reaches.</span>"
        }
        switch result {
        case .failure(let failure):
            return "<span class=\"badge warn\">unknown</span> \(failure.description)"
        case .success(let r):
            let on = date.map { " on \($0)" } ?? ""
            switch r.outcome {
            case .notDue:
                return "the trigger does not fire\(on)"
            case .alreadyDone, .issued:
                return "already issued\(on): \(users(r.audience))"
            case .empty:
                return "ran\(on) and reached nobody"
            case .skipped:
                return "skipped\(on) (missed beyond its catch-up window)"
            case .dryRun:
                let channels = r.notifications.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                let per: HTML = channels.isEmpty ? .empty : " (\(channels.joined(separator: ", ")))"
                return "\(users(r.audience))\(on)\(per)"
            }
        }
    }

    private static func users(_ n: Int) -> String { "\(n) user\(n == 1 ? "" : "s")" }
}
