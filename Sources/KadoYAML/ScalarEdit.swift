/// One stretch of a scalar's value that interpolation rewrote: `${VAR}` replaced by the
/// variable's value, or `$${` by `${`. Offsets count Unicode scalars, so a position in the
/// interpolated value can be traced back to the value libyaml read, and from there to the
/// file.
public struct ScalarEdit: Sendable, Hashable {
    /// The replacement's place in the interpolated value.
    public var value: Range<Int>
    /// The replaced text's place in the value as libyaml read it.
    public var original: Range<Int>

    public init(value: Range<Int>, original: Range<Int>) {
        self.value = value
        self.original = original
    }

    /// The offsets in the original value of `offsets` in the interpolated value (any order):
    /// unchanged text maps one to one, a place inside a replacement maps to where the
    /// replaced `${...}` starts.
    static func originalOffsets(of offsets: [Int], edits: [ScalarEdit]) -> [Int] {
        guard !edits.isEmpty else { return offsets }
        var result = offsets
        var edit = 0
        var delta = 0
        for index in offsets.indices.sorted(by: { offsets[$0] < offsets[$1] }) {
            let offset = offsets[index]
            while edit < edits.count, edits[edit].value.upperBound <= offset {
                delta = edits[edit].original.upperBound - edits[edit].value.upperBound
                edit += 1
            }
            if edit < edits.count, edits[edit].value.contains(offset) {
                result[index] = edits[edit].original.lowerBound
            } else {
                result[index] = offset + delta
            }
        }
        return result
    }
}
