/// The exact bytes a provider sends for one message (the MIME message over SMTP, an HTTP
/// API's request body, the file outbox's file), for previews and downloads: the preview
/// is what gets sent.
package struct ProviderPayload: Sendable, Hashable {
    package var bytes: [UInt8]
    /// The bytes' media type, e.g. `message/rfc822`, `application/json`.
    package var mediaType: String
    /// A file name extension for a download, e.g. `eml`, `json`.
    package var fileExtension: String

    package init(bytes: [UInt8], mediaType: String, fileExtension: String) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.fileExtension = fileExtension
    }

    /// A JSON request body.
    package static func json(_ bytes: [UInt8]) -> ProviderPayload {
        ProviderPayload(bytes: bytes, mediaType: "application/json", fileExtension: "json")
    }
}
