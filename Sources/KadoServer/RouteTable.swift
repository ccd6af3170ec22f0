import Hummingbird
import Synchronization

/// The paths the server answers and their methods, so that a request of a method a
/// path does not answer gets 405 with `Allow` (not 404), whatever the method is
/// called (`QUERY`, `FOO`).
final class RouteTable: Sendable {
    private struct Entry {
        var segments: [Substring]
        var methods: [HTTPRequest.Method]
    }

    private let entries = Mutex<[Entry]>([])

    /// Notes that `path` (segments like `:tenant` match any one segment) answers `methods`.
    func add(_ path: String, methods: [HTTPRequest.Method]) {
        let segments = path.split(separator: "/")
        entries.withLock { $0.append(Entry(segments: segments, methods: methods)) }
    }

    /// The methods `path` answers, or nil when no route has this path.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        return entries.withLock { entries in
            entries.first { entry in
                entry.segments.count == segments.count
                    && zip(entry.segments, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
            }?.methods
        }
    }
}
