import KadoEngine

extension ListenAddress {
    /// `kado serve`'s default: 127.0.0.1:8080.
    package static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)
}
