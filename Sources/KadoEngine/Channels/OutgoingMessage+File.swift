import Foundation

extension OutgoingMessage {
    /// The message as its kind's file (``MessageContent/fileBytes(for:date:)``) with that
    /// file's media type and extension: what the file outbox writes, what SMTP sends for an
    /// email, and the studio's `message.<ext>` download.
    package func filePayload(date: Date) -> Result<ProviderPayload, MessageFileError> {
        let kind = type(of: content)
        return content.fileBytes(for: self, date: date).map {
            ProviderPayload(bytes: $0, mediaType: kind.fileMediaType, fileExtension: kind.fileExtension)
        }
    }
}
