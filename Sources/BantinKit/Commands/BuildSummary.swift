import Foundation

/// The text `bantin build` and `bantin watch` print when a build ends: made from the build's
/// report alone, so its wording can be tested without building anything.
public enum BuildSummary {
    /// The one-line summary of a build that succeeded, then a `note: …` line per note.
    /// `output` names the output folder as the user typed it; `elapsed` is the build's time.
    public static func lines(for report: BuildReport, output: String, elapsed: Duration) -> [String] {
        var line = report.upToDate ? upToDate(report, output: output, elapsed: elapsed) : built(report, output: output, elapsed: elapsed)
        if let reuse = reuse(report) { line += " " + reuse }
        if report.photos > 0, !report.upToDate { line += "; \(counted(report.photos, "photo")) (\(report.encodedPhotos) encoded)" }
        line += report.searchIndexBytes > 0 ? "; search index \(size(report.searchIndexBytes))" : "; no search index"
        if let schedule = report.schedule.flatMap(scheduled) { line += "; " + schedule }
        let warnings = report.diagnostics.warningCount
        if warnings > 0 { line += "; " + counted(warnings, "warning") }
        return [line] + report.notes.map { "note: \($0)" }
    }

    /// What is at the output when a build fails: a folder it left as it was, something else, or nothing.
    public enum OutputBefore { case folder, other, none }

    /// The line printed after a failed build, counting the problems it found; `output`: what is
    /// there (a failed build makes no output folder).
    public static func failure(_ diagnostics: [Diagnostic], output: String, outputBefore: OutputBefore = .folder) -> String {
        let errors = counted(diagnostics.errorCount, "error"), warnings = counted(diagnostics.warningCount, "warning")
        // `/` and `public/` are named as given, not `//`.
        let folder = output.hasSuffix("/") ? output : output + "/"
        let left = switch outputBefore {
        case .folder: "\(folder) was left unchanged."
        case .other: "\(output) was left unchanged."
        case .none: "\(folder) was not made."
        }
        return "Build failed: \(errors), \(warnings); " + left
    }

    /// After many problems (a migrated archive's), the kinds told most, each a `note:` line with
    /// its count and first place, so that a bulk fix can start from them; none for a few.
    public static func commonest(_ diagnostics: [Diagnostic], atLeast: Int = 10, shown: Int = 3) -> [String] {
        guard diagnostics.count >= 2 * atLeast else { return [] }
        var kinds: [String: (count: Int, first: Diagnostic)] = [:]
        for diagnostic in diagnostics.sorted() {
            let key = diagnostic.severity.rawValue + " " + kind(of: diagnostic.message)
            kinds[key] = kinds[key].map { ($0.count + 1, $0.first) } ?? (1, diagnostic)
        }
        return kinds.values.filter { $0.count >= atLeast }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.first < $1.first }.prefix(shown).map { group in
            let first = group.first, place = first.line > 0 ? "\(first.file):\(first.line):\(max(first.column, 1))" : first.file
            return "note: \(group.count) \(first.severity.rawValue)s of one kind, the first at \(place): \(Diagnostic.oneLine(first.message))"
        }
    }

    /// A message with what it quotes (`…`) and the words it names taken out (a number, a code, a
    /// path or file: a word with a digit, `/` or `.` inside): what messages of one kind share.
    static func kind(of message: String) -> String {
        var unquoted = "", quoted = false
        for character in message {
            if character == "`" { quoted.toggle(); if quoted { unquoted += "`…`" }; continue }
            if !quoted { unquoted.append(character) }
        }
        return unquoted.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let inner = word.reversed().drop { ",;:()".contains($0) }.reversed()
            let names = inner.contains { $0.isASCII && $0.isNumber } || inner.contains("/") || inner.dropLast().contains(".")
            return names ? "#" : String(word)
        }.joined(separator: " ")
    }

    /// `340 ms` under a second, `1.25 s` from a second on.
    public static func duration(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return ms < 1000 ? String(format: "%.0f ms", ms) : String(format: "%.2f s", ms / 1000)
    }

    /// `512 B`, `2.0 KB`, `1.5 MB` (powers of 1024).
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// `1 page`, `2 pages`, `0 pages`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private static func built(_ report: BuildReport, output: String, elapsed: Duration) -> String {
        let what = "\(counted(report.articles, "article")), \(counted(report.pages, "page")) (\(counted(report.files, "file")))"
        return "Built \(what) into \(output)/ in \(duration(elapsed))"
    }

    private static func upToDate(_ report: BuildReport, output: String, elapsed: Duration) -> String {
        let what = "\(counted(report.articles, "article")), \(counted(report.pages, "page"))"
        return "Up to date: nothing changed, \(output)/ left as it was (\(what); checked in \(duration(elapsed)))"
    }

    /// `2 scheduled articles waiting (with 1 file only they use), next due 2024-05-09T08:00:00+07:00
    /// (Thứ Năm, 09/05/2024 08:00)`, or with `--future`, `1 article dated after now published early (--future)`.
    static func scheduled(_ schedule: PublicationSchedule) -> String? {
        if schedule.waiting > 0, let next = schedule.nextDue {
            let files = schedule.waitingFiles > 0 ? " (with \(counted(schedule.waitingFiles, "file")) only \(schedule.waiting == 1 ? "it uses" : "they use"))" : ""
            return "\(counted(schedule.waiting, "scheduled article")) waiting\(files), next due \(next.iso8601) (\(next.vietnameseDisplay))"
        }
        guard schedule.publishedEarly > 0 else { return nil }
        return "\(counted(schedule.publishedEarly, "article")) dated after now published early (--future)"
    }

    /// `(1 article file read, 12 pages unchanged)`, when the build reused earlier work.
    private static func reuse(_ report: BuildReport) -> String? {
        guard report.reusedPages > 0 || report.cachedArticles > 0 else { return nil }
        let read = report.readArticles ?? report.articles
        return "(\(counted(read, "article file")) read, \(counted(report.reusedPages, "page")) unchanged)"
    }
}
