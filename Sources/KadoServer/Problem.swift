import Hummingbird
import KadoEngine

/// An error answer (RFC 9457): `application/problem+json` with `type`, `title`,
/// `status`, `detail` and a stable `code` clients can branch on, plus members of its
/// own (`claimed_at`, `field`).
package struct Problem: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    package var status: HTTPResponse.Status
    /// The stable code (`unknown_code`, `invalid_body`, ...).
    package var code: String
    package var title: String
    package var detail: String
    package var members: [(String, JSONValue)]
    package var headers: HTTPFields

    package init(
        _ status: HTTPResponse.Status, code: String, title: String, detail: String,
        members: [(String, JSONValue)] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.members = members
        self.headers = headers
    }

    /// The problem type URI of each code: a tag URI (RFC 4151), an identifier that
    /// resolves nowhere; the OpenAPI document explains each code.
    static let typeBase = "tag:kado,2026:problem:"

    package var description: String { "\(status.code) \(code): \(detail)" }

    var json: JSONValue {
        .object(
            [
                ("type", .string(Self.typeBase + code)),
                ("title", .string(title)), ("status", .int(status.code)), ("detail", .string(detail)),
                ("code", .string(code)),
            ] + members)
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(json, status: status, contentType: "application/problem+json")
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension Problem {
    static func invalidBody(_ detail: String, field: String? = nil) -> Problem {
        Problem(
            .badRequest, code: "invalid_body", title: "The request body is not valid", detail: detail,
            members: field.map { [("field", .string($0))] } ?? [])
    }

    static let unauthorized = Problem(
        .unauthorized, code: "unauthorized", title: "Authentication required",
        detail: "send the tenant's API key as 'Authorization: Bearer KEY'",
        headers: [.wwwAuthenticate: "Bearer realm=\"kado\""])

    static func notFound(_ detail: String = "there is nothing at this path") -> Problem {
        Problem(.notFound, code: "not_found", title: "Not found", detail: detail)
    }

    static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> Problem {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        return Problem(
            .methodNotAllowed, code: "method_not_allowed", title: "Method not allowed",
            detail: "this path answers \(names)", headers: [.allow: names])
    }

    static func unavailable(_ detail: String) -> Problem {
        Problem(
            .serviceUnavailable, code: "unavailable", title: "Service unavailable", detail: detail,
            headers: [.retryAfter: "5"])
    }

    static func notReady(_ reason: String) -> Problem {
        Problem(
            .serviceUnavailable, code: "not_ready", title: "Not ready", detail: reason,
            headers: [.retryAfter: "5"])
    }

    static let internalError = Problem(
        .internalServerError, code: "internal", title: "Internal error",
        detail: "the server could not answer this request; it has been logged")
}
