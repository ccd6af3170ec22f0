import Foundation
import KadoCurl

extension MailtrapProvider {
    /// Classifies an answer of the send API: 2xx is sent with the first of
    /// `message_ids`; 408, 429 and 5xx are retried (after `Retry-After`); any other
    /// status fails, with the API's `errors` in the reason.
    static func outcome(of response: HTTPResponse) -> DeliveryResult {
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        if response.isSuccess {
            let ids = json?["message_ids"] as? [Any]
            return .sent(providerMessageID: ids?.first.map { "\($0)" })
        }
        let errors: String
        switch json?["errors"] {
        case let list as [Any]: errors = list.map { "\($0)" }.joined(separator: "; ")
        case let text as String: errors = text
        case let object as [String: Any]:
            errors = object.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
        default: errors = DeliveryResult.excerpt(response)
        }
        let reason = "Mailtrap API HTTP \(response.status): \(MessageText.singleLine(errors))"
        return .httpStatus(response, reason: reason)
    }
}
