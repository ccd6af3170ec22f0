import Hummingbird
import KadoEngine

/// One-click unsubscribe (RFC 8058): `POST /u/{token}` (what mail clients send for
/// `List-Unsubscribe-Post`, and the page's button) records a suppression and answers
/// 200; `GET /u/{token}` answers the page with the button. A token that is not genuine
/// answers 400 (`invalid_token`). No API key: the token is the authority.
struct UnsubscribeRoutes: Sendable {
    let unsubscriber: Unsubscriber

    func register(on router: Router<BasicRequestContext>, table: RouteTable) {
        router.resource(
            "/u/:token", in: table,
            [
                (.get, { request, context in try self.page(request, context) }),
                (.post, { request, context in try await self.unsubscribe(request, context) }),
            ])
    }

    private func verified(_ context: BasicRequestContext) throws -> (
        token: UnsubscribeToken, text: String, tenantName: String
    ) {
        let text = context.parameters.get("token") ?? ""
        do {
            let (token, name) = try unsubscriber.verify(text)
            return (token, text, name)
        } catch {
            throw Problem(
                .badRequest, code: "invalid_token", title: "Invalid unsubscribe link",
                detail: error.description)
        }
    }

    private func page(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let (token, text, name) = try verified(context)
        return .text(
            UnsubscribePage.confirm(tenantName: name, channel: token.channel, token: text),
            contentType: "text/html")
    }

    private func unsubscribe(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (token, _, name) = try verified(context)
        // The body is `List-Unsubscribe=One-Click` (RFC 8058); it is read (bounded) but
        // not required: a genuine token is consent enough.
        var request = request
        let body = try await request.collectBody(upTo: JSONBody.limit)
        let oneClick = String(buffer: body).contains("List-Unsubscribe=One-Click")
        try await unsubscriber.unsubscribe(
            token, detail: oneClick ? "one-click unsubscribe (List-Unsubscribe-Post)" : "unsubscribe link")
        return .text(UnsubscribePage.done(tenantName: name, channel: token.channel), contentType: "text/html")
    }
}
