import Foundation

/// A fake server from `scripts/fakes/` run as a child process for one test: started
/// with `python3`, ready once it printed `PORT <n>`, terminated by ``stop(gracePeriod:)``
/// (or when released). Each server gets its own temporary directory for its files.
/// The fakes only ever listen on 127.0.0.1.
public final class FakeServer {
    /// The TCP port the server reported.
    public let port: Int
    /// This server's temporary directory; removed when the server stops.
    public let directory: URL
    private let process: Process
    private var stopped = false

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    public func httpURL(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// `smtp://127.0.0.1:<port>`.
    public var smtpURL: String {
        "smtp://127.0.0.1:\(port)"
    }

    /// A file in this server's directory.
    public func file(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// Starts `scripts/fakes/<script>` with `python3 -u` and `arguments`, after writing
    /// `files` (name to contents) into the server's directory; `{dir}` in an argument
    /// is replaced by that directory. The server's stderr goes to `stderr.log` there.
    ///
    /// - Throws: ``FakeServerError`` with that log when the script has not printed
    ///   `PORT <n>` within `timeout`, or ended before it did.
    public static func launch(
        _ script: String, _ arguments: [String] = [], files: [String: String] = [:],
        timeout: Duration = .seconds(20)
    ) async throws -> FakeServer {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kado-fake-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, contents) in files {
            try contents.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let scriptPath = RepositoryRoot.appending("scripts/fakes/\(script)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", "-u", scriptPath]
            + arguments.map { $0.replacingOccurrences(of: "{dir}", with: directory.path) }
        let output = Pipe()
        process.standardOutput = output
        let log = directory.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let line = await readLine(from: output.fileHandleForReading.fileDescriptor, timeout: timeout)
        guard let line, line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            let server = FakeServer(port: 0, directory: directory, process: process)
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            server.stop()
            throw FakeServerError(
                message: "\(script) did not report its port (got \(line ?? "EOF")): \(text)")
        }
        return FakeServer(port: port, directory: directory, process: process)
    }

    /// Terminates the server and removes its directory: SIGTERM first, then SIGKILL
    /// if it is still running after `gracePeriod`, so a fake that ignores SIGTERM
    /// cannot hang the test run. Calling it again does nothing.
    public func stop(gracePeriod: Duration = .seconds(2)) {
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + gracePeriod
            while process.isRunning, ContinuousClock.now < deadline {
                usleep(20_000)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Reads the first line of the child's stdout on a GCD thread (the read blocks), or
    /// nil at end of file or after `timeout`.
    private static func readLine(from descriptor: Int32, timeout: Duration) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                var byte: UInt8 = 0
                let deadline = ContinuousClock.now + timeout
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                while ContinuousClock.now < deadline {
                    guard poll(&poller, 1, 200) >= 0 else { break }
                    guard poller.revents != 0 else { continue }
                    guard read(descriptor, &byte, 1) == 1 else { break }
                    if byte == UInt8(ascii: "\n") {
                        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                        return
                    }
                    bytes.append(byte)
                }
                continuation.resume(returning: nil)
            }
        }
    }
}
