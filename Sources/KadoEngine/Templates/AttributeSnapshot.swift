import Foundation

/// What an outbox row captured of the user and the trigger for its message, at issuance:
/// template variable (`user.tier`, `trigger.years`) to value, as the issuing statement wrote
/// it into `notifications.attributes`.
package struct AttributeSnapshot: Sendable, Hashable {
    /// A captured value: JSON's kinds (a date is a `YYYY-MM-DD` string).
    package enum Value: Sendable, Hashable, Decodable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)

        package init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    package var values: [String: Value]

    package init(values: [String: Value] = [:]) {
        self.values = values
    }

    /// From the column's JSON text; nothing when it is NULL or not an object of values.
    package init(json: String?) {
        // "{}" (nothing captured) is most rows': no decoder for it.
        guard let json, json != "{}",
            let decoded = try? JSONDecoder().decode([String: Value].self, from: Data(json.utf8))
        else {
            self.init()
            return
        }
        self.init(values: decoded)
    }
}
