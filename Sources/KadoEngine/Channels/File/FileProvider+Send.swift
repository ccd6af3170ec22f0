import Foundation

extension FileProvider {
    /// Writes the message as its kind's file (``MessageContent/fileBytes(for:date:)``): an
    /// email as the exact MIME bytes SMTP would send (`.eml`), a WhatsApp message as the
    /// exact JSON body the Cloud API would get (`.json`), an SMS as its text (`.txt`). The provider message id is the file's path. Invalid
    /// addresses or numbers fail; file system errors are retried.
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        let bytes: [UInt8]
        switch message.content.fileBytes(for: message, date: Date()) {
        case .success(let made): bytes = made
        case .failure(let failure): return .failed(reason: failure.description)
        }
        let path = path(for: message)
        do {
            try await Self.writeAtomically(bytes, to: path)
        } catch {
            return .retry(after: nil, reason: "could not write \(path): \(error.localizedDescription)")
        }
        return .sent(providerMessageID: path)
    }

    /// The file it writes.
    package func payload(for message: OutgoingMessage, date: Date) -> Result<
        ProviderPayload, MessageFileError
    > {
        message.filePayload(date: date)
    }
}
