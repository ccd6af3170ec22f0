import KadoYAML

/// Sends WhatsApp template messages through the WhatsApp Cloud API:
/// `POST {base_url}/{phone_number_id}/messages` with a bearer token.
package struct WhatsAppCloudProvider: ChannelProvider {
    package static let name = "whatsapp_cloud"
    package static let kinds: Set<MessageKind> = [.whatsapp]
    package static let defaultBaseURL = "https://graph.facebook.com/v21.0"
    package static let settings = ObjectSchema(
        "Send WhatsApp template messages through the WhatsApp Cloud API.",
        fields: [
            FieldSchema(
                "token", .string(StringSchema("Access token; use ${WHATSAPP_TOKEN}. Empty: not configured.")),
                required: true),
            FieldSchema(
                "phone_number_id",
                .string(StringSchema("The sending phone number id; use ${WHATSAPP_PHONE_NUMBER_ID}.")),
                required: true),
            FieldSchema(
                "base_url",
                .string(
                    StringSchema(
                        "API base URL.", default: defaultBaseURL, check: urlCheck(schemes: ["https", "http"]))
                )),
        ])

    package let token: String
    package let phoneNumberID: String
    package let baseURL: String
    /// `{base_url}/{phone_number_id}/messages`, built once for every message to post to.
    let messagesURL: String
    /// The `Authorization` header of every request.
    let authorization: String

    package init(token: String, phoneNumberID: String, baseURL: String = WhatsAppCloudProvider.defaultBaseURL)
    {
        self.token = token
        self.phoneNumberID = phoneNumberID
        self.baseURL = baseURL
        messagesURL = Self.messagesURL(baseURL: baseURL, phoneNumberID: phoneNumberID)
        authorization = "Bearer \(token)"
    }

    package init?(settings: YAMLNode, context: inout ConfigContext) {
        guard let token = settings.string("token"), !token.isEmpty,
            let phone = settings.string("phone_number_id"), !phone.isEmpty
        else { return nil }
        let base = settings.string("base_url") ?? ""
        self.init(token: token, phoneNumberID: phone, baseURL: base.isEmpty ? Self.defaultBaseURL : base)
    }

    package var summary: String { "WhatsApp Cloud API \(redactedURL(baseURL))/\(phoneNumberID)" }
}
