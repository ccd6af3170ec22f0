import KadoEngine

/// How evaluation results are printed.
enum EvaluationReport {
    static func line(_ r: EvaluationResult) -> String {
        let head = "\(r.tenantID)/\(r.ruleID) \(r.date):"
        let time = "\(milliseconds(r.elapsed)) ms"
        let notes = r.notifications.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", ")
        switch r.outcome {
        case .notDue:
            return "\(head) not due on this date"
        case .skipped:
            return "\(head) recorded as skipped (missed beyond its catch-up window); nothing written"
        case .alreadyDone:
            let promo =
                r.promoID.map { "promo #\($0)\(r.code.map { " code \($0)" } ?? "")" }
                ?? "no promo (empty audience)"
            return "\(head) already done (\(promo), audience \(r.audience)); nothing written"
        case .empty:
            return "\(head) audience 0; no promo written, run recorded (\(time))"
        case .dryRun:
            return
                "\(head) dry run: audience \(r.audience), would write 1 promo\(r.userCodes > 0 ? " with \(r.userCodes) user codes" : ""), \(r.eligibilities) eligibilities, notifications \(notes.isEmpty ? "0" : notes) (\(time)); nothing written"
        case .issued:
            let code = r.code.map { "code \($0)" } ?? "\(r.userCodes) user codes"
            return
                "\(head) audience \(r.audience), promo #\(r.promoID ?? 0) \(code), \(r.eligibilities) eligibilities, notifications \(notes.isEmpty ? "0" : notes) (\(time))"
        }
    }

    static func json(_ results: [EvaluationResult], failures: [EvaluationFailure] = []) -> JSONValue {
        .array(
            failures.map { f in
                .object([
                    ("tenant", .string(f.tenantID)), ("rule", .string(f.ruleID)),
                    ("date", .string(f.date.description)),
                    ("outcome", .string("failed")),
                    ("sqlstate", f.error.sqlState.map(JSONValue.string) ?? .null),
                    ("reason", .string(f.reason)),
                ])
            }
                + results.map { r in
                    .object([
                        ("tenant", .string(r.tenantID)), ("rule", .string(r.ruleID)),
                        ("date", .string(r.date.description)),
                        ("outcome", .string(r.outcome.rawValue)), ("audience", .int(r.audience)),
                        ("promo_id", r.promoID.map(JSONValue.int) ?? .null),
                        ("code", r.code.map(JSONValue.string) ?? .null),
                        ("user_codes", .int(r.userCodes)), ("eligibilities", .int(r.eligibilities)),
                        (
                            "notifications",
                            .object(
                                r.notifications.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                        ),
                        ("milliseconds", .double(milliseconds(r.elapsed))),
                    ])
                })
    }

    /// Milliseconds with one decimal.
    static func milliseconds(_ d: Duration) -> Double {
        (d.inMilliseconds * 10).rounded() / 10
    }
}
