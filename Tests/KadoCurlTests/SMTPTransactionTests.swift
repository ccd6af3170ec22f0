import Testing

@testable import KadoCurl

/// The dialogue of one message without a server: what goes out, and what each reply
/// leads to.
@Suite("SMTP transaction")
struct SMTPTransactionTests {
    static func reply(_ line: String) -> SMTPReply {
        SMTPReply(code: Int(line.prefix(3)) ?? 0, lines: [line])
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static let mail = SMTPMessage(
        SMTPRequest(
            url: "smtp://127.0.0.1:25", from: "promo@kado.example",
            recipients: ["a@example.com", "b@example.com"],
            message: Array("Subject: x\r\n\r\nhi\r\n".utf8)))

    @Test func pipelinedCommandsGoInOneWriteAndTheBodyAfterThe354() {
        var transaction = SMTPTransaction(
            Self.mail, capabilities: SMTPCapabilities(pipelining: true, size: true))
        #expect(
            Self.text(transaction.start())
                == "MAIL FROM:<promo@kado.example> SIZE=\(Self.mail.body.count)\r\nRCPT TO:<a@example.com>\r\n"
                + "RCPT TO:<b@example.com>\r\nDATA\r\n")
        #expect(transaction.receive(Self.reply("250 ok")) == .wait)
        #expect(transaction.receive(Self.reply("250 ok")) == .wait)
        #expect(transaction.receive(Self.reply("250 ok")) == .wait)
        #expect(transaction.phase == .data)
        #expect(transaction.receive(Self.reply("354 go")) == .send(Self.mail.body))
        #expect(transaction.receive(Self.reply("250 queued")) == .delivered(Self.reply("250 queued")))
        #expect(transaction.replyLines == ["250 ok", "250 ok", "250 ok", "354 go", "250 queued"])
    }

    @Test func oneAtATimeEachCommandWaitsForTheReplyBefore() {
        var transaction = SMTPTransaction(Self.mail, capabilities: SMTPCapabilities())
        #expect(Self.text(transaction.start()) == "MAIL FROM:<promo@kado.example>\r\n")
        #expect(transaction.receive(Self.reply("250 ok")) == .send(Array("RCPT TO:<a@example.com>\r\n".utf8)))
        #expect(transaction.phase == .rcptTo)
        #expect(transaction.receive(Self.reply("250 ok")) == .send(Array("RCPT TO:<b@example.com>\r\n".utf8)))
        #expect(transaction.receive(Self.reply("250 ok")) == .send(Array("DATA\r\n".utf8)))
        #expect(transaction.receive(Self.reply("354 go")) == .send(Self.mail.body))
        #expect(transaction.receive(Self.reply("250 queued")) == .delivered(Self.reply("250 queued")))
    }

    @Test func oneAtATimeARefusedRecipientEndsTheMessageAndResets() {
        var transaction = SMTPTransaction(Self.mail, capabilities: SMTPCapabilities())
        _ = transaction.start()
        _ = transaction.receive(Self.reply("250 ok"))
        let refusal = Self.reply("550 5.1.1 no such user")
        #expect(transaction.receive(refusal) == .refused(.rcptTo, refusal, then: .reset))
    }

    @Test func pipelinedTheFirstRefusalIsReportedAfterTheRepliesAlreadyAskedFor() {
        var transaction = SMTPTransaction(Self.mail, capabilities: SMTPCapabilities(pipelining: true))
        _ = transaction.start()
        let refusal = Self.reply("550 5.1.1 a: no such user")
        #expect(transaction.receive(Self.reply("250 ok")) == .wait)
        #expect(transaction.receive(refusal) == .wait)
        #expect(transaction.receive(Self.reply("452 4.2.2 b: mailbox full")) == .wait)
        #expect(
            transaction.receive(Self.reply("554 no valid recipients"))
                == .refused(.rcptTo, refusal, then: .reset))
        #expect(!transaction.bodyStarted)
    }

    @Test func pipelinedA354AfterARefusalCanOnlyBeEndedByClosing() {
        // b was accepted, so the server waits for a body; a body would reach b although
        // the message failed for a. No body goes: the connection is closed.
        var transaction = SMTPTransaction(Self.mail, capabilities: SMTPCapabilities(pipelining: true))
        _ = transaction.start()
        let refusal = Self.reply("550 a: no such user")
        _ = transaction.receive(Self.reply("250 ok"))
        _ = transaction.receive(refusal)
        _ = transaction.receive(Self.reply("250 ok"))
        #expect(transaction.receive(Self.reply("354 go")) == .refused(.rcptTo, refusal, then: .close))
        #expect(!transaction.bodyStarted)
    }

    @Test func aRefusedFinalReplyKeepsTheSession() {
        var transaction = SMTPTransaction(Self.mail, capabilities: SMTPCapabilities(pipelining: true))
        _ = transaction.start()
        for _ in 0..<3 { _ = transaction.receive(Self.reply("250 ok")) }
        _ = transaction.receive(Self.reply("354 go"))
        let refusal = Self.reply("552 5.3.4 message too big")
        #expect(transaction.receive(refusal) == .refused(.data, refusal, then: .keep))
    }

    @Test func aReplyNobodyAskedForClosesTheSession() {
        var transaction = SMTPTransaction(Self.mail, capabilities: SMTPCapabilities(pipelining: true))
        _ = transaction.start()
        for _ in 0..<3 { _ = transaction.receive(Self.reply("250 ok")) }
        _ = transaction.receive(Self.reply("354 go"))
        _ = transaction.receive(Self.reply("250 queued"))
        let extra = Self.reply("421 closing")
        #expect(transaction.receive(extra) == .refused(.data, extra, then: .close))
    }

    @Test func utf8AddressesSaySMTPUTF8OnlyWhereOffered() {
        let mail = SMTPMessage(
            SMTPRequest(
                url: "smtp://h", from: "promo@kado.example", recipients: ["美咲@example.jp"], message: []))
        var offered = SMTPTransaction(mail, capabilities: SMTPCapabilities(smtpUTF8: true))
        #expect(Self.text(offered.start()) == "MAIL FROM:<promo@kado.example> SMTPUTF8\r\n")
        var plain = SMTPTransaction(mail, capabilities: SMTPCapabilities())
        #expect(Self.text(plain.start()) == "MAIL FROM:<promo@kado.example>\r\n")
    }

    @Test func theBodyIsDotStuffedAndEnded() {
        #expect(
            Self.text(SMTPMessage.dotStuffed(Array(".a\r\nb\r\n..c\r\n".utf8))) == "..a\r\nb\r\n...c\r\n.\r\n"
        )
        #expect(Self.text(SMTPMessage.dotStuffed(Array("no end".utf8))) == "no end\r\n.\r\n")
        #expect(Self.text(SMTPMessage.dotStuffed(Array("x\r\n.".utf8))) == "x\r\n..\r\n.\r\n")
    }

    @Test func capabilitiesComeFromTheLastEHLOReply() {
        let lines = [
            "220 mx ESMTP", "250-mx", "250-STARTTLS", "250 SIZE 1000", "220 go ahead", "250-mx",
            "250-PIPELINING",
            "250-size 5000", "250-SMTPUTF8", "250 AUTH PLAIN", "235 2.7.0 ok",
        ]
        #expect(
            SMTPCapabilities(openingReplies: lines)
                == SMTPCapabilities(pipelining: true, smtpUTF8: true, size: true))
        #expect(SMTPCapabilities(openingReplies: ["220 mx", "250 mx"]) == SMTPCapabilities())
    }
}

@Suite("SMTP reply reader")
struct SMTPReplyReaderTests {
    static func feed(_ reader: inout SMTPReplyReader, _ text: String) {
        Array(text.utf8).withUnsafeBytes { reader.append($0) }
    }

    @Test func multiLineRepliesSplitAnywhereComeOutWhole() throws {
        var reader = SMTPReplyReader()
        Self.feed(&reader, "250-mx.example\r\n250-PIPE")
        #expect(try reader.next() == nil)
        Self.feed(&reader, "LINING\r\n250 HELP\r\n354 go\r")
        #expect(
            try reader.next()
                == SMTPReply(code: 250, lines: ["250-mx.example", "250-PIPELINING", "250 HELP"]))
        #expect(try reader.next() == nil)
        #expect(reader.hasPartialReply)
        Self.feed(&reader, "\n")
        #expect(try reader.next() == SMTPReply(code: 354, lines: ["354 go"]))
        #expect(!reader.hasPartialReply)
    }

    @Test func aBareCodeAndABareLFEndAReply() throws {
        var reader = SMTPReplyReader()
        Self.feed(&reader, "250\n221 bye\n")
        #expect(try reader.next()?.code == 250)
        #expect(try reader.next()?.code == 221)
    }

    @Test func whatIsNotAReplyIsAViolation() {
        var reader = SMTPReplyReader()
        Self.feed(&reader, "HTTP/1.1 400 Bad Request\r\n")
        #expect(throws: SMTPReplyReader.Violation.notAReplyLine) { try reader.next() }
    }

    @Test func anEndlessLineOrReplyIsCutOff() {
        var long = SMTPReplyReader()
        Self.feed(&long, "250 " + String(repeating: "x", count: SMTPReplyReader.maxLineBytes + 10))
        #expect(throws: SMTPReplyReader.Violation.lineTooLong) { try long.next() }
        var many = SMTPReplyReader()
        Self.feed(&many, String(repeating: "250-x\r\n", count: SMTPReplyReader.maxLines + 1))
        #expect(throws: SMTPReplyReader.Violation.tooManyLines) { try many.next() }
    }
}
