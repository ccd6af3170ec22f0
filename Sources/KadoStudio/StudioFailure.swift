/// Why the studio cannot show something, in words safe to put on the page (errors'
/// descriptions are safe to log, so they carry no secrets).
struct StudioFailure: Error, Sendable, Hashable, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    init(_ error: any Error) {
        description = String(describing: error)
    }
}
