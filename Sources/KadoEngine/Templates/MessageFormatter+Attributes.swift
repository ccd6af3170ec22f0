import Foundation

extension MessageFormatter {
    /// A captured value as a message shows it: by its declared `type` (nil: as captured) in
    /// this locale: `1.250` points in id-ID, dates in the long style, booleans in words.
    func attribute(_ value: AttributeSnapshot.Value?, type: AttributeType?) -> TemplateAttribute {
        switch value {
        case .none, .some(.null):
            return .missing
        case .bool(let flag):
            return TemplateAttribute(shown: yesNo(flag), truthy: flag)
        case .integer(let n):
            return TemplateAttribute(shown: type == .string ? String(n) : number(Double(n)), truthy: true)
        case .number(let n):
            return TemplateAttribute(shown: type == .string ? String(n) : number(n), truthy: true)
        case .string(let text):
            if type == .date, let day = LocalDate(text.prefix(10)) {
                return TemplateAttribute(shown: date(day), truthy: true)
            }
            return TemplateAttribute(shown: text, truthy: !text.isEmpty)
        }
    }

    /// A number with the locale's separators and at most two decimals: `1.250`, `4,75`.
    func number(_ value: Double) -> String {
        FormatCache.shared.value("number|\(locale)|\(value)") {
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: locale)
            formatter.numberStyle = .decimal
            formatter.maximumFractionDigits = 2
            return formatter.string(from: NSNumber(value: value)) ?? String(value)
        }
    }

    /// "yes" or "no" in the message's language (English for languages not listed).
    func yesNo(_ value: Bool) -> String {
        let language = locale.split(separator: "-").first.map { String($0).lowercased() } ?? "en"
        let words = Self.yesNoWords[language] ?? ("yes", "no")
        return value ? words.yes : words.no
    }

    static let yesNoWords: [String: (yes: String, no: String)] = [
        "en": ("yes", "no"), "id": ("ya", "tidak"), "ms": ("ya", "tidak"), "nl": ("ja", "nee"),
        "de": ("ja", "nein"), "fr": ("oui", "non"), "es": ("sí", "no"), "pt": ("sim", "não"),
        "it": ("sì", "no"), "sv": ("ja", "nej"), "da": ("ja", "nej"), "nb": ("ja", "nei"),
        "pl": ("tak", "nie"), "tr": ("evet", "hayır"), "vi": ("có", "không"), "th": ("ใช่", "ไม่"),
        "ja": ("はい", "いいえ"), "zh": ("是", "否"), "ko": ("예", "아니요"),
    ]
}
