import KadoYAML

// Typed reads of values the schema validator already checked: a wrong type
// yields nil here because it has been reported there.
extension YAMLNode {
    func string(_ key: String) -> String? {
        guard let s = self[key]?.scalar, !s.isNull else { return nil }
        return s.value
    }

    func int(_ key: String) -> Int? {
        guard let s = self[key]?.scalar, s.style == .plain else { return nil }
        return Int(s.value)
    }

    func double(_ key: String) -> Double? {
        guard let s = self[key]?.scalar, s.style == .plain else { return nil }
        return Double(s.value)
    }

    func bool(_ key: String) -> Bool? {
        guard let s = self[key]?.scalar, s.style == .plain else { return nil }
        switch s.value {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The mark of the value under `key`, or of this node when the key is absent.
    func mark(_ key: String) -> SourceMark {
        self[key]?.mark ?? mark
    }
}
