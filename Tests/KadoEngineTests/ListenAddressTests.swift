import KadoEngine
import Testing

@Suite("--listen addresses and the Host check")
struct ListenAddressTests {
    @Test(
        "HOST:PORT, [IPV6]:PORT and :PORT",
        arguments: [
            ("127.0.0.1:4000", "127.0.0.1", 4000), ("localhost:8080", "localhost", 8080),
            ("[::1]:4000", "::1", 4000),
            (":4001", "127.0.0.1", 4001), ("0.0.0.0:0", "0.0.0.0", 0),
        ])
    func parses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host && address.port == port)
    }

    @Test(
        "mistakes say how to write it",
        arguments: [
            "4000", "127.0.0.1:http", "127.0.0.1:70000", "::1:4000", "[::1]4000", "local host:80",
            "127.0.0.1:+80",
            "127.0.0.1/x:80",
        ])
    func refuses(text: String) {
        #expect(throws: ListenAddress.Problem.self) { try ListenAddress(parsing: text) }
    }

    @Test("Host names without their port, IPv6 in brackets")
    func hostNames() {
        #expect(ListenAddress.hostName("127.0.0.1:4000") == "127.0.0.1")
        #expect(ListenAddress.hostName("LocalHost:4000") == "localhost")
        #expect(ListenAddress.hostName("[::1]:4000") == "::1")
        #expect(ListenAddress.hostName("evil.example") == "evil.example")
    }
}
