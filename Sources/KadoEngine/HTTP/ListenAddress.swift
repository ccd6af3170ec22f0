/// Where an HTTP server of kado listens (`kado serve`, `kado run --listen`, `kado studio`):
/// `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` for 127.0.0.1; port 0 picks a free one.
package struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    package var host: String
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// A listen address that cannot be used, and why.
    package struct Problem: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// Parses `127.0.0.1:8080`, `0.0.0.0:8080`, `localhost:4000`, `[::1]:8080` or `:4000`.
    package init(parsing text: String) throws(Problem) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                throw Problem(description: "'\(text)' is not [IPV6]:PORT, e.g. [::1]:8080")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw Problem(description: "'\(text)' has no port; write HOST:PORT, e.g. 127.0.0.1:8080")
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") {
                throw Problem(description: "'\(text)': write an IPv6 address in brackets, e.g. [::1]:8080")
            }
        }
        guard !hostPart.contains(where: { $0 == " " || $0 == "/" }) else {
            throw Problem(description: "'\(text)' is not HOST:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080")
        }
        guard portPart.allSatisfy(\.isASCII), portPart.allSatisfy(\.isNumber), let port = Int(portPart),
            (0...65535).contains(port)
        else {
            throw Problem(description: "'\(text)': the port must be a number from 0 to 65535")
        }
        self.init(host: hostPart.isEmpty ? "127.0.0.1" : String(hostPart), port: port)
    }

    package var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The host name of a `Host` header: `[::1]:4000` is `::1`, `LocalHost:4000` is `localhost`.
    package static func hostName(_ authority: String) -> String {
        var text = Substring(authority.lowercased())
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        if let colon = text.lastIndex(of: ":") { text = text[..<colon] }
        return String(text)
    }

    /// Whether only this machine can reach the address.
    package var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
