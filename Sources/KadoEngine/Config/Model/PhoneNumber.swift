/// A phone number in E.164 form (`+6281200000011`): what WhatsApp's API and SMS gateways
/// take, however the number was written in the backend's table.
///
/// ``normalized(_:countryCode:)`` accepts the ways people write numbers: spaces, dashes,
/// dots and parentheses are ignored; `+62 812…` is international; `0062 812…` is the same
/// with the international prefix; `0812-…` is national, its trunk `0` replaced by the
/// country calling code; a bare `812…` gets the country code when its length is plausible.
/// The result is `+` and 8 to 15 digits, or a reason why the text is not a number.
package struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// `+` followed by 8 to 15 digits, the first not 0.
    package let e164: String

    /// Why a text is not a phone number, in words for a log line or a `dead` outbox row.
    package struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        package let reason: String
        package var description: String { reason }
    }

    /// The number as E.164.
    package var description: String { e164 }

    /// A national significant number shorter than this is not plausible without its trunk `0`.
    static let shortestBareNumber = 7
    /// ... nor one longer than this (E.164's longest national number is 12 digits for most plans).
    static let longestBareNumber = 12

    private init(e164: String) {
        self.e164 = e164
    }

    /// Whether `text` is already E.164: `+` and 8 to 15 digits, the first not 0.
    package static func isE164(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.first == UInt8(ascii: "+"), (9...16).contains(utf8.count) else { return false }
        let digits = utf8.dropFirst()
        return digits.first != UInt8(ascii: "0") && digits.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The E.164 form of `text`, or nil (see ``normalized(_:countryCode:)`` for the reason).
    package static func e164(_ text: String, countryCode: Int?) -> String? {
        try? normalized(text, countryCode: countryCode).get().e164
    }

    /// Normalises `text` to E.164. `countryCode` is the calling code used for numbers written
    /// without one (the tenant's `phone_country`, 1 to 999, e.g. 62 for Indonesia, 31 for the
    /// Netherlands); without it only international numbers (`+…`, `00…`) are accepted.
    package static func normalized(_ text: String, countryCode: Int?) -> Result<PhoneNumber, Problem> {
        if let countryCode, !(1...999).contains(countryCode) {
            return .failure(Problem(reason: "the country calling code \(countryCode) is not from 1 to 999"))
        }
        // Already E.164 (as the outbox holds it): the steps below would give it back as it is.
        if isE164(text) { return .success(PhoneNumber(e164: text)) }
        var compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        // "+31 (0)6 …": the national trunk 0 written after the country code is left out.
        if compact.hasPrefix("+") || compact.hasPrefix("00") {
            compact = compact.replacing("(0)", with: "")
        }
        let ignored: Set<Character> = ["-", ".", "(", ")"]
        compact = String(compact.filter { !ignored.contains($0) })
        guard !compact.isEmpty else { return .failure(Problem(reason: "there is no number")) }
        var digits = Substring(compact)
        let international = digits.hasPrefix("+")
        if international { digits = digits.dropFirst() }
        if let bad = digits.first(where: { !("0"..."9").contains($0) }) {
            return .failure(
                Problem(
                    reason:
                        "'\(text)' has the character '\(bad)'; a phone number holds digits and a leading '+'")
            )
        }
        let number: String
        if international {
            number = String(digits)
        } else if digits.hasPrefix("00") {
            number = String(digits.dropFirst(2))
        } else if let code = countryCode.map(String.init) {
            if digits.hasPrefix("0") {
                number = code + digits.dropFirst()
            } else if digits.hasPrefix(code) {
                return .failure(
                    Problem(
                        reason:
                            "'\(text)' starts with the country code \(code) but has no '+': write +\(digits) if that is what it is, or 0… for a national number"
                    ))
            } else if (shortestBareNumber...longestBareNumber).contains(digits.count) {
                number = code + digits
            } else {
                return .failure(
                    Problem(
                        reason:
                            "'\(text)' has \(digits.count) digits, which is not a national number (write it with its leading 0, or as +\(code)…)"
                    ))
            }
        } else {
            return .failure(
                Problem(
                    reason:
                        "'\(text)' has no country code (+…); set the tenant's phone_country to read national numbers"
                ))
        }
        guard let first = number.first else { return .failure(Problem(reason: "'\(text)' has no digits")) }
        guard first != "0" else {
            return .failure(
                Problem(reason: "'\(text)' has no country code: a country code does not start with 0"))
        }
        guard (8...15).contains(number.count) else {
            return .failure(
                Problem(
                    reason:
                        "'\(text)' has \(number.count) digits with its country code; a phone number has 8 to 15"
                ))
        }
        return .success(PhoneNumber(e164: "+" + number))
    }
}
