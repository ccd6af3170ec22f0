/// Makes promo codes from a cryptographically secure source: the system
/// generator (`getrandom(2)` on Linux), sampled without modulo bias.
package struct PromoCodeGenerator: Sendable {
    package var spec: PromoCodeSpec
    private let alphabet: [Character]

    package init(spec: PromoCodeSpec) {
        self.spec = spec
        self.alphabet = Array(spec.alphabet)
    }

    /// A new code: the prefix and `length` random characters from the alphabet.
    package func next() -> String {
        var rng = SystemRandomNumberGenerator()
        return next(using: &rng)
    }

    /// A new code from `rng` (tests pass a seeded generator; production uses the system one).
    package func next(using rng: inout some RandomNumberGenerator) -> String {
        var code = spec.prefix
        code.reserveCapacity(spec.prefix.count + spec.length)
        for _ in 0..<spec.length {
            code.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
        }
        return code
    }
}
