import Foundation
import Testing

@testable import BantinKit

/// The lines `bantin build` prints, made from report values without building.
@Suite struct BuildSummaryTests {
    func report(
        articles: Int = 4, pages: Int = 31, files: Int = 40, searchIndexBytes: Int = 2048, warnings: Int = 0, notes: [String] = []
    ) -> BuildReport {
        let diagnostics = (0..<warnings).map { Diagnostic.warning("content/a\($0).md", line: 1, "w") }
        return BuildReport(
            articles: articles, pages: pages, files: files, searchIndexBytes: searchIndexBytes, diagnostics: diagnostics, notes: notes)
    }

    @Test func aFirstBuildSaysWhatItWroteWhereAndHowFast() {
        let lines = BuildSummary.lines(for: report(), output: "public", elapsed: .milliseconds(340))
        #expect(lines == ["Built 4 articles, 31 pages (40 files) into public/ in 340 ms; search index 2.0 KB"])
    }

    /// After many problems, the kinds told most are named with their count and first place
    /// (what they quote and their numbers aside); after a few, nothing more is said.
    @Test func theCommonestKindsOfManyProblemsAreCounted() {
        let html = (0..<20).map { n in
            Diagnostic.warning("content/articles/b\(String(format: "%02d", n)).md", line: 5, column: 1, "HTML written in the article (`<p>`; \(n + 2) in all, the first here) is left out of its page")
        }
        let dates = (0..<12).map { n in Diagnostic.error("content/articles/c\(n).md", line: 3, column: 7, "`date` is not a valid date: `\(n)/5/2021`") }
        let few = (0..<5).map { n in Diagnostic.warning("content/articles/d\(n).md", "a warning of its own") }
        #expect(BuildSummary.commonest(html + dates + few) == [
            "note: 20 warnings of one kind, the first at content/articles/b00.md:5:1: HTML written in the article (`<p>`; 2 in all, the first here) is left out of its page",
            "note: 12 errors of one kind, the first at content/articles/c0.md:3:7: `date` is not a valid date: `0/5/2021`",
        ])
        #expect(BuildSummary.commonest(Array(html.prefix(19))) == [], "a few problems are read one by one")
        // A code or a file named outside quotes is what differs too.
        let codes = (0..<12).map { n in
            let kind = ["KL", "CT", "NQ", "QĐi"][n % 4]
            return Diagnostic.warning("content/articles/e\(n).md", line: 4, column: 14, "directive \(n + 10)-\(kind)/TW has no file; its page is made from the code alone (add content/directives/\(n + 10)-\(kind.lowercased())-tw.md)")
        }
        #expect(BuildSummary.commonest(codes + few + dates).contains { $0.hasPrefix("note: 12 warnings of one kind, the first at content/articles/e0.md:4:14: directive 10-KL/TW has no file") })
    }

    @Test func oneOfEachIsSingular() {
        let one = report(articles: 1, pages: 1, files: 1, searchIndexBytes: 1, warnings: 1)
        let lines = BuildSummary.lines(for: one, output: "site", elapsed: .milliseconds(5))
        #expect(lines == ["Built 1 article, 1 page (1 file) into site/ in 5 ms; search index 1 B; 1 warning"])
    }

    @Test func warningsAreCountedAtTheEnd() {
        let lines = BuildSummary.lines(for: report(warnings: 3), output: "public", elapsed: .seconds(2))
        #expect(lines.first?.hasSuffix("; search index 2.0 KB; 3 warnings") == true)
        #expect(!BuildSummary.lines(for: report(), output: "public", elapsed: .seconds(2))[0].contains("warning"))
    }

    @Test func photosAreCountedWithHowManyWereEncoded() {
        var built = report()
        built.photos = 5
        built.encodedPhotos = 1
        let lines = BuildSummary.lines(for: built, output: "public", elapsed: .milliseconds(80))
        #expect(lines == ["Built 4 articles, 31 pages (40 files) into public/ in 80 ms; 5 photos (1 encoded); search index 2.0 KB"])
    }

    @Test func aRebuildSaysHowLittleWasRedone() {
        var rebuilt = report()
        rebuilt.reusedPages = 29
        rebuilt.cachedArticles = 3
        rebuilt.readArticles = 1
        let lines = BuildSummary.lines(for: rebuilt, output: "public", elapsed: .milliseconds(80))
        #expect(lines == ["Built 4 articles, 31 pages (40 files) into public/ in 80 ms (1 article file read, 29 pages unchanged); search index 2.0 KB"])
    }

    @Test func aRebuildWithoutTheArticleCacheCountsEveryArticleAsRead() {
        var rebuilt = report()
        rebuilt.reusedPages = 1
        let line = BuildSummary.lines(for: rebuilt, output: "public", elapsed: .milliseconds(80))[0]
        #expect(line.contains("(4 article files read, 1 page unchanged)"))
    }

    @Test func anUpToDateBuildSaysTheOutputWasLeftAsItWas() {
        var same = report(warnings: 2)
        same.upToDate = true
        let lines = BuildSummary.lines(for: same, output: "public", elapsed: .milliseconds(12))
        #expect(lines == ["Up to date: nothing changed, public/ left as it was (4 articles, 31 pages; checked in 12 ms); search index 2.0 KB; 2 warnings"])
    }

    @Test func notesFollowTheSummaryOnePerLine() {
        let lines = BuildSummary.lines(for: report(notes: ["no base_url: feeds left out", "second"]), output: "public", elapsed: .zero)
        #expect(lines.count == 3)
        #expect(lines[1] == "note: no base_url: feeds left out")
        #expect(lines[2] == "note: second")
    }

    @Test func aFailureCountsErrorsAndWarningsAndSaysTheOutputIsUnchanged() {
        let diagnostics: [Diagnostic] = [.error("a.md", "x"), .warning("b.md", "y"), .warning("c.md", "z")]
        #expect(BuildSummary.failure(diagnostics, output: "public") == "Build failed: 1 error, 2 warnings; public/ was left unchanged.")
        let twoErrors: [Diagnostic] = [.error("a.md", "x"), .error("b.md", "y"), .warning("c.md", "z")]
        #expect(BuildSummary.failure(twoErrors, output: "out") == "Build failed: 2 errors, 1 warning; out/ was left unchanged.")
        #expect(BuildSummary.failure([], output: "public") == "Build failed: 0 errors, 0 warnings; public/ was left unchanged.")
        #expect(BuildSummary.failure(twoErrors, output: "moi", outputBefore: .none) == "Build failed: 2 errors, 1 warning; moi/ was not made.")
        #expect(BuildSummary.failure(twoErrors, output: "tep", outputBefore: .other) == "Build failed: 2 errors, 1 warning; tep was left unchanged.")
    }

    @Test(arguments: [
        (Duration.zero, "0 ms"), (.microseconds(400), "0 ms"), (.milliseconds(999), "999 ms"), (.seconds(1), "1.00 s"),
        (.milliseconds(1234), "1.23 s"), (.seconds(75), "75.00 s"),
    ])
    func durationsInMillisecondsThenSeconds(duration: Duration, text: String) {
        #expect(BuildSummary.duration(duration) == text)
    }

    @Test(arguments: [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KB"), (1536, "1.5 KB"), (1_048_576, "1.0 MB"), (5_767_168, "5.5 MB")])
    func sizesInBytesKilobytesAndMegabytes(bytes: Int, text: String) {
        #expect(BuildSummary.size(bytes) == text)
    }
}
