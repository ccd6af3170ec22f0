/// The shape of a message: what a template provides and a provider accepts.
package enum MessageKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Subject, HTML and text bodies.
    case email
    /// A provider-approved template name, language and body parameters.
    case whatsapp
}
