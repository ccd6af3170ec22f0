import CCurl
import Foundation

/// Easy handles kept for the next transfer, as libcurl advises ("reuse handles"): an
/// HTTP request takes a handle that an earlier one finished with instead of creating one,
/// and gives it back when it is done. Creating and freeing a handle per request was 6 % of
/// kado's CPU per WhatsApp message (bench/dispatch: `curl_easy_init` allocating and clearing
/// its state, `curl_easy_cleanup` freeing it).
///
/// A handle comes back through `curl_easy_reset`, which puts every option back to its
/// default. What the reset leaves in a handle (its connections, DNS and TLS-session caches,
/// cookies) is not the handle's here: a handle runs in the engine's multi handle, which
/// owns connections and the DNS cache, and no transfer turns on cookies. A handle is given
/// back only once it is out of the multi handle (``CurlTransfer``'s deinit, after the engine
/// removed it). At most `capacity` handles are kept; the rest are freed.
///
/// `@unchecked Sendable`: `idle` is only read and written with `lock` held, and a handle
/// in it belongs to no transfer.
final class CurlHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        idle.reserveCapacity(self.capacity)
    }

    deinit {
        for handle in idle { curl_easy_cleanup(handle) }
    }

    /// How many handles are kept for the next transfers.
    var kept: Int { lock.withLock { idle.count } }

    /// A handle in its default state: a kept one, else a new one (nil if libcurl cannot make one).
    func take() -> UnsafeMutableRawPointer? {
        if let kept = lock.withLock({ idle.popLast() }) { return kept }
        return curl_easy_init()
    }

    /// Takes back a handle no transfer uses any more (it is in no multi handle).
    func giveBack(_ handle: UnsafeMutableRawPointer) {
        curl_easy_reset(handle)
        let kept = lock.withLock {
            guard idle.count < capacity else { return false }
            idle.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle) }
    }
}
