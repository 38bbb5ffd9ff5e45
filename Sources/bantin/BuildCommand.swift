import ArgumentParser
import BantinKit
import Foundation

/// Options shared by `build` and `watch`.
struct SiteOptions: ParsableArguments {
    @Option(help: "Folder with site.yml, articles/, directives/, themes/ and media.")
    var content = "content"
    @Option(help: "Folder with the Mustache templates and assets/.")
    var templates = "templates"
    @Option(help: "Folder to write the site into; replaced only when the build succeeds.")
    var output = "public"
    @Option(name: .customLong("base-url"), help: "Absolute URL the site is published at, e.g. https://example.org/bantin/ (overrides base_url in site.yml).")
    var baseURL: String?
    @Flag(help: "Include articles marked draft: true.")
    var drafts = false
    @Flag(help: "Treat warnings as errors.")
    var strict = false
    @Flag(name: .customLong("no-wait"), help: "When another bantin build is writing the same output, fail at once instead of waiting for it.")
    var noWait = false
    @Flag(name: .customLong("without-search-index"), help: "Leave out the search index (the search page then finds nothing); for measuring what it costs.")
    var withoutSearchIndex = false
    @Flag(help: "Include articles dated after now (now is SOURCE_DATE_EPOCH when set, else the clock).")
    var future = false

    /// The options of a build starting now (`SOURCE_DATE_EPOCH` or the clock).
    func buildOptions() throws -> BuildOptions {
        try CommandInput.refuseEmptyFolders([("content", content, "content"), ("templates", templates, "templates"), ("output", output, "public")])
        let now = try CommandInput.now()
        var options = BuildOptions(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates), output: URL(fileURLWithPath: output),
            contentName: trimmed(content), templatesName: trimmed(templates), outputName: trimmed(output), baseURL: baseURL,
            includeDrafts: drafts, strict: strict, now: now, includeFuture: future)
        options.waitsForOtherBuilds = !noWait
        options.searchIndex = !withoutSearchIndex
        return options
    }

    private func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

/// What `build`, `watch` and `new` read from the command line alike, refused alike.
enum CommandInput {
    /// Refuses a folder option given as `""` (a variable left unset in a script): an empty path
    /// would be the working folder, named as nothing in every message. `usual`: the default.
    static func refuseEmptyFolders(_ folders: [(option: String, value: String, usual: String)]) throws {
        for (option, value, usual) in folders where value.isEmpty {
            Console.error("--\(option): error: it names no folder; give one, or leave the option out for `\(usual)`")
            throw ExitCode.failure
        }
    }

    /// "Now" in seconds since 1970: `SOURCE_DATE_EPOCH` when set, else the clock (`PublicationTime`).
    static func now() throws -> Int64 {
        do throws(PublicationTime.Invalid) {
            return try PublicationTime.now()
        } catch {
            // As every problem is told: what, then `error:`, then why.
            Console.error("SOURCE_DATE_EPOCH: error: " + error.description)
            throw ExitCode.failure
        }
    }
}

enum Console {
    /// Writes a line to standard output at once (no buffering), so lines reach pipes and CI logs in order.
    static func out(_ text: String) {
        StandardStream.output(text + "\n")
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sorted() {
            StandardStream.error(diagnostic.description + "\n")
        }
        for line in BuildSummary.commonest(diagnostics) { StandardStream.error(line + "\n") }
    }

    static func error(_ text: String) {
        StandardStream.error(text + "\n")
    }

    /// Tells a refusal of the command's own input as a build tells a problem (`name: error: …`,
    /// `error: …` when no path is concerned); exit status 1.
    static func refusal(_ name: String, _ message: String) -> ExitCode {
        error(Diagnostic.error(name, message).description)
        return ExitCode.failure
    }

    /// How a build ended: built, failed, or refused for the command's own options (the output
    /// refused, a bad `--base-url`), which no edit of the content or templates can mend.
    enum BuildOutcome: Equatable {
        /// With what waits for its time (`nil` when the last build's report did not say).
        case built(PublicationSchedule?)
        case failed, refusedOptions

        var succeeded: Bool { if case .built = self { true } else { false } }
        var schedule: PublicationSchedule? { if case .built(let schedule) = self { schedule } else { nil } }
    }

    /// Builds once and prints diagnostics and the one-line summary; how the build ended.
    static func runBuild(_ options: BuildOptions) -> BuildOutcome {
        // The site's files are readable by all (644, folders 755) whatever the user's umask, so
        // that a static host can serve every one, and a rebuild has a clean build's modes (it
        // writes only what changed). Who may reach the site is the output folder's own mode.
        umask(0o022)
        let clock = ContinuousClock()
        // The build's time starts when it is not waiting for another build any more.
        let start = StartTime(clock.now)
        do {
            var progress = TerminalProgress.forStandardError(start: start.value)
            progress.waiting = { Console.error($0) }
            progress.waited = { start.value = ContinuousClock.now }
            let report = try SiteBuilder.build(options, progress: progress)
            TerminalProgress.clear()
            printDiagnostics(report.diagnostics)
            // The summary is standard output's one line; notes go with the diagnostics.
            let lines = BuildSummary.lines(for: report, output: options.outputName, elapsed: clock.now - start.value)
            out(lines[0])
            for note in lines.dropFirst() { error(note) }
            return .built(report.schedule)
        } catch {
            TerminalProgress.clear()
            printDiagnostics(error.diagnostics)
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: options.output.path, isDirectory: &isFolder)
            Console.error(BuildSummary.failure(error.diagnostics, output: options.outputName, outputBefore: !exists ? .none : isFolder.boolValue ? .folder : .other))
            return error.refusedOptions ? .refusedOptions : .failed
        }
    }
}

/// When a build started, set again when it waited for another one first.
final class StartTime: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: ContinuousClock.Instant

    init(_ instant: ContinuousClock.Instant) { self.instant = instant }

    var value: ContinuousClock.Instant {
        get { lock.withLock { instant } }
        set { lock.withLock { instant = newValue } }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from content/ and templates/ into public/.",
        discussion: "Problems are printed as `path:line:column: error: message`. On any error the previous output is left exactly as it was.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        var options = try site.buildOptions()
        options.freesMemory = false  // one build, then the process exits
        if !Console.runBuild(options).succeeded { throw ExitCode.failure }
    }
}

/// On a terminal, a build that takes more than a second shows its stage and count on one
/// line of standard error; elsewhere (CI, pipes, a terminal that takes no cursor controls:
/// Emacs's `dumb` one, or none named in `TERM`) nothing is printed but the summary.
enum TerminalProgress {
    static let isTerminal = isatty(STDERR_FILENO) == 1 && takesControls(term: ProcessInfo.processInfo.environment["TERM"])
        && !isCI(ProcessInfo.processInfo.environment["CI"])

    /// Whether `CI` (set by GitHub Actions, GitLab, Travis…) says the build runs in CI: its log
    /// keeps every progress line, also on the pseudo-terminal some runners give (`docker run -t`).
    static func isCI(_ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        return !["false", "0", "no", "off"].contains(value.lowercased())
    }

    /// Whether a terminal named `term` moves its cursor as told (`\r`, erase the line).
    static func takesControls(term: String?) -> Bool {
        guard let term, !term.isEmpty else { return false }
        return term != "dumb"
    }

    /// Whether a progress line is on the screen, to be erased before anything else is written.
    private static let shown = Flag()

    static func forStandardError(start: ContinuousClock.Instant) -> BuildProgress {
        guard isTerminal else { return .silent }
        return BuildProgress { stage, done, total in
            guard ContinuousClock.now - start > .seconds(1) else { return }
            let text = total > 0 ? "\r\u{1B}[2K\(stage) \(done)/\(total) files" : "\r\u{1B}[2K\(stage)…"
            shown.set(true)
            StandardStream.error(text)
        }
    }

    static func clear() {
        if shown.set(false) { StandardStream.error("\r\u{1B}[2K") }
    }

    /// A flag set from any thread.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false

        /// Sets the flag; returns what it was.
        @discardableResult
        func set(_ new: Bool) -> Bool {
            lock.withLock {
                defer { value = new }
                return value
            }
        }
    }
}
