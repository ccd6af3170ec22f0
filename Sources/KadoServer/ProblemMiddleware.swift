import Hummingbird
import KadoEngine
import Logging

/// Turns every error into a problem+json answer: the API's own ``Problem``s as they
/// are, the framework's (unknown path, body too large) under a stable code, a lost
/// database as 503, anything else as 500 (logged with the request, never shown).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The paths and their methods: a known path with another method is 405, not 404.
    let routes: RouteTable
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let unavailable as DatabaseUnavailable {
            return try Problem.unavailable("\(unavailable)").response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, let allowed = routes.methods(for: request.uri.path) {
                return try Problem.methodNotAllowed(allowed: allowed).response(
                    from: request, context: context)
            }
            return try Self.problem(for: error.status).response(from: request, context: context)
        } catch {
            logger.error(
                "request failed",
                metadata: [
                    "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                    "reason": "\(error)",
                ])
            return try Problem.internalError.response(from: request, context: context)
        }
    }

    static func problem(for status: HTTPResponse.Status) -> Problem {
        switch status {
        case .notFound: return .notFound()
        case .contentTooLarge:
            return Problem(
                .contentTooLarge, code: "body_too_large", title: "Request body too large",
                detail: "the body is larger than \(JSONBody.limit) bytes")
        case .badRequest:
            return Problem(
                .badRequest, code: "bad_request", title: "Bad request",
                detail: "the request is not valid HTTP")
        default:
            return Problem(
                status, code: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                title: status.reasonPhrase, detail: status.reasonPhrase)
        }
    }
}
