import Foundation
import KadoCurl

extension SMTPProvider {
    /// Whether the URL asks for TLS from the first byte.
    var isImplicitTLS: Bool {
        url.lowercased().hasPrefix("smtps://")
    }

    /// `auto` on an `smtp://` URL: STARTTLS when the server offers it, clear text
    /// otherwise (the request first requires STARTTLS, then falls back).
    var opportunisticTLS: Bool {
        tls == .auto && !isImplicitTLS
    }

    /// The TLS mode for the first attempt: `smtps://` is always implicit TLS;
    /// `starttls` and `auto` start by requiring STARTTLS; `none` stays in clear text.
    var requestTLS: SMTPRequest.TLS {
        if isImplicitTLS { return .implicit }
        switch tls {
        case .auto, .starttls: return .startTLSRequired
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
