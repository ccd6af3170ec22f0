import Foundation
import KadoCurl

extension TwilioProvider {
    /// Twilio error codes that mean this number cannot get SMS (another channel may reach
    /// the customer): 21211 invalid `To` number, 21614 not a mobile number, 21612 `To`
    /// cannot be reached from `From`, 21610 the recipient replied STOP, 21217 not a valid
    /// number, 21265 `To` is a short code, 21408 no permission for the recipient's region.
    static let unreachableCodes: Set<Int> = [21211, 21614, 21612, 21610, 21217, 21265, 21408]
    /// 20003: the account SID or auth token is wrong.
    static let credentialCodes: Set<Int> = [20003, 20005]
    /// 20429: too many requests; 14107: the account's SMS rate for the sender.
    static let rateLimitCodes: Set<Int> = [20429, 14107]

    /// Classifies an answer of the Messages API: 2xx is sent (the message `sid`); 401 or
    /// 20003 pauses the channel (the credentials); 429 or 20429 is a rate limit; 5xx is
    /// retried; a number that cannot get SMS fails as unreachable (the fallback channel
    /// sends); every other error fails. The reason carries the HTTP status, Twilio's
    /// code and message, never the auth token.
    static func outcome(of response: HTTPResponse) -> DeliveryResult {
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        if response.isSuccess {
            return .sent(providerMessageID: json?["sid"] as? String)
        }
        guard let code = (json?["code"] as? NSNumber)?.intValue else {
            let reason = "Twilio Messages API HTTP \(response.status): \(DeliveryResult.excerpt(response))"
            return .httpStatus(response, reason: reason)
        }
        let text = MessageText.singleLine((json?["message"] as? String) ?? "no message")
        let reason = "Twilio Messages API HTTP \(response.status), error \(code): \(text)"
        let structured = "twilio \(code)"
        if credentialCodes.contains(code) || response.status == 401 || response.status == 403 {
            return .unauthorized(reason: reason + " (check account_sid and auth_token)", code: structured)
        }
        if rateLimitCodes.contains(code) || response.status == 429 {
            return .retry(
                after: DeliveryResult.retryAfter(response), reason: reason, code: structured,
                kind: .rateLimited)
        }
        if (500..<600).contains(response.status) {
            return .retry(after: DeliveryResult.retryAfter(response), reason: reason, code: structured)
        }
        if unreachableCodes.contains(code) {
            return .failed(reason: reason, code: structured, kind: .recipientUnreachable)
        }
        return .failed(reason: reason, code: structured)
    }
}
