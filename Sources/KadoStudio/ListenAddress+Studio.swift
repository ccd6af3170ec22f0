import KadoEngine

extension ListenAddress {
    /// `kado studio`'s default: 127.0.0.1:4000.
    package static let standard = ListenAddress(host: "127.0.0.1", port: 4000)
}
