import Foundation
import Synchronization

/// Receives a build's progress: the stage, and how much of it is done.
public struct BuildProgress: Sendable {
    public let report: @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void
    /// Told once, when the build waits for another build of the same output (see `BuildLock`).
    public var waiting: @Sendable (_ message: String) -> Void = { _ in }
    /// Told when that wait is over and the build starts.
    public var waited: @Sendable () -> Void = {}

    public init(_ report: @escaping @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void) {
        self.report = report
    }

    public static let silent = BuildProgress { _, _, _ in }
}

/// Counts finished items from many threads and reports every `step`.
final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let total: Int
    private let stage: String
    private let progress: BuildProgress
    private let step: Int

    init(stage: String, total: Int, progress: BuildProgress, step: Int = 200) {
        self.stage = stage
        self.total = total
        self.progress = progress
        self.step = step
        progress.report(stage, 0, total)
    }

    func tick() {
        let now = done.add(1, ordering: .relaxed).newValue
        if now % step == 0 || now == total { progress.report(stage, now, total) }
    }
}
