import Foundation

/// Watches folders, and every folder later made under them, for changed files: with inotify
/// on Linux, otherwise (or when asked) by comparing the folders' listings every moment.
///
/// Changes come in batches: a batch starts with the first change and ends once the folders
/// have been quiet for `quiet` (or after `longest`), so an editor's save, or a `git checkout`,
/// is one batch.
/// A watcher is used from one thread at a time.
public final class FolderWatcher {
    /// How changes are noticed.
    public enum Method: String, Sendable {
        case inotify
        case polling
    }

    public let folders: [URL]
    /// How long the folders must stay unchanged for a batch to end.
    public let quiet: Duration
    /// The longest a batch lasts: a file that something keeps writing (a log, a sync client)
    /// never leaves the folders quiet, and the edits beside it are built all the same.
    public let longest: Duration
    private let source: any ChangeSource

    public var method: Method { source.method }
    /// Why listings are compared though inotify was wanted: the system's limit of inotify
    /// watches is reached (another program's, an editor's, a sync client's, use it up).
    public private(set) var pollingBecause: String?

    /// Starts watching at once: a change made after `init` returns is reported by the next batch.
    /// - Parameters:
    ///   - polling: compare listings even where inotify is available.
    ///   - pollInterval: how often listings are compared when polling.
    public init(
        folders: [URL], polling: Bool = false, quiet: Duration = .milliseconds(200), longest: Duration = .seconds(2), pollInterval: Duration = .milliseconds(300)
    ) {
        self.folders = folders
        self.quiet = quiet
        self.longest = longest
        let paths = folders.map { $0.standardizedFileURL.path }
        (source, pollingBecause) = Self.source(for: paths, polling: polling, interval: pollInterval)
    }

    /// Waits for the next batch of changes; `nil` when `timeout` passed without any change
    /// (without a timeout, waits as long as it takes).
    public func nextBatch(timeout: Duration? = nil) -> ChangeBatch? {
        var paths = Set(source.changes(within: timeout))
        guard !paths.isEmpty else { return nil }
        let end = ContinuousClock.now + longest
        var more = source.changes(within: quiet)
        while !more.isEmpty {
            paths.formUnion(more)
            if ContinuousClock.now >= end { break }
            more = source.changes(within: min(quiet, max(.zero, end - .now)))
        }
        return ChangeBatch(paths: paths.sorted())
    }

    private static func source(for paths: [String], polling: Bool, interval: Duration) -> (any ChangeSource, String?) {
        #if os(Linux)
            if !polling {
                if let inotify = InotifySource(folders: paths) { return (inotify, nil) }
                return (PollingSource(folders: paths, interval: interval), Self.limitWords)
            }
        #endif
        return (PollingSource(folders: paths, interval: interval), nil)
    }

    static let limitWords = "inotify cannot watch every folder: the system's limit of inotify watches or instances, shared by every program of the user, is reached; raise fs.inotify.max_user_watches to watch with inotify"
}

/// The paths that changed during one batch: files and folders written, made, removed or renamed
/// (both names of a rename), sorted. A watched folder's own path stands for "anything under it"
/// when the system lost count of the changes.
public struct ChangeBatch: Sendable, Equatable {
    public var paths: [String]

    public init(paths: [String]) {
        self.paths = paths
    }

    /// Whether every path is one a build reads nothing from: an editor's leftover (`a.md~`,
    /// `.a.md.swp`, vim's `4913` probe, `sed -i`'s file), or a hidden file. vim rewrites its swap file every few
    /// seconds while an editor types: no rebuild, and no warnings printed again, for that.
    public var holdsOnlyLeftovers: Bool {
        paths.allSatisfy { path in
            let name = (path as NSString).lastPathComponent
            return !ContentTree.isRead(name: name) || CatalogLoader.ContentFiles.isLeftover(name)
        }
    }
}

/// One way of noticing changes.
protocol ChangeSource: AnyObject {
    var method: FolderWatcher.Method { get }
    /// Waits up to `timeout` (forever when `nil`) for changes, and returns the paths changed
    /// as soon as there are any; empty when the time passed without a change.
    func changes(within timeout: Duration?) -> [String]
}

extension Duration {
    /// Whole milliseconds, rounded up, so that a short wait is never zero.
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(ms) + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0)
    }
}
