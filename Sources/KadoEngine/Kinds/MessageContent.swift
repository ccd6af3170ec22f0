import Foundation

/// A rendered message in the shape of its kind (``RenderedEmail``, ``RenderedWhatsApp``,
/// ``RenderedSMS``): what providers take, and what previews and the file outbox show.
package protocol MessageContent: Sendable, Hashable {
    /// The kind this content belongs to.
    static var kind: MessageKind { get }
    /// The file outbox's file name extension for messages of this kind (`eml`, `json`, `txt`).
    static var fileExtension: String { get }
    /// That file's media type (`message/rfc822`, `application/json`).
    static var fileMediaType: String { get }
    /// The message as a person reads it (`kado preview --format text`).
    func readable(for message: OutgoingMessage) -> String
    /// The file the file outbox writes, or why none can be written (e.g. an invalid number).
    func fileBytes(for message: OutgoingMessage, date: Date) -> Result<[UInt8], MessageFileError>
    /// This kind's member of the webhook event (`"email": {...}`), its values only.
    var eventFields: [(String, JSONValue)] { get }
}

/// Why a message's file cannot be built: safe to log (no secrets, the address as given).
package struct MessageFileError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
