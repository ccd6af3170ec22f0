import KadoCurl
import Testing

@Suite("CurlError")
struct CurlErrorTests {
    @Test func urlKeepsNoCredentialsQueryOrFragment() {
        let error = CurlError(
            code: .loginDenied, url: "smtps://user:secret@mail.example:465/kado?token=abc#x")
        #expect(error.url == "smtps://mail.example:465/kado")
        #expect(!error.description.contains("secret"))
        #expect(!error.description.contains("abc"))
    }

    @Test func descriptionNamesCodeAndDetail() {
        let error = CurlError(
            code: .sendError, detail: "RCPT failed: 550", url: "smtp://127.0.0.1:25", responseCode: 550)
        #expect(error.code.name == "CURLE_SEND_ERROR")
        #expect(error.description.hasPrefix("curl error 55 (CURLE_SEND_ERROR): "))
        #expect(error.description.contains("RCPT failed: 550"))
        #expect(error.description.contains("server reply 550"))
        #expect(CurlError.Code(rawValue: 12345).name == "CURLE_12345")
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
