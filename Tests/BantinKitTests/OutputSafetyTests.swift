import Foundation
import Testing

@testable import BantinKit

/// A failed build never costs the user their site, and the output folder is only ever
/// replaced when it is bantin's own.
@Suite struct OutputSafetyTests {
    @Test func aFailedBuildLeavesThePreviousSiteByteForByte() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let before = try site.snapshot()
        try site.write("content/articles/hong.md", "---\ntitle: \"Thiếu ngày\"\n---\nNội dung\n")
        try site.write("content/articles/hong-2.md", "---\ntitle: [\n---\n")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.errorCount >= 2)
        #expect(try site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("bantin-") }
        #expect(leftovers == [], "no staging folder is left behind")
    }

    @Test func aTemplateErrorAlsoLeavesThePreviousSite() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let before = try site.snapshot()
        try site.write("templates/article.mustache", "<h1>{{#article}}{{title}}\n\n{{/articel}}\n")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.filter { $0.file == "templates/article.mustache" }.count == 1)
        let problem = try #require(diagnostics.first { $0.file == "templates/article.mustache" })
        #expect(problem.line == 3)
        #expect(problem.column == 4)
        #expect(problem.message.contains("does not match"))
        #expect(try site.snapshot() == before)
    }

    @Test func aMissingPartialIsAnErrorAtItsTag() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/404.mustache", "<p>x</p>\n  {{> khong-co}}\n")
        let diagnostics = site.failingBuild()
        let problem = try #require(diagnostics.first { $0.message.contains("khong-co") })
        #expect(problem.file == "templates/404.mustache")
        #expect(problem.line == 2)
        #expect(problem.column == 3)
    }

    @Test(arguments: ["content", ".", ""])
    func refusesToBuildOverTheSourcesOrAFolderItDidNotMake(target: String) throws {
        let site = try TestSite(content: "bulletin")
        let output = target.isEmpty ? site.root.appendingPathComponent("notes") : site.root.appendingPathComponent(target)
        if target.isEmpty { try site.write("notes/ghi-chu.txt", "ghi chú quan trọng") }
        let options = site.options(output: output)
        let before = try site.snapshot(site.root)
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(options) }
        #expect(try site.snapshot(site.root) == before)
    }

    @Test func rebuildsOverItsOwnPreviousOutput() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("public/stale.html", "cũ")
        try site.build()
        #expect(!site.exists("public/stale.html"), "the whole folder is replaced")
        #expect(site.exists("public/.bantin-output"))
    }

    @Test func aContentFileMayNotOverwriteAGeneratedPage() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/index.html", "<p>tự viết</p>")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.contains { $0.file == "content/index.html" && $0.severity == .error })
    }
}

/// A build with nothing changed stops early and leaves the output exactly as it was.
@Suite struct UpToDateTests {
    @Test func aSecondBuildWithNothingChangedIsUpToDate() throws {
        let site = try TestSite(content: "bulletin")
        let first = try site.build()
        #expect(!first.upToDate)
        let before = try site.snapshot()
        let second = try site.build()
        #expect(second.upToDate)
        #expect(second.articles == first.articles && second.pages == first.pages)
        #expect(second.diagnostics == first.diagnostics, "warnings are given again")
        #expect(try site.snapshot() == before)
    }

    @Test func anEditedArticleTemplateOrOptionRebuilds() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: tiêu đề mới", extra: "directives: [\"05-CT/TW\"]\n"))
        #expect(try !site.build().upToDate)
        #expect(site.exists("public/bai-viet/nghe-an-tieu-de-moi/index.html"))
        try site.write("templates/404.mustache", try site.read("templates/404.mustache") + "\n")
        #expect(try !site.build().upToDate)
        #expect(try !site.build(drafts: true).upToDate)
        #expect(try site.build(drafts: true).upToDate)
    }

    @Test func aHandEditedOutputIsRebuilt() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = "public/van-ban/index.html"
        let original = try site.read(page)
        try site.write(page, "sửa tay")
        #expect(try !site.build().upToDate)
        #expect(try site.read(page) == original)
    }
}
