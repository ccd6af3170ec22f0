import Hummingbird

/// `GET /assets/studio.css` and `/assets/studio.js`: the page's only style and script.
struct AssetHandler: Sendable {
    func handle(_ request: Request, context: some RequestContext) async -> Response {
        switch context.parameters.get("file") {
        case "studio.css":
            return .bytes(Array(StudioStylesheet.css.utf8), contentType: "text/css; charset=utf-8")
        case "studio.js":
            return .bytes(Array(StudioScript.javascript.utf8), contentType: "text/javascript; charset=utf-8")
        default: return .text("no such asset", status: .notFound)
        }
    }
}
