import ArgumentParser
import BantinKit
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a built site: every internal link, anchor, image, script and stylesheet resolves.")

    @Argument(help: "The built site's folder.")
    var folder = "public"
    @Option(name: .customLong("base-url"), help: "Treat absolute links under this URL as internal.")
    var baseURL: String?

    func run() throws {
        // An empty name (a variable left unset in a script) would be the working folder, named as nothing.
        if folder.isEmpty { throw Console.refusal("", "the folder to check is given as \"\", which names no folder; give one, or leave it out for `public`") }
        if let baseURL, BaseURL.normalize(baseURL) == nil { throw Console.refusal("--base-url", BaseURL.refusal(baseURL)) }
        let url = URL(fileURLWithPath: folder)
        if let loop = SiteBuilder.loopRefusal(of: url, name: folder) { throw Console.refusal(folder, loop) }
        // A build that runs meanwhile is waited for: half of one site and half of the next would be
        // checked, with links broken in neither. Built by the name given or by where it leads (a link to `public/`).
        let outputs = [url.standardizedFileURL, SiteBuilder.builtFolder(of: url)].reduce(into: [URL]()) { if !$0.contains($1) { $0.append($1) } }
        // The folder is looked for once the build is waited for: its first build makes it.
        func checked(_ rest: ArraySlice<URL>) -> LinkChecker.Result? {
            guard let next = rest.first else {
                return isFolder(folder) ? LinkChecker.check(folder: url, baseURL: baseURL.flatMap(BaseURL.normalize)) : nil
            }
            return BuildLock.reading(OutputFolder(url: next, display: folder)) { holder in
                Console.error("waiting for the bantin build of \(folder.hasSuffix("/") ? folder : folder + "/")\(holder.map { " (pid \($0))" } ?? "") to end before checking it…")
            } _: {
                checked(rest.dropFirst())
            }
        }
        guard let result = checked(outputs[...]) else {
            let exists = FileManager.default.fileExists(atPath: folder)
            throw Console.refusal(folder, exists ? "a file, not a folder; give the folder a build wrote (`public` by default)" : "no such folder; build the site first with `bantin build`")
        }
        guard result.pages > 0 else { throw Console.refusal(folder, "no HTML pages to check; give the folder a build wrote (`public` by default)") }
        for link in result.broken { Console.out(link.description) }
        if result.broken.isEmpty {
            Console.out("Checked \(result.pages) pages, \(result.links) links: all resolve.")
        } else {
            let pages = Set(result.broken.map(\.page)).count
            Console.error("\(result.broken.count) broken link\(result.broken.count == 1 ? "" : "s") in \(pages) page\(pages == 1 ? "" : "s") (\(result.pages) page\(result.pages == 1 ? "" : "s") checked).")
            throw ExitCode.failure
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new article file with its front matter filled in, and print its path.",
        discussion: "The article is dated now (site timezone), marked draft: true, and written to content/articles/<year>/<month>/<slug>.md.")

    @Argument(help: "The article's title, e.g. \"Tiền Giang nhân rộng điển hình tiên tiến\" (one that starts with `-` goes after `--`: bantin new -- \"-5 độ C ở Sa Pa\").")
    var title: String
    @Option(name: .customLong("directive"), help: "A directive code the article cites, e.g. 01-KL/TW (repeatable).")
    var directives: [String] = []
    @Option(name: .customLong("theme"), help: "An annual theme year, e.g. 2023 (repeatable).")
    var themes: [Int] = []
    @Option(help: "The content folder.")
    var content = "content"

    /// A title given to `new` before any `--` that starts with `-` (`-thời sự`, `-5 độ C`): the
    /// argument parser would read it as short options. `nil` when there is none.
    static func titleReadAsOptions(_ arguments: [String]) -> String? {
        guard arguments.first == "new" else { return nil }
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst(), argument != "--" {
            if ["--directive", "--theme", "--content"].contains(argument) {
                _ = rest.popFirst()
            } else if argument.hasPrefix("-"), !argument.hasPrefix("--"), argument != "-h", argument.count > 1 {
                return argument
            }
        }
        return nil
    }

    func run() throws {
        // Not the working folder: its `articles/` is read by no build.
        try CommandInput.refuseEmptyFolders([("content", content, "content")])
        // The build's "now": with SOURCE_DATE_EPOCH set, a draft dated by the clock would wait for its time.
        let now = Date(timeIntervalSince1970: Double(try CommandInput.now()))
        let request = NewArticleRequest(title: title, directives: directives, themes: themes)
        do {
            Console.out(try NewArticleCommand.run(request, content: URL(fileURLWithPath: content), contentName: content, now: now))
        } catch let refusal as NewArticleRefusal {
            // A mistake in the command: said with this command's usage (a ValidationError thrown
            // here would show the top-level one).
            if refusal.isUsageError {
                Console.error("Error: \(refusal.message)\nUsage: \(Bantin.usageString(for: New.self))\n  See 'bantin new --help' for more information.")
                throw ExitCode.validationFailure
            }
            Console.error(refusal.message)
            throw ExitCode.failure
        }
    }
}

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, then rebuild whenever a file under content/ or templates/ changes (Ctrl-C to stop).",
        discussion: "Uses inotify on Linux, polling elsewhere. A failed rebuild prints its problems and leaves the last good site in place.")

    @OptionGroup var site: SiteOptions
    @Flag(help: "Poll for changes instead of using inotify.")
    var poll = false

    func run() throws {
        let options = try site.buildOptions()
        // A folder that is not there is a slip in the command, not an edit to wait for.
        for (folder, name) in [(options.content, options.contentName), (options.templates, options.templatesName)] {
            guard isFolder(folder.path) else {
                let problem = FileManager.default.fileExists(atPath: folder.path) ? "a file, not a folder" : "no such folder"
                throw Console.refusal(name, "\(problem) to watch; run bantin where `content/` and `templates/` are, or pass `--content` and `--templates`")
            }
        }
        // Watching from before the first build: an edit saved while it runs (which may fail it,
        // `it changed during the build`) is the first batch, and builds again.
        let watcher = FolderWatcher(folders: [options.content, options.templates], polling: poll)
        // Stopped the same way during the first build as after it (a build may be killed at any moment).
        StopSignal.install()
        // Nor is an output refused or a bad `--base-url`: no edit to watch for mends them.
        var outcome = Console.runBuild(options)
        // "Now" for the last build: what is due after it (also while it ran) is built again.
        var builtAt = options.now
        if outcome == .refusedOptions { throw ExitCode.failure }
        Console.out("Watching \(options.contentName)/ and \(options.templatesName)/ for changes (\(watcher.method.rawValue)\(watcher.pollingBecause.map { ": " + $0 } ?? "")). Press Ctrl-C to stop.")
        // When a scheduled article's time comes (or a published one's `updated`), watch builds
        // by itself: with the clock, not with a fixed SOURCE_DATE_EPOCH, which never gets there.
        let followsClock = PublicationTime.followsClock()
        // What waits for its time, as the last build that succeeded saw it (this watch's, or one
        // before it): a failed build (a full disk, a link to an article not due yet) does not keep
        // what is due from being built.
        var waiting = outcome.succeeded ? outcome.schedule : OutputFolder(url: options.output, display: options.outputName).lastSchedule()
        while true {
            if outcome.succeeded { waiting = outcome.schedule }
            let schedule = followsClock ? waiting : nil
            let due = schedule.flatMap { $0.nextChange(after: builtAt) }
            guard let batch = watcher.nextBatch(timeout: due.map(Self.wait(until:))) else {
                guard let due, Date().timeIntervalSince1970 >= Double(due) else {
                    // With no time to wait for, only the system's failure to say when folders change ends a wait.
                    if due == nil {
                        throw Console.refusal(options.contentName + "/", "the system stopped telling bantin of changes (\(String(cString: strerror(errno)))); no edit is built from now on: start `bantin watch` again")
                    }
                    continue
                }
                if let next = schedule?.waitingDate(at: due) {
                    Console.out("Scheduled for \(next.iso8601) (\(next.vietnameseDisplay)): building.")
                } else {
                    Console.out("A published article's `updated` time has come: building.")
                }
                (outcome, builtAt) = try rebuild()
                continue
            }
            if batch.holdsOnlyLeftovers { continue }
            // Each rebuild publishes what is due at its own start.
            (outcome, builtAt) = try rebuild()
        }
    }

    /// Builds again, as at the start: how it ended, and its "now".
    private func rebuild() throws -> (Console.BuildOutcome, Int64) {
        let options = try site.buildOptions()
        return (Console.runBuild(options), options.now)
    }

    /// How long to wait for an edit before `due` (seconds since 1970) comes: a moment past it,
    /// and a minute at most, so that a clock set forward, or a machine woken from sleep, is
    /// noticed within a minute.
    static func wait(until due: Int64) -> Duration {
        let seconds = min(60, max(0, Double(due) - Date().timeIntervalSince1970) + 0.05)
        return .milliseconds(Int((seconds * 1000).rounded(.up)))
    }
}

/// Ctrl-C (SIGINT) or SIGTERM ends `watch` with status 0. The signal is unblocked first:
/// a parent process (a test runner, a CI shell) may have left it blocked.
enum StopSignal {
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { _ in
                _ = write(STDOUT_FILENO, "\nStopped watching.\n", 19)
                _exit(0)
            }
        }
    }
}

/// Whether `path` is a folder, or a link that leads to one.
private func isFolder(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
}
