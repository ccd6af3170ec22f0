/// HMAC-SHA256 (RFC 2104) over ``SHA256``: the signature of webhook events.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>)
        -> [UInt8]
    {
        var block = Array(key)
        if block.count > SHA256.blockSize {
            block = SHA256.hash(block)
        }
        block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The authentication code of the UTF-8 bytes of `message` under the UTF-8 bytes
    /// of `key`, as lowercase hexadecimal text.
    public static func hex(_ message: String, key: String) -> String {
        SHA256.hex(authenticationCode(for: Array(message.utf8), key: Array(key.utf8)))
    }
}
