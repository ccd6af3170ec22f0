import KadoCurl
import Testing

@Suite("CurlError")
struct CurlErrorTests {
    @Test func urlKeepsNoCredentialsQueryOrFragment() {
        let error = CurlError(
            code: .loginDenied, url: "smtps://user:secret@mail.example:465/kado?token=abc#x")
        // kado's one redaction (KadoURL): credentials and query hidden, their presence shown.
        #expect(error.url == "smtps://***@mail.example:465/kado?***")
        #expect(!error.description.contains("secret"))
        #expect(!error.description.contains("abc"))
    }

    @Test func descriptionNamesCodeAndDetail() {
        let error = CurlError(
            code: .couldntConnect,
            detail: "Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server",
            url: "smtp://127.0.0.1:1", phase: .connect)
        #expect(error.code.name == "CURLE_COULDNT_CONNECT")
        #expect(
            error.description
                == "Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server, while connecting to "
                + "smtp://127.0.0.1:1 (curl error 7, CURLE_COULDNT_CONNECT)")
        #expect(CurlError.Code(rawValue: 12345).name == "CURLE_12345")
    }

    @Test func refusalQuotesTheServerAndNotLibcurl() {
        let error = CurlError(
            code: .sendError, detail: "RCPT failed: 550", url: "smtp://127.0.0.1:25", responseCode: 550,
            phase: .rcptTo, serverReply: "550 5.1.1 <x@y>: Recipient address rejected: User unknown")
        #expect(
            error.explanation
                == "RCPT TO refused by smtp://127.0.0.1:25: 550 5.1.1 <x@y>: Recipient address rejected: User unknown"
        )
        #expect(error.description.hasSuffix("(curl error 55, CURLE_SEND_ERROR)"))
        #expect(!error.description.contains("RCPT failed"))
        #expect(error.enhancedStatusCode?.description == "5.1.1")
        let bare = CurlError(
            code: .sendError, url: "smtp://127.0.0.1:25", responseCode: 554, phase: .greeting)
        #expect(bare.explanation == "session refused by smtp://127.0.0.1:25: 554")
        #expect(bare.enhancedStatusCode == nil)
    }

    @Test(
        arguments: [
            (
                CurlError.Phase.connect, Duration.milliseconds(10_004),
                "timeout after 10 s while connecting to"
            ),
            (.greeting, .milliseconds(1001), "timeout after 1 s waiting for the greeting from"),
            (.ehlo, .milliseconds(300), "timeout after 0.3 s waiting for the reply to EHLO from"),
            (.auth, .seconds(30), "timeout after 30 s waiting for the reply to AUTH from"),
            (.mailFrom, .seconds(30), "timeout after 30 s waiting for the reply to MAIL FROM from"),
            (.rcptTo, .seconds(30), "timeout after 30 s waiting for the reply to RCPT TO from"),
            (.data, .milliseconds(30_020), "timeout after 30 s waiting for the reply to DATA from"),
            (.startTLS, .milliseconds(2_460), "timeout after 2.5 s during STARTTLS with"),
            (.request, .seconds(5), "timeout after 5 s while sending the request to"),
            (.response, .seconds(5), "timeout after 5 s waiting for the response from"),
        ])
    func timeoutSaysWhatItWaitedFor(phase: CurlError.Phase, elapsed: Duration, words: String) {
        let error = CurlError(
            code: .operationTimedOut,
            detail: "Operation timed out after 30001 milliseconds with 0 bytes received",
            url: "smtp://127.0.0.1:2525", phase: phase, elapsed: elapsed)
        #expect(error.isTimeout)
        #expect(error.explanation == "\(words) smtp://127.0.0.1:2525")
        #expect(
            error.description == "\(words) smtp://127.0.0.1:2525 (curl error 28, CURLE_OPERATION_TIMEDOUT)")
    }

    @Test func serverReplyIsOneBoundedLineWithoutControlCharacters() throws {
        let long = String(repeating: "x", count: 2000)
        let error = CurlError(
            code: .sendError, url: "smtp://127.0.0.1", responseCode: 550,
            serverReply: "550 5.7.1 spam\r\n\u{1B}[2J\u{7}\tdetected \u{0}" + long)
        let reply = try #require(error.serverReply)
        #expect(reply.hasPrefix("550 5.7.1 spam [2J detected x"))
        #expect(reply.count == 512)
        #expect(reply.hasSuffix("…"))
        #expect(!reply.unicodeScalars.contains { $0.properties.generalCategory == .control })
        var changed = error
        changed.serverReply = "451 4.7.0\nTry later"
        #expect(changed.serverReply == "451 4.7.0 Try later")
    }

    @Test func enhancedStatusCodesAreParsedStrictly() {
        #expect(
            SMTPEnhancedStatusCode("5.1.1") == SMTPEnhancedStatusCode(statusClass: 5, subject: 1, detail: 1))
        #expect(SMTPEnhancedStatusCode("4.7.123")?.detail == 123)
        #expect(SMTPEnhancedStatusCode("3.1.1") == nil)
        #expect(SMTPEnhancedStatusCode("5.1") == nil)
        #expect(SMTPEnhancedStatusCode("5.1.1234") == nil)
        #expect(SMTPEnhancedStatusCode("5..1") == nil)
        #expect(SMTPEnhancedStatusCode(reply: "550 5.1.1 <x@y>: rejected")?.description == "5.1.1")
        #expect(SMTPEnhancedStatusCode(reply: "550-5.1.1 first line")?.description == "5.1.1")
        #expect(SMTPEnhancedStatusCode(reply: "550 4.1.1 class does not match") == nil)
        #expect(SMTPEnhancedStatusCode(reply: "550 Requested action not taken") == nil)
        #expect(SMTPEnhancedStatusCode(reply: "250") == nil)
    }

    @Test(
        arguments: [
            (CurlError.Code.couldntConnect, nil, true),
            (.operationTimedOut, nil, true),
            (.sendError, nil, true),
            (.recvError, nil, true),
            (.couldntResolveHost, nil, true),
            (.sendError, 451, true),
            (.sendError, 421, true),
            (.sendError, 550, false),
            (.loginDenied, 535, false),
            (.loginDenied, 454, true),
            (.urlMalformat, nil, false),
            (.unsupportedProtocol, nil, false),
            (.loginDenied, nil, false),
            (.useSSLFailed, nil, false),
            (.peerFailedVerification, nil, false),
            (.sendError, 250, true),
        ] as [(CurlError.Code, Int?, Bool)])
    func classification(code: CurlError.Code, reply: Int?, transient: Bool) {
        let error = CurlError(code: code, url: "smtp://127.0.0.1", responseCode: reply)
        #expect(error.isTransient == transient)
    }
}

@Suite("Response values")
struct ResponseValueTests {
    @Test func headerLookupIgnoresCase() {
        let headers = HTTPHeaders([("Retry-After", "7"), ("Set-Cookie", "a"), ("set-cookie", "b")])
        #expect(headers["retry-after"] == "7")
        #expect(headers["RETRY-AFTER"] == "7")
        #expect(headers["missing"] == nil)
        #expect(headers.values(for: "Set-Cookie") == ["a", "b"])
    }

    @Test func queueIDComesFromTheFinalReply() {
        #expect(SMTPResponse(code: 250, replies: ["250 2.0.0 Ok: queued as 4Bc1x2"]).queueID == "4Bc1x2")
        #expect(SMTPResponse(code: 250, replies: ["250 OK id=1rAbCd-0001"]).queueID == "1rAbCd-0001")
        #expect(SMTPResponse(code: 250, replies: ["250 OK"]).queueID == nil)
        #expect(SMTPResponse(code: 250).lastReply == nil)
    }
}
