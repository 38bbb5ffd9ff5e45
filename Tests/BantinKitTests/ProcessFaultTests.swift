import Foundation
import Testing

@testable import BantinKit

/// The `bantin` executable killed at random moments, and two of them started together on one
/// output: the output is always exactly the old site or the new one, and the next build is right.
@Suite struct ProcessFaultTests {
    /// The site a clean build of `site`'s content gives, as files and bytes.
    func cleanBuild(of site: TestSite) throws -> [String: Data] {
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        _ = try SiteBuilder.build(site.options(output: clean))
        return try site.snapshot(clean)
    }

    /// An edit for round `round`: the site's title (every page changes), or a few articles
    /// edited, one added and one removed.
    func edit(_ site: TestSite, round: Int) throws {
        if round % 2 == 0 {
            try site.write("content/site.yml", "title: \"Bản tin, lần \(round)\"\nper_page: \(5 + round)\n")
        } else {
            try site.addArticles(3, from: 10 * round, tag: " (sửa \(round))")
            try site.addArticles(1, from: 1000 + round)
            try? site.remove("content/articles/sinh/bai-\(1000 + round - 2).md")
        }
    }

    @Test func aBuildKilledAtAnyMomentLeavesTheOldSiteOrTheNew() throws {
        let site = try TestSite(content: "bulletin")
        try site.addArticles(150)
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        // How long a rebuild after such an edit takes, to kill the next ones anywhere in theirs.
        try edit(site, round: 100)
        let start = ContinuousClock.now
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        let rebuild = ContinuousClock.now - start
        var random = SeededGenerator(seed: 0xB4_17)
        var outcomes: [String] = []
        for round in 0..<6 {
            let old = try site.snapshot()
            try edit(site, round: round)
            let new = try cleanBuild(of: site)
            let process = Bantin.process(["build"], in: site.root)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Anywhere from the start to the end of a rebuild.
            let seconds = Double(rebuild.components.seconds) + Double(rebuild.components.attoseconds) / 1e18
            usleep(UInt32(Double.random(in: 0...seconds, using: &random) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try site.snapshot()
            #expect(now == old || now == new, "round \(round): the output is the old site or the new one")
            outcomes.append(process.terminationReason == .uncaughtSignal ? (now == old ? "killed, old" : "killed, new") : "finished")
            #expect(try Bantin.run(["build"], in: site.root).status == 0)
            #expect(try site.snapshot() == new, "round \(round): the next build is the clean build")
        }
        print("ProcessFaultTests: kill rounds: \(outcomes.joined(separator: "; "))")
    }

    /// Two builds of one output started together both succeed, each in its turn. The test starts
    /// both while it holds the output itself, and lets go a second later, so that they overlap
    /// however slowly a loaded machine runs them (left to themselves, the first could finish
    /// before the second begins).
    @Test func twoBuildsStartedTogetherBothSucceedEachInItsTurn() throws {
        let site = try TestSite(content: "bulletin")
        try site.addArticles(150)
        let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
        let started = try [Bantin.process(["build"], in: site.root), Bantin.process(["build"], in: site.root)].map(Bantin.start)
        Thread.sleep(forTimeInterval: 1)
        lock.release()
        let results = started.map { run in Background { run.finish() } }.map(\.value)
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        let waiting = "waiting for another bantin build of public/ (pid "
        #expect(results.contains { $0.stderr.contains(waiting) }, "a build waited: \(results.map(\.stderr))")
        #expect(results.allSatisfy { $0.stderr.components(separatedBy: waiting).count <= 2 }, "each says it once")
        #expect(results.filter { $0.stdout.hasPrefix("Built ") }.count == 1, "one built, the other found it up to date: \(results.map(\.stdout))")
        #expect(try site.snapshot() == cleanBuild(of: site))
    }

    @Test func aBuildWithNoWaitExitsOneWhileAnotherHoldsTheOutput() throws {
        let site = try TestSite(content: "bulletin")
        let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
        let result = try Bantin.run(["build", "--no-wait"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("public: error: another bantin build of public/ is running (pid \(getpid())); not waiting for it (--no-wait)\n"))
        lock.release()
        #expect(try Bantin.run(["build", "--no-wait"], in: site.root).status == 0)
    }
}
