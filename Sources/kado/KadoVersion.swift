/// kado's version, printed by `kado --version`; the one place it is written.
enum KadoVersion {
    static let number = "0.2.0"
}
