import Hummingbird
import KadoEngine

/// The studio's routes: pages, message files, the live state and the two assets. GET
/// only: the studio changes nothing.
enum StudioRouter {
    static func make(environment: StudioEnvironment, listen: ListenAddress) -> Router<
        BasicRequestContext
    > {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware(listen: listen))
        let index = IndexHandler(environment: environment)
        let rule = RuleHandler(environment: environment)
        let file = MessageFileHandler(environment: environment)
        let state = StateHandler(environment: environment)
        let assets = AssetHandler()
        router.get("/") { request, context in await index.handle(request, context: context) }
        router.get("/tenants/:tenant/rules/:rule") { request, context in
            await rule.handle(request, context: context)
        }
        router.get("/tenants/:tenant/rules/:rule/messages/:channel/:locale/:file") { request, context in
            await file.handle(request, context: context)
        }
        router.get("/api/state") { request, context in await state.handle(request, context: context) }
        router.get("/assets/:file") { request, context in await assets.handle(request, context: context) }
        return router
    }
}
