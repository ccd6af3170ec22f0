/// Header fields in arrival order, looked up case-insensitively
/// (`headers["retry-after"]` finds `Retry-After`).
public struct HTTPHeaders: Sendable, Sequence {
    /// One header field.
    public typealias Field = (name: String, value: String)

    /// The fields in the order they were received.
    public private(set) var fields: [Field]

    /// Creates a header collection from fields.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// The value of the first field with this name (any case), if there is one.
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// The values of every field with this name (any case), in order.
    public func values(for name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }
}
