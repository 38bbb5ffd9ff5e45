#if os(Linux)
    import Foundation
    import Glibc

    /// Notices changes with inotify: one watch per folder. A folder made (or moved) under a
    /// watched one is watched at once, and whatever it already holds is reported as changed,
    /// since it may have been written before its watch began.
    final class InotifySource: ChangeSource {
        let method = FolderWatcher.Method.inotify
        private let descriptor: Int32
        private let roots: [String]
        /// The folder each watch descriptor stands for.
        private var folderOf: [Int32: String] = [:]
        /// Where each root that is a symbolic link led when it was watched: inotify follows the
        /// link, and nothing tells when it is pointed elsewhere (`ln -sfn v2 content`).
        private var ledTo: [String: String] = [:]

        private static let mask = UInt32(
            IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF
                | IN_MOVE_SELF | IN_ONLYDIR)

        /// Whether a folder could not be watched because the system's limit of watches
        /// (`fs.inotify.max_user_watches`, shared by every program of the user) is reached.
        private(set) var limitReached = false

        /// `nil` when inotify is unavailable (the limit of instances reached), or when a folder
        /// cannot be watched for the limit of watches: its changes would go unseen.
        init?(folders: [String]) {
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            roots = folders
            for root in roots { _ = watchTree(root) }
            if limitReached { return nil }
        }

        deinit { close(descriptor) }

        /// A watched folder that is removed or moved away (`content/` replaced by a copy, a
        /// checkout that recreates `templates/`) is looked for every `rootCheck` until it is back:
        /// nothing above it is watched, so no event says when it reappears. A root that is a
        /// symbolic link is looked at as often, and watched anew when it leads elsewhere.
        func changes(within timeout: Duration?) -> [String] {
            let deadline = timeout.map { ContinuousClock.now + $0 }
            while true {
                let missing = roots.filter { !folderOf.values.contains($0) }
                var wait = deadline.map { max(.zero, $0 - .now) }
                if !missing.isEmpty || !ledTo.isEmpty { wait = min(wait ?? Self.rootCheck, Self.rootCheck) }
                let readable = waitUntilReadable(wait)
                var found = readable ? readEvents() : []
                for root in missing where Directory.leadsToFolder(root) { found += [root] + watchTree(root) }
                for (root, target) in ledTo where Self.target(of: root) != target && Directory.leadsToFolder(root) {
                    forget(under: root)
                    found += [root] + watchTree(root)
                }
                if !found.isEmpty { return found }
                if let deadline, ContinuousClock.now >= deadline { return [] }
                // Events that change nothing (a folder's watch removed after it moved away) are no
                // change: the wait goes on. Only a failing `poll` ends one with no time given.
                if deadline == nil, !readable, missing.isEmpty, ledTo.isEmpty { return [] }
            }
        }

        /// Where `path` leads when it is a symbolic link (`nil` otherwise).
        private static func target(of path: String) -> String? {
            guard Directory.linkStatus(path).map({ $0.st_mode & S_IFMT == S_IFLNK }) == true else { return nil }
            return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        }

        /// Stops watching `root` and every folder under it.
        private func forget(under root: String) {
            for (watch, path) in folderOf where path == root || path.hasPrefix(root + "/") {
                inotify_rm_watch(descriptor, watch)
                folderOf[watch] = nil
            }
        }

        static let rootCheck = Duration.milliseconds(250)

        private func readEvents() -> [String] {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return [] }
            return Self.events(in: buffer[..<count]).flatMap(handle)
        }

        /// True when events can be read before `timeout` passes.
        private func waitUntilReadable(_ timeout: Duration?) -> Bool {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = timeout.map { Int32(clamping: $0.roundedUpMilliseconds) } ?? -1
            while true {
                let ready = poll(&request, 1, milliseconds)
                if ready < 0 && errno == EINTR { continue }
                return ready > 0
            }
        }

        /// One event as the kernel wrote it: `wd`, `mask`, `cookie`, `len`, then `len` bytes of
        /// name padded with NULs.
        struct Event {
            var watch: Int32
            var mask: UInt32
            var name: String

            func has(_ flag: Int32) -> Bool { mask & UInt32(flag) != 0 }
        }

        static func events(in bytes: ArraySlice<UInt8>) -> [Event] {
            let header = 16
            var events: [Event] = []
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset + header <= raw.count {
                    let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + header)..<min(raw.count, offset + header + length)].prefix { $0 != 0 }
                    events.append(Event(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self)))
                    offset += header + length
                }
            }
            return events
        }

        /// The paths one event says changed; watches folders made and forgets folders gone.
        private func handle(_ event: Event) -> [String] {
            if event.has(IN_Q_OVERFLOW) { return rescan() }
            guard let folder = folderOf[event.watch] else { return [] }
            if event.has(IN_IGNORED) {
                folderOf[event.watch] = nil
                return []
            }
            if event.has(IN_MOVE_SELF) { return movedAway(event.watch, from: folder) }
            let path = event.name.isEmpty ? folder : folder + "/" + event.name
            if event.has(IN_ISDIR) && (event.has(IN_CREATE) || event.has(IN_MOVED_TO)) {
                return [path] + watchTree(path)
            }
            return [path]
        }

        /// A watched folder was renamed. Moved within the watched folders, its watch was already
        /// given its new path (by the `IN_MOVED_TO` event, which comes first); moved out of them,
        /// it and the folders under it are no longer watched. A root moved away is watched again
        /// once a folder has its name (at once when one already has).
        private func movedAway(_ watch: Int32, from folder: String) -> [String] {
            let isRoot = roots.contains(folder)
            if !isRoot, Directory.leadsToFolder(folder) { return [] }
            for (other, path) in folderOf where other == watch || path.hasPrefix(folder + "/") {
                inotify_rm_watch(descriptor, other)
                folderOf[other] = nil
            }
            if isRoot, Directory.leadsToFolder(folder) { return [folder] + watchTree(folder) }
            return [folder]
        }

        /// The kernel's queue overflowed and events were lost (a root's removal among them, maybe):
        /// every watch is dropped and every folder watched anew; a root that is gone is looked
        /// for until it is back. The roots are reported as changed.
        private func rescan() -> [String] {
            for root in roots { forget(under: root) }
            for root in roots where Directory.leadsToFolder(root) { _ = watchTree(root) }
            return roots
        }

        /// Watches `top` and every folder under it; returns the paths under it (not `top` itself).
        /// A folder reached twice (through a symbolic link) is walked once.
        private func watchTree(_ top: String) -> [String] {
            if roots.contains(top) { ledTo[top] = Self.target(of: top) }
            var found: [String] = []
            var walked = Set<Int32>()
            var stack = [top]
            while let folder = stack.popLast() {
                let watch = inotify_add_watch(descriptor, folder, Self.mask)
                if watch < 0, errno == ENOSPC { limitReached = true }
                guard watch >= 0, walked.insert(watch).inserted else { continue }
                folderOf[watch] = folder
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                    let path = folder + "/" + name
                    found.append(path)
                    // A hidden folder (`.git/`) is never read by a build: not watched.
                    if ContentTree.isRead(name: name), Directory.leadsToFolder(path) { stack.append(path) }
                }
            }
            return found
        }
    }
#endif
