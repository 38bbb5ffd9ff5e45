import Foundation

/// With `BANTIN_TRACE=1` in the environment, prints how long each stage of a build took
/// (to standard error), to see where the time goes without a profiler.
struct StageClock {
    private static let enabled = ProcessInfo.processInfo.environment["BANTIN_TRACE"] == "1"
    private var last = ContinuousClock.now

    mutating func lap(_ stage: String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        let seconds = (now - last) / .seconds(1)
        FileHandle.standardError.write(Data("trace: \(stage) \(String(format: "%.3f", seconds)) s\n".utf8))
        last = now
    }
}
