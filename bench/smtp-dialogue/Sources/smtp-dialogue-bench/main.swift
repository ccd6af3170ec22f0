import Foundation
import KadoCurl

// Sends N messages through one CurlClient, `concurrency` at a time, and prints the
// process's CPU time (user + system, every thread) and wall time:
//   smtp-dialogue-bench N CONCURRENCY URL
let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 20_000 : 20_000
let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 32 : 32
let url = arguments.count > 3 ? arguments[3] : "smtp://127.0.0.1:2525"

// About the size of the message bench/dispatch sends (1,187 bytes on the wire).
let body = String(
    repeating: "Halo Budi, kode promo ulang tahun kamu: BDAY-7XK2Q9. Berlaku 7 hari.\r\n", count: 15)
let message = Array(
    ("From: Toko Kado <promo@kado.example>\r\nTo: Budi <budi@example.com>\r\n"
        + "Subject: Selamat ulang tahun!\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).utf8)

/// User and system CPU time of the whole process (every thread), in seconds.
func cpuSeconds() -> (user: Double, system: Double) {
    var usage = rusage()
    #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return (user, system)
}

/// CPU time of the engine thread, where libcurl and every callback run, from the
/// scheduler's nanosecond account (/proc/self/task/*/schedstat, Linux). Foundation on
/// Linux does not pass the thread's name to the system, so the engine thread is the one
/// besides the main thread that carries the process name (the others are Dispatch's).
func engineThreadSeconds() -> Double? {
    let tasks = "/proc/self/task"
    let main = "\(getpid())"
    let name = (try? String(contentsOfFile: "\(tasks)/\(main)/comm", encoding: .utf8)) ?? ""
    for tid in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] where tid != main {
        let comm = (try? String(contentsOfFile: "\(tasks)/\(tid)/comm", encoding: .utf8)) ?? ""
        guard comm == name,
            let stat = try? String(contentsOfFile: "\(tasks)/\(tid)/schedstat", encoding: .utf8),
            let nanoseconds = stat.split(separator: " ").first.flatMap({ Double($0) })
        else { continue }
        return nanoseconds / 1e9
    }
    return nil
}

let client = try CurlClient(configuration: .init(maxConcurrentTransfers: concurrency))
let request = SMTPRequest(
    url: url, from: "promo@kado.example", recipients: ["budi@example.com"], message: message, tls: .none)
// Warm up: connections open, code paths paged in.
_ = try await client.send(request)

let cpuStart = cpuSeconds()
let engineStart = engineThreadSeconds() ?? 0
let wallStart = ContinuousClock.now
let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
    var started = 0
    var failures = 0
    func startOne() {
        started += 1
        group.addTask {
            do {
                _ = try await client.send(request)
                return true
            } catch {
                return false
            }
        }
    }
    while started < min(concurrency, count) { startOne() }
    while let ok = try await group.next() {
        if !ok { failures += 1 }
        if started < count { startOne() }
    }
    return failures
}
let wall = ContinuousClock.now - wallStart
let cpuEnd = cpuSeconds()
let user = cpuEnd.user - cpuStart.user
let cpu = user + cpuEnd.system - cpuStart.system
let engine = (engineThreadSeconds() ?? 0) - engineStart
await client.shutdown()

let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
print(
    String(
        format:
            "messages=%d failures=%d wall=%.3fs cpu=%.3fs cpu_per_message_us=%.2f user_per_message_us=%.2f"
            + " engine_thread_us=%.2f", count, failures, wallSeconds, cpu, cpu / Double(count) * 1e6,
        user / Double(count) * 1e6, engine / Double(count) * 1e6))
