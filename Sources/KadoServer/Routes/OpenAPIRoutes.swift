import Hummingbird

/// `GET /openapi.yaml`: the OpenAPI 3.1 document of this API (the repository's
/// `openapi.yaml`, built in).
struct OpenAPIRoutes: Sendable {
    func register(on router: Router<BasicRequestContext>, table: RouteTable) {
        router.resource(
            "/openapi.yaml", in: table,
            [(.get, { _, _ in .text(OpenAPIDocument.text, contentType: "application/yaml") })])
    }
}
