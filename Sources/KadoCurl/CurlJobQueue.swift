/// A first-in, first-out queue of engine jobs with O(1) amortized removal at the front.
///
/// A job taken from the front leaves its slot empty at once: until the storage is
/// compacted the slots before `head` hold nothing, so a job (its transfer, its response
/// body, its easy handle) is released when its transfer ends, not up to 64 jobs later.
struct CurlJobQueue<Job> {
    /// Nil before `head`, a job from `head` on.
    private var storage: [Job?] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }

    /// The job `popFirst` would return.
    var first: Job? { head < storage.count ? storage[head] : nil }

    mutating func append(_ job: Job) {
        storage.append(job)
    }

    /// Puts `job` back at the front (a job that goes first again).
    mutating func prepend(_ job: Job) {
        if head > 0 {
            head -= 1
            storage[head] = job
        } else {
            storage.insert(job, at: 0)
        }
    }

    mutating func popFirst() -> Job? {
        guard head < storage.count else { return nil }
        let job = storage[head]
        storage[head] = nil
        head += 1
        if head >= 64 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Removes and returns the first job matching `predicate`.
    mutating func remove(where predicate: (Job) -> Bool) -> Job? {
        guard let index = storage[head...].firstIndex(where: { $0.map(predicate) ?? false }) else {
            return nil
        }
        return storage.remove(at: index)
    }

    /// Removes and returns every job, oldest first.
    mutating func removeAll() -> [Job] {
        defer {
            storage.removeAll()
            head = 0
        }
        return storage[head...].compactMap { $0 }
    }
}
