import Crypto

/// A deterministic generator (SplitMix64) seeded from a SHA-256 of a text: sample codes
/// in previews stay the same from one render to the next. Never used for real codes,
/// which come from the system CSPRNG (``PromoCodeGenerator/next()``).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: String) {
        state = SHA256.hash(data: Array(seed.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
