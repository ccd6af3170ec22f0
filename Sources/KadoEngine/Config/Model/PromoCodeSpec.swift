import KadoYAML

/// How promo codes look: shared by everyone for the occurrence, or one per user;
/// a fixed prefix and a random part from an alphabet without look-alikes.
package struct PromoCodeSpec: Sendable, Hashable {
    package enum Style: String, Sendable, CaseIterable {
        /// One code for everyone eligible for the occurrence (the seed's way).
        case shared
        /// A distinct code for each user.
        case perUser = "per_user"
    }

    /// Upper-case letters and digits without 0/O, 1/I/L.
    package static let defaultAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    /// Characters easily mistaken for one another when read or typed.
    package static let lookAlikes: Set<Character> = ["0", "O", "1", "I", "L"]
    /// Fewer random bits than this makes codes guessable.
    package static let minimumBits = 40.0

    package var style: Style = .shared
    package var prefix: String = ""
    package var length: Int = 10
    package var alphabet: String = PromoCodeSpec.defaultAlphabet

    package init(
        style: Style = .shared, prefix: String = "", length: Int = 10,
        alphabet: String = PromoCodeSpec.defaultAlphabet
    ) {
        self.style = style
        self.prefix = prefix
        self.length = length
        self.alphabet = alphabet
    }

    /// Random bits in one code: length × log2(alphabet size).
    package var bits: Double {
        Double(length) * log2(Double(Set(alphabet).count))
    }

    static let schema = ObjectSchema(
        "Promo code format.",
        fields: [
            FieldSchema(
                "style",
                .string(
                    StringSchema(
                        "shared (one code per occurrence, default) or per_user.",
                        allowed: Style.allCases.map(\.rawValue), default: "shared"))),
            FieldSchema(
                "prefix",
                .string(
                    StringSchema(
                        "Fixed prefix, e.g. BDAY-: upper-case letters, digits and '-', without the look-alikes 0, O, 1, I and L.",
                        rule: Checks.codePrefix))),
            FieldSchema(
                "length",
                .integer(IntegerSchema("Length of the random part.", minimum: 1, maximum: 64, default: 10))),
            FieldSchema(
                "alphabet",
                .string(
                    StringSchema(
                        "Characters of the random part (default without look-alikes).",
                        default: defaultAlphabet))),
        ])

    init(node: YAMLNode?, context: inout ConfigContext) {
        guard let node else { return }
        if let style = node.string("style").flatMap(Style.init(rawValue:)) { self.style = style }
        if let prefix = node.string("prefix") { self.prefix = prefix }
        if let length = node.int("length") { self.length = length }
        if let alphabet = node.string("alphabet") {
            self.alphabet = alphabet
            let mark = node.mark("alphabet")
            let looks = alphabet.filter { PromoCodeSpec.lookAlikes.contains($0) }
            if !looks.isEmpty {
                context.error(
                    mark,
                    "alphabet has look-alike characters \(looks.map { "'\($0)'" }.joined(separator: ", ")); leave them out (default: \(PromoCodeSpec.defaultAlphabet))"
                )
            }
            if !alphabet.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
                context.error(mark, "alphabet may hold only upper-case letters and digits")
            }
            if Set(alphabet).count != alphabet.count {
                context.error(mark, "alphabet repeats characters")
            }
            if Set(alphabet).count < 2 {
                context.error(mark, "alphabet needs at least two characters")
                return
            }
        }
        if bits < PromoCodeSpec.minimumBits {
            let perChar = log2(Double(Set(alphabet).count))
            let needed = Int((PromoCodeSpec.minimumBits / perChar).rounded(.up))
            context.error(
                node["length"]?.mark ?? node["alphabet"]?.mark ?? node.mark,
                "code random part carries \(Int(bits)) bits, fewer than \(Int(PromoCodeSpec.minimumBits)) (too easy to guess); use length \(needed) or more"
            )
        }
    }
}

private func log2(_ x: Double) -> Double {
    var value = x
    var result = 0.0
    // log2 without Foundation: integer part by halving, fraction by squaring.
    while value >= 2 { value /= 2; result += 1 }
    var fraction = 0.5
    for _ in 0..<30 {
        value *= value
        if value >= 2 { value /= 2; result += fraction }
        fraction /= 2
    }
    return result
}
