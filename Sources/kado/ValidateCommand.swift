import ArgumentParser
import Foundation
import KadoEngine

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check rules and templates; print every problem as FILE:LINE:COL: error: MESSAGE.",
        discussion: """
            Exit status 0 when the configuration is valid (a summary follows, with each rule's next fire time in its tenant's zone and in UTC), 1 when it is not (every problem is listed, not only the first).
            """)

    @OptionGroup var config: ConfigOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(
        help: ArgumentHelp(
            "Compute next fire times from this instant (ISO 8601) instead of now.", visibility: .hidden))
    var now: String?

    func run() throws {
        let started = ContinuousClock.now
        let loader: ConfigLoader
        do {
            loader = try config.checkedLoader()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("kado: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let result = loader.load()
        let elapsed = ContinuousClock.now - started
        let instant = try now.map(parseInstant) ?? Date()
        let report = ValidationReport(result: result, now: instant, elapsed: elapsed)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: print(report.json.rendered())
        }
        if result.configuration == nil { throw ExitCode(1) }
    }
}

/// Parses `2026-11-25T17:00:30Z` (or with an offset).
func parseInstant(_ text: String) throws -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    throw ValidationError("'\(text)' is not an ISO 8601 instant such as 2026-11-25T17:00:30Z")
}
