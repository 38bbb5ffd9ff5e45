import Foundation

/// What the speed-up layer keeps beside the output folder: the stamp of the last build, and the
/// site before it (the retired output), which a build writes into so that only what changed is written.
extension OutputFolder {
    /// What the last successful build into this folder saved, if the folder is still its output:
    /// the stamp of its inputs, the fingerprint of the folder it left, and its report.
    public func lastStamp() -> (inputs: String, output: String, report: String)? {
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Self.markerName).path),
            let text = try? String(contentsOf: stampURL, encoding: .utf8),
            let newline = text.firstIndex(of: "\n")
        else { return nil }
        let parts = text[..<newline].split(separator: " ")
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]), String(text[text.index(after: newline)...]))
    }

    /// What waited for its time when the last successful build into this folder was made
    /// (`nil` when no build's stamp is there, or it said nothing of it).
    public func lastSchedule() -> PublicationSchedule? {
        lastStamp().flatMap { BuildReport(saved: $0.report) }?.schedule
    }

    /// Saves the stamp of a successful build (beside the output, so the site itself never changes).
    @discardableResult
    func saveStamp(inputs: InputStamp, output: FolderPrint, report: String) -> Bool {
        Self.replaceFile(parts: [Array((inputs.value + " " + output.description + "\n" + report).utf8)], at: stampURL.path)
    }

    /// Forgets the last stamp: the next build will not take the output as up to date.
    public func clearStamp() {
        unlink(stampURL.path)
    }

    /// The manifest of the retired output when that folder is exactly as its build left it
    /// (checked file by file against the fingerprint taken then); otherwise `nil`.
    func reusableBase() -> PageManifest? {
        // A real folder only: a link in its place would have the site written where it leads.
        guard let retired = Directory.linkStatus(retiredURL.path), Directory.isDirectory(retired) else { return nil }
        // The output folder's group or mode changed since (`takeAttributes`): its files and
        // folders are all made anew, in that group.
        if let output = Directory.linkStatus(url.path), output.st_gid != retired.st_gid || output.st_mode & 0o7777 != retired.st_mode & 0o7777 { return nil }
        let manifest = PageManifest.load(from: retiredManifestURL)
        return manifest.isAsLeft(in: retiredURL.path) ? manifest : nil
    }

    /// Writes `files` into a staging folder, then swaps it with the output folder. With a `base`,
    /// the staging folder is the retired output that manifest describes: files marked `.keep` are
    /// already there, every other file is replaced (never written through: it may be a hard link),
    /// and files the new site does not have are removed. The output folder itself is never touched
    /// until the swap, so a failure at any point leaves it as it was.
    /// With no output yet, the retired output is made as the new output's twin (the same folders,
    /// hard links to the same files), written alongside: the next build then has an earlier site
    /// to build into. No build writes through a file of its staging folder: it replaces it.
    /// `later`: files planned only once `files` are written (the search index, made meanwhile),
    /// with the manifest of the whole site; without it, `manifest` lists `files`.
    /// `beforeSwap` runs when every file is written, and may still refuse the site.
    /// - Throws: the first file-system failure, in plain words.
    /// - Returns: with a `base`, the new output's fingerprint, worked out from the paths written
    ///   and removed (the rest of the folder is as the base's fingerprint says); and whether the
    ///   retired output is a twin made now; and what someone had put into the output, now kept
    ///   beside it (`keepForeignEntries`).
    /// The new site's folder takes the output folder's mode, group and set-group-ID bit (an
    /// admin's `drwxr-s---` for the web server's group), before anything is written into it,
    /// so that the swap leaves them as they were and its folders and files take that group.
    static func takeAttributes(of output: String, to staging: String) {
        guard let info = Directory.linkStatus(output), Directory.isDirectory(info) else { return }
        chown(staging, uid_t.max, info.st_gid)
        chmod(staging, info.st_mode & 0o7777)
    }

    func publish(
        _ files: [OutputFile], manifest: PageManifest, base: PageManifest?, progress: BuildProgress = .silent,
        later: () -> (files: [OutputFile], manifest: PageManifest) = { ([], PageManifest()) },
        beforeSwap: () throws(FileFault) -> Void = {}
    ) throws(FileFault) -> (print: FolderPrint?, twin: Bool, kept: Keeping) {
        Directory.removeWholly(stagingURL.path)
        Directory.removeWholly(twinURL.path)
        do throws(FileFault) {
            var twin: String? = nil
            var rescued = Keeping()
            if base != nil {
                guard rename(retiredURL.path, stagingURL.path) == 0 else { throw renameFault("reuse the previous site in", stateShown) }
            } else {
                // Not as its build left it: something may have been added to one of its folders
                // while it was the output. That is kept; the rest goes.
                if Directory.linkStatus(retiredURL.path).map(Directory.isDirectory) == true {
                    rescued = keepForeignEntries(written: [PageManifest.load(from: retiredManifestURL), PageManifest.load(from: manifestURL)], everywhere: true)
                    // What could not be moved by itself goes with the whole site; if that cannot
                    // be moved either, nothing is removed and the build stops.
                    if let (name, code) = rescued.stuck.first {
                        rescued.whole = keepWholeSite(retiredURL.path)
                        guard rescued.whole != nil else {
                            throw FileFault(
                                "keep", ContentTree.join(display, name),
                                reason: "no build wrote it, and it could not be moved into \(stateShown)/kept/ (\(keptProblem ?? FileFault.words(for: code))); it is in \(stateShown)/old/\(name)",
                                wayOut: "move it somewhere safe, or mend \(stateShown)/kept/, then build again")
                        }
                    }
                }
                Directory.removeWholly(retiredURL.path)
                guard mkdir(stagingURL.path, 0o755) == 0 else { throw FileFault.last("create the folder", stateShown + "/staging") }
                if Directory.linkStatus(url.path) == nil, mkdir(twinURL.path, 0o755) == 0 { twin = twinURL.path }
            }
            // What a build wrote into the earlier site, read before its list goes: when the old
            // site's own list could not be saved, none of it is taken for the user's at the swap.
            let earlierList = PageManifest.load(from: retiredManifestURL)
            unlink(retiredManifestURL.path)
            Self.takeAttributes(of: url.path, to: stagingURL.path)
            // Written in two rounds: `files`, then `later` ones and the removals. Each round's paths
            // (and the folders holding them) are fingerprinted just before and just after it: what
            // they add to the folder's fingerprint before and after is all that changes in it.
            var print = base.flatMap { FolderPrint($0.outputFingerprint) }
            func round(
                _ files: [OutputFile], stage: String, removing stale: [String] = [], keeping written: [String] = [], extra: [String] = [],
                finish: () throws(FileFault) -> Void = {}
            ) throws(FileFault) -> Bool {
                let changed = files.filter { !$0.contents.isKeep }.map(\.path) + stale
                let before = base == nil ? 0 : FolderPrint.listed(changed, extra: extra, under: stagingURL.path)?.value ?? 0
                let twinned = try Self.write(files, into: stagingURL, shown: display, replacing: base != nil, twin: twin, progress: progress, stage: stage)
                try Self.remove(stale, from: stagingURL, shown: display, written: written)
                try finish()
                let after = base == nil ? 0 : FolderPrint.listed(changed, extra: extra, under: stagingURL.path)?.value ?? 0
                print = print?.replacing(before, with: after)
                return twinned
            }
            let firstTwinned = try round(files, stage: "writing")
            let (laterFiles, whole) = later()
            let stale = base.map { base in base.paths.filter { !whole.contains($0) && !manifest.contains($0) } } ?? []
            let twinned = try round(laterFiles, stage: "writing the search index", removing: stale, keeping: whole.paths, extra: [Self.markerName]) { () throws(FileFault) in
                let marker = stagingURL.appendingPathComponent(Self.markerName).path
                do throws(FileFault) {
                    try Self.writeFile(Array(Self.markerText.utf8), to: marker, replacing: true)
                } catch {
                    throw error.at(ContentTree.join(display, Self.markerName))
                }
            } && firstTwinned
            try beforeSwap()
            let kept = try rescued + swapIntoPlace(manifest: whole, earlier: earlierList)
            guard let twin else { return (print, false, kept) }
            if twinned, link(url.path + "/" + Self.markerName, twin + "/" + Self.markerName) == 0, rename(twin, retiredURL.path) == 0 {
                return (print, true, kept)
            }
            Directory.removeWholly(twin)
            return (print, false, kept)
        } catch {
            Directory.removeWholly(stagingURL.path)
            Directory.removeWholly(twinURL.path)
            throw error
        }
    }
}
