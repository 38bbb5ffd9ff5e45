import Foundation

/// Notices changes by listing the folders every `interval` and comparing each file's and
/// folder's size and modification time with the listing before. Works everywhere.
final class PollingSource: ChangeSource {
    /// What a listing keeps of one file or folder.
    struct Stamp: Equatable {
        var size: Int
        var modified: Date?
        var isFolder: Bool
    }

    let method = FolderWatcher.Method.polling
    private let folders: [String]
    private let interval: Duration
    private var last: [String: Stamp]

    init(folders: [String], interval: Duration) {
        self.folders = folders
        self.interval = interval
        last = Self.listing(of: folders)
    }

    func changes(within timeout: Duration?) -> [String] {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            let pause = deadline.map { min(interval, max(.zero, $0 - clock.now)) } ?? interval
            Thread.sleep(forTimeInterval: Double(pause.roundedUpMilliseconds) / 1000)
            let now = Self.listing(of: folders)
            let changed = Self.difference(last, now)
            last = now
            if !changed.isEmpty { return changed }
            if let deadline, clock.now >= deadline { return [] }
        }
    }

    /// The paths whose stamp differs between two listings, or that only one of them has.
    static func difference(_ before: [String: Stamp], _ after: [String: Stamp]) -> [String] {
        var changed = after.compactMap { path, stamp in before[path] == stamp ? nil : path }
        changed += before.keys.filter { after[$0] == nil }
        return changed.sorted()
    }

    /// Every file and folder under the folders (not the folders themselves). A folder that is a
    /// symbolic link is listed where it leads, as it leads now (a release swapped in by
    /// pointing the link elsewhere is a change of every file).
    static func listing(of folders: [String]) -> [String: Stamp] {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isDirectoryKey]
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            let root = URL(fileURLWithPath: folder, isDirectory: true).resolvingSymlinksInPath()
            guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in walk {
                let values = try? url.resourceValues(forKeys: Set(keys))
                stamps[url.path] = Stamp(
                    size: values?.fileSize ?? 0, modified: values?.contentModificationDate, isFolder: values?.isDirectory ?? false)
            }
        }
        return stamps
    }
}
