import Logging
import Testing

@testable import KadoEngine

@Suite("PassFailures: how a daemon service waits after a failed pass")
struct PassFailuresTests {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "ERROR 42P01 (undefined_table): relation \"notifications\" does not exist" }
    }

    @Test(
        "the wait doubles from 1 s with each failure in a row, stays at a minute, and starts again after a pass"
    )
    func waits() {
        let lines = CapturedLines()
        var failures = PassFailures()
        let waits = (1...9).map { _ in
            failures.failed(Refused(), pass: "dispatch pass", logger: lines.logger(.text))
        }
        #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
        #expect(failures.inARow == 9)
        failures.reset()
        #expect(failures.failed(Refused(), pass: "dispatch pass", logger: lines.logger(.text)) == .seconds(1))
        let first = lines.all.first ?? ""
        #expect(first.contains(" error "))
        #expect(first.contains("dispatch pass failed; the daemon goes on and tries again"))
        #expect(
            first.contains("42P01") && first.contains("retry_seconds=1.0")
                && first.contains("failures_in_a_row=1"))
    }
}
