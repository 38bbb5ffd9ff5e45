import Foundation

/// A fingerprint of everything a build reads: every file of the content folder (path, size,
/// modification and change times, inode), every file and folder under the templates folder, the
/// options but "now", the bantin executable itself and the libraries that encode its photos. ("Now" is compared with the dates the
/// last build published between: `PublicationSchedule.publishesSame(at:)`.) When it matches the one saved by the last
/// successful build, and the output folder is as that build left it, the output is already what
/// a new build would write, so the build can stop early and leave it byte-for-byte as it is.
public struct InputStamp: Sendable, Equatable {
    public let value: String
    /// The templates folder's fingerprint and the site settings' descriptions, as they were when
    /// the stamp was taken, before the build read them: what the pages are fingerprinted with
    /// (`PageFingerprints`), so that one saved while the build ran is not taken for what it read.
    let templates: String
    let settings: String

    init(value: String, templates: String = "", settings: String = "") {
        self.value = value
        self.templates = templates
        self.settings = settings
    }

    /// `readSince`: a time taken before any input is read (`FileKey.mayChangeUnseen`).
    static func inputs(_ options: BuildOptions, content: ContentListing, readSince: Int64 = FileKey.now) -> InputStamp {
        var hasher = StableHasher()
        hasher.add("bantin-stamp-3")
        // The base URL as pages write it: `--base-url` typed another way changes no page.
        hasher.add("\(options.baseURL.map { BaseURL.normalize($0) ?? $0 } ?? "")|\(options.includeDrafts)|\(options.includeFuture)|\(options.strict)|\(options.searchIndex)|\(options.contentName)|\(options.templatesName)")
        hasher.add(executable)
        // The libraries that encode photos: an update of them alone changes a clean build's bytes.
        hasher.add(PhotoCodec.identity)
        for file in content.files {
            hasher.add(file.relativePath)
            let key = file.fileKey
            for number in [key?.size ?? -1, key?.modified ?? -1, key?.changed ?? -1, Int64(bitPattern: key?.inode ?? 0)] { hasher.add(number) }
            // A file that could change again unseen: no later build may take this one's output as up to date.
            if key?.mayChangeUnseen(readSince: readSince) == true { hasher.add(readSince) }
        }
        // The listing's problems themselves (a broken link where a loop was is another input).
        for problem in content.diagnostics { hasher.add(problem.description) }
        let templates = fingerprint(of: options.templates, readSince: readSince)
        hasher.add(templates)
        let settings = ["site.yml", "site.yaml"].map { describe(options.content.appendingPathComponent($0), readSince: readSince) }.joined(separator: "\n")
        return InputStamp(value: String(hasher.value, radix: 16), templates: templates, settings: settings)
    }

    /// Every file and folder under `folder` (relative path, size, modification and change times,
    /// inode, mode), but what version control and editors keep beside the files they track or
    /// edit (`.git/`, `.a.mustache.swp`, `.DS_Store`), which no build reads (a hidden file a
    /// template links to is read, and counts).
    public static func fingerprint(of folder: URL, readSince: Int64) -> String {
        FolderPrint.of(folder: folder.standardizedFileURL.path, changeTimes: true, readSince: readSince, read: { !isKeptByTools($0) })?.description ?? ""
    }

    /// Whether a name is one that version control or an editor keeps beside the files it tracks or edits.
    static func isKeptByTools(_ name: String) -> Bool {
        guard name.hasPrefix(".") else { return false }
        return [".git", ".hg", ".svn", ".bzr", ".DS_Store", ".idea", ".vscode", ".gitignore", ".gitattributes", ".gitkeep", ".gitmodules", ".github", ".gitlab-ci.yml", ".hgignore"].contains(name)
            || name.hasPrefix(".#")
            || [".swp", ".swo", ".swn", ".swx"].contains { name.hasSuffix($0) }
    }

    /// The running bantin executable, described like any input: a new build of bantin invalidates
    /// stamps, page fingerprints and the article cache.
    /// Described once per process: it is the running code that matters.
    static let executable: String = describe(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())

    /// One file's path, size, modification and change times, inode and mode (of what a symbolic
    /// link leads to): an edit that keeps
    /// the size and sets the modification time back still changes the change time.
    /// With `readSince` (a time taken before the file is read), a file that could change again
    /// unseen (`FileKey.mayChangeUnseen`) is described with that time: no later description is this one.
    static func describe(_ url: URL, readSince: Int64? = nil) -> String {
        // What a link inside the content folder leads to: its target's bytes are what is copied.
        var info = stat()
        guard stat(url.path, &info) == 0 else { return url.path }
        let unsettled = readSince.map { FileKey(info).mayChangeUnseen(readSince: $0) ? "|unsettled \($0)" : "" } ?? ""
        return "\(url.path)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)|\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)|\(info.st_ino)|\(info.st_mode)" + unsettled
    }
}
