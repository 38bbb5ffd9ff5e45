import Foundation

/// Where bantin keeps everything between builds: one hidden folder beside the output, named after
/// it (`.public.bantin/` for `public/`), holding the lock, the stamp, the page manifests, the
/// article cache, the "Xem thêm" and search memos, the retired site and the staging folder.
/// Deleting it costs one full build, nothing else.
extension OutputFolder {
    /// The state folder: `.public.bantin/` beside `public/`.
    public var stateURL: URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).bantin")
    }

    /// How messages name the state folder: beside the output, as the user named the output.
    /// The fault of a rename that failed just now (`errno`), with what to do when the folder
    /// cannot be renamed where it is: on an overlay file system (a container image's layers), a
    /// folder of a lower layer cannot be (`EXDEV`).
    func renameFault(_ action: String, _ path: String) -> FileFault {
        var fault = FileFault.last(action, path)
        if errno == EXDEV {
            fault.wayOut = "a folder made in an earlier layer of an overlay file system (a container image's) cannot be renamed in a later one: remove \(display)/ and \(stateShown)/ in this layer (rm -rf), then build again, or build into a new folder with --output"
        }
        return fault
    }

    var stateShown: String {
        let name = ".\(url.lastPathComponent).bantin"
        guard let slash = display.lastIndex(of: "/") else { return name }
        return String(display[...slash]) + name
    }

    private func state(_ name: String) -> URL { stateURL.appendingPathComponent(name) }

    /// Where a new site is written before the swap.
    var stagingURL: URL { state("staging") }
    /// Where the output's twin is made before it becomes the retired output.
    var twinURL: URL { state("twin") }
    /// The stamp of the last build's inputs and output (see `InputStamp`).
    var stampURL: URL { state("stamp") }
    /// The page fingerprints of the output (see `PageManifest`).
    var manifestURL: URL { state("pages") }
    /// The new site's manifest, saved just before the swap (without the folder's fingerprint,
    /// which the build adds once it knows it): a build killed right after the swap leaves a site
    /// whose every file is listed, so that none looks like something the user put there.
    var pendingManifestURL: URL { state("pages-next") }
    /// The output before this one, kept to be built into next time, and its manifest.
    var retiredURL: URL { state("old") }
    var retiredManifestURL: URL { state("old-pages") }
    /// What reading each article gave, for the next build (see `ArticleCache`).
    var cacheURL: URL { state("cache") }
    /// The addresses each article file was published at (see `PublishedAddresses`).
    var addressesURL: URL { state("addresses") }
    /// What the last build read of each article file: its date and body (see `PublishedAddresses`).
    var readArticlesURL: URL { state("read") }
    /// The last "Xem thêm" ranking (see `RelatedMemo`).
    var relatedURL: URL { state("related") }
    /// The last search index, record by record (see `SearchMemo`).
    var searchURL: URL { state("search") }
    /// The last search index's shards, under its articles' keys (see `SearchShardMemo`).
    var searchShardsURL: URL { state("search-shards") }
    /// The encoded variants of photos (see `PhotoCache`).
    var photosURL: URL { state("photos") }
    /// What the last build learnt by reading photos and the cache's files (see `PhotoKeys`).
    var photoKeysURL: URL { state("photo-keys") }
    /// The file a build holds an OS lock on, with the holder's process id (see `BuildLock`).
    public var lockURL: URL { state("lock") }
    /// Written just before the staging folder and the output are swapped: which folder the
    /// staging folder is (its device and inode), so that the next build can tell, after a kill
    /// in the middle of the swap, which site stands where (`finishInterruptedSwap`).
    var swapURL: URL { state("swap") }
    /// What someone put into the output that no build wrote (`CNAME`, a `.git` folder), moved out
    /// of the old site so that it is never lost with it.
    var keptURL: URL { state("kept") }

    /// Makes the state folder (and the folders it is in) when it is missing, and removes the
    /// loose entries earlier versions of bantin kept beside the output: at every build, as a
    /// build by an older version (a rolled-back CI image) leaves them there again.
    func prepareState() throws(FileFault) {
        let path = stateURL.path
        if let info = Directory.linkStatus(path) {
            guard Directory.isDirectory(info) else {
                if info.st_mode & S_IFMT == S_IFLNK {
                    // Swapped with the output by renaming, it must be a folder of the output's own disk.
                    throw FileFault("use", stateShown, reason: "it is a symbolic link, and bantin keeps its own files in a folder of its own beside the output; remove the link (the next build makes the folder, and rebuilds everything once)")
                }
                throw FileFault("use", stateShown, reason: "it is not a folder; move it away (bantin keeps its own files there)")
            }
        } else {
            let code = Self.makeFolder(path)
            guard code == 0 else { throw FileFault("create bantin's folder", stateShown, code: code) }
        }
        removeLegacyState()
    }

    /// The entries beside `public/` that bantin 0.x kept (`.public.bantin-stamp`, …).
    static let legacyRoles = ["stamp", "pages", "old-pages", "cache", "related", "search", "old", "staging", "twin"]

    /// Removes the loose state entries of earlier versions, each by its exact name; a symbolic
    /// link among them is removed, never followed.
    private func removeLegacyState() {
        let parent = url.deletingLastPathComponent()
        for role in Self.legacyRoles {
            let legacy = parent.appendingPathComponent(".\(url.lastPathComponent).bantin-\(role)")
            unlink(legacy.path + ".tmp")
            guard let info = Directory.linkStatus(legacy.path) else { continue }
            if Directory.isDirectory(info) {
                try? FileManager.default.removeItem(at: legacy)
            } else {
                unlink(legacy.path)
            }
        }
    }

    /// Makes the folder at `path` and any folder above it that is missing; 0, or the `errno` of the failure.
    static func makeFolder(_ path: String) -> Int32 {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return 0 }
        guard errno == ENOENT else { return errno }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { return ENOENT }
        let code = makeFolder(parent)
        guard code == 0 else { return code }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? 0 : errno
    }

    /// The staging folder becomes the output in one step (the two are exchanged), and the output
    /// before it the retired output, with its manifest. A process killed at any moment leaves
    /// `public/` holding the old site or the new one, never neither.
    /// - Returns: what the old site held at its top level that its build had not written, each
    ///   moved into `kept/` (`keepForeignEntries`); with no manifest of the old site (bantin's
    ///   folder was deleted), what it held anywhere that the new site (`manifest`) does not.
    /// `earlier`: the list of the earlier site (`old-pages`), whose paths a build wrote: taken
    /// as written too when the old site's own list could not be saved.
    func swapIntoPlace(manifest: PageManifest, earlier: PageManifest = PageManifest()) throws(FileFault) -> Keeping {
        let staging = stagingURL.path, output = url.path
        guard Directory.linkStatus(output) != nil else {
            let code = Self.makeFolder(url.deletingLastPathComponent().path)
            guard code == 0 else { throw FileFault("create the folder", (display as NSString).deletingLastPathComponent, code: code) }
            // Its paths saved first, for the same reason as `pendingManifestURL` (with no site
            // before it, one that cannot be saved is told after the build, as the others).
            manifest.save(to: manifestURL)
            guard rename(staging, output) == 0 else { throw renameFault("put the new site in place at", display) }
            return Keeping()
        }
        // Noted first, with the new site's manifest, so that a kill during the swap loses nothing
        // and takes nothing a build wrote for the user's (`finishInterruptedSwap`). A site whose
        // files cannot be listed (a full disk) is not put in place: the next build could not
        // tell them from the user's.
        guard manifest.save(to: pendingManifestURL) else {
            let code = errno == 0 ? EIO : errno
            unlink(pendingManifestURL.path)
            throw FileFault("save the list of the new site's files as", stateShown + "/pages-next", code: code)
        }
        Self.replaceFile(parts: [Array(Self.identity(of: staging).utf8)], at: swapURL.path)
        defer {
            unlink(swapURL.path)
            unlink(pendingManifestURL.path)
        }
        /// Where the old site is once the new one is in place.
        var retired = retiredURL.path
        switch PosixFiles.exchange(staging, output) {
        case 0:
            // A file put where the output was while this build ran is no site: it is kept.
            if let info = Directory.linkStatus(staging), !Directory.isDirectory(info) { return keepWhole(staging) }
            // The staging folder now holds the old site. When the retired site before it could
            // not be removed, the old site is looked through where it is, then removed.
            if rename(staging, retired) != 0 { retired = staging }
        case EINVAL, ENOSYS, EOPNOTSUPP:
            // A file system that cannot exchange: two renames, undone if the second fails.
            guard rename(output, retiredURL.path) == 0 else { throw renameFault("move the previous site aside from", display) }
            guard rename(staging, output) == 0 else {
                let fault = renameFault("put the new site in place of", display)
                rename(retiredURL.path, output)
                throw fault
            }
            if let info = Directory.linkStatus(retiredURL.path), !Directory.isDirectory(info) { return keepWhole(retiredURL.path) }
        case EBUSY:
            throw FileFault("put the new site in place of", display, reason: "it is a mount point (or in use by another program): bantin replaces the folder as a whole; mount the folder that holds it instead, or build into a folder inside the mount")
        case let code:
            errno = code
            throw renameFault("put the new site in place of", display)
        }
        let old = PageManifest.load(from: manifestURL)
        var kept = old.paths.isEmpty
            ? keepForeignEntries(in: retired, written: [manifest, earlier], everywhere: true)
            : keepForeignEntries(in: retired, written: [old], everywhere: retired == staging)
        if retired == staging {
            // Removed, unless it holds what could not be kept by itself: then it is kept whole
            // (the next build removes the staging folder).
            if kept.stuck.isEmpty {
                Directory.removeWholly(staging)
            } else {
                kept.stuckIn = "staging"
                kept.whole = keepWholeSite(staging)
            }
        }
        let listed = settleManifests()
        let code = errno
        // A retired site with no list of its files (the old site had none, or its list could not
        // be kept: an I/O error) could not be told by a later build from what someone added to
        // its folders. What no build wrote was kept just now, looked for in every folder (now,
        // while the list is known, when it could not be kept); the rest is removed, and the next
        // build writes a whole site.
        if retired != staging, old.paths.isEmpty || !listed {
            if !listed, !old.paths.isEmpty {
                kept.unlisted = code
                kept = kept + keepForeignEntries(in: retired, written: [old], everywhere: true)
            }
            if kept.stuck.isEmpty { Directory.removeWholly(retired) }
        }
        return kept
    }

    /// Once the new site is in place: the old site's manifest becomes the retired site's, and the
    /// new site's (`pendingManifestURL`) the output's. Done at most once per swap: without a
    /// pending manifest there is nothing to settle.
    /// - Returns: false when the old site's manifest could not become the retired site's.
    @discardableResult
    private func settleManifests() -> Bool {
        guard Directory.linkStatus(pendingManifestURL.path) != nil else { return true }
        var retiredListed = true
        if Directory.linkStatus(manifestURL.path) != nil { retiredListed = rename(manifestURL.path, retiredManifestURL.path) == 0 }
        rename(pendingManifestURL.path, manifestURL.path)
        return retiredListed
    }

    /// A folder's device and inode, as `swapURL` notes them.
    private static func identity(of path: String) -> String {
        Directory.linkStatus(path).map { "\($0.st_dev) \($0.st_ino)" } ?? ""
    }

    /// Puts right a swap that a killed build left half done (`swapURL` is still there), before
    /// anything else looks at the output or the retired site:
    /// - the output is the new site, and the staging folder the old one (killed between the
    ///   exchange and the old site's move to `old/`): the old site becomes the retired one, and
    ///   the build after looks through it for what no build wrote (a `CNAME`, a `.git` folder);
    /// - no output, the old site in `old/` (a file system that cannot exchange, killed between
    ///   its two renames): the old site goes back in place.
    /// Once the new site was in place, its manifest (saved before the swap) becomes the output's,
    /// so that the next build takes none of the files it wrote for what someone put there.
    /// Anything else left in the staging folder is a new site cut short, which the build removes.
    /// - Returns: what it kept of the old site, when that could not become the retired one.
    func finishInterruptedSwap() -> Keeping {
        guard let noted = try? String(contentsOf: swapURL, encoding: .utf8), !noted.isEmpty else { return Keeping() }
        defer { unlink(swapURL.path) }
        let staging = stagingURL.path, output = url.path, retired = retiredURL.path
        let isFolder = { (path: String) in Directory.linkStatus(path).map(Directory.isDirectory) ?? false }
        if Self.identity(of: output) == noted {
            var kept = Keeping()
            // `old/` could not be made room for: what no build wrote is kept from where it is,
            // and what cannot be kept by itself, with the whole old site (the build removes
            // the staging folder).
            if isFolder(staging), Directory.linkStatus(retired) != nil || rename(staging, retired) != 0 {
                kept = keepForeignEntries(in: staging, written: [PageManifest.load(from: manifestURL), PageManifest.load(from: retiredManifestURL)], everywhere: true)
                if !kept.stuck.isEmpty {
                    kept.stuckIn = "staging"
                    kept.whole = keepWholeSite(staging)
                }
            }
            settleManifests()
            return kept
        }
        if Directory.linkStatus(output) == nil, Self.identity(of: staging) == noted, isFolder(retired) {
            rename(retired, output)
        }
        unlink(pendingManifestURL.path)
        return Keeping()
    }

    /// Moves into `kept/` what stood at the output's path when the new site was put there and was
    /// no folder (a file someone saved there while the build ran), under the output's name.
    /// - Returns: it, as `keepForeignEntries` names what it keeps (an empty name: the output itself).
    private func keepWhole(_ path: String) -> Keeping {
        guard let place = keepAside(path, as: url.lastPathComponent) else { return Keeping(stuck: [("", errno)], stuckIn: (path as NSString).lastPathComponent) }
        return Keeping(kept: [("", place)])
    }

    /// What was moved into `kept/`: each entry by its path in the output and in `kept/`; those
    /// that could not be moved by themselves, with the `errno` of the failure; and, when the
    /// whole site that held those was moved there instead, its folder in `kept/`.
    struct Keeping {
        var kept: [(name: String, keptAs: String)] = []
        var stuck: [(name: String, code: Int32)] = []
        /// Where in the state folder what is stuck stays (`old`, or `staging` when the old site
        /// could not become the retired one), unless the whole site holding it was moved.
        var stuckIn = "old"
        /// Where in the state folder the whole site holding what is stuck was moved
        /// (`kept/site-before`, or `kept-site-before` when `kept/` takes nothing).
        var whole: String? = nil
        /// The retired site's list (`old-pages`) could not be saved (with the error), and the
        /// site was removed after what no build wrote was kept.
        var unlisted: Int32? = nil

        static func + (a: Keeping, b: Keeping) -> Keeping {
            Keeping(kept: a.kept + b.kept, stuck: a.stuck + b.stuck, stuckIn: a.stuck.isEmpty ? b.stuckIn : a.stuckIn, whole: a.whole ?? b.whole, unlisted: a.unlisted ?? b.unlisted)
        }
    }

    /// What stands under `root` (the output, or the retired site) that none of `written` names,
    /// in every folder: what a build would move to `kept/`. None when `written` is empty.
    func foreignEntries(under root: URL, written: [String]) -> [String] {
        guard !written.isEmpty, Directory.leadsToFolder(root.path) else { return [] }
        return ForeignEntries(written: written, ignoring: [Self.markerName], everywhere: true).find(under: root.path)
    }

    /// Moves into `kept/` what the retired site holds that no build wrote: a `CNAME` or a `.git`
    /// folder someone put into the output, a file added to one of its folders. `written`: the
    /// paths its build wrote (its manifest), and any other manifest's; `everywhere`: every folder
    /// is looked into, else only the top level (one listing, done at every swap). The files a
    /// system leaves in folders it shows (`.DS_Store`) go with the old site. Nothing is moved when
    /// no manifest says what was written: then nothing is known to be foreign. What cannot be
    /// moved (a full disk, a folder of another user's) stays where it is, and is told (`stuck`).
    /// `root`: where the old site is (`old/` unless given).
    func keepForeignEntries(in root: String? = nil, written manifests: [PageManifest], everywhere: Bool) -> Keeping {
        let root = root ?? retiredURL.path
        let paths = manifests.flatMap(\.paths)
        guard !paths.isEmpty else { return Keeping() }
        let foreign = ForeignEntries(written: paths, ignoring: [Self.markerName], everywhere: everywhere).find(under: root)
        var keeping = Keeping()
        for path in foreign {
            let (name, code) = keptName(for: path)
            guard let keptAs = name else {
                keeping.stuck.append((path, code))
                continue
            }
            if Self.move(root + "/" + path, to: keptURL.appendingPathComponent(keptAs).path) {
                keeping.kept.append((path, keptAs))
            } else {
                keeping.stuck.append((path, errno))
            }
        }
        return keeping
    }

    /// What is wrong with `kept/` when it can take nothing at all: it is no folder, or no
    /// folder bantin may write to; `nil` otherwise (or when it is not made yet).
    var keptProblem: String? {
        guard Directory.linkStatus(keptURL.path) != nil else { return nil }
        if !Directory.leadsToFolder(keptURL.path) { return "\(stateShown)/kept is a file, not a folder" }
        return access(keptURL.path, W_OK) == 0 ? nil : "\(stateShown)/kept is read-only"
    }

    /// A free path in `kept/` for `path`, its folders made: `path` itself, else with `.2`, `.3`…
    /// after its name, or after its first folder when a file kept before stands where one of its
    /// folders would be; each name cut to fit a file system's 255 bytes. `nil` and the `errno`
    /// when none can be made (a full disk, `kept/` not writable).
    private func keptName(for path: String) -> (String?, Int32) {
        var code: Int32 = EEXIST
        for copy in 1...100 {
            for candidate in copy == 1 ? [path] : [Self.numbered(path, copy, atEnd: true), Self.numbered(path, copy, atEnd: false)] {
                let target = keptURL.appendingPathComponent(candidate)
                let folder = target.deletingLastPathComponent().path
                code = Self.makeFolder(folder)
                if code == 0, !Directory.isFolder(atPath: folder) { code = ENOTDIR }
                guard code == 0 else { continue }
                if Directory.linkStatus(target.path) == nil { return (candidate, 0) }
                code = EEXIST
            }
            // Nothing can be made in `kept/`: no other name will do better.
            if code != EEXIST, code != ENOTDIR { break }
        }
        return (nil, code)
    }

    /// `path` with `.<copy>` after its last name (`atEnd`) or its first, cut to fit 255 bytes.
    static func numbered(_ path: String, _ copy: Int, atEnd: Bool) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let k = atEnd ? parts.count - 1 : 0
        let suffix = ".\(copy)"
        var name = Substring(parts[k])
        while name.utf8.count + suffix.utf8.count > 255 { name = name.dropLast() }
        parts[k] = name + suffix
        return parts.joined(separator: "/")
    }

    /// Moves a whole site (the retired one, whose foreign entries could not be moved by
    /// themselves) into `kept/`, as `site-before`, `site-before.2`…: one rename in the state
    /// folder, which keeps everything in it. `nil` when even that cannot be done.
    func keepWholeSite(_ path: String) -> String? { keepAside(path, as: "site-before") }

    /// Moves `path` (in the state folder) to `kept/<name>` (`.2`, `.3`… when taken), or, when
    /// `kept/` takes nothing (read-only, a file), beside it as `kept-<name>`, where no build
    /// removes it. Its place, relative to the state folder; `nil` when neither can be done.
    func keepAside(_ path: String, as name: String) -> String? {
        if let keptAs = keptName(for: name).0, rename(path, keptURL.appendingPathComponent(keptAs).path) == 0 { return "kept/" + keptAs }
        for copy in 1...100 {
            let beside = copy == 1 ? "kept-" + name : "kept-\(name).\(copy)"
            let target = stateURL.appendingPathComponent(beside).path
            guard Directory.linkStatus(target) == nil else { continue }
            return rename(path, target) == 0 ? beside : nil
        }
        return nil
    }

    /// Renames `source` to `target`. A folder its owner may not write to cannot be moved to
    /// another folder (its `..` is rewritten): it is given that right for the move, then has its
    /// mode back.
    static func move(_ source: String, to target: String) -> Bool {
        if rename(source, target) == 0 { return true }
        guard errno == EACCES, let info = Directory.linkStatus(source), Directory.isDirectory(info),
            info.st_uid == geteuid(), chmod(source, info.st_mode | S_IWUSR) == 0
        else { return false }
        let moved = rename(source, target) == 0
        chmod(moved ? target : source, info.st_mode & 0o7777)
        return moved
    }
}

/// What a folder holds beyond the paths a build wrote there: the entries, file or folder, that
/// are neither a path written nor a folder holding one (their contents go with them).
struct ForeignEntries {
    /// Every path written, and every folder holding one (at the top only, unless `everywhere`).
    private var files: Set<String> = []
    private var folders: Set<String> = [""]
    /// Whether every folder written is looked through, or the top only.
    private let everywhere: Bool
    /// The files a system leaves in folders it shows: never the user's work.
    static let systemJunk: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini"]

    init(written: [String], ignoring: [String], everywhere: Bool) {
        self.everywhere = everywhere
        for path in written + ignoring {
            guard everywhere else {
                // At the top, a path is its file or the folder it starts with: the rest is never
                // looked at (every build would otherwise index a whole site's paths for it).
                if let slash = path.firstIndex(of: "/") { folders.insert(String(path[..<slash])) } else { files.insert(path) }
                continue
            }
            files.insert(path)
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !folders.insert(String(folder)).inserted { break }
            }
        }
    }

    /// The foreign entries under `root`, as paths relative to it, sorted: in every folder
    /// written (`everywhere`), else at the top only.
    func find(under root: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let fd = open(folder.isEmpty ? root : root + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            for name in Directory.names(ofOpen: fd) ?? [] where !Self.systemJunk.contains(name) {
                let path = folder.isEmpty ? name : folder + "/" + name
                if files.contains(path) { continue }
                if folders.contains(path) {
                    // A file or link put where a build wrote a folder is someone's too.
                    if let info = Directory.linkStatus(root + "/" + path), !Directory.isDirectory(info) {
                        found.append(path)
                    } else if everywhere {
                        pending.append(path)
                    }
                    continue
                }
                found.append(path)
            }
        }
        return found.sorted()
    }
}
