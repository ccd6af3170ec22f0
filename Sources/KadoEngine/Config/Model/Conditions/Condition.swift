/// What a rule's `audience.where` asks of a user: comparisons of attributes, combined with
/// `all:`, `any:` and `not:`. Two-valued: a comparison on a missing (NULL) value is false,
/// so `not:` of it is true (a member whose `vip` is unknown is "not vip").
package indirect enum Condition: Sendable, Hashable {
    case comparison(Comparison)
    /// Every one holds.
    case all([Condition])
    /// At least one holds.
    case any([Condition])
    case not(Condition)
}
