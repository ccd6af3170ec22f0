#if os(Linux)
    import Glibc

    /// A 127.0.0.1 port that stalls a client at one step, so that a test can time it out
    /// there. Nothing is ever accepted; the sockets are closed when this is released.
    final class StalledListener {
        /// The port to point the client at.
        let port: Int
        private let descriptors: [Int32]

        private init(port: Int, descriptors: [Int32]) {
            self.port = port
            self.descriptors = descriptors
        }

        deinit {
            descriptors.forEach { _ = close($0) }
        }

        /// The TCP handshake never completes: the socket listens with a backlog of zero
        /// and connections made here (non-blocking) fill its accept queue, so Linux drops
        /// further SYNs and a client's `connect` waits until the client gives up.
        static func neverConnecting() -> StalledListener? {
            guard let (listener, port) = listen(backlog: 0) else { return nil }
            var descriptors = [listener]
            for _ in 0..<3 {
                guard let filler = connect(to: port) else {
                    descriptors.forEach { _ = close($0) }
                    return nil
                }
                descriptors.append(filler)
            }
            return StalledListener(port: port, descriptors: descriptors)
        }

        /// Connections complete (in the kernel's accept queue) but nothing ever reads:
        /// once the socket buffers are full, a client's upload stops.
        static func neverReading() -> StalledListener? {
            guard let (listener, port) = listen(backlog: 16) else { return nil }
            return StalledListener(port: port, descriptors: [listener])
        }

        private static func address(port: Int) -> sockaddr_in {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return address
        }

        private static func listen(backlog: Int32) -> (Int32, Int)? {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            var address = address(port: 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    bind(fd, raw, length) == 0 && Glibc.listen(fd, backlog) == 0
                        && getsockname(fd, raw, &length) == 0
                }
            }
            guard ok else {
                _ = close(fd)
                return nil
            }
            return (fd, Int(UInt16(bigEndian: address.sin_port)))
        }

        /// A non-blocking client connection, established or left pending.
        private static func connect(to port: Int) -> Int32? {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var address = address(port: port)
            let result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 || errno == EINPROGRESS else {
                _ = close(fd)
                return nil
            }
            return fd
        }
    }
#endif
