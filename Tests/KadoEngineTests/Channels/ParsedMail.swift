import Foundation
import KadoTestSupport

/// A message as Python's `email` package (policy `default`) reads it: an independent
/// parser checks what ``MIMEMessage`` builds.
struct ParsedMail: Decodable {
    struct Part: Decodable {
        let content_type: String
        let charset: String?
        let transfer_encoding: String?
        let content: String
        let defects: [String]
    }

    let header_names: [String]
    let subject: String?
    let from: [[String]]
    let to: [[String]]
    /// The `To` field decoded by `email.header.decode_header`, which follows RFC 2047
    /// for adjacent encoded-words.
    let to_rfc2047: String?
    let message_id: String?
    let date_epoch: Int?
    let mime_version: String?
    let content_type: String
    let boundary: String?
    let defects: [String]
    let header_defects: [String]
    let parts: [Part]

    /// Parses `bytes` with `python3`.
    static func parse(_ bytes: [UInt8]) throws -> ParsedMail {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FakeServerError(message: "python3 could not parse the message")
        }
        return try JSONDecoder().decode(ParsedMail.self, from: data)
    }

    private static let script = """
        import sys, json, email, email.header, email.policy, email.utils
        raw = sys.stdin.buffer.read()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        old = email.message_from_bytes(raw, policy=email.policy.compat32)
        to_rfc2047 = str(email.header.make_header(email.header.decode_header(old["to"]))) if old["to"] else None
        def addresses(name):
            header = msg[name]
            return [[a.display_name, a.addr_spec] for a in header.addresses] if header is not None else []
        parts = []
        if msg.is_multipart():
            for part in msg.iter_parts():
                parts.append({"content_type": part.get_content_type(), "charset": part.get_content_charset(),
                              "transfer_encoding": part.get("Content-Transfer-Encoding"),
                              "content": part.get_content(), "defects": [type(d).__name__ for d in part.defects]})
        header_defects = [type(d).__name__ for name in msg.keys() for d in getattr(msg[name], "defects", [])]
        print(json.dumps({
            "header_names": list(msg.keys()),
            "subject": None if msg["subject"] is None else str(msg["subject"]),
            "from": addresses("from"), "to": addresses("to"), "to_rfc2047": to_rfc2047,
            "message_id": msg["message-id"],
            "date_epoch": int(email.utils.parsedate_to_datetime(msg["date"]).timestamp()) if msg["date"] else None,
            "mime_version": msg["mime-version"],
            "content_type": msg.get_content_type(), "boundary": msg.get_boundary(),
            "defects": [type(d).__name__ for d in msg.defects], "header_defects": header_defects,
            "parts": parts,
        }))
        """
}
