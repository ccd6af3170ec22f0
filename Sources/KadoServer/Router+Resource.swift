import Hummingbird

extension Router {
    /// Registers `handlers` on `path`, and a 405 problem (with `Allow`) for the other
    /// methods, so a wrong method is told apart from a wrong path.
    func resource(
        _ path: RouterPath,
        _ handlers: [(HTTPRequest.Method, @Sendable (Request, Context) async throws -> Response)]
    ) {
        for (method, handler) in handlers {
            on(path, method: method, use: handler)
        }
        let allowed = handlers.map(\.0)
        let others: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace]
        for method in others where !allowed.contains(method) {
            on(path, method: method) { _, _ -> Response in
                throw Problem.methodNotAllowed(allowed: allowed)
            }
        }
    }
}
