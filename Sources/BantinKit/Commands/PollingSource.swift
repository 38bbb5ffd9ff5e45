import Foundation

/// Notices changes by listing the folders every `interval` and comparing each file's and
/// folder's size, times and inode with the listing before. Works everywhere.
final class PollingSource: ChangeSource {
    /// What a listing keeps of one file or folder. `unsettled`: it could still change unseen
    /// (`FileKey.mayChangeUnseen`, on a disk that keeps change times to the second): the first
    /// listing after it settles reports it as changed, so that a second edit of the same size
    /// within that second is built too.
    struct Stamp: Equatable {
        var key: FileKey
        var isFolder: Bool
        var unsettled = false
    }

    let method = FolderWatcher.Method.polling
    private let folders: [String]
    private let interval: Duration
    private var last: [String: Stamp]
    /// How long the last listing took.
    private var listingTime = Duration.zero

    init(folders: [String], interval: Duration) {
        self.folders = folders
        self.interval = interval
        last = Self.listing(of: folders, readSince: FileKey.now)
    }

    func changes(within timeout: Duration?) -> [String] {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            // Never more than a fifth of a core: a listing that takes long waits five times as long.
            let step = max(interval, listingTime * 4)
            let pause = deadline.map { min(step, max(.zero, $0 - clock.now)) } ?? step
            Thread.sleep(forTimeInterval: Double(pause.roundedUpMilliseconds) / 1000)
            let started = clock.now
            let now = Self.listing(of: folders, readSince: FileKey.now)
            listingTime = clock.now - started
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
    /// Listed with POSIX calls (`Directory`), each entry's own status (a link inside is not
    /// followed): FileManager's enumerator cost ten times as much, for every file, every poll.
    static func listing(of folders: [String], readSince: Int64) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            var pending = [URL(fileURLWithPath: folder, isDirectory: true).resolvingSymlinksInPath().path]
            while let path = pending.popLast() {
                let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard fd >= 0 else { continue }
                let names = Directory.names(ofOpen: fd) ?? []
                close(fd)
                // A hidden file or folder (`.git/`) is never read by a build: not compared.
                for name in names where ContentTree.isRead(name: name) {
                    let entry = path + "/" + name
                    guard let info = Directory.linkStatus(entry) else { continue }
                    let isFolder = Directory.isDirectory(info)
                    let key = FileKey(info)
                    stamps[entry] = Stamp(key: key, isFolder: isFolder, unsettled: key.mayChangeUnseen(readSince: readSince))
                    if isFolder { pending.append(entry) }
                }
            }
        }
        return stamps
    }
}
