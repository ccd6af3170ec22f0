import Foundation

/// What the watched folders hold, cheaply: every file's path, size, inode and
/// modification time. Two equal fingerprints mean nothing was saved in between (an
/// editor that writes a new file and renames it over the old one changes the inode).
struct TreeFingerprint: Sendable, Hashable {
    private var entries: [String]

    /// Reads `roots` recursively (hidden files and folders skipped). Blocking: call it
    /// through ``BlockingQueue``.
    init(roots: [String]) {
        let fm = FileManager.default
        var entries: [String] = []
        for root in roots {
            entries.append(Self.entry(root, fm: fm))
            guard let walker = fm.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                entries.append(Self.entry(root + "/" + relative, fm: fm))
            }
        }
        self.entries = entries.sorted()
    }

    private static func entry(_ path: String, fm: FileManager) -> String {
        guard let attributes = try? fm.attributesOfItem(atPath: path) else { return path + " missing" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(inode) \(modified)"
    }
}
