import Foundation
import KadoYAML

/// Sends SMS through Twilio's Messages API or any service that speaks it:
/// `POST {base_url}/2010-04-01/Accounts/{account_sid}/Messages.json`, form-encoded `To`,
/// `From` and `Body`, with HTTP basic auth `account_sid:auth_token`.
package struct TwilioProvider: ChannelProvider {
    package static let name = "twilio"
    package static let kinds: Set<MessageKind> = [.sms]
    package static let defaultBaseURL = "https://api.twilio.com"
    package static let settings = ObjectSchema(
        "Send SMS through the Twilio Messages API (or a service compatible with it).",
        fields: [
            FieldSchema(
                "account_sid",
                .string(
                    StringSchema("The account SID (AC...); use ${TWILIO_ACCOUNT_SID}. Empty: not configured.")
                ),
                required: true),
            FieldSchema(
                "auth_token",
                .string(StringSchema("The auth token; use ${TWILIO_AUTH_TOKEN}. Never logged.")),
                required: true),
            FieldSchema(
                "from",
                .string(
                    StringSchema(
                        "The sender: a number in E.164 (+6281234567890) or an alphanumeric sender ID of up to 11 letters, digits and spaces.",
                        rule: Self.senderRule)),
                required: true),
            FieldSchema(
                "base_url",
                .string(
                    StringSchema(
                        "API base URL.", default: defaultBaseURL, check: urlCheck(schemes: ["https", "http"]))
                )),
        ])

    package let accountSID: String
    package let authToken: String
    package let from: String
    package let baseURL: String
    /// `{base_url}/2010-04-01/Accounts/{account_sid}/Messages.json`, built once for every
    /// message to post to.
    let messagesURL: String
    /// The `Authorization` header of every request (HTTP Basic with the SID and token).
    let authorization: String

    package init(
        accountSID: String, authToken: String, from: String, baseURL: String = TwilioProvider.defaultBaseURL
    ) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.from = from
        self.baseURL = baseURL
        messagesURL = Self.messagesURL(baseURL: baseURL, accountSID: accountSID)
        authorization = "Basic " + Data("\(accountSID):\(authToken)".utf8).base64EncodedString()
    }

    package init?(settings: YAMLNode, context: inout ConfigContext) {
        guard let sid = settings.string("account_sid"), !sid.isEmpty,
            let token = settings.string("auth_token"), !token.isEmpty,
            let from = settings.string("from"), !from.isEmpty
        else { return nil }
        let base = settings.string("base_url") ?? ""
        self.init(
            accountSID: sid, authToken: token, from: from, baseURL: base.isEmpty ? Self.defaultBaseURL : base)
    }

    package var summary: String {
        "Twilio Messages API \(redactedURL(baseURL)) account \(accountSID) from \(from)"
    }

    /// A sender is an E.164 number or an alphanumeric sender ID (1 to 11 letters, digits
    /// and spaces, at least one letter); empty means not configured.
    static let senderRule = StringRule(
        pattern: "^(\\+[1-9][0-9]{7,14}|(?=[A-Za-z0-9 ]{1,11}$)[0-9 ]*[A-Za-z][A-Za-z0-9 ]*)?$"
    ) { value in
        "'\(value)' is not an SMS sender: use a number in E.164 (+6281234567890) or an alphanumeric sender ID of up to 11 letters, digits and spaces"
    }
}
