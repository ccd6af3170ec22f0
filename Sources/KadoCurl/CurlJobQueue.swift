/// A first-in, first-out queue of engine jobs with O(1) amortized removal at the front.
struct CurlJobQueue {
    private var storage: [CurlEngine.Job] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }

    mutating func append(_ job: CurlEngine.Job) {
        storage.append(job)
    }

    mutating func popFirst() -> CurlEngine.Job? {
        guard head < storage.count else { return nil }
        let job = storage[head]
        head += 1
        if head >= 64 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Removes and returns the first job matching `predicate`.
    mutating func remove(where predicate: (CurlEngine.Job) -> Bool) -> CurlEngine.Job? {
        guard let index = storage[head...].firstIndex(where: predicate) else { return nil }
        return storage.remove(at: index)
    }
}
