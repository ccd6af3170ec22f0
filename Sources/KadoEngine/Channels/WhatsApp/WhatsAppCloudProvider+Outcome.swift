import Foundation
import KadoCurl

extension WhatsAppCloudProvider {
    /// Graph API error codes that mean "slow down" or "try later": throttling (4,
    /// 80007, 130429, 131048 spam rate, 131056 pair rate) and temporary service
    /// trouble (1, 2, 131000, 133004).
    static let transientErrorCodes: Set<Int> = [1, 2, 4, 80007, 130429, 131048, 131056, 131000, 133004]

    /// Classifies an answer of the Cloud API: 2xx with `messages[0].id` is sent (the
    /// `wamid`); a transient Graph error code, 429 or 5xx is retried (after
    /// `Retry-After` when given); every other error (invalid or undeliverable
    /// recipient, template problems, expired token 190, other 4xx) fails. The reason
    /// carries the HTTP status, Graph code, subcode and message.
    static func outcome(of response: HTTPResponse) -> DeliveryResult {
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        if response.isSuccess {
            let messages = json?["messages"] as? [[String: Any]]
            return .sent(providerMessageID: messages?.first?["id"] as? String)
        }
        guard let error = json?["error"] as? [String: Any] else {
            let reason = "WhatsApp Cloud API HTTP \(response.status): \(DeliveryResult.excerpt(response))"
            return .httpStatus(response, reason: reason)
        }
        let code = (error["code"] as? NSNumber)?.intValue
        var reason = "WhatsApp Cloud API HTTP \(response.status), error \(code.map(String.init) ?? "?")"
        if let subcode = (error["error_subcode"] as? NSNumber)?.intValue {
            reason += " (subcode \(subcode))"
        }
        reason += ": " + MIMEText.singleLine((error["message"] as? String) ?? "no message")
        if let details = (error["error_data"] as? [String: Any])?["details"] as? String {
            reason += " - " + MIMEText.singleLine(details)
        }
        if code == 190 {
            reason += " (the access token is invalid or expired)"
        }
        if let code, transientErrorCodes.contains(code) {
            return .retry(after: DeliveryResult.retryAfter(response), reason: reason)
        }
        if response.status == 429 || (500..<600).contains(response.status) {
            return .retry(after: DeliveryResult.retryAfter(response), reason: reason)
        }
        return .failed(reason: reason)
    }
}
