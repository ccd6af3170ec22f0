import Foundation
import Hummingbird
import KadoEngine

/// Who and which occurrence a rule page (or a message download) is for, from its query
/// string: `?sample=NAME`, or `?user=ID` (a real user; needs the database), and
/// `&date=YYYY-MM-DD` (default: the rule's next occurrence).
struct SubjectQuery: Sendable, Hashable {
    enum Who: Sendable, Hashable {
        case sample(String?)
        case user(Int)
    }

    var who: Who = .sample(nil)
    var date: LocalDate?
    /// What in the query could not be read, in words.
    var problems: [String] = []

    init(who: Who = .sample(nil), date: LocalDate? = nil) {
        self.who = who
        self.date = date
    }

    init(_ request: Request) {
        self.init(query: request.uri.query ?? "")
    }

    /// Reads a query string as browsers write forms (`+` is a space, then percent escapes).
    init(query: String) {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if parameters[key] == nil { parameters[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        if let text = parameters["user"], !text.isEmpty {
            if let id = Int(text.trimmingCharacters(in: .whitespaces)) {
                who = .user(id)
            } else {
                problems.append("'\(text)' is not a user id (a whole number)")
            }
        } else if let name = parameters["sample"], !name.isEmpty {
            who = .sample(name)
        }
        if let text = parameters["date"], !text.isEmpty {
            if let day = LocalDate(text) {
                date = day
            } else {
                problems.append("'\(text)' is not a date in YYYY-MM-DD")
            }
        }
    }

    /// The query string that selects the same subject and date: `?sample=Ayu%20Lestari&date=2026-12-02`.
    func queryString(date: LocalDate) -> String {
        var items: [URLQueryItem] = []
        switch who {
        case .sample(let name?): items.append(URLQueryItem(name: "sample", value: name))
        case .sample(nil): break
        case .user(let id): items.append(URLQueryItem(name: "user", value: String(id)))
        }
        items.append(URLQueryItem(name: "date", value: date.description))
        var components = URLComponents()
        components.queryItems = items
        // URLComponents leaves '+' alone, which a query parser reads as a space.
        return "?" + (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}
