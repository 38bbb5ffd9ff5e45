import Foundation

/// What a build may take from earlier output: the files `manifest` lists with the same
/// fingerprint, already in the staging folder or, with `linkFrom`, hard-linked from that folder;
/// and, beside a staging folder, those of the last output (`last`) that differ from its files.
struct Reuse: Sendable {
    var manifest: PageManifest
    var linkFrom: URL?
    /// The last build's output, when the build writes into the site before it: what that build
    /// changed (after an edit of the templates or of an option, every page) is linked from there,
    /// not made again.
    var last: LastOutput? = nil

    /// The retired output's manifest, when that folder is what the build writes into.
    var base: PageManifest? { linkFrom == nil ? manifest : nil }

    /// The earlier file at `path`, when it had the fingerprint `print` (`nil`: the file must be
    /// made again, always for `alwaysWritten`).
    func earlier(_ path: String, print: UInt64) -> OutputFile.Contents? {
        guard print != PageManifest.alwaysWritten else { return nil }
        if manifest.print(of: path) == print { return linkFrom.map { .link($0.path + "/" + path) } ?? .keep }
        if let last, last.manifest.print(of: path) == print, last.isIntact { return .link(last.folder + "/" + path) }
        return nil
    }
}

/// The last build's output and its manifest; whether it is as that build left it is found once,
/// when a file is first asked of it (listing the folder costs, and most builds ask nothing).
final class LastOutput: @unchecked Sendable {
    let manifest: PageManifest
    let folder: String
    private let lock = NSLock()
    private var intact: Bool?

    init(manifest: PageManifest, folder: String) {
        self.manifest = manifest
        self.folder = folder
    }

    var isIntact: Bool {
        lock.lock()
        defer { lock.unlock() }
        if let intact { return intact }
        let found = manifest.isAsLeft(in: folder)
        intact = found
        return found
    }
}

extension BuildReport {
    /// The report as saved beside the output, to be given again when nothing changed.
    var saved: String {
        var lines = ["\(articles) \(pages) \(files) \(searchIndexBytes)"]
        if let schedule { lines.append(schedule.saved) }
        lines += diagnostics.map { "\($0.severity.rawValue)\t\($0.file)\t\($0.line)\t\($0.column)\t\($0.message)" }
        lines += notes.map { "note\t" + $0 }
        return lines.joined(separator: "\n")
    }

    init?(saved: String) {
        let lines = saved.split(separator: "\n", omittingEmptySubsequences: false)
        let numbers = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
        guard numbers.count == 4 else { return nil }
        var diagnostics: [Diagnostic] = []
        var notes: [String] = []
        var schedule: PublicationSchedule? = nil
        for line in lines.dropFirst() {
            if line.hasPrefix(PublicationSchedule.savedName + "\t") {
                schedule = PublicationSchedule(saved: String(line))
                continue
            }
            let parts = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, parts[0] == "note" { notes.append(parts[1]) }
            if parts.count == 5, let severity = Severity(rawValue: parts[0]), let l = Int(parts[2]), let c = Int(parts[3]) {
                diagnostics.append(Diagnostic(severity, parts[1], line: l, column: c, parts[4]))
            }
        }
        self.init(articles: numbers[0], pages: numbers[1], files: numbers[2], searchIndexBytes: numbers[3], diagnostics: diagnostics, notes: notes)
        self.schedule = schedule
    }
}

extension PublicationSchedule {
    static let savedName = "schedule"

    /// One line of the saved report: its name, then waiting, published early, the next date due
    /// (instant and offset), the latest published, the files waiting, the latest `updated` and the
    /// next, the latest date within a year and the first past it, `-` for none, then the waiting
    /// dates (`instant@offset`) and the later updates, each list comma-separated (`-` when
    /// empty), separated by tabs.
    var saved: String {
        let numbers: [Int64?] = [
            Int64(waiting), Int64(publishedEarly), nextDue?.instant, nextDue.map { Int64($0.offset) }, latestPublished, Int64(waitingFiles),
            latestUpdated, nextUpdated, latestWithinAYear, firstPastAYear,
        ]
        let lists = [waitingDates.map { "\($0.instant)@\($0.offset)" }, laterUpdates.map(String.init)].map { $0.isEmpty ? "-" : $0.joined(separator: ",") }
        return ([Self.savedName] + numbers.map { $0.map(String.init) ?? "-" } + lists).joined(separator: "\t")
    }

    /// The line `saved` wrote (`nil` when it is not one).
    init?(saved line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst()
        // Saved by a bantin before the lists: ten fields.
        guard fields.count == 10 || fields.count == 12 else { return nil }
        let words = fields.prefix(10)
        let numbers = words.map { $0 == "-" ? Int64?.none : Int64($0) }
        guard zip(words, numbers).allSatisfy({ $1 != nil || $0 == "-" }), let waiting = numbers[0], let early = numbers[1] else { return nil }
        let next = numbers[2].flatMap { instant in numbers[3].map { LocalDateTime(instant: instant, offset: Int($0)) } }
        self.init(
            waiting: Int(waiting), publishedEarly: Int(early), nextDue: next, latestPublished: numbers[4], waitingFiles: Int(numbers[5] ?? 0),
            latestUpdated: numbers[6], nextUpdated: numbers[7], latestWithinAYear: numbers[8], firstPastAYear: numbers[9])
        guard fields.count == 12 else { return }
        let list = { (field: Substring) in field == "-" ? [] : field.split(separator: ",") }
        let dates = list(fields[fields.startIndex + 10]).map { item in
            item.split(separator: "@").compactMap { Int64($0) }
        }
        let updates = list(fields[fields.startIndex + 11]).map { Int64($0) }
        guard dates.allSatisfy({ $0.count == 2 }), updates.allSatisfy({ $0 != nil }) else { return nil }
        waitingDates = dates.map { LocalDateTime(instant: $0[0], offset: Int($0[1])) }
        laterUpdates = updates.compactMap { $0 }
    }
}
