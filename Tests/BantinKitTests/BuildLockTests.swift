import Foundation
import Testing

@testable import BantinKit

/// One build at a time per output, through an OS lock that dies with its holder; everything
/// bantin keeps between builds in one folder beside the output.
@Suite struct BuildLockTests {
    @Test func aSecondLockWaitsOrIsRefusedWithTheHoldersPid() throws {
        let site = try TestSite(content: "bulletin")
        let output = OutputFolder(url: site.output, display: "public")
        let first = try BuildLock(for: output, wait: false)
        #expect(throws: BuildLock.Failure.busy(holder: getpid())) { try BuildLock(for: output, wait: false) }
        #expect(try String(contentsOf: output.lockURL, encoding: .utf8) == "\(getpid())\n", "the holder's pid is recorded")
        // A waiting lock is told once who holds it, then gets it when the first is released.
        let told = WaitableCount()
        let second = Background { () -> Bool in
            let lock = try? BuildLock(for: output, wait: true) { holder in told.add(holder == getpid() ? 1 : 100) }
            lock?.release()
            return lock != nil
        }
        #expect(told.waitFor(1), "the waiting build says so")
        first.release()
        #expect(second.value)
        #expect(told.value == 1, "said once")
        let third = try BuildLock(for: output, wait: false)
        third.release()
    }

    @Test func theMessagesNameTheOutputAndTheHolder() {
        #expect(BuildLock.waitingMessage(output: "public", holder: 4242) == "waiting for another bantin build of public/ (pid 4242)…")
        #expect(BuildLock.waitingMessage(output: "public", holder: nil) == "waiting for another bantin build or check of public/…")
        #expect(BuildLock.busyMessage(output: "public", holder: nil) == "another bantin build or check of public/ is running; not waiting for it (--no-wait)")
        #expect(BuildLock.busyMessage(output: "public", holder: 4242) == "another bantin build of public/ is running (pid 4242); not waiting for it (--no-wait)")
    }

    /// A lock held by a process that was killed is gone with it: `flock(1)` holds it, then is killed.
    /// flock is started and reaped with posix_spawn(3) and waitpid(2), not Foundation's `Process`:
    /// its child (`sleep`) outlives it, and `Process.waitUntilExit()` once waited for ever on that.
    @Test func aKilledHoldersLockNeverBlocks() throws {
        let site = try TestSite(content: "bulletin")
        let output = OutputFolder(url: site.output, display: "public")
        try output.prepareState()
        FileManager.default.createFile(atPath: output.lockURL.path, contents: nil)
        // `-o`: the command run under the lock does not hold it; flock(1) itself does.
        let words: [String] = ["/usr/bin/flock", "-o", output.lockURL.path, "sleep", "5"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var holder: pid_t = 0
        #expect(posix_spawn(&holder, "/usr/bin/flock", nil, nil, arguments, environ) == 0)
        var busy = false
        for _ in 0..<100 where !busy {
            do {
                try BuildLock(for: output, wait: false).release()
                usleep(20_000)
            } catch {
                busy = true
            }
        }
        #expect(busy, "flock(1) took the lock")
        kill(holder, SIGKILL)
        var status: Int32 = 0
        #expect(waitpid(holder, &status, 0) == holder)
        let lock = try BuildLock(for: output, wait: false)
        lock.release()
    }

    @Test func aBuildWithNoWaitFailsWhileAnotherHoldsTheOutput() throws {
        let site = try TestSite(content: "bulletin")
        let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
        var options = site.options()
        options.waitsForOtherBuilds = false
        #expect(performing: { try SiteBuilder.build(options) }, throws: { error in
            (error as? BuildFailure)?.diagnostics.map(\.description) == [
                "public: error: another bantin build of public/ is running (pid \(getpid())); not waiting for it (--no-wait)"
            ]
        })
        lock.release()
        try SiteBuilder.build(options)
    }

    /// Beside the output there is the output and one hidden folder; loose entries left by earlier
    /// versions are removed, at every build; deleting the folder costs a full build and nothing else.
    @Test func everythingKeptIsInOneFolderBesideTheOutput() throws {
        let site = try TestSite(content: "bulletin")
        for legacy in ["stamp", "pages", "cache", "related", "search"] { try site.write(".public.bantin-\(legacy)", "cũ") }
        try site.write(".public.bantin-old/index.html", "cũ")
        try site.build()
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(beside == [".public.bantin"])
        let kept = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".public.bantin").path)
        #expect(Set(kept).isSuperset(of: ["lock", "stamp", "pages", "cache", "old"]))
        #expect(try site.build().upToDate)
        // A build by an older version (a rolled-back CI image) leaves them again: the next removes them.
        for legacy in ["stamp", "cache", "search"] { try site.write(".public.bantin-\(legacy)", "cũ") }
        try site.write(".public.bantin-old/index.html", "cũ")
        try site.build()
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") } == [".public.bantin"])
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".public.bantin"))
        let before = try site.snapshot()
        let again = try site.build()
        #expect(!again.upToDate && again.cachedArticles == 0, "a full build")
        #expect(try site.snapshot() == before)
    }

    @Test func aStateFolderThatIsAFileOrALinkIsReportedInPlainWords() throws {
        let site = try TestSite(content: "bulletin")
        try site.write(".public.bantin", "không phải thư mục")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.map(\.description) == [
            "public: error: cannot use .public.bantin: it is not a folder; move it away (bantin keeps its own files there)"
        ])
        // A link to a folder (a CI cache kept elsewhere) is a link, not "not a folder".
        try site.remove(".public.bantin")
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("bo-nho"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(".public.bantin").path, withDestinationPath: "bo-nho")
        #expect(site.failingBuild().map(\.description) == [
            "public: error: cannot use .public.bantin: it is a symbolic link, and bantin keeps its own files in a folder of its own beside the output; remove the link (the next build makes the folder, and rebuilds everything once)"
        ])
    }

    /// A check holds the lock shared and records no process id: a build that waits for it is not
    /// told the id a killed build left in the file (the system may have given it to another
    /// process since, here the test's parent), but that a build or a check is running.
    @Test func aProcessIdAKilledBuildLeftIsNotNamedWhileACheckReads() throws {
        let site = try TestSite(content: "bulletin")
        let output = OutputFolder(url: site.output, display: "public")
        try output.prepareState()
        try "\(getppid())\n".write(to: output.lockURL, atomically: false, encoding: .utf8)
        try BuildLock.reading(output, waiting: { _ in }) {
            #expect(throws: BuildLock.Failure.busy(holder: nil)) { try BuildLock(for: output, wait: false) }
        }
        try BuildLock(for: output, wait: false).release()
    }

    /// The lock is bantin's own file: a link in its place is refused by a build and passed over by
    /// a check, and what it leads to is never written (a check only reads).
    @Test func aLockFileThatIsALinkIsNeverFollowed() throws {
        let site = try TestSite(content: "bulletin")
        let output = OutputFolder(url: site.output, display: "public")
        try output.prepareState()
        try site.write("ngoai.txt", "giữ nguyên\n")
        try FileManager.default.createSymbolicLink(atPath: output.lockURL.path, withDestinationPath: site.root.appendingPathComponent("ngoai.txt").path)
        #expect(site.failingBuild().map(\.description) == [
            "public: error: cannot open bantin's lock file .public.bantin/lock: it is a symbolic link; remove it (bantin makes the file)"
        ])
        #expect(BuildLock.reading(output, waiting: { _ in Issue.record("nothing to wait for") }) { true })
        #expect(try site.read("ngoai.txt") == "giữ nguyên\n")
        // A pipe there (opening one for reading waits for a writer) is passed over, or refused.
        try FileManager.default.removeItem(atPath: output.lockURL.path)
        #expect(mkfifo(output.lockURL.path, 0o644) == 0)
        #expect(BuildLock.reading(output, waiting: { _ in Issue.record("nothing to wait for") }) { true })
        #expect(site.failingBuild().map(\.description) == [
            "public: error: cannot open bantin's lock file .public.bantin/lock: it is not a file; move it away (bantin keeps its lock there)"
        ])
    }
}

/// A number several threads add to, and a test can wait on.
final class WaitableCount: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    func add(_ n: Int) {
        lock.lock()
        total += n
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }

    /// Waits up to ten seconds for the count to reach `target`.
    func waitFor(_ target: Int) -> Bool {
        for _ in 0..<1000 {
            if value >= target { return true }
            usleep(10_000)
        }
        return false
    }
}
