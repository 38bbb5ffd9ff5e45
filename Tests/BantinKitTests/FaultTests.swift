import Foundation
import Testing

@testable import BantinKit

/// Faults of the machine (a full disk, a read-only folder, a file that cannot be read or that
/// vanishes mid-build): the previous site stays exactly as it was, the next build is right, and
/// the message says in plain words what bantin was doing, where, and why.
@Suite struct FaultTests {
    /// Nothing a user reads may be a Foundation dump or a position in a folder.
    static func expectPlainWords(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for raw in ["Error Domain=", "NSCocoaErrorDomain", "error 1.)", "WriteError", "public:1:1:", "The operation could not be completed"] {
            #expect(!text.contains(raw), "\(text)", sourceLocation: sourceLocation)
        }
    }

    /// Mounts a tmpfs of `size` at `folder` (root only) and unmounts it when the returned value is dropped.
    final class SmallDisk {
        let folder: URL
        init?(at folder: URL, size: String) throws {
            self.folder = folder
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard try Self.mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path]) else { return nil }
        }

        func resize(_ size: String) throws { _ = try Self.mount(["-o", "remount,size=\(size)", folder.path]) }

        deinit { _ = try? Self.run("/bin/umount", [folder.path]) }

        static func mount(_ arguments: [String]) throws -> Bool { try run("/bin/mount", arguments) }

        /// Whether this machine lets the tests mount a small disk (root, and a container that
        /// allows `mount`): the test that needs one is reported as skipped otherwise, not passed.
        static let canMount: Bool = {
            guard Bantin.isRoot else { return false }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-mount-\(getpid())")
            defer { try? FileManager.default.removeItem(at: folder) }
            return (try? SmallDisk(at: folder, size: "64k")).flatMap { $0 } != nil
        }()

        static func run(_ tool: String, _ arguments: [String]) throws -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }

    @Test(.enabled(if: SmallDisk.canMount, "mounting a small tmpfs needs root and a container that allows it"))
    func aFullDiskLeavesThePreviousSiteAndSaysNoSpaceLeft() throws {
        let site = try TestSite(content: "bulletin")
        let disk = try #require(try SmallDisk(at: site.root.appendingPathComponent("dia"), size: "1m"))
        #expect(try Bantin.run(["build", "--output", "dia/public"], in: site.root).status == 0)
        let before = try site.snapshot(disk.folder.appendingPathComponent("public"))
        let long = String(repeating: "Chi bộ học tập và làm theo Bác, nêu gương cán bộ đảng viên. ", count: 150)
        for n in 0..<150 { try site.write("content/articles/day/bai-\(n).md", article(title: "Bài đầy đĩa \(n)", body: long)) }
        let full = try Bantin.run(["build", "--output", "dia/public"], in: site.root)
        #expect(full.status == 1)
        let line = try #require(full.stderr.split(separator: "\n").first { $0.contains(": error: ") })
        #expect(line.hasPrefix("dia/public: error: cannot "), "\(line)")
        #expect(line.hasSuffix(": No space left on device (free some space on that disk, then build again)"), "\(line)")
        #expect(line.contains(" dia/public/") || line.contains(" dia/.public.bantin"), "names the path: \(line)")
        #expect(full.stderr.contains("Build failed: 1 error, ") && full.stderr.contains("; dia/public/ was left unchanged."))
        Self.expectPlainWords(full.stderr)
        #expect(try site.snapshot(disk.folder.appendingPathComponent("public")) == before, "the previous site, byte for byte")
        // With room again, the next build is the clean build.
        try disk.resize("64m")
        #expect(try Bantin.run(["build", "--output", "dia/public"], in: site.root).status == 0)
        #expect(try Bantin.run(["build", "--output", "sach"], in: site.root).status == 0)
        #expect(try site.snapshot(disk.folder.appendingPathComponent("public")) == site.snapshot(site.root.appendingPathComponent("sach")))
    }

    /// The output's parent cannot be written (run as `nobody` when the tests run as root, who may write anywhere).
    @Test func aReadOnlyParentLeavesThePreviousSiteAndSaysPermissionDenied() throws {
        let site = try TestSite(content: "bulletin")
        try site.openToEveryone()
        chmod(site.root.path, 0o555)
        let first = try Bantin.run(["build"], in: site.root, asNobody: true)
        #expect(first.status == 1)
        #expect(first.stderr.hasPrefix("public: error: cannot create bantin's folder .public.bantin: Permission denied (check the permissions and owner of that path and of the folders above it)\n"), "\(first.stderr)")
        chmod(site.root.path, 0o777)
        #expect(try Bantin.run(["build"], in: site.root, asNobody: true).status == 0)
        let before = try site.snapshot()
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: sửa khi thư mục chỉ đọc"))
        chmod(site.root.path, 0o555)
        let second = try Bantin.run(["build"], in: site.root, asNobody: true)
        #expect(second.status == 1)
        #expect(second.stderr.split(separator: "\n").contains("public: error: cannot put the new site in place of public: Permission denied (check the permissions and owner of that path and of the folders above it)"), "\(second.stderr)")
        Self.expectPlainWords(first.stderr + second.stderr)
        #expect(try site.snapshot() == before)
        chmod(site.root.path, 0o777)
        #expect(try Bantin.run(["build"], in: site.root, asNobody: true).status == 0)
        _ = try IncrementalBuildTests().expectSameAsCleanBuild(site, "a build after the folder was writable again")
    }

    /// A folder of the site made read-only in `public/` (a reader's `chmod 555`) goes with the
    /// site into bantin's own copies of it, which bantin removes in time: it makes such a folder
    /// writable first. Every build after succeeds, and the article the folder held can be deleted
    /// (as `nobody` when the tests run as root, whom no mode stops).
    @Test func aReadOnlyFolderOfTheSiteStopsNoLaterBuild() throws {
        let site = try TestSite(content: "bulletin")
        try site.openToEveryone()
        let folder = site.root.appendingPathComponent("public/" + Self.deleted.page).deletingLastPathComponent().path
        #expect(try Bantin.run(["build"], in: site.root, asNobody: true).status == 0)
        for round in 1...4 {
            chmod(folder, 0o555)
            let edited = round < 4 ? Self.deleted.file : "content/articles/2023/dong-thap.md"
            try site.write(edited, try site.read(edited) + "\nSửa lần \(round).\n")
            let run = try Bantin.run(["build"], in: site.root, asNobody: true)
            #expect(run.status == 0, "round \(round): \(run.stderr)")
        }
        try site.remove(Self.deleted.file)
        for round in 1...2 {
            let run = try Bantin.run(["build"], in: site.root, asNobody: true)
            #expect(run.status == 0, "after the deletion, build \(round): \(run.stderr)")
        }
        #expect(!site.exists("public/" + Self.deleted.page))
    }

    /// A first build, as `nobody`, of the bulletin with the file at `relative` unreadable.
    func buildWithUnreadable(_ relative: String) throws -> (site: TestSite, result: Bantin.Run) {
        let site = try TestSite(content: "bulletin")
        try site.openToEveryone()
        chmod(site.root.appendingPathComponent(relative).path, 0o000)
        return (site, try Bantin.run(["build"], in: site.root, asNobody: true))
    }

    @Test func anUnreadableFileIsNamedWithTheSystemsReason() throws {
        let (site, result) = try buildWithUnreadable("content/articles/2023/dong-thap.md")
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").contains("content/articles/2023/dong-thap.md: error: cannot read this file: Permission denied (check the permissions and owner of that path and of the folders above it)"), "\(result.stderr)")
        Self.expectPlainWords(result.stderr)
        #expect(!site.exists("public"))
    }

    /// A folder that cannot be read at all is named with the system's reason and what to check.
    @Test func anUnreadableFolderIsNamedWithWhatToCheck() throws {
        let (site, result) = try buildWithUnreadable("content/articles/2023")
        chmod(site.content.appendingPathComponent("articles/2023").path, 0o755)
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").contains("content/articles/2023: error: cannot read this folder: Permission denied (check the permissions and owner of that path and of the folders above it)"), "\(result.stderr)")
    }

    /// A folder whose names can be listed but which cannot be entered (`chmod a-x`): its files
    /// are not left out without a word (a smaller site published over the good one); the build
    /// fails naming the folder, in content/ and in templates/, and the previous site stays.
    @Test func aFolderThatCannotBeEnteredIsNamedAndTheSiteStays() throws {
        let site = try TestSite(content: "bulletin")
        try site.openToEveryone()
        #expect(try Bantin.run(["build"], in: site.root, asNobody: true).status == 0)
        let before = try site.snapshot()
        chmod(site.content.appendingPathComponent("articles/2023").path, 0o666)
        chmod(site.templates.appendingPathComponent("assets").path, 0o666)
        let result = try Bantin.run(["build"], in: site.root, asNobody: true)
        chmod(site.content.appendingPathComponent("articles/2023").path, 0o777)
        chmod(site.templates.appendingPathComponent("assets").path, 0o777)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        let why = "cannot read the files of this folder: Permission denied (its names can be listed, but it cannot be entered: it needs the permission to search it, `chmod +x`)"
        #expect(errors == ["content/articles/2023: error: " + why, "templates/assets: error: " + why], "\(result.stderr)")
        Self.expectPlainWords(result.stderr)
        #expect(try site.snapshot() == before, "the previous site, byte for byte")
    }

    /// A folder that opens but whose listing fails part way (an I/O error of a failing disk or a
    /// network share) is not taken for an empty one: the build fails naming it and the system's
    /// reason (its templates not told missing), and the previous site stays (it had published a
    /// site without its articles).
    @Test(arguments: ["content/articles/2023", "content", "templates"])
    func aFolderWhoseListingFailsIsNamedAndTheSiteStays(folder: String) throws {
        let site = try TestSite(content: "bulletin")
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        let before = try site.snapshot()
        let path = site.root.appendingPathComponent(folder).path
        let result = try Bantin.run(["build"], in: site.root, faults: ["-P", path, "-e", "trace=getdents64", "-e", "inject=getdents64:error=EIO"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").contains("\(folder): error: cannot read this folder: Input/output error"), "\(result.stderr)")
        // What the folder holds is not told missing: the folder's error says why it was not read.
        #expect(!result.stderr.contains("missing page template") && !result.stderr.contains("does not exist"), "\(result.stderr)")
        Self.expectPlainWords(result.stderr)
        #expect(try site.snapshot() == before, "the previous site, byte for byte")
    }

    /// A folder of templates/ that cannot be listed hides only what it holds: a page template
    /// missing beside it is still told, in the same build.
    @Test func anUnlistedTemplatesFolderHidesOnlyWhatItHolds() throws {
        let site = try TestSite(content: "bulletin")
        try site.remove("templates/search.mustache")
        let assets = site.root.appendingPathComponent("templates/assets").path
        let result = try Bantin.run(["build"], in: site.root, faults: ["-P", assets, "-e", "trace=getdents64", "-e", "inject=getdents64:error=EIO"])
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(result.stderr)")
        #expect(errors.first?.hasPrefix("templates/assets: error: cannot read this folder: Input/output error") == true, "\(result.stderr)")
        #expect(errors.last?.hasPrefix("templates/search.mustache: error: missing page template") == true, "\(result.stderr)")
    }

    /// A file of the earlier site that cannot be unlinked before a new one is written in its place
    /// fails the build: writing into it would write into the site being read, which shares it (a
    /// hard link). Here the swap fails too, and the site must be the one before, byte for byte.
    @Test func aFileThatCannotBeUnlinkedIsNotWrittenThrough() throws {
        let site = try TestSite(content: "bulletin")
        // After a first build, the earlier site the next one writes into is a twin of the output:
        // every file of it is a hard link to the output's.
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        let before = try site.snapshot()
        try site.write("content/site.yml", try site.read("content/site.yml").replacingOccurrences(of: "Kiểm thử", with: "Kiểm thử lại"))
        let result = try Bantin.run(["build"], in: site.root, faults: ["-e", "trace=unlink,renameat2", "-e", "inject=unlink:error=EACCES", "-e", "inject=renameat2:error=EIO"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("public: error: cannot replace public/") && $0.contains(": Permission denied") }, "\(result.stderr)")
        Self.expectPlainWords(result.stderr)
        #expect(try site.snapshot() == before, "the previous site, byte for byte")
    }

    /// A body read again while its page is made, whose file then fails with an I/O error, is told
    /// with the system's reason, not as a file that changed during the build.
    @Test func aBodyThatCannotBeReadAgainIsToldWithTheSystemsReason() throws {
        let site = try TestSite(content: "bulletin")
        // A body that ends its file, as most do, is read from it again when its page is made.
        let file = "content/articles/2023/bai.md"
        try site.write(file, article(title: "Bài đọc lại", date: "2023-07-01", body: "Đoạn một của bài.\n"))
        // Read again with pread(2) (the article is read with read(2)): each such read fails. (A
        // failing nth `openat` would be the nth of one thread: `strace` counts per thread.)
        let result = try Bantin.run(["build"], in: site.root, faults: ["-P", site.root.appendingPathComponent(file).path, "-e", "trace=pread64", "-e", "inject=pread64:error=EIO"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").contains("\(file): error: cannot read this file: Input/output error"), "\(result.stderr)")
        #expect(!result.stderr.contains("changed during the build"), "\(result.stderr)")
    }

    /// A template saved while a build runs, after the build read it, is the next build's: the
    /// pages made from the text read are not recorded as made from the one saved, so no later
    /// build takes them for it (before, two builds later `public/` served the old foot on most
    /// pages, and every build after said "Up to date"). Each opening of the templates folder and
    /// of the foot is held 1.5 s by `strace`, so that the save lands after the foot is read and
    /// before the build looks at the folder again.
    @Test func aTemplateSavedWhileTheBuildRunsIsNeverTakenForWhatItRead() throws {
        let site = try TestSite(content: "bulletin")
        // Every build by the one executable (the page fingerprints hold the running code).
        let build = { () throws in #expect(try Bantin.run(["build"], in: site.root).status == 0) }
        try build()
        let article = "content/articles/2023/05/nghe-an.md"
        try site.write(article, try site.read(article) + "\nThêm một đoạn.\n")
        let footer = site.templates.appendingPathComponent("footer.mustache")
        let trace = site.root.appendingPathComponent("trace.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        process.arguments = ["-f", "-qq", "-o", trace.path, "-P", site.templates.path, "-P", footer.path, "-e", "trace=openat",
                             "-e", "inject=openat:delay_enter=1500000", Bantin.executable.path, "build"]
        process.currentDirectoryURL = site.root
        let started = try Bantin.start(process)
        // The foot opened (and read at once): saved 0.3 s later.
        var opened = false
        for _ in 0..<600 where !opened {
            usleep(20_000)
            opened = ((try? String(contentsOf: trace, encoding: .utf8)) ?? "").split(separator: "\n").contains { $0.contains("footer.mustache") && $0.contains("DELAYED") }
        }
        #expect(opened)
        usleep(300_000)
        let old = try String(contentsOf: footer, encoding: .utf8)
        try old.replacingOccurrences(of: "</footer>", with: "<p>Sửa khi đang dựng</p></footer>").write(to: footer, atomically: false, encoding: .utf8)
        #expect(started.finish().status == 0)
        try build()
        try site.write(article, try site.read(article) + "\nThêm đoạn nữa.\n")
        try build()
        #expect(try Bantin.run(["build", "--output", "clean"], in: site.root).status == 0)
        #expect(try site.differences(from: site.root.appendingPathComponent("clean")) == [])
    }

    /// A photo whose file fails one read (a disk's or a network folder's fault), at any of its
    /// reads, is published or told with the system's reason: never as a damaged photo or an image
    /// of another kind.
    @Test func aPhotoThatFailsOneReadIsNeverToldAsAnotherKindOfFile() throws {
        let site = try TestSite(content: "bulletin")
        try PhotoTests.photo(site, "content/media/anh.jpg", width: 320, height: 240)
        try site.write("content/articles/2023/anh.md", article(title: "Bài có ảnh", date: "2023-07-01", extra: "image: /media/anh.jpg\nimage_alt: Hội nghị\n"))
        let photo = site.root.appendingPathComponent("content/media/anh.jpg").path
        var failed = 0
        for read in 1...16 {
            try? FileManager.default.removeItem(at: site.root.appendingPathComponent("public"))
            try? FileManager.default.removeItem(at: site.root.appendingPathComponent(".public.bantin"))
            let result = try Bantin.run(["build"], in: site.root, faults: ["-P", photo, "-e", "trace=read,pread64", "-e", "inject=read,pread64:error=EIO:when=\(read)"])
            guard result.status != 0 else { continue }
            failed += 1
            let told = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
            #expect(told.count == 1 && told[0].hasSuffix("content/media/anh.jpg cannot be published: it cannot be read: Input/output error"), "read \(read): \(result.stderr)")
        }
        // The first reads are bantin's own, which a fault stops.
        #expect(failed > 0)
    }
    /// A theme file that cannot be read while the site is written is filed under its own path,
    /// as every problem with a file is, not under the output folder.
    @Test func anUnreadableAssetIsFiledUnderItsOwnPath() throws {
        let (site, result) = try buildWithUnreadable("templates/assets/style.css")
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").contains("templates/assets/style.css: error: cannot read this file: Permission denied (check the permissions and owner of that path and of the folders above it)"), "\(result.stderr)")
        #expect(!site.exists("public"))
    }

    @Test func aFileGoneBetweenListingAndReadingIsNamed() throws {
        let site = try TestSite(content: "bulletin")
        let listing = ContentListing(of: site.content, displayRoot: "content")
        try site.remove("content/articles/2023/dong-thap.md")
        let (_, diagnostics) = CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: false, listing: listing)
        #expect(diagnostics.map(\.description).contains("content/articles/2023/dong-thap.md: error: cannot read this file: No such file or directory"))
    }

    /// A body is read from its file when its page is made; a file removed before then fails the
    /// build rather than publish the page without its body.
    @Test func aBodyGoneBeforeItsPageIsMadeFailsTheBuild() throws {
        let site = try TestSite(content: "bulletin")
        let path = site.content.appendingPathComponent("articles/2023/05/nghe-an.md").path
        let (read, _, _) = CatalogLoader.readArticle(TreeEntry(relativePath: "articles/2023/05/nghe-an.md", path: path), zone: .vietnam, display: "content/articles/2023/05/nghe-an.md")
        let article = try #require(read)
        #expect(article.bodyText.place != nil, "the body is read from its file when its page is made")
        unlink(path)
        _ = MarkdownRenderer(allowRawHTML: false).render(article.bodyText)
        #expect(throws: FileFault("read", "content/articles/2023/05/nghe-an.md", reason: "No such file or directory (it was removed during the build); build again")) {
            try IncrementalBuild.checkBodiesWereRead([article])
        }
    }

    /// A file rewritten between reading its front matter and making its page (a checkout, a save
    /// during the build), its length kept or not, fails the build rather than publish a page, or
    /// keep a search record, mixing the two versions.
    @Test(arguments: ["Nghệ Tĩnh: chi bộ làm theo Bác từ việc nhỏ", "Nghệ An: chi bộ làm theo Bác từ việc nhỏ, việc cụ thể"])
    func aBodyRewrittenBeforeItsPageIsMadeFailsTheBuild(newTitle: String) throws {
        let site = try TestSite(content: "bulletin")
        let relative = "articles/2023/05/nghe-an.md"
        let path = site.content.appendingPathComponent(relative).path
        let (read, _, _) = CatalogLoader.readArticle(TreeEntry(relativePath: relative, path: path), zone: .vietnam, display: "content/" + relative)
        let article = try #require(read)
        let before = try site.read("content/" + relative)
        let title = "Nghệ An: chi bộ làm theo Bác từ việc nhỏ"
        try #require(before.contains(title))
        try site.write("content/" + relative, before.replacingOccurrences(of: title, with: newTitle))
        #expect(article.body.isEmpty && article.bodyText.unreadable == BodyText.changed)
        #expect(throws: FileFault("read", "content/" + relative, reason: "it changed during the build; build again")) {
            try IncrementalBuild.checkBodiesWereRead([article])
        }
    }

    @Test func aMediaFileGoneBeforeItIsCopiedFailsTheBuildAndLeavesTheSite() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/media/tai-lieu.pdf", "%PDF")
        try site.build()
        let before = try site.snapshot()
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: sửa"))
        let (planned, _) = try SiteBuilder.plan(site.options())
        try site.remove("content/media/tai-lieu.pdf")
        let output = OutputFolder(url: site.output, display: "public")
        #expect(performing: { try output.publish(planned.files, manifest: PageManifest(), base: nil) }, throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cannot read ") && text.hasSuffix("content/media/tai-lieu.pdf: No such file or directory")
        })
        #expect(try site.snapshot() == before)
    }

    /// The site a clean build of `site`'s content gives, as files and bytes.
    private static func cleanBuild(of site: TestSite) throws -> [String: Data] {
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        _ = try SiteBuilder.build(site.options(output: clean))
        return try site.snapshot(clean)
    }

    private static let deleted = (file: "content/articles/2023/05/nghe-an.md", page: "bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html")

    /// A page of a deleted article that cannot be removed from the earlier site the build writes
    /// into (an I/O error) fails the build: published, the new site would still serve it. The
    /// site stays as it was, and the next build is the clean one.
    @Test func aStalePageThatCannotBeRemovedFailsTheBuild() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        try site.write("content/site.yml", try site.read("content/site.yml") + "\n")
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        let before = try site.snapshot()
        try site.remove(Self.deleted.file)
        let stale = site.root.appendingPathComponent(".public.bantin/staging/" + Self.deleted.page).path
        let result = try Bantin.run(["build"], in: site.root, faults: ["-P", stale, "-e", "trace=unlink", "-e", "inject=unlink:error=EIO"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot remove public/\(Self.deleted.page): Input/output error"), "\(result.stderr)")
        Self.expectPlainWords(result.stderr)
        #expect(try site.snapshot() == before, "the previous site, byte for byte")
        #expect(try Bantin.run(["build", "--strict"], in: site.root).stderr.contains("no build wrote") == false)
        let next = try Bantin.run(["build"], in: site.root)
        #expect(next.status == 0 && !next.stderr.contains("no build wrote"), "\(next.stderr)")
        #expect(try site.snapshot() == Self.cleanBuild(of: site))
    }

    /// The list of the earlier site's files that cannot be kept (its rename fails: an I/O
    /// error; or the first build could not save the output's list: a full disk) is told, and no
    /// later build takes a page bantin wrote for one someone put there: `--strict` finds none,
    /// and nothing is moved to `kept/`.
    @Test(arguments: [("pages", "rename:error=EIO:when=1"), ("pages.tmp", "openat:error=ENOSPC")])
    func aListOfTheSitesFilesThatCannotBeKeptTakesNoPageForTheUsers(file: String, fault: String) throws {
        let site = try TestSite(content: "bulletin")
        let state = site.root.appendingPathComponent(".public.bantin/" + file).path
        let call = String(fault.prefix { $0 != ":" })
        let faults = ["-P", state, "-e", "trace=\(call)", "-e", "inject=\(fault)"]
        if call == "openat" {
            let first = try Bantin.run(["build"], in: site.root, faults: faults)
            #expect(first.status == 0 && first.stderr.contains("could not save pages: No space left on device"), "\(first.stderr)")
        } else {
            #expect(try Bantin.run(["build"], in: site.root).status == 0)
            try site.write("content/site.yml", try site.read("content/site.yml") + "\n")
            let faulted = try Bantin.run(["build"], in: site.root, faults: faults)
            #expect(faulted.status == 0 && faulted.stderr.contains("could not save old-pages: Input/output error"), "\(faulted.stderr)")
        }
        try site.remove(Self.deleted.file)
        let strict = try Bantin.run(["build", "--strict"], in: site.root)
        #expect(!strict.stderr.contains("no build wrote"), "\(strict.stderr)")
        try site.write("content/site.yml", try site.read("content/site.yml") + "\n")
        #expect(try Bantin.run(["build"], in: site.root).stderr.contains("no build wrote") == false)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.bantin/kept").path))
        #expect(try site.snapshot() == Self.cleanBuild(of: site))
    }

    /// A full disk while the search memo is written as the articles are read for search (a first
    /// build writes it anew): the site is published whole with its index, the warning says the
    /// memo could not be saved and why, and the next build gives the clean build's site.
    @Test func aFullDiskWhileTheSearchMemoIsWrittenCostsOnlyTheMemo() throws {
        let site = try TestSite(content: "bulletin")
        let memo = site.root.appendingPathComponent(".public.bantin/search.tmp").path
        let faults = ["-P", memo, "-e", "trace=pwrite64", "-e", "inject=pwrite64:error=ENOSPC:when=1"]
        let first = try Bantin.run(["build"], in: site.root, faults: faults)
        #expect(first.status == 0 && first.stderr.contains("could not save search: No space left on device"), "\(first.stderr)")
        #expect(try site.snapshot() == Self.cleanBuild(of: site))
        #expect(!FileManager.default.fileExists(atPath: memo))
        try site.write("content/site.yml", try site.read("content/site.yml") + "\n")
        let next = try Bantin.run(["build"], in: site.root)
        #expect(next.status == 0 && !next.stderr.contains("could not save"), "\(next.stderr)")
        #expect(try site.snapshot() == Self.cleanBuild(of: site))
    }

    /// A build that fails once the search index is begun (here `--strict` makes the bulletin's
    /// warnings errors) stops the index and waits for it: no file of its memo is left half-written
    /// in bantin's folder (here each write of it is held back, so that the build fails meanwhile).
    @Test func aBuildThatFailsLeavesNoHalfWrittenSearchMemo() throws {
        let site = try TestSite(content: "bulletin")
        let faults = ["-e", "trace=pwrite64", "-e", "inject=pwrite64:delay_enter=300000"]
        let failed = try Bantin.run(["build", "--strict"], in: site.root, faults: faults)
        #expect(failed.status == 1 && failed.stderr.contains("Build failed"), "\(failed.stderr)")
        let state = site.root.appendingPathComponent(".public.bantin").path
        let left = try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
        // The next build, without the warnings' errors, gives the clean build's site.
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        #expect(try site.snapshot() == Self.cleanBuild(of: site))
    }
}
