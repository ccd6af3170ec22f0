import Foundation

/// The frame of every studio page: head (stylesheet and script from /assets, nothing
/// inline), a skip link, the breadcrumb trail and the live status, then `content` in
/// `<main id="content">`, the part the script swaps when the files change.
struct PageLayout {
    /// One step of the breadcrumb trail; the last one is the current page (no link).
    struct Crumb {
        var title: String
        var href: String?
    }

    var title: String
    var crumbs: [Crumb]
    var generation: Int

    func render(_ content: HTML) -> HTML {
        let trail = crumbs.enumerated().map { index, crumb -> HTML in
            if let href = crumb.href, index < crumbs.count - 1 {
                return "<li><a href=\"\(href)\">\(crumb.title)</a></li>"
            }
            return "<li aria-current=\"page\">\(crumb.title)</li>"
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="kado-generation" content="\(generation)">
            <title>\(title) · kado studio</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/assets/studio.css">
            <script src="/assets/studio.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#content">Skip to content</a>
            <header class="top">
            <a class="brand" href="/">kado studio</a>
            <nav aria-label="Breadcrumb"><ol>\(trail)</ol></nav>
            <p id="live" role="status">Live: following rules/ and templates/</p>
            </header>
            <main id="content" tabindex="-1">
            \(content)
            </main>
            </body>
            </html>

            """
    }
}
