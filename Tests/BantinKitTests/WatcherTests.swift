import Foundation
import Testing

@testable import BantinKit

/// `FolderWatcher`, both ways of noticing changes, on real temporary folders. Every wait has
/// a timeout, so a change that is never reported fails the test instead of hanging it.
@Suite struct WatcherTests {
    static let methods: [FolderWatcher.Method] = [.inotify, .polling]
    static let patience = Duration.seconds(10)

    /// An empty temporary folder, removed when the test ends.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-watch-\(UUID().uuidString)")
        var path: String { url.path }

        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }

        /// Written through bantin's own `writeFile`, whose descriptor is closed on `exec`: with
        /// `Data.write` (no `O_CLOEXEC`), a process another test starts meanwhile inherits the
        /// open file, and the file's close, when that process ends, reaches a watcher started
        /// after the write (`quietFoldersReportNothing` then saw `bai.md` in CI).
        func write(_ relative: String, _ text: String = "x") throws {
            try OutputFolder.writeFile(Array(text.utf8), to: url.appendingPathComponent(relative).path)
        }

        func makeFolder(_ relative: String) throws {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(relative), withIntermediateDirectories: true)
        }
    }

    /// A source of changes waited on from another thread, one wait at a time.
    final class Used<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Set once, read from any thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    func watcher(_ folder: Folder, _ method: FolderWatcher.Method, quiet: Duration = .milliseconds(100)) -> FolderWatcher {
        FolderWatcher(folders: [folder.url], polling: method == .polling, quiet: quiet, pollInterval: .milliseconds(50))
    }

    @Test(arguments: methods) func aWrittenFileIsReported(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        let watcher = watcher(folder, method)
        #if os(Linux)
            #expect(watcher.method == method)
        #endif
        try folder.write("bai.md")
        let batch = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(batch.paths.contains(folder.path + "/bai.md"))
    }

    @Test(arguments: methods) func aNewSubfolderIsWatchedToo(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        let watcher = watcher(folder, method)
        try folder.makeFolder("2024")
        let made = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(made.paths.contains(folder.path + "/2024"))
        try folder.write("2024/bai.md")
        let written = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(written.paths.contains(folder.path + "/2024/bai.md"))
    }

    @Test(arguments: methods) func filesWrittenInANewSubfolderAtOnceAreReported(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        let watcher = watcher(folder, method)
        try folder.makeFolder("2024/05")
        try folder.write("2024/05/bai.md")
        var seen = Set<String>()
        while !seen.contains(folder.path + "/2024/05/bai.md") {
            seen.formUnion(try #require(watcher.nextBatch(timeout: Self.patience)).paths)
        }
        // The folders made in the same moment are watched as well.
        try folder.write("2024/05/bai-hai.md")
        let later = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(later.paths.contains(folder.path + "/2024/05/bai-hai.md"))
    }

    @Test(arguments: methods) func aBurstOfWritesIsOneBatch(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        let watcher = watcher(folder, method, quiet: .milliseconds(500))  // long enough for a busy machine
        for name in ["a.md", "b.md", "c.md"] { try folder.write(name) }
        let batch = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(batch.paths.filter { $0.hasSuffix(".md") } == ["a.md", "b.md", "c.md"].map { folder.path + "/" + $0 })
        #expect(watcher.nextBatch(timeout: .milliseconds(300)) == nil, "nothing is left over for a second batch")
    }

    /// A file that something keeps writing (a log, a sync client) never leaves the folders quiet:
    /// a batch still ends after `longest`, while the writes go on, so the edits beside it build.
    @Test(arguments: methods) func aBatchEndsWhileWritesGoOn(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        let watcher = FolderWatcher(folders: [folder.url], polling: method == .polling, quiet: .milliseconds(200), longest: .seconds(1), pollInterval: .milliseconds(50))
        let writing = ManagedAtomicFlag()
        let log = folder.url.appendingPathComponent("nhat-ky.txt").path
        let writer = Thread {
            let end = ContinuousClock.now + .seconds(8)
            while ContinuousClock.now < end { try? OutputFolder.writeFile(Array("\(ContinuousClock.now)".utf8), to: log); usleep(50_000) }
            writing.clear()
        }
        writing.set()
        writer.start()
        try folder.write("bai.md")
        let batch = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(writing.isSet, "the batch ended only once the writes stopped")
        #expect(batch.paths.contains(folder.path + "/bai.md"), "\(batch.paths)")
        while writing.isSet { usleep(50_000) }
    }

    /// The kernel's queue of events overflowed while a watched folder was removed (its removal
    /// lost with the rest): the folder is looked for again, and changes in it seen once it is
    /// back (watch saw nothing more of it, for good).
    @Test func aWatchedFolderRemovedWhileTheQueueOverflowsIsWatchedAgain() throws {
        let folder = try Folder()
        try folder.makeFolder("content")
        let content = folder.path + "/content"
        let source = try #require(InotifySource(folders: [content]))
        // More events than the kernel queues (16,384 by default), none read meanwhile.
        for k in 0..<9_000 { try folder.write("content/n\(k).txt") }
        try FileManager.default.removeItem(atPath: content)
        // Every event read (the overflow last) while the folder is gone.
        while !source.changes(within: .milliseconds(300)).isEmpty {}
        try folder.makeFolder("content")
        var seen: [String] = []
        let end = ContinuousClock.now + Self.patience
        while ContinuousClock.now < end, !seen.contains(content + "/bai.md") {
            try folder.write("content/bai.md", "\(ContinuousClock.now)")
            seen += source.changes(within: .milliseconds(500))
        }
        #expect(seen.contains(content + "/bai.md"), "\(seen.prefix(5))")
    }

    @Test(arguments: methods) func removingAndRenamingAreChangesToo(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        try folder.write("cu.md")
        try folder.write("xoa.md")
        let watcher = watcher(folder, method)
        try FileManager.default.moveItem(atPath: folder.path + "/cu.md", toPath: folder.path + "/moi.md")
        try FileManager.default.removeItem(atPath: folder.path + "/xoa.md")
        var seen = Set<String>()
        let expected: Set = [folder.path + "/cu.md", folder.path + "/moi.md", folder.path + "/xoa.md"]
        while !expected.isSubset(of: seen) {
            seen.formUnion(try #require(watcher.nextBatch(timeout: Self.patience)).paths)
        }
    }

    /// A folder moved out in the last moment of a batch that ran its longest (an editor saving
    /// all the while): what the system says after it of its watch, removed, is no change, and
    /// the next wait without a time limit goes on to the next real change. (It ended at once,
    /// with nothing: `bantin watch` took that for the end, and stopped with status 0 and no
    /// word.) The move is made before inotify is read, so that it is read in one piece, as when
    /// the watcher was held up meanwhile.
    #if os(Linux)
        @Test func aFolderMovedOutIsNoEndOfTheWaitThatFollows() throws {
            let folder = try Folder()
            try folder.makeFolder("cu")
            let outside = try Folder()
            let source = try #require(InotifySource(folders: [folder.path]))
            try FileManager.default.moveItem(atPath: folder.path + "/cu", toPath: outside.path + "/cu")
            #expect(source.changes(within: Self.patience).contains(folder.path + "/cu"))
            let shared = Used(source)
            let ended = Flag()
            let next = Background { () -> [String] in
                defer { ended.set() }
                return shared.value.changes(within: nil)
            }
            usleep(1_000_000)
            #expect(!ended.isSet, "the wait ended with no change")
            try folder.write("b.md")
            #expect(next.value.contains(folder.path + "/b.md"), "\(next.value)")
        }
    #endif

    /// The watched folder itself replaced (moved away and a copy made in its place, or removed and
    /// made again): changes in the new one are reported.
    @Test(arguments: methods) func aWatchedFolderReplacedAsAWholeIsWatchedAgain(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        try folder.makeFolder("c")
        try folder.write("c/bai.md")
        let watched = folder.url.appendingPathComponent("c")
        let watcher = FolderWatcher(folders: [watched], polling: method == .polling, quiet: .milliseconds(100), pollInterval: .milliseconds(50))
        try FileManager.default.moveItem(at: watched, to: folder.url.appendingPathComponent("c-cu"))
        _ = watcher.nextBatch(timeout: Self.patience)
        try FileManager.default.copyItem(at: folder.url.appendingPathComponent("c-cu"), to: watched)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("c-cu"))
        var seen: Set<String> = []
        while let batch = watcher.nextBatch(timeout: .milliseconds(1500)) { seen.formUnion(batch.paths) }
        try folder.write("c/bai.md", "đã sửa")
        let edited = try #require(watcher.nextBatch(timeout: Self.patience), "an edit in the new folder is not reported")
        #expect(edited.paths.contains(watched.path + "/bai.md"))
        try FileManager.default.removeItem(at: watched)
        _ = watcher.nextBatch(timeout: Self.patience)
        try folder.makeFolder("c")
        try folder.write("c/moi.md")
        var after: Set<String> = []
        while let batch = watcher.nextBatch(timeout: .milliseconds(1500)) { after.formUnion(batch.paths) }
        try folder.write("c/moi.md", "sửa lần hai")
        let again = try #require(watcher.nextBatch(timeout: Self.patience), "an edit in the folder made again is not reported")
        #expect(again.paths.contains(watched.path + "/moi.md"))
    }

    /// A watched folder that is a symbolic link (`content -> releases/v1`): edits where it leads
    /// are changes, and so is pointing it elsewhere, after which edits there are seen.
    @Test(arguments: methods) func aWatchedSymbolicLinkIsFollowedWhereverItLeads(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        for release in ["v1", "v2"] {
            try folder.makeFolder(release)
            try folder.write(release + "/bai.md", release)
        }
        let link = folder.url.appendingPathComponent("c")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "v1")
        let watcher = FolderWatcher(folders: [link], polling: method == .polling, quiet: .milliseconds(100), pollInterval: .milliseconds(50))
        try folder.write("v1/bai.md", "v1 sửa")
        #expect(watcher.nextBatch(timeout: Self.patience) != nil, "an edit where the link leads is not reported")
        // Pointed elsewhere as deployments do: a new link renamed over the old one.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/c-moi", withDestinationPath: "v2")
        #expect(rename(folder.path + "/c-moi", link.path) == 0)
        #expect(watcher.nextBatch(timeout: Self.patience) != nil, "the link pointed elsewhere is not reported")
        while watcher.nextBatch(timeout: .milliseconds(600)) != nil {}
        try folder.write("v2/bai.md", "v2 sửa")
        #expect(watcher.nextBatch(timeout: Self.patience) != nil, "an edit where the link now leads is not reported")
    }

    /// What happens in a hidden folder (`content/.git/` as git works in it) is nothing a build
    /// reads: it is not watched and starts no batch (a rebuild that printed every warning again).
    @Test(arguments: methods) func aHiddenFolderIsNotWatched(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        try folder.makeFolder(".git/objects/ab")
        let watcher = watcher(folder, method)
        try folder.write(".git/index")
        try folder.write(".git/objects/ab/cdef")
        try folder.makeFolder(".git/refs/heads")
        #expect(watcher.nextBatch(timeout: .milliseconds(400)) == nil)
        try folder.write("bai.md")
        let batch = try #require(watcher.nextBatch(timeout: Self.patience))
        #expect(batch.paths == [folder.path + "/bai.md"], "\(batch.paths)")
    }

    @Test(arguments: methods) func quietFoldersReportNothing(method: FolderWatcher.Method) throws {
        let folder = try Folder()
        try folder.write("bai.md")
        let watcher = watcher(folder, method)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(watcher.nextBatch(timeout: .milliseconds(200)) == nil)
        #expect(clock.now - start >= .milliseconds(200))
    }

    @Test func pollingComparesStampsAndNoticesWhatIsGone() {
        let stamp = PollingSource.Stamp(key: FileKey(size: 1, modified: 1, changed: 1, inode: 5), isFolder: false)
        var grown = stamp
        grown.key.size = 2
        var timesSetBack = stamp
        timesSetBack.key.changed = 2
        let before = ["/a": stamp, "/b": stamp, "/c": stamp, "/e": stamp]
        let after = ["/a": stamp, "/b": grown, "/d": stamp, "/e": timesSetBack]
        #expect(PollingSource.difference(before, after) == ["/b", "/c", "/d", "/e"], "an edit whose modification time was set back still changes the change time")
        #expect(PollingSource.difference(before, before).isEmpty)
    }

    /// On a disk that keeps change times to the second, a file listed in the seconds after its
    /// change could change again, at the same size, within that second, unseen: it is reported
    /// as changed once it settles, so that the build after sees that second edit too.
    @Test func pollingReportsAFileThatCouldHaveChangedUnseenOnceItSettles() {
        let second = (FileKey.now / 1_000_000_000 - 60) * 1_000_000_000
        let coarse = PollingSource.Stamp(key: FileKey(size: 3, modified: second, changed: second, inode: 9), isFolder: false)
        #expect(!coarse.key.mayChangeUnseen(readSince: second + FileKey.coarsest))
        var unsettled = coarse
        unsettled.unsettled = coarse.key.mayChangeUnseen(readSince: second + 500_000_000)
        #expect(unsettled.unsettled)
        #expect(PollingSource.difference(["/a": unsettled], ["/a": coarse]) == ["/a"], "settled since: reported once")
        #expect(PollingSource.difference(["/a": coarse], ["/a": coarse]).isEmpty)
    }

    @Test func waitsAreRoundedUpToWholeMilliseconds() {
        #expect(Duration.milliseconds(200).roundedUpMilliseconds == 200)
        #expect(Duration.microseconds(1).roundedUpMilliseconds == 1)
        #expect(Duration.seconds(2).roundedUpMilliseconds == 2000)
        #expect(Duration.zero.roundedUpMilliseconds == 0)
    }
}

/// A flag two threads share.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
    func clear() { lock.withLock { value = false } }
}
