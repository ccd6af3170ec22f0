import CCurl

extension CurlTransfer {
    /// A transfer that delivers one message; only `smtp` and `smtps` URLs are allowed.
    static func smtp(_ mail: SMTPRequest) throws(CurlError) -> CurlTransfer {
        try CurlInputCheck.smtp(mail)
        var url = mail.url
        if mail.tls == .implicit, url.lowercased().hasPrefix("smtp://") {
            url = "smtps://" + url.dropFirst("smtp://".count)
        }
        let transfer = try CurlTransfer(kind: .smtp, url: url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try transfer.set(CURLOPT_TIMEOUT_MS, mail.timeout.curlMilliseconds)
        try transfer.set(CURLOPT_CONNECTTIMEOUT_MS, mail.connectTimeout.curlMilliseconds)
        // No reply is awaited longer than the whole transaction may take, not even the
        // one to the QUIT libcurl sends with this handle when it closes a connection
        // (after a refused command, or evicting an idle one from a full cache): 120 s by
        // default, blocking the engine thread.
        try transfer.set(
            CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, (mail.timeout.curlMilliseconds + 999) / 1000))
        try transfer.set(CURLOPT_MAIL_FROM, mail.from)
        try transfer.set(CURLOPT_MAIL_RCPT, list: mail.recipients)
        let useSSL = mail.tls == .none ? CURLUSESSL_NONE : CURLUSESSL_ALL
        try transfer.set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
        if let username = mail.username {
            try transfer.set(CURLOPT_USERNAME, username)
        }
        if let password = mail.password {
            try transfer.set(CURLOPT_PASSWORD, password)
        }
        if mail.insecureSkipVerify {
            try transfer.set(CURLOPT_SSL_VERIFYPEER, 0)
            try transfer.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        try transfer.installUpload(mail.message)
        // bench/smtp-dialogue builds a variant without it, to measure what it costs.
        #if !KADO_BENCH_NO_SMTP_DIALOGUE
            try transfer.installDialogueTracking()
        #endif
        return transfer
    }
}
