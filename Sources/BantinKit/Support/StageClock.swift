import Foundation

/// With `BANTIN_TRACE=1` in the environment, prints how long each stage of a build took
/// (to standard error), wall time and the CPU time of the whole process over it (on two cores, a
/// stage that keeps both busy shows twice its wall time), to see where the time goes without a
/// profiler.
struct StageClock {
    private static let enabled = ProcessInfo.processInfo.environment["BANTIN_TRACE"] == "1"
    private var last = ContinuousClock.now
    private var lastCPU = Self.cpuSeconds()

    mutating func lap(_ stage: String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        let cpu = Self.cpuSeconds()
        let seconds = (now - last) / .seconds(1)
        let line = String(format: "trace: %@ %.3f s (cpu %.3f s)\n", stage, seconds, cpu - lastCPU)
        FileHandle.standardError.write(Data(line.utf8))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
