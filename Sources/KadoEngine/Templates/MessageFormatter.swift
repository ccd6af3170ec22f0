import Foundation

/// Formats money, percentages and dates for one message: in the message's
/// locale, the tenant's currency and the tenant's time zone (`Rp10.000`,
/// `15 Maret 2026` for id-ID; `€ 20`, `21 maart 2026` for nl-NL).
package struct MessageFormatter: Sendable {
    package var locale: String
    package var currency: String
    package var timeZone: TimeZone

    package init(locale: String, currency: String, timeZone: TimeZone) {
        self.locale = locale
        self.currency = currency
        self.timeZone = timeZone
    }

    /// An amount in whole or fractional units, without decimals when whole.
    package func money(_ amount: Double) -> String {
        FormatCache.shared.value("money|\(locale)|\(currency)|\(amount)") { makeMoney(amount) }
    }

    private func makeMoney(_ amount: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.numberStyle = .currency
        formatter.currencyCode = currency
        let digits = amount == amount.rounded() ? 0 : 2
        formatter.minimumFractionDigits = digits
        formatter.maximumFractionDigits = digits
        return formatter.string(from: NSNumber(value: amount)) ?? "\(currency) \(amount)"
    }

    /// A percentage such as `15%` (`12,5%` where the locale writes decimals so).
    package func percent(_ value: Double) -> String {
        FormatCache.shared.value("percent|\(locale)|\(value)") { makePercent(value) }
    }

    private func makePercent(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.numberStyle = .percent
        formatter.maximumFractionDigits = 2
        return formatter.string(from: NSNumber(value: value / 100)) ?? "\(value)%"
    }

    /// A capped percentage in the locale's words: `15% (max. €20)`, `12% (maks. Rp50.000)`.
    package func cappedPercent(_ percent: String, cap: String) -> String {
        let language = locale.split(separator: "-").first.map { String($0).lowercased() } ?? "en"
        let word = Self.maximumWords[language] ?? "max."
        return "\(percent) (\(word) \(cap))"
    }

    /// "At most" abbreviated, by language; English's "max." for the others.
    static let maximumWords: [String: String] = [
        "id": "maks.", "ms": "maks.", "nl": "max.", "de": "max.", "fr": "max.", "es": "máx.", "pt": "máx.",
        "it": "max.", "sv": "max.", "da": "maks.", "nb": "maks.", "pl": "maks.", "tr": "en fazla",
        "vi": "tối đa",
        "th": "สูงสุด", "ja": "最大", "zh": "最高", "ko": "최대",
    ]

    /// A calendar date in the locale's long style (`15 Maret 2026`, `March 15, 2026`).
    package func date(_ date: LocalDate) -> String {
        FormatCache.shared.value("date|\(locale)|\(date)") { makeDate(date) }
    }

    private func makeDate(_ date: LocalDate) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        // Noon UTC of the local date: the same calendar day in the formatter's UTC zone.
        return formatter.string(
            from: Date(timeIntervalSince1970: Double(date.daysSinceEpoch * 86400 + 43200)))
    }
}
