import Foundation
import KadoCurl

/// Outcome rules shared by the providers that talk HTTP (WhatsApp Cloud, Mailtrap,
/// webhook) and by SMTP for failures without a server reply.
extension DeliveryResult {
    /// A transfer that ended without an answer: transient libcurl errors (refused
    /// connection, timeout, SMTP 4xx...) and cancellation are retried, the rest
    /// (bad URL, TLS verification, login denied, SMTP 5xx...) fails.
    static func transportFailure(_ error: any Error, service: String) -> DeliveryResult {
        if let curl = error as? CurlError {
            let reason = "\(service): \(curl.description)"
            let code = curl.code == .operationTimedOut ? "timeout" : "curl \(curl.code.rawValue)"
            if curl.code == .loginDenied { return .unauthorized(reason: reason, code: code) }
            return curl.isTransient
                ? .retry(after: nil, reason: reason, code: code) : .failed(reason: reason, code: code)
        }
        if error is CancellationError {
            return .retry(
                after: nil, reason: "\(service): cancelled before the answer arrived", code: "cancelled")
        }
        return .retry(after: nil, reason: "\(service): \(error)")
    }

    /// The usual reading of a non-2xx status: 401 and 403 are rejected credentials
    /// (the channel pauses), 429 a rate limit (the channel pauses until Retry-After),
    /// 408 and 5xx are retried (after the response's `Retry-After`, if any), everything
    /// else fails.
    static func httpStatus(_ response: HTTPResponse, reason: String, code: String? = nil) -> DeliveryResult {
        let code = code ?? "http \(response.status)"
        switch response.status {
        case 401, 403:
            return .unauthorized(reason: reason, code: code)
        case 429:
            return .retry(after: retryAfter(response), reason: reason, code: code, kind: .rateLimited)
        case 408, 500..<600:
            return .retry(after: retryAfter(response), reason: reason, code: code)
        default:
            return .failed(reason: reason, code: code)
        }
    }

    /// The wait asked for by `Retry-After`: whole seconds, or an HTTP date (IMF-fixdate)
    /// relative to `now`; never negative.
    static func retryAfter(_ response: HTTPResponse, now: Date = Date()) -> Duration? {
        guard let value = response.headers["retry-after"]?.trimmingCharacters(in: .whitespaces),
            !value.isEmpty
        else { return nil }
        if let seconds = Int(value) {
            return .seconds(max(0, seconds))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
    }

    /// The start of a response body for a failure reason, on one line.
    static func excerpt(_ response: HTTPResponse, limit: Int = 300) -> String {
        let text = MessageText.singleLine(response.text)
        return text.count > limit ? String(text.prefix(limit)) + "..." : text
    }
}
