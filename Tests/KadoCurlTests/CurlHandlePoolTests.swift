import Testing

@testable import KadoCurl

@Suite("Easy handles kept between transfers")
struct CurlHandlePoolTests {
    @Test func aHandleGivenBackIsTheNextOneTaken() throws {
        try CurlGlobal.ensureInitialized()
        let pool = CurlHandlePool(capacity: 2)
        let first = try #require(pool.take())
        let second = try #require(pool.take())
        #expect(first != second)
        pool.giveBack(first)
        #expect(pool.kept == 1)
        #expect(pool.take() == first)
        #expect(pool.kept == 0)
        pool.giveBack(first)
        pool.giveBack(second)
        #expect(pool.kept == 2)
    }

    @Test func handlesBeyondTheCapacityAreFreed() throws {
        try CurlGlobal.ensureInitialized()
        let pool = CurlHandlePool(capacity: 1)
        let handles = (0..<3).compactMap { _ in pool.take() }
        #expect(handles.count == 3)
        for handle in handles { pool.giveBack(handle) }
        #expect(pool.kept == 1)
        #expect(pool.take() == handles[0])
    }

    @Test func aTransferTakesItsHandleFromThePoolAndGivesItBack() throws {
        let pool = CurlHandlePool(capacity: 4)
        var transfer: CurlTransfer? = try CurlTransfer(kind: .http, url: "http://127.0.0.1:9/", handles: pool)
        let handle = try #require(transfer?.handle)
        #expect(pool.kept == 0)
        transfer = nil
        #expect(pool.kept == 1)
        let next = try CurlTransfer(kind: .http, url: "http://127.0.0.1:9/other", handles: pool)
        #expect(next.handle == handle)
        #expect(pool.kept == 0)
    }
}
