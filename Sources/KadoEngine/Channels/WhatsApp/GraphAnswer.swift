import Foundation

/// What the WhatsApp Cloud (Graph) API's answer says, as far as the outcome reads it:
/// the `wamid` of an accepted message (`messages[0].id`), or the `error` object of a
/// refusal. Each field is read on its own, so an answer with one odd field still gives
/// the others; an answer that is not a JSON object gives nil.
struct GraphAnswer: Decodable {
    /// `error` of a refusal.
    struct Failure: Decodable {
        var code: Int?
        var subcode: Int?
        var message: String?
        /// `error_data.details`.
        var details: String?

        private enum Keys: String, CodingKey {
            case code, message
            case subcode = "error_subcode"
            case errorData = "error_data"
        }

        private struct ErrorData: Decodable {
            var details: String?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            code = try? container.decodeIfPresent(Int.self, forKey: .code)
            subcode = try? container.decodeIfPresent(Int.self, forKey: .subcode)
            message = try? container.decodeIfPresent(String.self, forKey: .message)
            details = (try? container.decodeIfPresent(ErrorData.self, forKey: .errorData))?.details
        }
    }

    /// `messages[0].id`.
    var messageID: String?
    var error: Failure?

    private enum Keys: String, CodingKey {
        case messages, error
    }

    private struct Message: Decodable {
        var id: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        messageID = (try? container.decodeIfPresent([Message].self, forKey: .messages))?.first?.id
        error = try? container.decodeIfPresent(Failure.self, forKey: .error)
    }

    /// One decoder for every answer: it keeps only its options, which are never changed.
    private static let decoder = JSONDecoder()

    /// The answer in `body`, nil when it is not a JSON object.
    static func parse(_ body: [UInt8]) -> GraphAnswer? {
        try? decoder.decode(GraphAnswer.self, from: Data(body))
    }
}
