import Foundation
import KadoCurl

extension SMTPProvider {
    /// Whether the URL asks for TLS from the first byte.
    var isImplicitTLS: Bool {
        url.lowercased().hasPrefix("smtps://")
    }

    /// The TLS mode: `smtps://` is always implicit TLS; `starttls` requires STARTTLS;
    /// `auto` upgrades when the server offers STARTTLS and stays in clear text when it
    /// does not (decided once per session, not by a failed attempt per message); `none`
    /// stays in clear text.
    var requestTLS: SMTPRequest.TLS {
        if isImplicitTLS { return .implicit }
        switch tls {
        case .auto: return .startTLSIfOffered
        case .starttls: return .startTLSRequired
        case .none: return .none
        }
    }

    /// The envelope and transport settings for one message. Credentials in the URL
    /// (`smtp://user:password@host`) are read by libcurl; `username` and `password`
    /// settings take precedence.
    func smtpRequest(for mime: MIMEMessage) -> SMTPRequest {
        let timeout = Duration.seconds(max(1, timeoutSeconds))
        return SMTPRequest(
            url: url, from: mime.sender.address, recipients: [mime.recipient.address], message: mime.bytes,
            username: username, password: password, tls: requestTLS, timeout: timeout,
            connectTimeout: min(timeout, .seconds(10)))
    }

    /// The MIME message as it goes over SMTP (the email's own file: ``RenderedEmail``).
    package func payload(for message: OutgoingMessage, date: Date) -> Result<
        ProviderPayload, MessageFileError
    > {
        guard message.content is RenderedEmail else {
            return .failure(MessageFileError(Self.wrongKind(message)))
        }
        return message.filePayload(date: date)
    }
}
