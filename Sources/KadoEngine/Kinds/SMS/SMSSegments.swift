/// How many SMS segments a text takes, as carriers count them: GSM-7 (the GSM 03.38
/// alphabet, 160 characters in one segment, 153 per segment when split; `^{}\[~]|€` and
/// form feed take two) when every character is in that alphabet, else UCS-2 (70 UTF-16
/// units in one segment, 67 when split; an emoji takes two). A split never cuts an escape
/// pair or a surrogate pair in two.
package struct SMSSegments: Sendable, Hashable, CustomStringConvertible {
    package enum Encoding: String, Sendable, Hashable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    package var encoding: Encoding
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    package var length: Int
    package var count: Int

    /// The single-segment limit of `encoding`.
    package static func singleLimit(_ encoding: Encoding) -> Int { encoding == .gsm7 ? 160 : 70 }

    package init(_ text: String) {
        var units: [Int] = []
        var gsm = true
        for scalar in text.unicodeScalars {
            if Self.basic.contains(scalar) {
                units.append(1)
            } else if Self.extended.contains(scalar) {
                units.append(2)
            } else {
                gsm = false
                break
            }
        }
        if !gsm {
            units = text.unicodeScalars.map { $0.value > 0xFFFF ? 2 : 1 }
        }
        encoding = gsm ? .gsm7 : .ucs2
        length = units.reduce(0, +)
        let single = Self.singleLimit(encoding)
        if length <= single {
            count = length == 0 ? 0 : 1
            return
        }
        let part = gsm ? 153 : 67
        var segments = 1
        var used = 0
        for unit in units {
            if used + unit > part {
                segments += 1
                used = 0
            }
            used += unit
        }
        count = segments
    }

    package var description: String {
        "\(count) segment\(count == 1 ? "" : "s") (\(length) \(encoding.rawValue) \(encoding == .gsm7 ? "characters" : "units"))"
    }

    /// The GSM 03.38 default alphabet (one septet each).
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)
    /// The extension table (an escape plus one septet each).
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
