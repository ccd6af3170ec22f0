/// When a Feb 29 birthday is celebrated in a common year.
public enum LeapDayPolicy: String, Sendable, CaseIterable {
    /// On Feb 28 (the default).
    case feb28
    /// On Mar 1.
    case mar1
}
