import Foundation
import Logging
import Testing

@testable import KadoEngine

@Suite("Log handler")
struct KadoLogHandlerTests {
    @Test("JSON: numbers and booleans stay numbers and booleans, strings stay strings")
    func jsonTypes() throws {
        let captured = CapturedLines()
        captured.logger(.json).info(
            "dispatched",
            metadata: [
                "sent": .stringConvertible(87), "ratio": .stringConvertible(0.25),
                "ok": .stringConvertible(true), "tenant": "sayakaya", "code": .string("87"),
                "big": .stringConvertible(UInt64.max), "nan": .stringConvertible(Double.nan),
            ])
        let line = try #require(captured.all.first)
        #expect(line.contains(#""sent":87,"#))
        #expect(line.contains(#""ratio":0.25,"#))
        #expect(line.contains(#""ok":true,"#))
        #expect(line.contains(#""code":"87","#))
        #expect(line.contains(#""tenant":"sayakaya""#))
        #expect(line.contains(#""big":"18446744073709551615""#))
        #expect(line.contains(#""nan":"nan""#))
        let object = try captured.object()
        #expect(object["message"] as? String == "dispatched")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "kado.test")
        #expect(object["tenant"] as? String == "sayakaya")
    }

    @Test("JSON: arrays and dictionaries become arrays and objects, with typed members")
    func jsonCollections() throws {
        let captured = CapturedLines()
        captured.logger(.json).warning(
            "retry",
            metadata: [
                "ids": [.stringConvertible(1), .stringConvertible(2), "three"],
                "counts": ["sent": .stringConvertible(3), "dead": .stringConvertible(0), "note": "x y"],
            ])
        let line = try #require(captured.all.first)
        #expect(line.contains(#""ids":[1,2,"three"]"#))
        #expect(line.contains(#""counts":{"dead":0,"note":"x y","sent":3}"#))
        let object = try captured.object()
        #expect((object["ids"] as? [Any])?.count == 3)
        #expect((object["counts"] as? [String: Any])?["note"] as? String == "x y")
    }

    @Test("JSON: the handler's metadata is merged, the event's wins, keys in order")
    func jsonMerge() throws {
        let captured = CapturedLines()
        captured.logger(.json, metadata: ["rule": "birthday", "tenant": "lunaria"])
            .info("evaluated", metadata: ["tenant": "sayakaya", "audience": .stringConvertible(12)])
        let line = try #require(captured.all.first)
        #expect(line.contains(#""audience":12,"rule":"birthday","tenant":"sayakaya"}"#))
    }

    @Test("text: time, level, message and key=value pairs, as before")
    func text() throws {
        let captured = CapturedLines()
        captured.logger(.text).info(
            "evaluated", metadata: ["sent": .stringConvertible(87), "tenant": "saya kaya", "ok": "true"])
        let line = try #require(captured.all.first)
        let fields = line.dropLast().split(separator: " ", maxSplits: 3).map(String.init)
        #expect(fields.count == 4)
        #expect(fields[0].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        #expect(fields[1] == "info")
        #expect(fields[2] == "evaluated")
        #expect(fields[3] == #"ok=true sent=87 tenant="saya kaya""#)
        #expect(line.hasSuffix("\n"))
    }

    @Test("the level filters events")
    func level() {
        let captured = CapturedLines()
        let logger = captured.logger(.text)
        logger.debug("hidden")
        logger.info("shown")
        #expect(captured.all.count == 1)
    }

    @Test("timestamps are ISO 8601 in UTC with milliseconds, like ISO8601DateFormatter's")
    func timestamps() {
        #expect(KadoLogHandler.timestamp(seconds: 0, nanoseconds: 5_000_000) == "1970-01-01T00:00:00.005Z")
        #expect(
            KadoLogHandler.timestamp(seconds: 951_782_400, nanoseconds: 999_999_999)
                == "2000-02-29T00:00:00.999Z")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for (seconds, milliseconds) in [(1_778_371_200, 0), (1_788_000_001, 123), (4_102_444_799, 500)] {
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1000)
            #expect(
                KadoLogHandler.timestamp(seconds: seconds, nanoseconds: milliseconds * 1_000_000)
                    == formatter.string(from: date))
        }
    }

    @Test("lines from many threads at once are whole and each a valid JSON object")
    func concurrent() async throws {
        let captured = CapturedLines()
        let logger = captured.logger(.json)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for i in 0..<200 {
                        logger.info(
                            "n", metadata: ["task": .stringConvertible(task), "i": .stringConvertible(i)])
                    }
                }
            }
        }
        let lines = captured.all
        #expect(lines.count == 1600)
        for line in lines {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let time = try #require(object["time"] as? String)
            #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        }
    }
}
