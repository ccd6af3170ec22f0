import Foundation
import KadoPostgres

extension PromoTerms {
    /// The `promos` columns ``init(row:at:)`` reads, for a promo aliased `alias`.
    static func columns(_ alias: String) -> String {
        """
        coalesce(\(alias).name, ''), \(alias).occurrence_date::text, \(alias).end_date::text,
        extract(epoch FROM \(alias).valid_from)::float8, extract(epoch FROM \(alias).valid_until)::float8,
        \(alias).discount_type, \(alias).amount, \(alias).percent::float8, \(alias).cap, coalesce(\(alias).currency, '')
        """
    }

    /// How many cells ``columns(_:)`` selects.
    static let columnCount = 10

    /// Reads the issued terms from the cells at `offset ..< offset + columnCount`.
    init(row: PostgresRow, at offset: Int) throws {
        let occurrence = try Self.date(row, offset + 1)
        self.init(
            promoName: try row.decode(String.self, at: offset),
            occurrenceDate: occurrence,
            endDate: (try? Self.date(row, offset + 2)) ?? occurrence,
            validFrom: Date(timeIntervalSince1970: try row.decode(Double?.self, at: offset + 3) ?? 0),
            validUntil: Date(timeIntervalSince1970: try row.decode(Double?.self, at: offset + 4) ?? 0),
            discountType: try row.decode(String.self, at: offset + 5),
            amount: try row.decode(Int?.self, at: offset + 6),
            percent: try row.decode(Double?.self, at: offset + 7),
            cap: try row.decode(Int?.self, at: offset + 8),
            currency: try row.decode(String.self, at: offset + 9))
    }

    private static func date(_ row: PostgresRow, _ index: Int) throws -> LocalDate {
        let text = try row.decode(String?.self, at: index) ?? ""
        guard let date = LocalDate(text) else {
            throw PostgresError(kind: .decoding, message: "column \(index + 1): '\(text)' is not a date")
        }
        return date
    }
}
