import Foundation
import Testing

@testable import BantinKit

/// A failed build never costs the user their site, and the output folder is only ever
/// replaced when it is bantin's own.
@Suite struct OutputSafetyTests {
    /// A file renamed only in case (`Bao-Cao.txt` → `bao-cao.txt`): on a disk that tells no case
    /// apart, the old name is the new file (here two names of one file, as such a disk shows it),
    /// and removing the old one would leave the site without the new; a file differing only in
    /// case that is another file is removed as any old file is.
    @Test func anOldFileNamedAsANewOneInAnotherCaseIsTheNewOneOnACaseBlindDisk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-case-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("media"), withIntermediateDirectories: true)
        let file = { (name: String) in root.appendingPathComponent(name).path }
        try Data("mới".utf8).write(to: URL(fileURLWithPath: file("media/bao-cao.txt")))
        #expect(link(file("media/bao-cao.txt"), file("media/Bao-Cao.txt")) == 0)
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: file("media/Anh.txt")))
        try Data("mới".utf8).write(to: URL(fileURLWithPath: file("media/anh.txt")))
        try OutputFolder.remove(["media/Bao-Cao.txt", "media/Anh.txt"], from: root, shown: "public", written: ["media/bao-cao.txt", "media/anh.txt"])
        #expect(try String(contentsOfFile: file("media/bao-cao.txt"), encoding: .utf8) == "mới")
        #expect(FileManager.default.fileExists(atPath: file("media/Bao-Cao.txt")), "one file with two names: neither removed")
        #expect(!FileManager.default.fileExists(atPath: file("media/Anh.txt")))
        #expect(try String(contentsOfFile: file("media/anh.txt"), encoding: .utf8) == "mới")
    }

    @Test func aFailedBuildLeavesThePreviousSiteByteForByte() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let before = try site.snapshot()
        try site.write("content/articles/hong.md", "---\ntitle: \"Thiếu ngày\"\n---\nNội dung\n")
        try site.write("content/articles/hong-2.md", "---\ntitle: [\n---\n")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.errorCount >= 2)
        #expect(try site.snapshot() == before)
        let state = site.root.appendingPathComponent(".public.bantin")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { $0.contains("staging") }
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
        #expect(problem.column == 1, "the column of the closing tag")
        #expect(problem.message.contains("`{{/articel}}` does not close the section `article` opened on line 1"))
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

    /// A partial not found is told what to write: its path without `.` parts, its file's
    /// `.mustache` in lower case, or the nearest name there is.
    @Test func aMissingPartialIsToldWhatToWrite() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/promo.Mustache", "<p>quảng bá</p>\n")
        try site.write("templates/404.mustache", "{{> ./card}}\n{{> promo}}\n{{> crad}}\n")
        let told = site.failingBuild().filter { $0.file == "templates/404.mustache" }.map { "\($0.line): \($0.message)" }
        #expect(told == [
            "1: partial `./card` does not exist (no templates/./card.mustache); a partial is named by its path from the templates folder, without `.` parts: write `card`",
            "2: partial `promo` does not exist (no templates/promo.mustache); there is `promo.Mustache`, but a template's file name ends in `.mustache`, in lower case, and is written in the case it has",
            "3: partial `crad` does not exist (no templates/crad.mustache); did you mean `card`?",
        ], "\(told)")
    }

    /// A mount point cannot be replaced as a whole: it is refused before anything is built (it
    /// was refused at the swap, after the whole build, leaving a state folder beside it).
    /// `/proc` is a mount point on every Linux system; a folder of the test's own is not.
    @Test func aMountPointIsRefusedBeforeTheSiteIsBuilt() throws {
        let refused = OutputFolder(url: URL(fileURLWithPath: "/proc"), display: "/proc").validate(protecting: [])
        #expect(refused?.message.hasPrefix("refusing to build into /proc: it is a mount point") == true, "\(String(describing: refused))")
        let site = try TestSite(content: "bulletin")
        #expect(!OutputFolder.isMountPoint(site.content.path) && !OutputFolder.isMountPoint("/"))
    }

    /// Paths no folder can be made at are told in words before anything is built: a file where a
    /// folder above the output would be, a name too long for bantin's folder beside it, a file
    /// given as the content or templates folder; and a failed build into `/` says `/`.
    @Test func anOutputOrSourceThatCannotBeAFolderIsToldInWords() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("ghi-chu.txt", "ghi chú\n")
        func refusal(_ output: String) -> String? {
            OutputFolder(url: site.root.appendingPathComponent(output), display: output).validate(protecting: [])?.message
        }
        #expect(refusal("ghi-chu.txt/site/moi") == "refusing to build into ghi-chu.txt/site/moi: ghi-chu.txt is a file, not a folder; choose another `--output`")
        // Given as an absolute path, named as one.
        let absolute = site.root.appendingPathComponent("ghi-chu.txt/site").path
        #expect(OutputFolder(url: URL(fileURLWithPath: absolute), display: absolute).validate(protecting: [])?.message == "refusing to build into \(absolute): \(site.root.appendingPathComponent("ghi-chu.txt").path) is a file, not a folder; choose another `--output`")
        #expect(refusal(String(repeating: "a", count: 248))?.hasPrefix("the output folder's name is longer than 247 bytes") == true)
        #expect(refusal(String(repeating: "a", count: 247)) == nil && refusal("site/moi") == nil)
        var options = site.options()
        options.content = site.root.appendingPathComponent("ghi-chu.txt")
        options.contentName = "ghi-chu.txt"
        #expect(site.failingBuild(options).map(\.message).contains("ghi-chu.txt is a file, not a folder; run bantin where `content/` is, or pass `--content DIR`"))
        #expect(BuildSummary.failure([], output: "/").hasSuffix("; / was left unchanged."))
        #expect(BuildSummary.failure([], output: "public", outputBefore: .none).hasSuffix("; public/ was not made."))
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

    /// `--base-url` typed another way (decomposed, in upper case, without its last slash) is the
    /// same address: the build after is up to date.
    @Test func theBaseURLTypedAnotherWayLeavesTheBuildUpToDate() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://example.org/bản-tin/")
        for spelling in ["https://example.org/bản-tin/".decomposedStringWithCanonicalMapping, "HTTPS://EXAMPLE.org/b%e1%ba%a3n-tin"] {
            #expect(try site.build(baseURL: spelling).upToDate, "\(spelling)")
        }
        #expect(try !site.build(baseURL: "https://example.org/ban-tin/").upToDate)
    }

    /// Files no build reads under `templates/` (a theme kept in git: its `.git/`, `.gitignore`…; an editor's
    /// swap file, made and removed beside the template it edits) leave a build up to date; a file
    /// added beside them does not, nor an edit of a hidden file a template links to.
    @Test func hiddenFilesOfTheTemplatesLeaveTheBuildUpToDate() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let before = try site.snapshot()
        try site.write("templates/.git/index", "DIRC")
        try site.write("templates/.article.mustache.swp", "b0VIM")
        try site.write("templates/assets/.DS_Store", "x")
        #expect(try site.build().upToDate)
        // What git keeps beside a theme it tracks (a submodule's): its ignore and attribute lists,
        // an empty folder's placeholder, CI workflows.
        for file in ["templates/.gitignore", "templates/.gitattributes", "templates/assets/.gitkeep", "templates/.github/workflows/ci.yml"] {
            try site.write(file, "# \(file)\n")
            #expect(try site.build().upToDate, "\(file)")
        }
        try site.remove("templates/.article.mustache.swp")
        #expect(try site.build().upToDate)
        #expect(try site.snapshot() == before)
        try site.write("templates/assets/moi.css", "p{}")
        #expect(try !site.build().upToDate)
        #expect(site.exists("public/assets/moi.css") && !site.exists("public/assets/.DS_Store"))
        // A hidden file a template is a link to is read, and its edit seen.
        try site.write("templates/.giao-dien/footer.mustache", try site.read("templates/footer.mustache"))
        try site.remove("templates/footer.mustache")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("templates/footer.mustache").path, withDestinationPath: ".giao-dien/footer.mustache")
        try site.build()
        try site.write("templates/.giao-dien/footer.mustache", try site.read("templates/.giao-dien/footer.mustache").replacingOccurrences(of: "</footer>", with: "Chân trang mới</footer>"))
        #expect(try !site.build().upToDate)
        #expect(try site.read("public/index.html").contains("Chân trang mới"))
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

/// A rebuild that reuses unchanged pages of the previous output gives exactly the site a
/// clean build gives, whatever was edited.
@Suite struct IncrementalBuildTests {
    /// Builds incrementally into `public/` and from scratch into a new folder; both must match.
    func expectSameAsCleanBuild(_ site: TestSite, _ step: String) throws -> BuildReport {
        let incremental = try site.build()
        #expect(site.fingerprintProblems() == [], "after \(step)")
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder.build(site.options(output: clean))
        #expect(try site.differences(from: clean) == [], "after \(step)")
        try FileManager.default.removeItem(at: clean)
        return incremental
    }

    @Test func everyKindOfEditGivesTheCleanBuildsBytes() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        var report = try expectSameAsCleanBuild(site, "touching nothing but the stamp")
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: chi bộ làm theo Bác từ việc nhỏ", date: "2023-05-20T09:00:00+07:00", extra: "summary: \"Sapo mới\"\ndirectives: [\"05-CT/TW\"]\nthemes: [2023]\n", body: "Thân bài **đã sửa**."))
        report = try expectSameAsCleanBuild(site, "editing one article")
        #expect(report.reusedPages > 0, "unchanged pages are reused")
        #expect(try site.read("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html").contains("<strong>đã sửa</strong>"))
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\nkind: Chỉ thị\ntitle: \"Tiêu đề văn bản đã sửa\"\n---\nMô tả mới.\n")
        _ = try expectSameAsCleanBuild(site, "editing a directive file")
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Chuyên đề đã sửa\"\n---\nMô tả.\n")
        _ = try expectSameAsCleanBuild(site, "editing a theme file")
        try site.write("content/site.yml", "title: \"Bản tin đổi tên\"\nper_page: 3\n")
        _ = try expectSameAsCleanBuild(site, "editing site.yml")
        try site.write("templates/card.mustache", try site.read("templates/card.mustache").replacingOccurrences(of: "card-title", with: "card-title tieu-de"))
        _ = try expectSameAsCleanBuild(site, "editing a template")
        try site.remove("content/articles/2022/quang-ninh.md")
        _ = try expectSameAsCleanBuild(site, "deleting an article")
        let text = try site.read("content/articles/2023/dong-thap.md")
        try site.remove("content/articles/2023/dong-thap.md")
        try site.write("content/articles/2024/dong-thap-moi.md", text.replacingOccurrences(of: "năm 2023\"", with: "năm 2023 (cập nhật)\""))
        _ = try expectSameAsCleanBuild(site, "renaming an article")
        try site.write("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html", "sửa tay")
        try site.write("public/assets/style.css", "/* sửa tay */")
        _ = try expectSameAsCleanBuild(site, "a hand-edited output page")
        // The hand-edited folder is now the retired one, which the next build would build into if it
        // were trusted: the edited stylesheet, whose source does not change, would then be kept as it is.
        let moved = try site.read("content/articles/2024/dong-thap-moi.md")
        try site.write("content/articles/2024/dong-thap-moi.md", moved.replacingOccurrences(of: "(cập nhật)", with: "(cập nhật lần hai)"))
        report = try expectSameAsCleanBuild(site, "building after a hand edit")
        #expect(report.reusedPages > 0, "the untouched output is still used")
        #expect(try site.read("public/assets/style.css") != "/* sửa tay */")
    }

    /// After a first build, the retired output is the output's twin (hard links), ready to be
    /// built into; a page edited in place, which changes both, makes the twin unusable.
    @Test func aFirstBuildLeavesATwinToBuildInto() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let output = OutputFolder(url: site.options().output, display: "public")
        let page = "van-ban/index.html"
        let inode = { (root: URL) in Directory.linkStatus(root.appendingPathComponent(page).path)?.st_ino }
        #expect(inode(output.retiredURL) != nil)
        #expect(inode(output.retiredURL) == inode(output.url), "hard-linked")
        #expect(output.reusableBase() != nil)
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: bài đã sửa", date: "2023-05-20T09:00:00+07:00"))
        #expect(try expectSameAsCleanBuild(site, "one article edited after the first build").reusedPages > 0)
        // Again, and this time a page of the output is edited in place first (the twin's too).
        let fresh = try TestSite(content: "bulletin")
        try fresh.build()
        // Past the file system's clock tick, so the edit gives the page another modification time.
        Thread.sleep(forTimeInterval: 0.02)
        let handle = try FileHandle(forWritingTo: fresh.root.appendingPathComponent("public/" + page))
        try handle.write(contentsOf: Data("sửa tay".utf8))
        try handle.close()
        let twin = OutputFolder(url: fresh.options().output, display: "public")
        #expect(twin.reusableBase() == nil, "the twin changed with the output")
        try fresh.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: bài đã sửa", date: "2023-05-20T09:00:00+07:00"))
        _ = try expectSameAsCleanBuild(fresh, "one article edited after a page was edited in place")
        #expect(try !fresh.read("public/" + page).hasPrefix("sửa tay"))
    }

    /// A folder's fingerprint changes with any entry, and is brought up to date from the changed paths alone.
    @Test func aFolderFingerprintFollowsItsEntries() throws {
        let site = try TestSite(content: "bulletin")
        let folder = site.root.appendingPathComponent("thu-muc")
        let path = folder.path
        for (name, text) in [("a/index.html", "một"), ("a/b/index.html", "hai"), ("c.txt", "ba")] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let first = try #require(FolderPrint.of(folder: path))
        #expect(FolderPrint.of(folder: path) == first, "the same folder, the same fingerprint")
        #expect(FolderPrint(first.description) == first)
        #expect(FolderPrint.of(folder: folder.appendingPathComponent("khong-co").path) == nil)
        // Changed, added and removed entries, and the folders holding them.
        #expect(FolderPrint.listed(["a/index.html", "a/b/index.html", "c.txt"], under: path) == first, "found by stat alone")
        let touched = ["a/b/index.html", "a/moi.html", "c.txt", "a", "a/b", "."]
        let before = FolderPrint.sum(of: touched, under: path)
        try Data("hai, đã sửa".utf8).write(to: folder.appendingPathComponent("a/b/index.html"))
        try Data("mới".utf8).write(to: folder.appendingPathComponent("a/moi.html"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("c.txt"))
        // An old time on a folder, so that adding a file to it surely gives it another one.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)], ofItemAtPath: folder.appendingPathComponent("a/b").path)
        let second = try #require(FolderPrint.of(folder: path))
        #expect(second != first)
        #expect(first.replacing(before, with: FolderPrint.sum(of: touched, under: path)) == second)
        #expect(FolderPrint.listed(["a/index.html", "a/b/index.html", "a/moi.html"], under: path) == second)
        // A file added where no list says changes its folder, and so the listed fingerprint.
        try Data("lạ".utf8).write(to: folder.appendingPathComponent("a/b/la.html"))
        #expect(FolderPrint.listed(["a/index.html", "a/b/index.html", "a/moi.html"], under: path) != second)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("a/b/la.html"))
        // A file renamed within its folder changes the fingerprint too.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("a/moi.html"), to: folder.appendingPathComponent("a/moi2.html"))
        #expect(FolderPrint.of(folder: path) != second)
    }

    /// Each folder holding a path is found once, however many paths it holds and however deep.
    @Test func theFoldersHoldingPathsAreEachFoundOnce() {
        let paths = ["a/b/c.html", "a/b/d.html", "a/e.html", "f.html", "g/h/i/j.html", "g/k.html", "bai-viet/đ/index.html"]
        let folders = OutputFolder.folders(holding: paths)
        #expect(folders == ["a/b", "a", "g/h/i", "g/h", "g", "bai-viet/đ", "bai-viet"])
        #expect(OutputFolder.folders(holding: ["x.html", "y.html"]).isEmpty)
    }

    /// A manifest is read back as it was saved, in order; a damaged one is not read at all.
    @Test func aPageManifestIsReadBackAsSaved() throws {
        let site = try TestSite(content: "bulletin")
        let url = site.root.appendingPathComponent("manifest")
        let paths = ["index.html", "bai-viet/đảng-bộ/index.html", "tab\there.txt", "anh/ảnh 1.jpg"]
        let prints: [UInt64] = [0x1234_5678_9abc_def0, PageManifest.alwaysWritten, 0xffff_ffff_ffff_ffff, 7]
        var manifest = PageManifest(paths: paths, prints: prints)
        manifest.outputFingerprint = "abc123"
        manifest.save(to: url)
        let loaded = PageManifest.load(from: url)
        #expect(loaded.paths == paths)
        #expect(loaded.prints == prints)
        #expect(loaded.outputFingerprint == "abc123")
        #expect(loaded.print(of: "bai-viet/đảng-bộ/index.html") == PageManifest.alwaysWritten)
        #expect(loaded.print(of: "anh/ảnh 1.jpg") == 7)
        #expect(loaded.print(of: "bai-viet/khac/index.html") == nil)
        #expect(!loaded.contains("index"))
        // A line cut short, or an older format, gives an empty manifest: nothing is reused.
        var text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.dropLast(30).appending("\n12\tx").utf8).write(to: url)
        #expect(PageManifest.load(from: url).paths.isEmpty)
        // Cut at the end of a line, it would read as a manifest of fewer files, whose others
        // would then look foreign to the output: it has no last line, so it is none.
        for lines in 1...paths.count {
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n")
            try Data(kept.utf8).write(to: url)
            #expect(PageManifest.load(from: url).paths.isEmpty, "cut after \(lines) lines")
        }
        text = text.replacingOccurrences(of: PageManifest.format, with: "bantin-manifest-3")
        try Data(text.utf8).write(to: url)
        #expect(PageManifest.load(from: url).paths.isEmpty)
    }

    /// The page manifest cut in half (a damaged copy): the next build after an edit moves none
    /// of bantin's own files aside as foreign, and gives the clean build's site.
    @Test func aManifestCutShortMovesNothingAside() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let manifest = site.output.deletingLastPathComponent().appendingPathComponent(".public.bantin/pages")
        let bytes = try Data(contentsOf: manifest)
        try bytes.prefix(bytes.count / 2).write(to: manifest)
        try site.write("content/articles/2023/05/tien-giang.md", try site.read("content/articles/2023/05/tien-giang.md") + "\nThêm một đoạn.\n")
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.message.contains("no build wrote this") }, "\(report.diagnostics)")
        let clean = try TestSite(content: "bulletin")
        try clean.write("content/articles/2023/05/tien-giang.md", try site.read("content/articles/2023/05/tien-giang.md"))
        try clean.build()
        #expect(try site.snapshot() == clean.snapshot())
    }

    /// Entries are appended while most of the file is in use, the file is written anew when it
    /// is not, and a file whose end is not a whole table is not used at all.
    @Test func theArticleCacheFileIsAppendedToThenWrittenAnew() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cache")
        func entry(_ n: Int, body: String) -> ArticleCache.Entry {
            let article = RelatedArticlesTests.article(n, instant: Int64(n) * 86_400, directives: ["01-KL/TW"], themes: [2023], related: [])
            let withBody = Article(file: article.file, fields: article.fields, slug: article.slug, body: body)
            return ArticleCache.Entry(key: .init(size: Int64(n), modified: 1, changed: 2, inode: 3), article: withBody, diagnostics: [])
        }
        func load() -> ArticleCache { ArticleCache.load(from: url, context: "ngữ cảnh") }
        func bodies(_ cache: ArticleCache, _ paths: [String]) -> [String?] {
            paths.map { path in cache.lookup(path, key: .init(size: Int64(path.count - 1), modified: 1, changed: 2, inode: 3))?.article?.body }
        }
        let first = ArticleCache(context: "ngữ cảnh")
        for n in 1...3 { first.record("/\(n)" + String(repeating: "x", count: n - 1), entry(n, body: "Thân bài \(n) " + String(repeating: "chữ ", count: 200))) }
        first.save(to: url)
        let paths = ["/1", "/2x", "/3xx"]
        var second = load()
        #expect(bodies(second, paths).map { $0?.prefix(10) } == ["Thân bài 1", "Thân bài 2", "Thân bài 3"].map { Optional(Substring($0)) })
        #expect(ArticleCache.load(from: url, context: "khác").lookup("/1", key: .init(size: 1, modified: 1, changed: 2, inode: 3)) == nil)
        // Two kept, one dropped, one new: appended.
        let size = try #require(Directory.linkStatus(url.path)).st_size
        second.use(["/1", "/2x"])
        second.record("/4xxx", entry(4, body: "Bài mới"))
        second.save(to: url)
        let inode = try #require(Directory.linkStatus(url.path)).st_ino
        #expect(try #require(Directory.linkStatus(url.path)).st_size > size, "appended")
        second = load()
        #expect(bodies(second, paths + ["/4xxx"]).map { $0?.prefix(10) } == [Substring("Thân bài 1"), "Thân bài 2", nil, "Bài mới"])
        // Only one kept, nothing tolerated: written anew, smaller, with what was kept.
        second.use(["/4xxx"])
        second.save(to: url, slack: 0)
        #expect(try #require(Directory.linkStatus(url.path)).st_ino != inode, "a new file")
        let third = load()
        #expect(bodies(third, paths + ["/4xxx"]) == [nil, nil, nil, "Bài mới"])
        // A title changed (here into bytes that are not UTF-8): that entry's checksum fails, and only its file is read again.
        first.save(to: url)
        var bytes = try Data(contentsOf: url)
        let title = try #require(bytes.range(of: Data("Bài 2".utf8)))
        #expect(bodies(load(), paths).allSatisfy { $0 != nil })
        bytes[title.lowerBound] = 0xFF
        try bytes.write(to: url)
        #expect(bodies(load(), paths).map { $0 != nil } == [true, false, true])
        first.save(to: url)
        #expect(bodies(load(), ["/1"]) != [nil])
        // A torn append: the file's end is not a table.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 7, count: 40))
        try handle.close()
        #expect(bodies(load(), ["/1"]) == [nil])
    }

    /// Every field of an article taken from the cache, its details read only when asked for, is
    /// the field reading the file gave; so is the hash of its card.
    @Test func aCachedArticleIsTheArticleRead() throws {
        let site = try TestSite(content: "bulletin")
        try site.write(
            "content/articles/2023/day-du.md",
            article(
                title: "Bài đủ các trường", extra: "summary: \"Tóm tắt\"\ncategory: \"Xây dựng Đảng\"\nlocation: \"Hà Nội\"\nauthor: \"Lan\"\nsource: \"Báo\"\n"
                    + "directives: [\"01-KL/TW\"]\nthemes: [2023]\n",
                body: "## Mục\n\nNội dung."))
        // Read with its line endings changed: the body is not the end of its file, so the cache keeps it.
        try site.write("content/articles/2023/crlf.md", article(title: "Dòng kiểu Windows", body: "Dòng một.\nDòng hai.").replacingOccurrences(of: "\n", with: "\r\n"))
        let content = site.root.appendingPathComponent("content")
        let cacheURL = site.root.appendingPathComponent("cache")
        func load() -> (Catalog?, ArticleCache) {
            let cache = ArticleCache.load(from: cacheURL, context: "ngữ cảnh")
            return (CatalogLoader.load(content: content, displayRoot: "content", includeDrafts: true, memory: { _ in cache }).0, cache)
        }
        let (read, firstCache) = load()
        firstCache.save(to: cacheURL)
        let (cached, cache) = load()
        let readArticles = try #require(read?.articles)
        let cachedArticles = try #require(cached?.articles)
        #expect(cache.hits == readArticles.count)
        #expect(readArticles.count == cachedArticles.count)
        for (a, b) in zip(readArticles, cachedArticles) {
            #expect(b.cardHash == a.cardHash, "\(a.file)")
            #expect(b.file == a.file && b.fields == a.fields && b.slug == a.slug && b.positions == a.positions)
            #expect(b.directives.map(\.text) == a.directives.map(\.text))
            #expect(b.body == a.body && b.bodyHash == a.bodyHash && b.bodyLine == a.bodyLine)
        }
        #expect(readArticles.contains { $0.summary == "Tóm tắt" && $0.author == "Lan" && $0.positions.item("directives", 0) != nil })
        // Bodies that end their file are read from it, the other from the cache.
        func inSource(_ article: Article) -> Bool {
            if case .source = article.bodyText.place { return true }
            return false
        }
        let windows = try #require(cachedArticles.first { $0.file.hasSuffix("crlf.md") })
        #expect(windows.body == "Dòng một.\nDòng hai.\n" && !inSource(windows))
        for article in cachedArticles {
            let bytes = try Data(contentsOf: site.root.appendingPathComponent(article.file))
            #expect(inSource(article) == bytes.reversed().starts(with: Array(article.body.utf8).reversed()), "\(article.file)")
        }
        #expect(cachedArticles.count { inSource($0) } > cachedArticles.count / 2)
        // A changed field changes the card's hash, whatever was known of it.
        let before = cachedArticles[0].cardHash
        for change in [{ (f: inout ArticleFields) in f.title += "!" }, { $0.location = "Huế" }, { $0.draft.toggle() }, { $0.themes.append(2022) }] {
            var fields = cachedArticles[0].fields
            change(&fields)
            #expect(Article.cardHash(fields, slug: cachedArticles[0].slug) != before)
        }
    }

    /// A body kept in the cache (not the end of its file) whose bytes were damaged is not used:
    /// its file is read again.
    @Test func aDamagedBodyInTheArticleCacheIsNotUsed() throws {
        let site = try TestSite()
        try site.write("content/articles/crlf.md", article(title: "Dòng kiểu Windows", extra: "slug: crlf\n", body: "Giải quyết kiến nghị của nhân dân.").replacingOccurrences(of: "\n", with: "\r\n"))
        try site.write("content/articles/khac.md", article(title: "Bài khác", extra: "slug: khac\n"))
        try site.build()
        try site.flipBit(in: ".public.bantin/cache", at: "kiến nghị của", offset: 4)
        // Another article changes: this one is recalled from the cache, and rendered again.
        try site.write("content/articles/khac.md", article(title: "Bài khác đã sửa", extra: "slug: khac\n"))
        let report = try site.build()
        #expect(report.cachedArticles == 0)
        #expect(try site.read("public/feed.xml").contains("Giải quyết kiến nghị của nhân dân."))
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A file whose change time is kept to the second (ext2, HFS+) and falls in the seconds
    /// before a build read it could be changed again, at the same size, within that second with
    /// its size, times and inode all the same: such a file is not kept for the next build (the
    /// article cache does not save it, the stamp takes the time, so the next build is never "Up to
    /// date"). The change time decides: no one can set it, unlike a modification time a zip sets
    /// in the future.
    @Test func aFileThatCouldChangeUnseenIsNotKeptForTheNextBuild() throws {
        // A whole second a minute ago.
        let second = (FileKey.now / 1_000_000_000 - 60) * 1_000_000_000
        func key(changed: Int64, modified: Int64 = 0) -> FileKey { FileKey(size: 10, modified: modified, changed: changed, inode: 7) }
        #expect(key(changed: second).mayChangeUnseen(readSince: second + 500_000_000))
        #expect(key(changed: second).mayChangeUnseen(readSince: second + 2_900_000_000))
        #expect(!key(changed: second).mayChangeUnseen(readSince: second + FileKey.coarsest), "read seconds after its change")
        #expect(!key(changed: second + 123).mayChangeUnseen(readSince: second + 500_000_000), "a change time to the nanosecond")
        #expect(!key(changed: second - 5_000_000_000, modified: second + 3_600_000_000_000).mayChangeUnseen(readSince: second), "a modification time in the future")
        #expect(!key(changed: second + 3_600_000_000_000).mayChangeUnseen(readSince: second + 3_600_000_000_000), "a change time ahead of the clock")

        let site = try TestSite(content: "bulletin")
        let cacheURL = site.root.appendingPathComponent("cache")
        let cache = ArticleCache(context: "x")
        cache.remember("a.md", key: key(changed: second), article: nil, diagnostics: [])
        cache.remember("b.md", key: key(changed: second - 10_000_000_000), article: nil, diagnostics: [])
        #expect(cache.save(to: cacheURL, readSince: second + 500_000_000))
        let loaded = ArticleCache.load(from: cacheURL, context: "x")
        #expect(loaded.lookup("a.md", key: key(changed: second)) == nil, "read just after its change: read again")
        #expect(loaded.lookup("b.md", key: key(changed: second - 10_000_000_000)) != nil)

        var listing = ContentListing(of: site.content, displayRoot: "content")
        let options = site.options(output: site.output)
        #expect(InputStamp.inputs(options, content: listing, readSince: second) == InputStamp.inputs(options, content: listing, readSince: second + 1))
        listing.files[0].fileKey = key(changed: second)
        #expect(InputStamp.inputs(options, content: listing, readSince: second) != InputStamp.inputs(options, content: listing, readSince: second + 1),
            "a build after one that read a file that could change unseen is never up to date")
    }

    @Test func theArticleCacheGivesWhatReadingGives() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/canh-bao.md", article(title: "Bài có một trường lạ", extra: "tieu_de_phu: \"x\"\n"))
        let first = try site.build()
        #expect(first.cachedArticles == 0)
        let files = try #require(first.readArticles)
        #expect(first.diagnostics.contains { $0.file.hasSuffix("canh-bao.md") && $0.message.contains("tieu_de_phu") })
        // The edits below rewrite nghe-an.md, and with it its own warnings.
        let others = first.diagnostics.filter { !$0.file.hasSuffix("nghe-an.md") }
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: chi bộ làm theo Bác từ việc nhỏ", date: "2023-05-20T09:00:00+07:00", body: "Bài đã sửa."))
        let second = try expectSameAsCleanBuild(site, "one article edited, the others from the cache")
        #expect(second.readArticles == 1, "only the edited article is read again")
        #expect(second.cachedArticles == files - 1)
        #expect(second.diagnostics == others, "warnings of cached articles are reported again")
        // A damaged cache is ignored, never trusted.
        try site.write(".public.bantin/cache", "hỏng")
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: chi bộ làm theo Bác từ việc nhỏ", date: "2023-05-20T09:00:00+07:00", body: "Sửa lần nữa."))
        let third = try expectSameAsCleanBuild(site, "a damaged cache")
        #expect(third.cachedArticles == 0)
        #expect(third.readArticles == files)
        #expect(third.diagnostics == others)
        // So is a cache cut short (a disk that filled up, say).
        let cache = site.root.appendingPathComponent(".public.bantin/cache")
        let whole = try Data(contentsOf: cache)
        try whole.prefix(whole.count / 2).write(to: cache)
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: chi bộ làm theo Bác từ việc nhỏ", date: "2023-05-20T09:00:00+07:00", body: "Sửa lần cuối."))
        let fourth = try expectSameAsCleanBuild(site, "a truncated cache")
        #expect(fourth.readArticles == files)
    }
}
