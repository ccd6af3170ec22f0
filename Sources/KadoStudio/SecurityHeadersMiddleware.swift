import Hummingbird
import KadoEngine

/// Headers on every response: a strict Content-Security-Policy for the pages (scripts,
/// styles and frames from the studio itself only; no inline script or style, no plugin,
/// no other origin), no MIME sniffing, no referrer, no caching (the page is live).
///
/// It also refuses requests whose `Host` is not the address the studio listens on, so a
/// web page elsewhere cannot read the studio through DNS rebinding.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var pagePolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    /// Host names accepted (any port); nil accepts any (the studio listens on every interface).
    let allowedHosts: Set<String>?

    init(listen: ListenAddress) {
        guard listen.host != "0.0.0.0", listen.host != "::" else {
            allowedHosts = nil
            return
        }
        var hosts: Set<String> = [listen.host.lowercased()]
        if listen.isLoopback { hosts.formUnion(["localhost", "127.0.0.1", "::1"]) }
        allowedHosts = hosts
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        let authority = request.head.authority ?? ""
        if let allowedHosts, !allowedHosts.contains(ListenAddress.hostName(authority)) {
            response = .text(
                "kado studio answers only requests for \(allowedHosts.sorted().joined(separator: ", ")); open it as http://127.0.0.1:PORT/",
                status: .misdirectedRequest)
        } else {
            response = try await next(request, context)
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.pagePolicy
        }
        response.headers[.cacheControl] = "no-store"
        for (name, value) in Self.fixed {
            // HTTPFields.Element is HTTPTypes.HTTPField, which Hummingbird does not re-export by name.
            if let name = HTTPFields.Element.Name(name) { response.headers[name] = value }
        }
        return response
    }

    static var fixed: [(String, String)] {
        [
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
            ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-origin"),
        ]
    }
}
