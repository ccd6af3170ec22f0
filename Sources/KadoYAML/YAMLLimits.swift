/// How much a YAML file may hold, so that no input can exhaust memory, time or the stack.
///
/// A rule or template file is a few kilobytes with a handful of nesting levels; the limits
/// are far above that and far below what would hurt. Each limit is checked before the work
/// it bounds: the size before parsing, the depth when a list or mapping opens, the number
/// of values before an alias (`*name`) is expanded.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file, in bytes.
    public var maxBytes: Int
    /// Most values (scalars, lists, mappings and keys) in a file, counting each alias as the
    /// size of what it repeats.
    public var maxNodes: Int
    /// Deepest nesting of lists and mappings.
    public var maxDepth: Int

    public init(maxBytes: Int = 1 << 20, maxNodes: Int = 100_000, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// 1 MiB, 100,000 values, 64 levels.
    public static let standard = YAMLLimits()

    /// `1 MiB` or `2000 bytes`, as the size limit is shown in messages.
    var sizeDescription: String {
        if maxBytes >= 1 << 20, maxBytes % (1 << 20) == 0 { return "\(maxBytes >> 20) MiB" }
        if maxBytes >= 1 << 10, maxBytes % (1 << 10) == 0 { return "\(maxBytes >> 10) KiB" }
        return "\(maxBytes) bytes"
    }
}
