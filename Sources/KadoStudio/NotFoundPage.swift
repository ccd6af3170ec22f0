import KadoEngine

/// A page for a tenant or rule the loaded configuration does not have, with what it has.
struct NotFoundPage {
    var snapshot: StudioSnapshot
    var message: String

    func render() -> HTML {
        let tenants = snapshot.good?.configuration.tenants ?? []
        let links = tenants.flatMap { t in
            t.rules.map { r -> HTML in
                "<li><a href=\"\(RoutePaths.rule(tenant: t.config.id, rule: r.id))\">\(t.config.name): \(r.name)</a></li>"
            }
        }
        let body: HTML = """
            <h1>Not found</h1>
            <p>\(message)</p>
            \(StatusBanner.render(snapshot))
            <h2>Rules</h2>
            <ul>\(links)</ul>
            \(DiagnosticsView.render(snapshot.diagnostics))
            """
        return PageLayout(
            title: "Not found",
            crumbs: [.init(title: "Campaigns", href: "/"), .init(title: "Not found", href: nil)],
            generation: snapshot.generation
        ).render(body)
    }
}
