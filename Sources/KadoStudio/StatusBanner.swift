import Foundation

/// Whether the files load, and which configuration the page shows.
enum StatusBanner {
    static func render(_ snapshot: StudioSnapshot) -> HTML {
        let errors = snapshot.errors
        let files = Set(errors.map(\.file)).count
        let count: HTML =
            "\(errors.count) error\(errors.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        guard !snapshot.isValid else {
            return
                "<p class=\"muted\">Checked \(StudioTime.time(snapshot.checkedAt)): no errors. The page follows rules/ and templates/ and updates within a second or two of a save.</p>"
        }
        guard let good = snapshot.good else {
            return """
                <div class="banner bad" id="status"><p><strong>The configuration does not load: \(count).</strong> \
                Nothing can be previewed until it does; the problems are <a href="#diagnostics">listed below</a>.</p></div>
                """
        }
        return """
            <div class="banner bad" id="status"><p><strong>The files have \(count)</strong> (checked \(StudioTime.time(snapshot.checkedAt))). \
            What you see is the last good configuration, loaded at \(StudioTime.time(good.loadedAt)), beside the \
            <a href="#diagnostics">problems</a>; it is replaced as soon as the files load again.</p></div>
            """
    }
}
