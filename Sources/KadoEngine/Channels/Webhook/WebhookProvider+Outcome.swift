import Foundation
import KadoCurl

extension WebhookProvider {
    /// Classifies the receiver's answer: 2xx is sent (with the reply's `id` field as
    /// the provider message id, when it is a JSON object that has one); 408, 429 and
    /// 5xx are retried (after `Retry-After`); any other status fails.
    static func outcome(of response: HTTPResponse) -> DeliveryResult {
        if response.isSuccess {
            let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
            let id: String? =
                switch json?["id"] {
                case let text as String: text
                case let number as NSNumber: number.stringValue
                default: nil
                }
            return .sent(providerMessageID: id)
        }
        return .httpStatus(
            response, reason: "webhook HTTP \(response.status): \(DeliveryResult.excerpt(response))")
    }
}
