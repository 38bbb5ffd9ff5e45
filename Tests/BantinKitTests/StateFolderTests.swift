import Foundation
import Testing

@testable import BantinKit

/// What bantin keeps beside the output (`.public.bantin/`) is its own: damaged, it is not
/// trusted; replaced by a link, nothing is read or removed through it. And the output is never
/// where a build reads from.
@Suite struct StateFolderTests {
    /// A one-byte change inside the search memo: the article is read again, and the index equals
    /// a clean build's.
    @Test func aDamagedSearchMemoIsNotPublished() throws {
        let site = try TestSite()
        for k in 0..<6 { try site.write("content/articles/a\(k).md", article(title: "Bài số \(k) về chi bộ", extra: "slug: bai-\(k)\n", body: "Nội dung bài số \(k), đảng viên.")) }
        try site.build()
        try site.flipBit(in: ".public.bantin/search", at: "Bài số 3", offset: 1)
        // Every search file written again: the output and the earlier site gone.
        for gone in ["public", ".public.bantin/old"] { try? site.remove(gone) }
        try site.build()
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A rename the file system refuses across devices (a folder of a lower overlay layer, as in
    /// a container image) says what to do; another failure says only the system's reason.
    @Test func aFolderThatCannotBeRenamedWhereItIsSaysWhatToDo() {
        let output = OutputFolder(url: URL(fileURLWithPath: "/tmp/x/public"), display: "public")
        errno = EXDEV
        let across = output.renameFault("put the new site in place of", "public")
        #expect(across.description.hasPrefix("cannot put the new site in place of public: Invalid cross-device link (a folder made in an earlier layer of an overlay file system"))
        #expect(across.description.contains("remove public/ and .public.bantin/ in this layer (rm -rf), then build again, or build into a new folder with --output"))
        errno = ENOENT
        #expect(output.renameFault("reuse the previous site in", ".public.bantin").wayOut == nil)
    }

    /// The photo cache replaced by a link to a folder of the user's: nothing in it is removed or
    /// written, and the build is right.
    @Test func aPhotoCacheThatIsALinkIsNotWrittenThrough() throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/anh.jpg", width: 320, height: 240)
        try site.write("content/articles/a.md", article(title: "Bài có ảnh", extra: "slug: bai-anh\nimage: media/anh.jpg\nimage_alt: Ảnh\n"))
        try site.build()
        let mine = site.root.appendingPathComponent("cua-toi")
        try site.write("cua-toi/ghi-chu.txt", "quan trọng\n")
        let cache = site.root.appendingPathComponent(".public.bantin/photos")
        try FileManager.default.removeItem(at: cache)
        try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: mine)
        try site.write("content/articles/a.md", article(title: "Bài có ảnh, đã sửa", extra: "slug: bai-anh\nimage: media/anh.jpg\nimage_alt: Ảnh\n"))
        try site.build()
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["ghi-chu.txt"])
        var info = stat()
        #expect(lstat(cache.path, &info) == 0 && Directory.isDirectory(info), "the cache is a folder of its own again")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    @Test(arguments: ["content/public", "templates/public", "content/media/site"])
    func anOutputInsideAFolderTheBuildReadsIsRefused(output: String) throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết"))
        do {
            _ = try SiteBuilder.build(site.options(output: site.root.appendingPathComponent(output)))
            Issue.record("a build into \(output) was not refused")
        } catch {
            let message = error.diagnostics.first?.message ?? ""
            #expect(message.hasPrefix("refusing to build into public: it is inside \(output.hasPrefix("content") ? "content" : "templates")"), "\(message)")
        }
        #expect(!site.exists(output))
    }

    /// A problem of the listing that changes into another (a link loop, then a broken link) is
    /// a change of the input: the build is not "up to date".
    @Test func aNewProblemOfTheListingIsNotTakenForNoChange() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết"))
        let articles = site.content.appendingPathComponent("articles")
        try FileManager.default.createSymbolicLink(atPath: articles.appendingPathComponent("vong").path, withDestinationPath: "..")
        let first = try site.build()
        #expect(first.diagnostics.contains { $0.message.contains("symbolic link loop") })
        try FileManager.default.removeItem(at: articles.appendingPathComponent("vong"))
        try FileManager.default.createSymbolicLink(atPath: articles.appendingPathComponent("hong.md").path, withDestinationPath: "khong-co.md")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.contains { $0.file == "content/articles/hong.md" }, "\(errors)")
    }
}

@Suite struct OutputLinkTests {
    /// `public` a link to the folder the site is served from: the site is built there, the
    /// link stays a link, and bantin's own folder sits beside the real one.
    /// What someone put into the output (a `CNAME`, a `.git` folder) is never lost with the old
    /// site: the next build moves it beside the output, says where, and builds as before.
    /// With `--strict` it is an error, told before anything moves: the output is left as it was,
    /// the file where it was put; without `--strict` the build after moves it as above.
    @Test func withStrictWhatSomeonePutIntoTheOutputFailsTheBuildBeforeAnythingMoves() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\n")
        try site.write("content/articles/a.md", article(title: "Tin", extra: "summary: Tóm tắt.\n"))
        #expect(try site.build(strict: true).diagnostics.isEmpty)
        try site.write("public/CNAME", "bantin.example.vn\n")
        try site.write("public/bai-viet/ghi-chu.txt", "x")
        let before = try site.read("public/index.html")
        try site.write("content/articles/a.md", article(title: "Tin", extra: "summary: Tóm tắt mới.\n"))
        let errors = site.failingBuild(strict: true)
        #expect(errors.map(\.file) == ["public/CNAME", "public/bai-viet/ghi-chu.txt"], "\(errors)")
        #expect(errors.allSatisfy { $0.message.hasPrefix("no build wrote this") && $0.message.hasSuffix("[--strict]") })
        #expect(try site.read("public/CNAME") == "bantin.example.vn\n" && site.exists("public/bai-viet/ghi-chu.txt"))
        #expect(try site.read("public/index.html") == before && !site.exists(".public.bantin/kept"))
        #expect(try site.build().diagnostics.filter { $0.message.hasPrefix("no build wrote this") }.map(\.file).contains("public/CNAME"))
        // A note left in a folder of the site goes with it into the retired site (a build moves
        // it out of there once it is not built onto): with `--strict`, that build fails instead.
        try site.write("public/bai-viet/tin/ghi-chu.txt", "x")
        try site.write("content/articles/a.md", article(title: "Tin lần ba", extra: "slug: tin\nsummary: Tóm tắt.\n"))
        try site.build()
        try site.write("content/articles/a.md", article(title: "Tin lần bốn", extra: "slug: tin\nsummary: Tóm tắt.\n"))
        let retired = site.failingBuild(strict: true)
        // Named where it is now, in the retired site.
        #expect(retired.map(\.file) == [".public.bantin/old/bai-viet/tin/ghi-chu.txt"] && !site.exists(".public.bantin/kept/bai-viet/tin/ghi-chu.txt"), "\(retired)")
        // With no list of what the last build wrote (bantin's folder damaged), against this build's.
        try site.build()
        try site.write(".public.bantin/pages", "hỏng")
        for k in 0..<12 { try site.write("public/ghi-chu-\(k).txt", "x") }
        let unlisted = site.failingBuild(strict: true)
        #expect(unlisted.count == 11 && unlisted.contains { $0.file == "public" && $0.message.hasPrefix("2 more files or folders no build wrote would be moved") }, "\(unlisted)")
        #expect(site.exists("public/ghi-chu-11.txt") && !site.exists(".public.bantin/kept/ghi-chu-0.txt"))
    }

    /// A file put where a build wrote a folder (a page's folder replaced by a note) is someone's
    /// too: with `--strict` the build fails; without, it is kept with a warning (by the build after
    /// the one that retired the old site, as for a note in a folder), not removed with that site.
    @Test func aFileWhereABuildWroteAFolderIsKept() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\n")
        try site.write("content/articles/a.md", article(title: "Tin", extra: "slug: tin\nsummary: Tóm tắt.\n"))
        try site.build()
        try site.remove("public/bai-viet/tin")
        try site.write("public/bai-viet/tin", "ghi chú")
        #expect(site.failingBuild(strict: true).map(\.file) == ["public/bai-viet/tin"])
        #expect(try site.read("public/bai-viet/tin") == "ghi chú")
        // As a note put into a folder of the site: with the old site into the retired one, then
        // out of it by the build after.
        try site.build()
        try site.write("content/articles/a.md", article(title: "Tin sửa", extra: "slug: tin\nsummary: Tóm tắt.\n"))
        let moved = try site.build().diagnostics.filter { $0.message.hasPrefix("no build wrote this") }
        #expect(moved.map(\.file) == ["public/bai-viet/tin"], "\(moved)")
        #expect(try site.read(".public.bantin/kept/bai-viet/tin") == "ghi chú")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    @Test func whatSomeonePutIntoTheOutputIsKept() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("public/CNAME", "bantin.example.vn\n")
        try site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n")
        try site.write("public/.DS_Store", "x")
        let first = site.root.appendingPathComponent("content/articles/2023/05/nghe-an.md")
        try site.write("content/articles/2023/05/nghe-an.md", try String(contentsOf: first, encoding: .utf8) + "\nThêm một đoạn.\n")
        let report = try site.build()
        let warnings = report.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("no build wrote this") }
        #expect(warnings.map(\.file) == ["public/.git", "public/CNAME"], "\(report.diagnostics)")
        #expect(warnings.first?.message.contains("it was moved to .public.bantin/kept/.git; bantin publishes no hidden file") == true)
        #expect(warnings.last?.message.contains("it was moved to .public.bantin/kept/CNAME; to publish a file, put it in content/") == true)
        #expect(try site.read(".public.bantin/kept/CNAME") == "bantin.example.vn\n")
        #expect(try site.read(".public.bantin/kept/.git/HEAD") == "ref: refs/heads/gh-pages\n")
        #expect(!site.exists("public/CNAME") && !site.exists(".public.bantin/kept/.DS_Store"))
        // Builds after it keep what was kept, and give the clean build's site.
        try site.write("content/articles/2023/05/nghe-an.md", try String(contentsOf: first, encoding: .utf8) + "\nĐoạn nữa.\n")
        #expect(try site.build().diagnostics.allSatisfy { !$0.message.hasPrefix("no build wrote this") })
        #expect(site.exists(".public.bantin/kept/CNAME"))
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// The user's `CNAME` and `.git` in the output, and the state a build killed in the middle
    /// of its swap leaves: the new site in place, the old one (with those) still in `staging/`.
    private func killedMidSwap() throws -> TestSite {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("public/CNAME", "bantin.example.vn\n")
        try site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n")
        let fm = FileManager.default
        let state = site.root.appendingPathComponent(".public.bantin")
        try? fm.removeItem(at: state.appendingPathComponent("old"))
        try fm.moveItem(at: site.output, to: state.appendingPathComponent("staging"))
        try fm.copyItem(at: state.appendingPathComponent("staging"), to: site.output)
        for name in ["CNAME", ".git"] { try fm.removeItem(at: site.output.appendingPathComponent(name)) }
        try site.remove(".public.bantin/stamp")
        return site
    }

    /// A build killed between putting the new site in place and moving the old one on: the next
    /// build finds the old site in `staging/` (the swap was noted) and keeps what the user had
    /// put into it, as after any swap (it removed it with the staging folder).
    @Test func aBuildKilledInTheMiddleOfItsSwapLosesNothingOfTheUsers() throws {
        let site = try killedMidSwap()
        let info = try #require(Directory.linkStatus(site.output.path))
        try site.write(".public.bantin/swap", "\(info.st_dev) \(info.st_ino)")
        let report = try site.build()
        #expect(try site.read(".public.bantin/kept/CNAME") == "bantin.example.vn\n")
        #expect(try site.read(".public.bantin/kept/.git/HEAD") == "ref: refs/heads/gh-pages\n")
        #expect(report.diagnostics.filter { $0.message.hasPrefix("no build wrote this") }.map(\.file) == ["public/.git", "public/CNAME"], "\(report.diagnostics)")
        #expect(!site.exists(".public.bantin/swap") && !site.exists(".public.bantin/staging"))
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A build killed after its swap (`after`: the whole swap, or its exchange alone), before it
    /// saved anything else, of an article since removed: the next build takes none of the files
    /// the killed one wrote (the article's page, its search record) for something the user put
    /// into the output; only the user's `CNAME` is kept.
    @Test(arguments: ["swap", "exchange"])
    func aBuildKilledAfterItsSwapLeavesNoFileForTheUsers(after: String) throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("public/CNAME", "bantin.example.vn\n")
        let added = "content/articles/2023/06/ca-mau.md"
        try site.write(added, article(title: "Cà Mau: chi bộ ấp giữ rừng đước", extra: "category: Giữ rừng\nlocation: Cà Mau\n", body: "Chi bộ ấp phân công đảng viên giữ rừng."))
        // What the killed build wrote, made where a build makes it, and its manifest.
        let fm = FileManager.default
        let state = site.root.appendingPathComponent(".public.bantin")
        let staging = state.appendingPathComponent("staging")
        let killed = site.root.appendingPathComponent("killed")
        _ = try SiteBuilder.build(site.options(output: killed))
        let manifest = PageManifest.load(from: site.root.appendingPathComponent(".killed.bantin/pages"))
        try #require(manifest.paths.contains { $0.contains("ca-mau") })
        try? fm.removeItem(at: staging)
        try fm.moveItem(at: killed, to: staging)
        let output = OutputFolder(url: site.output, display: "public")
        if after == "swap" {
            #expect(try output.swapIntoPlace(manifest: manifest).kept.map(\.name) == ["CNAME"])
        } else {
            // Killed right after the exchange: the old site in `staging/`, the swap noted.
            try? fm.removeItem(at: state.appendingPathComponent("old"))
            try fm.moveItem(at: site.output, to: state.appendingPathComponent("old"))
            try fm.moveItem(at: staging, to: site.output)
            try fm.moveItem(at: state.appendingPathComponent("old"), to: staging)
            manifest.save(to: output.pendingManifestURL)
            let info = try #require(Directory.linkStatus(site.output.path))
            try site.write(".public.bantin/swap", "\(info.st_dev) \(info.st_ino)")
        }
        try site.remove(added)
        let report = try site.build()
        let foreign = report.diagnostics.filter { $0.message.hasPrefix("no build wrote this") }.map(\.file)
        #expect(foreign == (after == "swap" ? [] : ["public/CNAME"]), "\(report.diagnostics)")
        #expect(try fm.contentsOfDirectory(atPath: state.appendingPathComponent("kept").path) == ["CNAME"])
        #expect(try site.read(".public.bantin/kept/CNAME") == "bantin.example.vn\n")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A name taken in `kept/` gets a number, also when a file kept before stands where a folder
    /// of the new one would be, or when the name is as long as a file system allows: nothing is
    /// left behind for want of a name.
    @Test func whatIsKeptFindsAFreeNameWhateverKeptHolds() throws {
        let site = try TestSite()
        let output = OutputFolder(url: site.output, display: "public")
        let long = String(repeating: "ễ", count: 84) + "abc"
        #expect(long.utf8.count == 255)
        for kept in [".public.bantin/kept/bai-viet", ".public.bantin/kept/\(long)"] { try site.write(kept, "giữ từ trước\n") }
        for foreign in ["cu/bai-viet/ghi-chu.txt", "cu/\(long)"] { try site.write(foreign, "mới\n") }
        try site.write("cu/bai-viet/index.html", "<p>trang</p>\n")
        let keeping = output.keepForeignEntries(
            in: site.root.appendingPathComponent("cu").path, written: [PageManifest(paths: ["bai-viet/index.html"], prints: [1])], everywhere: true)
        let shortened = String(repeating: "ễ", count: 84) + "a.2"
        #expect(keeping.stuck.isEmpty, "\(keeping.stuck)")
        #expect(keeping.kept.map { "\($0.name)→\($0.keptAs)" }.sorted() == ["bai-viet/ghi-chu.txt→bai-viet.2/ghi-chu.txt", "\(long)→\(shortened)"])
        #expect(try site.read(".public.bantin/kept/bai-viet.2/ghi-chu.txt") == "mới\n")
        #expect(try site.read(".public.bantin/kept/\(shortened)") == "mới\n")
        #expect(try site.read(".public.bantin/kept/bai-viet") == "giữ từ trước\n")
    }

    /// When `kept/` takes nothing (here it is a file) and the old site cannot become the retired
    /// one (`old/` is still there), what the user put into the old site is never removed with the
    /// staging folder: the whole old site is kept beside `kept/`, and the build says so, whether
    /// the old site was left there by this build's swap or by a killed build's.
    @Test(arguments: ["swap", "killed"])
    func whatCannotBeKeptIsKeptWithTheWholeOldSiteWhenKeptTakesNothing(after: String) throws {
        let site = after == "killed" ? try killedMidSwap() : try TestSite(content: "bulletin")
        let output = OutputFolder(url: site.output, display: "public")
        let fm = FileManager.default
        if after == "swap" {
            try site.build()
            try site.write("public/CNAME", "bantin.example.vn\n")
            try fm.copyItem(at: site.output, to: output.stagingURL)
            try fm.removeItem(at: output.stagingURL.appendingPathComponent("CNAME"))
        } else {
            let info = try #require(Directory.linkStatus(site.output.path))
            try site.write(".public.bantin/swap", "\(info.st_dev) \(info.st_ino)")
        }
        // The retired site before, which could not be removed, and a `kept` that is a file.
        try site.write(".public.bantin/old/still-there", "x")
        try site.write(".public.bantin/kept", "not a folder\n")
        let told: [String]
        if after == "swap" {
            let kept = try output.swapIntoPlace(manifest: PageManifest.load(from: output.manifestURL))
            #expect(kept.stuck.map(\.name) == ["CNAME"] && kept.whole == "kept-site-before")
            told = IncrementalBuild.stuckWarnings(kept, output: output, outputName: "public").map(\.description)
        } else {
            told = try site.build().diagnostics.filter { $0.message.contains("no build wrote this") }.map(\.description)
        }
        #expect(told.contains(
            "public/CNAME: warning: no build wrote this, and it could not be moved into .public.bantin/kept/ by itself (.public.bantin/kept is a file, not a folder): the whole site it was in was kept, as .public.bantin/kept-site-before/"), "\(told)")
        #expect(try site.read(".public.bantin/kept-site-before/CNAME") == "bantin.example.vn\n")
        try site.build()
        #expect(try site.read(".public.bantin/kept-site-before/CNAME") == "bantin.example.vn\n", "no build removes it")
    }

    /// A site whose files cannot be listed beside it (a full disk) is not put in place: the next
    /// build could not tell them from what the user put there.
    @Test func aSiteWhoseFilesCannotBeListedIsNotPutInPlace() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let before = try site.snapshot()
        try site.write("content/articles/2023/05/nghe-an.md", try site.read("content/articles/2023/05/nghe-an.md") + "\nThêm.\n")
        // A folder where the list is saved: it cannot be replaced by a file.
        try site.write(".public.bantin/pages-next/x", "x")
        let errors = site.failingBuild().map(\.description)
        #expect(errors.contains { $0.hasPrefix("public: error: cannot save the list of the new site's files as .public.bantin/pages-next: Is a directory") }, "\(errors)")
        #expect(try site.snapshot() == before)
    }

    /// On a file system that cannot exchange two folders, a build killed between its two renames
    /// leaves no output: the next one puts the old site back first, exactly as it was.
    @Test func aSwapByTwoRenamesKilledBetweenThemPutsTheOldSiteBack() throws {
        let site = try killedMidSwap()
        let fm = FileManager.default
        let state = site.root.appendingPathComponent(".public.bantin")
        // The old site (with the user's files) moved to old/, the new one still in staging/.
        try fm.moveItem(at: state.appendingPathComponent("staging"), to: state.appendingPathComponent("old"))
        try fm.moveItem(at: site.output, to: state.appendingPathComponent("staging"))
        let info = try #require(Directory.linkStatus(state.appendingPathComponent("staging").path))
        try site.write(".public.bantin/swap", "\(info.st_dev) \(info.st_ino)")
        OutputFolder(url: site.output, display: "public").finishInterruptedSwap()
        #expect(try site.read("public/CNAME") == "bantin.example.vn\n")
        #expect(site.exists("public/index.html") && !site.exists(".public.bantin/swap"))
        try site.build()
        #expect(try site.read(".public.bantin/kept/CNAME") == "bantin.example.vn\n")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// When the retired site before could not be removed (a folder that cannot be emptied), the
    /// old site cannot become the retired one: what the user put into it is kept all the same
    /// (it was removed with it).
    @Test func whatTheUserPutIntoTheOutputIsKeptWhenTheOldSiteCannotBeRetired() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("public/CNAME", "bantin.example.vn\n")
        let fm = FileManager.default
        let state = site.root.appendingPathComponent(".public.bantin")
        try fm.copyItem(at: site.output, to: state.appendingPathComponent("staging"))
        try fm.removeItem(at: state.appendingPathComponent("staging/CNAME"))
        try site.write(".public.bantin/old/still-there", "x")
        let output = OutputFolder(url: site.output, display: "public")
        let kept = try output.swapIntoPlace(manifest: PageManifest.load(from: output.manifestURL))
        #expect(kept.kept.map(\.name) == ["CNAME"])
        #expect(try site.read(".public.bantin/kept/CNAME") == "bantin.example.vn\n")
        #expect(!site.exists("public/CNAME") && !site.exists(".public.bantin/staging") && !site.exists(".public.bantin/swap"))
    }

    /// `old/` replaced by a link to a copy of it (moved to another disk): the site is never
    /// written through it, and the output stays a folder.
    @Test func aLinkInPlaceOfTheRetiredSiteIsNotBuiltInto() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let first = site.root.appendingPathComponent("content/articles/2023/05/nghe-an.md")
        try site.write("content/articles/2023/05/nghe-an.md", try String(contentsOf: first, encoding: .utf8) + "\nThêm một đoạn.\n")
        let fm = FileManager.default
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try fm.moveItem(at: site.root.appendingPathComponent(".public.bantin/old"), to: elsewhere)
        try fm.createSymbolicLink(at: site.root.appendingPathComponent(".public.bantin/old"), withDestinationURL: elsewhere)
        let before = try fm.subpathsOfDirectory(atPath: elsewhere.path).sorted()
        try site.build()
        let output = try #require(Directory.linkStatus(site.output.path))
        #expect(Directory.isDirectory(output), "public is no folder")
        #expect(try fm.subpathsOfDirectory(atPath: elsewhere.path).sorted() == before)
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// What bantin keeps for the next build that cannot be saved (a full disk; here a folder in
    /// the way of each file's temporary copy) is told once, as a warning: the site is published
    /// whole, and the next build, with room again, reads everything and gives the clean build.
    @Test func whatCannotBeSavedForTheNextBuildIsTold() throws {
        let site = try TestSite(content: "bulletin")
        for name in ["cache", "search", "pages"] {
            try FileManager.default.createDirectory(at: site.root.appendingPathComponent(".public.bantin/\(name).tmp"), withIntermediateDirectories: true)
        }
        let report = try site.build()
        let told = report.diagnostics.filter { $0.file == ".public.bantin" }.map { "\($0.severity) \($0.message)" }
        #expect(told.count == 1 && told[0].hasPrefix("warning could not save "), "\(told)")
        for name in ["search", "cache", "pages"] { #expect(told.first?.contains(name) == true, "\(name): \(told)") }
        // With the system's reason (a folder in the way: not a full disk, whose advice is left out).
        #expect(told.first?.hasSuffix(": Is a directory (what the next build reuses; the site itself was published whole): the next build will read and write everything again") == true, "\(told)")
        for name in ["cache", "search", "pages"] { try site.remove(".public.bantin/\(name).tmp") }
        let next = try site.build()
        #expect(!next.diagnostics.contains { $0.file == ".public.bantin" })
        #expect(try site.differencesFromACleanBuild() == [])
        // Only the search memo unsaved: the stamp and the manifest were, so with nothing changed
        // the next build is up to date, and the warning says so rather than that it redoes everything.
        let other = try TestSite(content: "bulletin")
        try FileManager.default.createDirectory(at: other.root.appendingPathComponent(".public.bantin/search.tmp"), withIntermediateDirectories: true)
        let searchOnly = try other.build().diagnostics.filter { $0.file == ".public.bantin" }.map(\.message)
        #expect(searchOnly.count == 1 && searchOnly.first!.contains("the next build after an edit will read and write everything again (with nothing changed, the site stays up to date)"), "\(searchOnly)")
        #expect(try other.build().upToDate)
    }

    /// A file saved at the output's path while a build ran (after its checks, before its swap) is
    /// no site: it is kept under bantin's folder, not made the retired site the next build deletes.
    @Test func aFileSavedWhereTheOutputIsWhileABuildRunsIsKept() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let output = OutputFolder(url: site.output, display: "public")
        try FileManager.default.createDirectory(at: output.stagingURL, withIntermediateDirectories: true)
        try site.write(".public.bantin/staging/index.html", "trang mới\n")
        try site.write(".public.bantin/staging/" + OutputFolder.markerName, OutputFolder.markerText)
        try FileManager.default.removeItem(at: site.output)
        try site.write("public", "BẢN THẢO QUAN TRỌNG\n")
        let kept = try output.swapIntoPlace(manifest: PageManifest())
        #expect(kept.kept.map { "\($0.name)→\($0.keptAs)" } == ["→kept/public"])
        #expect(try site.read(".public.bantin/kept/public") == "BẢN THẢO QUAN TRỌNG\n")
        #expect(try site.read("public/index.html") == "trang mới\n")
        // The next build keeps it, and gives the clean build's site.
        try site.build()
        #expect(try site.read(".public.bantin/kept/public") == "BẢN THẢO QUAN TRỌNG\n")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A file added to one of the output's folders (a note beside an article's page, a folder
    /// of attachments under `media/`) is kept too: once that site is no longer the one builds are
    /// written into, it is moved beside the output under the same path, and the build says so.
    @Test func whatSomeonePutIntoAFolderOfTheOutputIsKept() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("bai-viet").path).sorted().first)
        try site.write("public/bai-viet/\(page)/ghi-chu.txt", "sửa lại ảnh\n")
        try site.write("public/bai-viet/\(page)/.htaccess", "Options -Indexes\n")
        try site.write("public/bai-viet/\(page)/.DS_Store", "x")
        try site.write("public/tim-kiem/dinh-kem/van-ban.pdf", "%PDF-1.4\n")
        let first = site.root.appendingPathComponent("content/articles/2023/05/nghe-an.md")
        let original = try String(contentsOf: first, encoding: .utf8)
        var warnings: [[Diagnostic]] = []
        for paragraph in ["Thêm một đoạn.", "Đoạn nữa.", "Đoạn cuối."] {
            try site.write("content/articles/2023/05/nghe-an.md", original + "\n\(paragraph)\n")
            warnings.append(try site.build().diagnostics.filter { $0.message.hasPrefix("no build wrote this") })
        }
        // The site they were added to stops being the output with the first build, and is left
        // for good with the second, which keeps them; the third has nothing to say.
        #expect(warnings[0].isEmpty && warnings[2].isEmpty, "\(warnings)")
        #expect(warnings[1].map(\.file) == ["public/bai-viet/\(page)/.htaccess", "public/bai-viet/\(page)/ghi-chu.txt", "public/tim-kiem/dinh-kem"])
        #expect(warnings[1].first?.message.contains("bantin publishes no hidden file") == true)
        #expect(warnings[1].last?.message.contains("it was moved to .public.bantin/kept/tim-kiem/dinh-kem; to publish a file, put it in content/") == true)
        #expect(try site.read(".public.bantin/kept/bai-viet/\(page)/ghi-chu.txt") == "sửa lại ảnh\n")
        #expect(try site.read(".public.bantin/kept/tim-kiem/dinh-kem/van-ban.pdf") == "%PDF-1.4\n")
        #expect(!site.exists(".public.bantin/kept/bai-viet/\(page)/.DS_Store"))
        #expect(!site.exists(".public.bantin/kept/bai-viet/\(page)/index.html"), "what bantin wrote is not kept")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// Without bantin's folder (deleted to start afresh), what the old site holds beyond what the
    /// new one has is kept by the first build, rather than left in the old site (and lost when
    /// the folder is deleted again); many such entries are counted, not each named.
    @Test func whatTheOutputHeldIsKeptWhenBantinsFolderWasDeleted() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        try site.write("public/CNAME", "bantin.example.vn\n")
        for k in 1...12 { try site.write("public/media/tai-lieu-\(k).txt", "\(k)\n") }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".public.bantin"))
        let first = site.root.appendingPathComponent("content/articles/2023/05/nghe-an.md")
        let original = try String(contentsOf: first, encoding: .utf8)
        var warnings: [[Diagnostic]] = []
        for paragraph in ["Thêm một đoạn.", "Đoạn nữa."] {
            try site.write("content/articles/2023/05/nghe-an.md", original + "\n\(paragraph)\n")
            warnings.append(try site.build().diagnostics.filter { $0.file.hasPrefix("public") && $0.message.contains("no build wrote") })
        }
        // The first build, which has no manifest of the old site, compares it with the new one.
        #expect(warnings[1].isEmpty)
        #expect(warnings[0].count == IncrementalBuild.keptNamed + 1, "\(warnings[0])")
        #expect(warnings[0].first?.file == "public/CNAME")
        #expect(warnings[0].last?.file == "public" && warnings[0].last?.message.hasPrefix("3 more files or folders no build wrote were moved to .public.bantin/kept/") == true)
        #expect(try site.read(".public.bantin/kept/CNAME") == "bantin.example.vn\n")
        for k in 1...12 { #expect(try site.read(".public.bantin/kept/media/tai-lieu-\(k).txt") == "\(k)\n") }
        #expect(try site.differencesFromACleanBuild() == [])
    }

    @Test func anOutputThatIsALinkIsBuiltWhereItLeads() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("srv"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.output.path, withDestinationPath: "srv/ban-tin")
        for title in ["Bài viết", "Bài viết đã sửa"] {
            try site.write("content/articles/a.md", article(title: title, extra: "slug: bai-viet\n"))
            try site.build()
            var info = stat()
            #expect(lstat(site.output.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "public is still a link")
            #expect(try site.read("srv/ban-tin/bai-viet/bai-viet/index.html").contains(title))
            #expect(site.exists("srv/.ban-tin.bantin"))
        }
        // Reached through a linked folder, a link's relative target is read from the folder it
        // really stands in: `dl/www` → `../pub` is `real/pub` (where `dl` → `real/sub`), as the
        // system reads it; and so is a target whose folder exists only there.
        let fm = FileManager.default
        try fm.createDirectory(at: site.root.appendingPathComponent("real/sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: site.root.appendingPathComponent("real/pub2"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("dl").path, withDestinationPath: "real/sub")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("real/sub/www").path, withDestinationPath: "../pub")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("real/sub/www2").path, withDestinationPath: "../pub2/site")
        for (link, lands) in [("dl/www", "real/pub"), ("dl/www2", "real/pub2/site")] {
            try SiteBuilder.build(site.options(output: site.root.appendingPathComponent(link)))
            #expect(site.exists("\(lands)/bai-viet/bai-viet/index.html"), "\(link) is built where it leads")
            #expect(try site.read("\(link)/bai-viet/bai-viet/index.html").contains("Bài viết đã sửa"))
        }
        #expect(!site.exists("pub") && !site.exists("pub2"), "nothing built where the path's text would lead")
    }
}
