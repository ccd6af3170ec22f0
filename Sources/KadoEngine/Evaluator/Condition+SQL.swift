extension Condition {
    /// The condition as a SQL boolean over the audience source (alias `a`) on the occurrence
    /// `date`; with `negated`, its negation.
    ///
    /// Two-valued by construction: `not:` is pushed down to the comparisons (De Morgan), and a
    /// negated comparison is `value IS NULL OR NOT (comparison)`, so a missing value fails a
    /// comparison and passes its negation. Positive comparisons stay plain (`a.col >= $1`),
    /// where NULL already acts as false, so the planner can use the columns' indexes.
    func sql(on date: LocalDate, source: AudienceSource, negated: Bool = false) -> SQLFragment {
        switch self {
        case .comparison(let comparison):
            return comparison.sql(on: date, source: source, negated: negated)
        case .all(let conditions):
            return .joined(
                conditions.map { $0.sql(on: date, source: source, negated: negated) },
                separator: negated ? " OR " : " AND ", empty: negated ? "FALSE" : "TRUE")
        case .any(let conditions):
            return .joined(
                conditions.map { $0.sql(on: date, source: source, negated: negated) },
                separator: negated ? " AND " : " OR ", empty: negated ? "TRUE" : "FALSE")
        case .not(let condition):
            return condition.sql(on: date, source: source, negated: !negated)
        }
    }
}

extension Comparison {
    /// The SQL type a value of `type` is bound as.
    static func cast(_ type: AttributeType) -> String {
        switch type {
        case .string: return "text"
        case .integer: return "bigint"
        case .number: return "numeric"
        case .boolean: return "boolean"
        case .date: return "date"
        }
    }

    func sql(on date: LocalDate, source: AudienceSource, negated: Bool) -> SQLFragment {
        if attribute.source == .age { return ageSQL(on: date, source: source, negated: negated) }
        let value = source.value(attribute, on: date)
        if op == .isSet { return isSet(value, negated: negated) }
        let cast = Self.cast(attribute.type)
        let bound = values.map { SQLFragment.bind($0.text(on: date), as: cast) }
        let list = SQLFragment.bind(values.map { $0.text(on: date) }.postgresText ?? "{}", as: cast + "[]")
        let test: SQLFragment
        switch op {
        case .equals: test = .concat([value, " = ", bound[0]])
        case .notEquals: test = .concat([value, " <> ", bound[0]])
        case .in: test = .concat([value, " = ANY(", list, ")"])
        case .notIn: test = .concat([value, " <> ALL(", list, ")"])
        case .atLeast: test = .concat([value, " >= ", bound[0]])
        case .atMost: test = .concat([value, " <= ", bound[0]])
        case .between: test = .concat([value, " BETWEEN ", bound[0], " AND ", bound[1]])
        case .isSet: test = "TRUE"
        }
        return negated ? .concat(["(", value, " IS NULL OR NOT (", test, "))"]) : test
    }

    private func isSet(_ value: SQLFragment, negated: Bool) -> SQLFragment {
        let set = values.first == .boolean(true)
        return .concat([value, set != negated ? " IS NOT NULL" : " IS NULL"])
    }

    /// `age` as ranges of the birthday, which an index on the birthday serves: age on `date` is
    /// at least N exactly when the birthday is on or before the same day N years earlier
    /// (Feb 28 when that year has no Feb 29).
    private func ageSQL(on date: LocalDate, source: AudienceSource, negated: Bool) -> SQLFragment {
        let birthday = SQLFragment(stringLiteral: "a.\(source.quoted(\.birthday))")
        if op == .isSet { return isSet(birthday, negated: negated) }
        func bound(_ years: Int) -> SQLFragment {
            let year = date.year - years
            let day = min(date.day, LocalDate.daysIn(month: date.month, year: year))
            return .bind(LocalDate(year: year, month: date.month, day: day).description, as: "date")
        }
        func atLeast(_ n: Int) -> SQLFragment { .concat([birthday, " <= ", bound(n)]) }
        func atMost(_ n: Int) -> SQLFragment { .concat([birthday, " > ", bound(n + 1)]) }
        func between(_ low: Int, _ high: Int) -> SQLFragment {
            .concat([atMost(high), " AND ", atLeast(low)])
        }
        let years = values.compactMap { value -> Int? in
            if case .integer(let n) = value { return n }
            return nil
        }
        guard let first = years.first else { return "FALSE" }
        let test: SQLFragment
        switch op {
        case .equals: test = between(first, first)
        case .notEquals: test = .concat([atLeast(first + 1), " OR ", atMost(first - 1)])
        case .in: test = .joined(years.map { between($0, $0) }, separator: " OR ", empty: "FALSE")
        case .notIn:
            test = .joined(
                years.map { SQLFragment.concat([atLeast($0 + 1), " OR ", atMost($0 - 1)]) },
                separator: " AND ",
                empty: "TRUE")
        case .atLeast: test = atLeast(first)
        case .atMost: test = atMost(first)
        case .between: test = between(first, years.count > 1 ? years[1] : first)
        case .isSet: test = "TRUE"
        }
        return negated
            ? .concat(["(", birthday, " IS NULL OR NOT (", test, "))"]) : .concat(["(", test, ")"])
    }
}
