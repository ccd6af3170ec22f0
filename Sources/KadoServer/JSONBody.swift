import Foundation
import Hummingbird
import KadoEngine

/// Reads a JSON request body with limits: at most ``limit`` bytes (413 beyond), UTF-8,
/// a JSON object, each member of the type the API documents (400 `invalid_body`
/// naming the member otherwise). Nothing a client sends can make it crash.
enum JSONBody {
    /// The largest body accepted.
    static let limit = 16 * 1024

    /// The body's members, after the checks above.
    static func object(of request: Request) async throws -> [String: JSONField] {
        if let type = request.headers[.contentType]?.lowercased(),
            !(type.hasPrefix("application/json") || type.contains("+json"))
        {
            throw Problem(
                .unsupportedMediaType, code: "unsupported_media_type", title: "Unsupported media type",
                detail: "send the body as application/json")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let bytes = Data(buffer.readableBytesView)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw Problem.invalidBody("the body is not UTF-8 text")
        }
        let parsed: JSONField
        do {
            parsed = try JSONDecoder().decode(JSONField.self, from: bytes)
        } catch {
            throw Problem.invalidBody(
                "the body is not JSON: send an object such as {\"code\": \"BDAY-...\", \"user_id\": 123}")
        }
        guard case .object(let object) = parsed else {
            throw Problem.invalidBody("the body must be a JSON object")
        }
        return object
    }

    /// A required string member.
    static func string(_ object: [String: JSONField], _ key: String) throws -> String {
        guard let value = object[key] else { throw Problem.invalidBody("'\(key)' is missing", field: key) }
        guard case .string(let text) = value else {
            throw Problem.invalidBody("'\(key)' must be a string", field: key)
        }
        return text
    }

    /// A whole number member (required unless `optional`, where null means absent);
    /// booleans, fractions, strings and numbers beyond 64 bits are refused.
    static func integer(_ object: [String: JSONField], _ key: String, optional: Bool = false) throws -> Int? {
        switch object[key] {
        case .none, .null?:
            if optional { return nil }
            throw Problem.invalidBody("'\(key)' is missing", field: key)
        case .integer(let value)?:
            return value
        case .number?:
            throw Problem.invalidBody("'\(key)' must be a whole number (and within range)", field: key)
        default:
            throw Problem.invalidBody("'\(key)' must be an integer", field: key)
        }
    }
}

/// A JSON value as the body reader sees it: integers kept apart from other numbers.
enum JSONField: Decodable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONField])
    case object([String: JSONField])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONField].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONField].self))
        }
    }
}
