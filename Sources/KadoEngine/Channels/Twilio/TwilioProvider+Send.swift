import Foundation
import KadoCurl

extension TwilioProvider {
    /// Posts the SMS to the Messages API and classifies the answer (see ``outcome(of:)``).
    /// A recipient that is not E.164 fails before any connection, as unreachable (another
    /// channel may reach the customer).
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        let body: [UInt8]
        switch payload(for: message, date: Date()) {
        case .success(let payload): body = payload.bytes
        case .failure(let failure):
            return .failed(reason: failure.description, code: "address", kind: .recipientUnreachable)
        }
        let request = HTTPRequest(
            method: "POST", url: messagesURL,
            headers: [
                ("Authorization", authorization),
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
            ],
            body: body)
        do {
            return Self.outcome(of: try await transport.curl.perform(request))
        } catch {
            return .transportFailure(error, service: "Twilio Messages API")
        }
    }

    /// The form body `To=…&From=…&Body=…` for `message`, or why it cannot be sent.
    package func payload(for message: OutgoingMessage, date: Date) -> Result<
        ProviderPayload, MessageFileError
    > {
        guard let sms = message.content as? RenderedSMS else {
            return .failure(MessageFileError(Self.wrongKind(message)))
        }
        guard PhoneNumber.isE164(message.recipient) else {
            return .failure(
                MessageFileError(
                    "invalid SMS recipient '\(MessageText.printable(message.recipient))': expected a number in E.164 (+ and 8 to 15 digits)"
                ))
        }
        let form = [("To", message.recipient), ("From", from), ("Body", sms.text)]
            .map { "\($0)=\(Self.formEncoded($1))" }.joined(separator: "&")
        return .success(
            ProviderPayload(
                bytes: Array(form.utf8), mediaType: "application/x-www-form-urlencoded", fileExtension: "txt")
        )
    }

    /// `{base_url}/2010-04-01/Accounts/{account_sid}/Messages.json`, the SID percent-encoded.
    static func messagesURL(baseURL: String, accountSID: String) -> String {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let sid = accountSID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? accountSID
        return "\(base)/2010-04-01/Accounts/\(sid)/Messages.json"
    }

    /// `value` for an `application/x-www-form-urlencoded` body: unreserved characters as
    /// they are, every other byte of its UTF-8 as `%XX` (a space too).
    static func formEncoded(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
