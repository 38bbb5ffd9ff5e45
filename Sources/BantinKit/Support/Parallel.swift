import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over every core; results keep the input order, so output never depends on scheduling.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeResults<T>(count: count)
        self.withUnsafeBufferPointer { input in
            let source = UnsafeInput(buffer: input)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                results.set(index, transform(source.buffer[index]))
            }
        }
        return results.finish()
    }
}

/// Write-once slots, one per index; each index is written by exactly one iteration.
private final class UnsafeResults<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: T) { storage[index] = value }

    func finish() -> [T] {
        defer {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
        return (0..<count).map { storage[$0]! }
    }
}

private struct UnsafeInput<Element>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Element>
}

/// Work started on another core now, its result waited for when it is needed.
final class Background<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let group = DispatchGroup()

    init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// The result, once the work is done.
    var value: T {
        group.wait()
        return result!
    }
}

/// A request that work running on other threads stop early, which it looks for between its steps.
final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}

/// Values that work on every core reuses, one at a time each: a value is taken when a piece of
/// work starts and given back when it ends, so that what it learnt (a cache) serves the next piece.
/// As many are made as are ever in use at once.
final class Pool<Value>: @unchecked Sendable {
    private var idle: [Value] = []
    private let lock = NSLock()
    private let make: () -> Value

    init(_ make: @escaping () -> Value) { self.make = make }

    /// Calls `body` with a value no other piece of work holds meanwhile.
    func with<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        var value = idle.popLast() ?? make()
        lock.unlock()
        let result = body(&value)
        lock.lock()
        idle.append(value)
        lock.unlock()
        return result
    }
}
