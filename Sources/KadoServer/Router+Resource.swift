import Hummingbird

extension Router {
    /// Registers `handlers` on `path` and notes them in `table`, so that other methods
    /// are answered 405 (``ProblemMiddleware``).
    func resource(
        _ path: String, in table: RouteTable,
        _ handlers: [(HTTPRequest.Method, @Sendable (Request, Context) async throws -> Response)]
    ) {
        for (method, handler) in handlers {
            on(RouterPath(path), method: method, use: handler)
        }
        table.add(path, methods: handlers.map(\.0))
    }
}
