import Foundation
import KadoCurl

extension WhatsAppCloudProvider {
    /// Graph API error codes that mean "slow down": throttling (4, 80007, 130429,
    /// 131048 spam rate, 131056 pair rate).
    static let rateLimitCodes: Set<Int> = [4, 80007, 130429, 131048, 131056]
    /// Graph API error codes for temporary service trouble (1, 2, 131000, 133004).
    static let temporaryCodes: Set<Int> = [1, 2, 131000, 133004]
    /// Graph API error codes that mean the token or its permissions are bad (190 expired
    /// or invalid token, 10 and 200 permission, 0 auth exception).
    static let credentialCodes: Set<Int> = [0, 10, 190, 200]
    /// Graph API error codes that mean this number cannot get WhatsApp messages (131026
    /// undeliverable: not on WhatsApp or old app; 131030 not in the allowed list; 131049
    /// held back for ecosystem health; 131021 sender and recipient are the same).
    static let unreachableCodes: Set<Int> = [131026, 131030, 131049, 131021]

    /// Classifies an answer of the Cloud API: 2xx with `messages[0].id` is sent (the
    /// `wamid`); a throttling code or 429 is a rate limit (the channel pauses until
    /// `Retry-After`); temporary codes and 5xx are retried; a token or permission error
    /// (190, 401, 403) pauses the channel; undeliverable numbers fail as unreachable;
    /// every other error fails. The reason carries the HTTP status, Graph code, subcode
    /// and message.
    static func outcome(of response: HTTPResponse) -> DeliveryResult {
        let answer = GraphAnswer.parse(response.body)
        if response.isSuccess {
            return .sent(providerMessageID: answer?.messageID)
        }
        guard let error = answer?.error else {
            let reason = "WhatsApp Cloud API HTTP \(response.status): \(DeliveryResult.excerpt(response))"
            return .httpStatus(response, reason: reason)
        }
        let code = error.code
        var reason = "WhatsApp Cloud API HTTP \(response.status), error \(code.map(String.init) ?? "?")"
        if let subcode = error.subcode {
            reason += " (subcode \(subcode))"
        }
        reason += ": " + MessageText.singleLine(error.message ?? "no message")
        if let details = error.details {
            reason += " - " + MessageText.singleLine(details)
        }
        let structured = code.map { "graph \($0)" } ?? "http \(response.status)"
        guard let code else { return .httpStatus(response, reason: reason, code: structured) }
        if code == 190 {
            reason += " (the access token is invalid or expired)"
        }
        let after = DeliveryResult.retryAfter(response)
        if rateLimitCodes.contains(code) || response.status == 429 {
            return .retry(after: after, reason: reason, code: structured, kind: .rateLimited)
        }
        if temporaryCodes.contains(code) || (500..<600).contains(response.status) {
            return .retry(after: after, reason: reason, code: structured)
        }
        if credentialCodes.contains(code) || response.status == 401 || response.status == 403 {
            return .unauthorized(reason: reason, code: structured)
        }
        if unreachableCodes.contains(code) {
            return .failed(reason: reason, code: structured, kind: .recipientUnreachable)
        }
        return .failed(reason: reason, code: structured)
    }
}
