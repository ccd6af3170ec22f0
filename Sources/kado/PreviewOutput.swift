import Foundation
import KadoEngine

/// The bytes `kado preview` prints for each format.
enum PreviewOutput {
    static func render(
        _ message: OutgoingMessage, channel: ChannelConfig, format: PreviewCommand.Format
    ) throws -> Data {
        let kind = type(of: message.content)
        switch format {
        case .text:
            return Data(message.content.readable(for: message).utf8)
        case .html:
            guard let email = message.content as? RenderedEmail else {
                throw CLIError(
                    "--format html is for email; use text, \(kind.fileExtension) or request for \(message.kind)"
                )
            }
            return Data(email.html.utf8)
        case .eml, .txt:
            // The kind's own file, as the file outbox writes it: an email's MIME, an SMS's text.
            guard kind.fileExtension == format.rawValue else {
                throw CLIError(
                    "--format \(format.rawValue) is for \(format == .eml ? "email" : "SMS"); use text, \(kind.fileExtension) or request for \(message.kind)"
                )
            }
            return Data(try built(message.filePayload(date: Date())).bytes)
        case .json:
            let payload = try built(channel.provider.payload(for: message, date: Date()))
            if payload.mediaType == "application/json" { return Data(payload.bytes + [0x0A]) }
            throw CLIError(
                "channel '\(channel.name)' sends through \(channel.provider.summary), which takes \(payload.mediaType), not JSON: use --format request (or \(kind.fileExtension))"
            )
        case .request:
            return Data(try built(channel.provider.payload(for: message, date: Date())).bytes)
        }
    }

    /// The payload, or the reason it cannot be built as a CLI error.
    private static func built(_ result: Result<ProviderPayload, MessageFileError>) throws -> ProviderPayload {
        switch result {
        case .success(let payload): return payload
        case .failure(let failure): throw CLIError("cannot build the message: \(failure)")
        }
    }
}
