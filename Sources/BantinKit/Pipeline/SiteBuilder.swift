import Foundation

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL
    /// How to name these folders in messages (as the user typed them).
    public var contentName: String
    public var templatesName: String
    public var outputName: String
    /// Overrides `base_url` in `site.yml`.
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Warnings fail the build too.
    public var strict: Bool
    /// "Now", in seconds since 1970: articles dated after it wait (`PublicationSchedule`). The
    /// command line passes `SOURCE_DATE_EPOCH` or the clock (`PublicationTime`); nothing in the
    /// pipeline reads a clock. By default every article is published.
    public var now: Int64
    /// Publish articles dated after `now` too (`--future`).
    public var includeFuture: Bool
    /// False when the process exits right after the build (the command line): the site held in
    /// memory (tens of thousands of objects) is then left for the exit to drop, not freed one by one.
    public var freesMemory = true
    /// When another bantin build is writing the same output: wait for it to end (true), or fail
    /// at once (`--no-wait`).
    public var waitsForOtherBuilds = true
    /// Write the search index (`--without-search-index` leaves it out, to measure what it costs).
    public var searchIndex = true

    public init(
        content: URL, templates: URL, output: URL, contentName: String = "content", templatesName: String = "templates",
        outputName: String = "public", baseURL: String? = nil, includeDrafts: Bool = false, strict: Bool = false,
        now: Int64 = .max, includeFuture: Bool = false
    ) {
        self.content = content
        self.templates = templates
        self.output = output
        self.contentName = contentName
        self.templatesName = templatesName
        self.outputName = outputName
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.now = now
        self.includeFuture = includeFuture
    }
}

/// What a build keeps until the process exits (see `BuildOptions.freesMemory`).
enum KeptUntilExit {
    private nonisolated(unsafe) static var kept: [Any] = []
    private static let lock = NSLock()

    static func keep(_ value: Any) {
        lock.lock()
        kept.append(value)
        lock.unlock()
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var articles: Int
    public var pages: Int
    public var files: Int
    public var searchIndexBytes: Int
    public var diagnostics: [Diagnostic]
    /// Things the user should know (e.g. what was left out without a base URL).
    public var notes: [String]
    /// True when nothing had changed since the last build and the output was left as it was.
    public var upToDate: Bool = false
    /// Pages whose content had not changed, taken from the previous output instead of rendered.
    public var reusedPages: Int = 0
    /// Article files taken from the article cache, and article files read and parsed.
    public var cachedArticles: Int = 0
    public var readArticles: Int? = nil
    /// Articles waiting for their date (or published early); `nil` when not known (a report saved
    /// by an older bantin), which never counts as up to date.
    public var schedule: PublicationSchedule? = nil
    /// Photos published, and how many of them this build encoded (the others came from the photo cache).
    public var photos = 0
    public var encodedPhotos = 0
}

extension SiteBuilder {
    /// An output that is a symbolic link (`public` → `/srv/www/ban-tin`) is built where it
    /// leads (through a link to a link too), with bantin's own folder beside that: the link stays
    /// as the user made it. `loop`: the targets as the links write them, when they lead back to
    /// one of themselves (`site` → `site`, `a` → `b` → `a`): there is no folder to build in.
    static func followingOutputLink(_ options: BuildOptions) -> (options: BuildOptions, loop: [String]?) {
        let (target, loop) = outputTarget(options.output)
        var followed = options
        followed.output = target
        return (followed, loop)
    }

    /// Where an output named `url` is built: where its links lead, or `url` when it is no link
    /// (or when they go round: `loop`, see `followingOutputLink`).
    static func outputTarget(_ url: URL) -> (url: URL, loop: [String]?) {
        var followed = url
        var visited = [url.standardizedFileURL.path]
        var written: [String] = []
        while let info = Directory.linkStatus(followed.path), info.st_mode & S_IFMT == S_IFLNK, let (text, target) = linkTarget(followed) {
            written.append(text)
            if visited.contains(target.path) { return (url, written) }
            visited.append(target.path)
            followed = target
        }
        return (followed, nil)
    }

    /// Where a build of the output named `url` writes (`bantin check` waits for a build there),
    /// even before that folder is made.
    public static func builtFolder(of url: URL) -> URL { outputTarget(url).url }

    /// What the link at `url` says, and where that is, as the system reads it: a relative target
    /// from the folder the link really stands in, and a `..` after a linked folder in the target
    /// itself (`lnk/../public`) the parent of where that folder leads, not of the path's text.
    static func linkTarget(_ url: URL) -> (written: String, url: URL)? {
        guard let written = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { return nil }
        let folder = url.deletingLastPathComponent().path
        let full = written.hasPrefix("/") ? written : (SymbolicLinks.realPath(folder) ?? folder) + "/" + written
        return (written, readAsTheSystemDoes(full))
    }

    /// `path` (absolute) with the folders it goes through resolved as far as they exist, the rest
    /// as written; its last name is left as it is (it may be a link the caller follows itself).
    static func readAsTheSystemDoes(_ path: String) -> URL {
        let names = path.split(separator: "/").map(String.init)
        let kept = names.last.map { $0 == "." || $0 == ".." } == false ? 1 : 0
        for resolved in stride(from: names.count - kept, through: 0, by: -1) {
            guard let real = SymbolicLinks.realPath("/" + names[..<resolved].joined(separator: "/")) else { continue }
            return names[resolved...].reduce(URL(fileURLWithPath: real, isDirectory: true)) { $0.appendingPathComponent($1) }.standardizedFileURL
        }
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Why an output whose links go round (`followingOutputLink`'s `loop`) cannot be built or checked.
    public static func loopRefusal(name: String, loop: [String]) -> String {
        "\(name) is a link that leads back to itself (\(([name] + loop).joined(separator: " → "))): there is no folder to build in; remove the link, or make it lead to a folder"
    }

    /// The same for the output named `url`, if its links go round.
    public static func loopRefusal(of url: URL, name: String) -> String? {
        outputTarget(url).loop.map { loopRefusal(name: name, loop: $0) }
    }
}

/// The whole pipeline: content → catalog → site graph → rendered files → atomic swap, with the
/// speed-up layer (`IncrementalBuild`) answering what earlier builds kept.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions, progress: BuildProgress = .silent) throws(BuildFailure) -> BuildReport {
        let (followed, loop) = followingOutputLink(options)
        if let loop { throw BuildFailure(diagnostics: [.error(options.outputName, loopRefusal(name: options.outputName, loop: loop))], refusedOptions: true) }
        // A link into a folder that does not exist: most likely a mistyped target, whose folders
        // a build would make anywhere. (The folder it names may be missing: the build makes it.)
        if Directory.linkStatus(options.output.path).map({ $0.st_mode & S_IFMT == S_IFLNK }) == true,
            !Directory.leadsToFolder(followed.output.deletingLastPathComponent().path)
        {
            // The target as the link writes it, or, through more links, where they lead.
            let direct = linkTarget(options.output)
            let target = direct?.url == followed.output ? direct?.written ?? followed.output.path : followed.output.path
            throw BuildFailure(diagnostics: [.error(options.outputName, "\(options.outputName) is a link to \(target), in a folder that does not exist; create it, or correct the link")], refusedOptions: true)
        }
        // Before the up-to-date check: a build that would be refused is never taken for the last one.
        if let refused = baseURLRefused(options) { throw BuildFailure(diagnostics: [refused], refusedOptions: true) }
        let options = followed
        let output = OutputFolder(url: options.output, display: options.outputName)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let read = [(options.content, options.contentName), (options.templates, options.templatesName)]
        if let problem = output.validate(protecting: [options.content, options.templates, cwd], readFolders: read) {
            throw BuildFailure(diagnostics: [problem], refusedOptions: true)
        }
        let lock = try takeLock(of: output, options: options, progress: progress)
        defer { lock.release() }
        let recovered = output.finishInterruptedSwap()
        var clock = StageClock()
        let listing = ContentListing(of: options.content, displayRoot: options.contentName)
        if let report = IncrementalBuild.upToDate(options: options, output: output, listing: listing) { return report }
        progress.report("reading", 0, 0)
        let incremental = IncrementalBuild(options: options, output: output, listing: listing)
        clock.lap("fingerprint inputs")
        let (site, diagnostics) = try plan(options, listing: listing, memory: incremental, clock: &clock)
        let report = try incremental.publish(site, diagnostics: diagnostics, progress: progress, recovered: recovered)
        if !options.freesMemory { KeptUntilExit.keep(site) }
        return report
    }

    /// The output's lock (see `BuildLock`), waited for unless the options say not to.
    private static func takeLock(of output: OutputFolder, options: BuildOptions, progress: BuildProgress) throws(BuildFailure) -> BuildLock {
        do {
            var waited = false
            let lock = try BuildLock(for: output, wait: options.waitsForOtherBuilds) { holder in
                waited = true
                progress.waiting(BuildLock.waitingMessage(output: options.outputName, holder: holder))
            }
            if waited { progress.waited() }
            return lock
        } catch {
            switch error {
            case .busy(let holder): throw BuildFailure(diagnostics: [.error(options.outputName, BuildLock.busyMessage(output: options.outputName, holder: holder))])
            case .fault(let fault): throw BuildFailure(diagnostics: [.error(options.outputName, fault.description)])
            }
        }
    }
}
