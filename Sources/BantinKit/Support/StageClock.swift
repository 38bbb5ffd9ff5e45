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
        // The two are counted apart (`statm`, `getrusage`): the most so far is never less than now.
        let resident = Self.residentMiB()
        let line = String(format: "trace: %@ %.3f s (cpu %.3f s; resident %d MiB, peak %d MiB)\n", stage, seconds, cpu - lastCPU, resident, max(resident, Self.peakMiB()))
        StandardStream.error(line)
        last = now
        lastCPU = cpu
    }

    /// The process's resident memory now (`/proc/self/statm`; 0 where there is none).
    private static func residentMiB() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0, let pages = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }

    /// The most the process has held resident so far.
    private static func peakMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss >> 10
    }

    /// User and system time of the process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
