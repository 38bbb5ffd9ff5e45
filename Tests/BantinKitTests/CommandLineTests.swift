import Foundation
import Testing

@testable import BantinKit

/// The `bantin` executable, run as editors and CI run it.
@Suite struct CommandLineTests {
    /// The publishing workflow installs what bantin needs with the scripts and tests as `.ci/run`
    /// does, the tools the tests use with them: a workflow with a list of its own missed two
    /// (`strace`, the CMYK profile) and failed on every push.
    @Test func thePublishingWorkflowTestsAsCIDoes() throws {
        let workflow = try String(contentsOf: Repo.root.appendingPathComponent(".github/workflows/publish.yml"), encoding: .utf8)
        let runs = workflow.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("run: ") }.map { $0.dropFirst(5) }
        #expect(runs.first == "./scripts/setup", "\(runs)")
        #expect(runs.contains("./scripts/test"), "\(runs)")
        #expect(!workflow.contains("apt-get"), "packages come from scripts/setup, one list")
        let ci = try String(contentsOf: Repo.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("exec ./scripts/test"))
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// `executable` run to its end with `arguments` (in `folder`, with `environment`, when given).
        static func of(_ executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil) throws -> Run {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            if let folder { process.currentDirectoryURL = folder }
            if let environment { process.environment = environment }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    /// The executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bantin")
    }

    func run(_ arguments: [String], in folder: URL) throws -> Run {
        try Run.of(Self.executable, arguments, in: folder)
    }

    /// Messages that cannot be written (standard output on a full disk, a closed descriptor, a
    /// pipe closed with SIGPIPE ignored) cost the messages, not the exit status: 0 for a build
    /// that worked, 1 for one that failed, never a crash.
    @Test func aStreamThatCannotBeWrittenDoesNotChangeTheExitStatus() throws {
        let site = try TestSite(content: "bulletin")
        let bantin = Self.executable.path
        for (redirect, status) in [(">/dev/full", 0), (">&-", 0), ("2>/dev/full --content khong-co", 1), (">/dev/full 2>&- --content khong-co", 1)] {
            let parts = redirect.split(separator: " ", maxSplits: 1).map(String.init)
            let shell = "trap '' PIPE; '\(bantin)' build --output ra \(parts.count > 1 ? parts[1] : "") \(parts[0]); echo \"status $?\""
            let result = try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", shell], in: site.root)
            #expect(result.stdout.hasSuffix("status \(status)\n"), "\(redirect): \(result)")
            #expect(!result.stderr.contains("Fatal error"), "\(redirect): \(result.stderr.prefix(300))")
        }
        let piped = try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", "trap '' PIPE; ('\(bantin)' build --output ra2; echo \"status $?\" >&2) | true"], in: site.root)
        #expect(piped.stderr.hasSuffix("status 0\n"), "\(piped)")
    }

    /// On a terminal, a build that drew no progress line (up to date) erases none; on one that
    /// takes no cursor controls (Emacs's `dumb`, or none named in `TERM`) nothing is drawn at
    /// all: the first problem starts its line, where editors and CI read it.
    @Test(arguments: ["xterm-256color", "dumb", nil] as [String?])
    func aTerminalIsSentNoCursorControlsItCannotTakeOrThatEraseNothing(term: String?) throws {
        let site = try TestSite(content: "bulletin")
        let bantin = Self.executable.path
        let script = { () throws -> Run in
            let shell = "\(term.map { "TERM=\($0)" } ?? "unset TERM;") script -qec '\(bantin) build' /dev/null"
            return try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", shell], in: site.root)
        }
        let first = try script()
        #expect(first.stdout.contains("Built "), "\(first)")
        if term != "xterm-256color" { #expect(!first.stdout.contains("\u{1B}"), "\(first.stdout.prefix(300))") }
        let second = try script()
        #expect(second.stdout.contains("Up to date"), "\(second)")
        #expect(second.stdout.contains(": warning: "), "the sample's warning is told again: \(second)")
        #expect(!second.stdout.contains("\u{1B}"), "\(second.stdout.prefix(300))")
    }

    /// In CI (`CI=true`) only the summary is printed, also on the pseudo-terminal some runners
    /// give (GitLab's, `docker run -t`): a progress line is for a person watching a terminal. The
    /// sample's photos make its build long enough for one, as the build without `CI` shows.
    @Test func inCIAPseudoTerminalIsSentNoProgressLine() throws {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.content)
        try FileManager.default.copyItem(at: Repo.content, to: site.content)
        let bantin = Self.executable.path
        let script = { (ci: String, output: String) throws -> Run in
            let shell = "\(ci) TERM=xterm-256color script -qec '\(bantin) build --output \(output)' /dev/null"
            return try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", shell], in: site.root)
        }
        // `CI` unset, or set to say no (`false`, `0`, `no`, `off`), is a person at a terminal.
        for (person, output) in [("unset CI;", "nguoi-xem"), ("CI=no", "khong-ci")] {
            let run = try script(person, output)
            #expect(run.stdout.contains("Built ") && run.stdout.contains("\u{1B}[2K"), "\(person): \(run.stdout.prefix(300))")
        }
        for ci in ["CI=true", "CI=1"] {
            let run = try script("\(ci) ", "ci-\(ci.suffix(1))")
            #expect(run.stdout.contains("Built ") && !run.stdout.contains("\u{1B}"), "\(ci): \(run.stdout.prefix(300))")
        }
    }

    /// `BANTIN_TRACE=1` prints each stage with its memory now and at most so far: the most so far
    /// is never less than now (the two are read from different counters, which round apart).
    @Test func theTracesPeakMemoryIsNeverBelowItsResidentMemory() throws {
        let site = try TestSite(content: "bulletin")
        for k in 0..<40 { try site.write("content/articles/thu/b\(k).md", article(title: "Bài thử \(k)", body: String(repeating: "Nội dung bài thử. ", count: 200))) }
        var environment = ProcessInfo.processInfo.environment
        environment["BANTIN_TRACE"] = "1"
        for output in ["ra1", "ra2", "ra3"] {
            let result = try Run.of(Self.executable, ["build", "--output", output], in: site.root, environment: environment)
            let traces = result.stderr.split(separator: "\n").filter { $0.hasPrefix("trace: ") }
            #expect(traces.count > 5, "\(result.stderr.prefix(500))")
            for line in traces {
                let numbers = line.split(separator: "resident ").last?.split(separator: " ").compactMap { Int($0) } ?? []
                #expect(numbers.count == 2 && numbers[1] >= numbers[0], "\(line)")
            }
        }
    }

    @Test func buildPrintsAOneLineSummary() throws {
        let site = try TestSite(content: "bulletin")
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0)
        let summary = try #require(result.stdout.split(separator: "\n").first)
        // One line on standard output (SPEC); its notes go with the warnings.
        #expect(result.stdout.split(separator: "\n").count == 1, "\(result.stdout)")
        #expect(result.stderr.contains("note: no base URL: sitemap.xml not written"), "\(result.stderr)")
        #expect(summary.hasPrefix("Built 4 articles, "))
        #expect(summary.contains(" pages ("))
        #expect(summary.contains("into public/ in "))
        #expect(result.stderr.contains("content/articles/2022/quang-ninh.md:5:14: warning: directive 21-KL/TW has no file"))
        #expect(!summary.contains("unchanged"), "a first build reads everything")

        // After an edit, the line says how little was redone.
        let file = "content/articles/2023/05/nghe-an.md"
        try site.write(file, try site.read(file).replacingOccurrences(of: "title: \"", with: "title: \"(Sửa) "))
        let rebuild = try run(["build"], in: site.root)
        let line = try #require(rebuild.stdout.split(separator: "\n").first)
        #expect(line.hasPrefix("Built 4 articles, "))
        #expect(line.contains("(1 article file read, "))
        #expect(line.contains(" pages unchanged)"))
    }

    @Test func aSecondBuildOfTheSameInputSaysUpToDate() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try run(["build"], in: site.root).status == 0)
        let again = try run(["build"], in: site.root)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Up to date: nothing changed, public/ left as it was (4 articles, "))
        #expect(again.stdout.contains("; 3 warnings"), "the warnings of the last build are counted again")
    }

    @Test func badInputExitsOneAndNamesFileLineAndColumn() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try run(["build"], in: site.root).status == 0)
        let before = try site.snapshot()
        try site.write("content/articles/sai.md", "---\ntitle: \"Sai ngày\"\ndate: 2023-02-30\n---\nx\n")
        let result = try run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/articles/sai.md:3:7: error: `date` is not a valid date"))
        #expect(result.stderr.contains("Build failed: 1 error"))
        #expect(try site.snapshot() == before)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let site = try TestSite(content: "bulletin")
        let result = try run(["build", "--strict"], in: site.root)
        #expect(result.status == 1)
        #expect(!site.exists("public/index.html"))
        // Each warning is an error at its place, marked so: no line is a warning, and no error
        // stands for all of them at the content folder.
        let lines = result.stderr.split(separator: "\n")
        let told = lines.filter { $0.contains(": error: ") }
        #expect(!told.isEmpty && told.allSatisfy { $0.hasSuffix(" [--strict]") && $0.hasPrefix("content/") && !$0.hasPrefix("content: ") }, "\(result.stderr)")
        #expect(!lines.contains { $0.contains(": warning: ") }, "\(result.stderr)")
        #expect(result.stderr.contains("Build failed: \(told.count) error"), "\(result.stderr)")
        // Without `--strict` the same are warnings, and the site is built.
        let plain = try run(["build"], in: site.root)
        #expect(plain.status == 0 && plain.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }.count == told.count, "\(plain.stderr)")
        // With an error found as the content is read, the warnings found with it are errors too.
        try site.write("content/articles/2023/05/sai.md", "---\ntitle: \"Sai\"\ndate: 2023-05-09\nfoo: 1\n---\n[x](khong-co.md)\n")
        let refused = try run(["build", "--strict"], in: site.root)
        #expect(refused.status == 1 && refused.stderr.contains("content/articles/2023/05/sai.md:4:1: error: unknown field `foo` is ignored [--strict]"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(": warning: "), "\(refused.stderr)")
    }

    @Test func checkPassesAGoodSiteAndCatchesADeletedPage() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try run(["build"], in: site.root).status == 0)
        let good = try run(["check", "public"], in: site.root)
        #expect(good.status == 0)
        #expect(good.stdout.contains("all resolve"))
        try site.remove("public/van-ban/05-ct-tw/index.html")
        let bad = try run(["check", "public"], in: site.root)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html: broken link → ../../van-ban/05-ct-tw/index.html"))
        // The summary counts the pages that hold a broken link, and those checked apart.
        let lines = bad.stdout.split(separator: "\n").filter { $0.contains(": broken link → ") }
        let pages = Set(lines.map { $0.prefix { $0 != ":" } }).count
        // One page fewer than before the page was deleted.
        let checked = try #require(Int(good.stdout.split(separator: " ").dropFirst().first ?? ""), "\(good)") - 1
        #expect(pages > 1 && pages < checked && lines.count > pages, "\(bad)")
        #expect(bad.stderr.contains("\(lines.count) broken links in \(pages) pages (\(checked) pages checked)."), "\(bad)")
    }

    /// A page `check` cannot read, or that is not UTF-8, is a problem of its own: it was
    /// counted as a page without links, and the site passed. From a working folder deeper than
    /// 1,024 characters, every page was read as empty: "0 links: all resolve".
    @Test func checkTellsAPageItCannotReadAndReadsFromADeepFolder() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try run(["build"], in: site.root).status == 0)
        let good = try run(["check", "public"], in: site.root)
        let deep = site.root.appendingPathComponent(Array(repeating: String(repeating: "thu-muc-sau", count: 10), count: 12).joined(separator: "/"))
        // Foundation's own file calls fail past 1,024 characters: the shell makes and copies it.
        #expect(try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", "mkdir -p \"$1\" && cp -R public \"$1/public\"", "sh", deep.path], in: site.root).status == 0)
        #expect(deep.path.utf8.count > 1_300)
        let fromDeep = try run(["check", "public"], in: deep)
        #expect(fromDeep.status == 0 && fromDeep.stdout == good.stdout && !good.stdout.contains(" 0 links"), "\(fromDeep) \(good)")
        let home = try site.read("public/index.html")
        try site.write("public/index.html", bytes: Array(home.replacingOccurrences(of: "</body>", with: "<a href=\"khong-co.html\">x</a></body>").utf8) + [0xFF, 0x0A])
        let bad = try run(["check", "public"], in: site.root)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("index.html: this page is not UTF-8 text"), "\(bad)")
        #expect(bad.stdout.contains("index.html: broken link → khong-co.html"), "\(bad)")
    }

    /// Ids and links are read as a browser reads them: character references decoded, and
    /// nothing inside a script, style, textarea or title taken for a tag. Only the link that
    /// leads nowhere is told.
    @Test func checkReadsPagesAsABrowserDoes() throws {
        let site = try TestSite()
        try site.write("trang/index.html", """
            <!DOCTYPE html><html><head><TITLE>a <a href="khong-co-1.html"></TITLE>
            <style>p::after { content: '<a href="khong-co-2.html">'; }</style></head><body>
            <p id="x&amp;y">1</p><a href="#x&amp;y">a</a>
            <p id="v&#237;">2</p><a href="#v%C3%AD">b</a>
            <p id="tên">3</p><a href="#t&#234;n">c</a><a href="#t&#xEA;n">d</a>
            <script>document.write("<img src=khong-co-3.png>")</script>
            <textarea><a href="khong-co-4.html"></textarea>
            <a href="khong-co.html">e</a></body></html>
            """)
        let result = LinkChecker.check(folder: site.root.appendingPathComponent("trang"))
        #expect(result.broken.map(\.target) == ["khong-co.html"], "\(result.broken)")
        // Under the base URL, a host in capitals and a link without scheme are the site's too.
        try site.write("trang/hai.html", """
            <!DOCTYPE html><title>b</title><a href="https://EXAMPLE.org/bantin/khong-co-5.html">a</a>
            <a href="//example.org/bantin/khong-co-6.html">b</a><a href="https://example.org/bantinx/khac.html">c</a>
            <a href="HTTPS://Example.ORG/bantin/index.html">d</a>
            """)
        let based = LinkChecker.check(folder: site.root.appendingPathComponent("trang"), baseURL: "https://example.org/bantin/")
        #expect(Set(based.broken.map(\.target)) == ["khong-co.html", "https://EXAMPLE.org/bantin/khong-co-5.html", "//example.org/bantin/khong-co-6.html"], "\(based.broken)")
    }

    /// Every address of a `srcset` is checked, not only its first (a photo's variant deleted from
    /// the middle of the list is a broken image for the screens that pick it), and an anchor made
    /// the old way (`<a name>`) is one a link may lead to.
    @Test func checkReadsEveryAddressOfASrcsetAndOldAnchors() throws {
        let site = try TestSite()
        try site.write("trang/a.png", bytes: [0x89])
        try site.write("trang/a.webp", bytes: [0x52])
        try site.write("trang/index.html", """
            <!DOCTYPE html><html><head><title>a</title></head><body>
            <img src="a.png" srcset="a.png 1x, khong-co-2x.png 2x, a.png 3x" alt="">
            <picture><source srcset="a.webp 480w, khong-co-960.webp 960w, a.webp 1200w"><img src="a.png" alt=""></picture>
            <p><a name="cu">cũ</a> <a href="#cu">về neo cũ</a> <a id="moi">mới</a> <a href="#moi">về neo mới</a> <a href="#khong-co">x</a></p>
            </body></html>
            """)
        let result = LinkChecker.check(folder: site.root.appendingPathComponent("trang"))
        #expect(result.broken.map(\.target).sorted() == ["#khong-co", "khong-co-2x.png", "khong-co-960.webp"], "\(result.broken)")
    }

    /// A base URL is one address however it is typed: its scheme and host in any case, its
    /// escapes in either case or its letters unencoded, its path tidied. The build writes one spelling, and `check`
    /// finds the site's links under any of them, with escapes of either case in the links too.
    @Test func checkFindsTheSitesLinksUnderEverySpellingOfItsBase() throws {
        #expect(BaseURL.normalize("HTTPS://Example.ORG/b%e1%ba%a3n-tin") == "https://example.org/b%E1%BA%A3n-tin/")
        #expect(BaseURL.normalize("https://example.org/bản-tin/") == "https://example.org/b%E1%BA%A3n-tin/")
        // An escape of a letter, digit, `-`, `.`, `_` or `~` is that character (RFC 3986).
        #expect(BaseURL.normalize("https://example.org/%7Enguyen/%62t/") == "https://example.org/~nguyen/bt/")
        // Typed decomposed (`--base-url` pasted on a Mac): the same address.
        #expect(BaseURL.normalize("https://example.org/bản-tin/".decomposedStringWithCanonicalMapping) == "https://example.org/b%E1%BA%A3n-tin/")
        // The scheme's own port, slashes written twice, `.` and `..` steps, a page's name pasted
        // with the address: the same folder. A port no server has, or a path above the domain: none.
        for spelling in [
            "https://example.org:443/bantin/", "https://example.org//bantin//", "https://example.org/x/../bantin/./",
            "https://example.org/bantin/index.html", "https://example.org/bantin/INDEX.HTM",
        ] {
            #expect(BaseURL.normalize(spelling) == "https://example.org/bantin/", "\(spelling)")
        }
        #expect(BaseURL.normalize("http://example.org:80/") == "http://example.org/")
        #expect(BaseURL.normalize("http://example.org:8080/bantin") == "http://example.org:8080/bantin/")
        #expect(BaseURL.normalize("https://example.org:80/") == "https://example.org:80/")
        #expect(BaseURL.normalize("https://example.org:/bantin/") == "https://example.org/bantin/", "an empty port is none")
        for (wrong, problem) in [
            ("https://example.org:0/", "has the port `0`, which no server has"), ("https://example.org:99999/", "has the port `99999`"),
            ("https://example.org:8o8o/", "has the port `8o8o`"), ("https://example.org/../bantin/", "has a path that climbs above the domain"),
        ] {
            #expect(BaseURL.normalize(wrong) == nil, "\(wrong)")
            #expect(BaseURL.problem(wrong).hasPrefix(problem), "\(BaseURL.problem(wrong))")
        }
        let site = try TestSite()
        // Links with the scheme's own port, or a slash doubled after the base, are the site's too.
        try site.write("trang/index.html", """
            <!DOCTYPE html><title>a</title><a href="https://example.org/b%e1%ba%a3n-tin/khong-co/">a</a>
            <a href="https://example.org/b%E1%BA%A3n-tin/index.html">b</a>
            <a href="https://example.org:443/b%E1%BA%A3n-tin/khong-co-2/">c</a><a href="http://example.org:80/b%E1%BA%A3n-tin//khong-co-3/">d</a>
            <a href="https://example.org:443/b%E1%BA%A3n-tin/">e</a><a href="https://example.org:4430/b%E1%BA%A3n-tin/khong-co-4/">f</a>
            """)
        for spelling in ["https://example.org/bản-tin/", "https://example.org/b%E1%BA%A3n-tin/", "HTTPS://EXAMPLE.org/b%e1%ba%a3n-tin"] {
            let based = LinkChecker.check(folder: site.root.appendingPathComponent("trang"), baseURL: BaseURL.normalize(spelling))
            #expect(based.broken.map(\.target) == [
                "https://example.org/b%e1%ba%a3n-tin/khong-co/", "https://example.org:443/b%E1%BA%A3n-tin/khong-co-2/", "http://example.org:80/b%E1%BA%A3n-tin//khong-co-3/",
            ], "\(spelling): \(based.broken)")
            // A slash doubled after the base is a page no host that reads paths as written has.
            #expect(based.broken.last?.reason.hasPrefix("has `//` after the base URL") == true, "\(based.broken)")
        }
    }

    /// A site built for another base URL than the one `check --base-url` is given (another host,
    /// `http://` for `https://`, a deeper path) fails the check once, at the home page (every
    /// page's canonical address, its feeds and sitemap are on the other site); under its own
    /// base URL, or any spelling of it, it passes, and so does a site built with no base URL.
    @Test func checkUnderAnotherBaseURLThanTheSitesFails() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://old.example.org/bantin/")
        for other in ["https://user.github.io/bantin/", "http://old.example.org/bantin/", "https://old.example.org/"] {
            let checked = LinkChecker.check(folder: site.output, baseURL: other)
            #expect(checked.broken.count == 1, "\(other): \(checked.broken)")
            let problem = try #require(checked.broken.first)
            #expect(problem.page == "index.html" && problem.target == "https://old.example.org/bantin/", "\(problem)")
            #expect(problem.reason.hasPrefix("the home page's canonical address is not \(other): the site was built for another base URL"), "\(problem)")
        }
        for base in ["https://old.example.org/bantin/", "HTTPS://OLD.example.org:443/bantin", "https://old.example.org/%62antin/"] {
            #expect(LinkChecker.check(folder: site.output, baseURL: BaseURL.normalize(base)).broken.isEmpty, "\(base)")
        }
        #expect(LinkChecker.check(folder: site.output).broken.isEmpty)
        // A page of content/ copied as written that names another site's page as its canonical
        // one is no other base URL, with a base URL or without.
        try site.write("content/ban-goc.html", "<!DOCTYPE html><html lang=\"vi\"><head><title>Bản gốc</title><link rel=\"canonical\" href=\"https://baochinhphu.vn/bai-goc.htm\"></head><body><p>x</p></body></html>\n")
        try site.build(baseURL: "https://user.github.io/bantin/")
        #expect(LinkChecker.check(folder: site.output, baseURL: "https://user.github.io/bantin/").broken.isEmpty)
        try site.build()
        #expect(LinkChecker.check(folder: site.output, baseURL: "https://user.github.io/bantin/").broken.isEmpty)
        // Built elsewhere, a link that is broken whatever the base is still told.
        try site.write("content/ban-goc.html", "<!DOCTYPE html><html lang=\"vi\"><head><title>Bản gốc</title></head><body><a href=\"C:/Users/a/tai-lieu.docx\">x</a></body></html>\n")
        try site.build(baseURL: "https://old.example.org/bantin/")
        let both = LinkChecker.check(folder: site.output, baseURL: "https://user.github.io/bantin/").broken.map(\.target)
        #expect(both == ["https://old.example.org/bantin/", "C:/Users/a/tai-lieu.docx"], "\(both)")
    }

    /// The search index is loaded by the search page's script, by name: a site missing any file
    /// of it (its table, a shard, a pair file, a record) fails the check, which CI publishes by.
    @Test func checkCatchesAMissingFileOfTheSearchIndex() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try run(["build"], in: site.root).status == 0)
        let folder = "public/tim-kiem/chi-muc/"
        let shard = try #require(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(folder).path).first { $0.hasPrefix("t-") })
        for file in [shard, "p-3.js", "bai/2.js", "muc-luc.js"] {
            let kept = try site.read(folder + file)
            try site.remove(folder + file)
            let bad = try run(["check", "public"], in: site.root)
            #expect(bad.status == 1 && bad.stdout.contains("tim-kiem/index.html: broken link → tim-kiem/chi-muc/\(file) (no such file"), "\(file): \(bad)")
            try site.write(folder + file, kept)
        }
        try site.write(folder + "muc-luc.js", "BANTIN_SEARCH_INDEX({\"docs\": 3});\n")
        let garbled = try run(["check", "public"], in: site.root)
        #expect(garbled.status == 1 && garbled.stdout.contains("tim-kiem/chi-muc/muc-luc.js (not the search index's table"), "\(garbled)")
    }

    @Test func newWritesAnArticleThatBuilds() throws {
        let site = try TestSite(content: "bulletin")
        let result = try run(["new", "Đà Nẵng: học tập chuyên đề năm 2023", "--directive", "01-KL/TW", "--theme", "2023"], in: site.root)
        #expect(result.status == 0)
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasPrefix("content/articles/"))
        #expect(path.hasSuffix("/da-nang-hoc-tap-chuyen-de-nam-2023.md"))
        let text = try site.read(path)
        #expect(text.contains("title: \"Đà Nẵng: học tập chuyên đề năm 2023\""))
        #expect(text.contains("directives: [\"01-KL/TW\"]"))
        #expect(text.contains("themes: [2023]"))
        #expect(try run(["build", "--drafts"], in: site.root).status == 0)
        #expect(site.exists("public/bai-viet/da-nang-hoc-tap-chuyen-de-nam-2023/index.html"))
        // The same title again: a file of its own, with the next free address.
        let again = try run(["new", "Đà Nẵng: học tập chuyên đề năm 2023"], in: site.root)
        #expect(again.status == 0 && again.stdout.hasSuffix("/da-nang-hoc-tap-chuyen-de-nam-2023-2.md\n"), "\(again)")
        #expect(try site.read(path) == text, "never overwrites")
    }

    /// `new` dates the article with the build's "now": `SOURCE_DATE_EPOCH` when set (dated by
    /// the clock, the draft was a scheduled article `build --drafts` left out).
    @Test func newDatesTheArticleWithTheBuildsNow() throws {
        let site = try TestSite(content: "bulletin")
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1760000000"  // 2025-10-09 08:53:20 UTC
        let made = try Run.of(Self.executable, ["new", "Bài mới viết"], in: site.root, environment: environment)
        #expect(made.status == 0 && made.stdout == "content/articles/2025/10/bai-moi-viet.md\n", "\(made)")
        #expect(try site.read("content/articles/2025/10/bai-moi-viet.md").contains("date: 2025-10-09T15:53:20+07:00"))
        let built = try Run.of(Self.executable, ["build", "--drafts"], in: site.root, environment: environment)
        #expect(built.status == 0 && site.exists("public/bai-viet/bai-moi-viet/index.html"), "\(built)")
        environment["SOURCE_DATE_EPOCH"] = "soon"
        let refused = try Run.of(Self.executable, ["new", "Bài khác"], in: site.root, environment: environment)
        #expect(refused.status == 1 && refused.stderr.hasPrefix("SOURCE_DATE_EPOCH: error: `soon` is not a time"), "\(refused)")
        // The last seconds a time may be (9999 in UTC) are 10000 in the site's +07:00: no date
        // a front matter holds (the build then refused the article `new` wrote).
        environment["SOURCE_DATE_EPOCH"] = "253402300799"
        let late = try Run.of(Self.executable, ["new", "Bài cuối"], in: site.root, environment: environment)
        #expect(late.status == 1 && late.stderr.hasPrefix("SOURCE_DATE_EPOCH: error: now is in the year 10000 in the site's timezone"), "\(late)")
        #expect(!site.exists("content/articles/10000"))
    }

    /// An article of another month with the same address, or a theme no file describes, would
    /// fail the next build: `new` picks a free address, and refuses the theme.
    @Test func newWritesOnlyWhatTheNextBuildAccepts() throws {
        let site = try TestSite(content: "bulletin")
        let existing = try #require(try site.snapshot(site.content).keys.first { $0.hasPrefix("/articles/2023/") })
        let title = try #require(try site.read("content" + existing).split(separator: "\n").first { $0.hasPrefix("title: ") })
        let wanted = String(title.dropFirst("title: ".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let made = try run(["new", wanted], in: site.root)
        #expect(made.status == 0, "\(made)")
        let text = try site.read(made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.contains("slug: ") && made.stdout.contains("-2.md"), "\(text)")
        #expect(try run(["build", "--drafts"], in: site.root).status == 0)
        let theme = try run(["new", "Tin mới", "--theme", "2030"], in: site.root)
        #expect(theme.status == 1 && theme.stderr.contains("--theme: error: no theme of 2030 is described: write content/themes/2030.md first"), "\(theme)")
        // An article refused for its date (wrong, or missing in a draft) keeps its address too.
        for (file, date) in [("ngay-sai", "date: 2025-02-30\n"), ("khong-ngay", "")] {
            try site.write("content/articles/2025/\(file).md", "---\ntitle: \"Hà Giang giữ vững kỷ cương \(file)\"\n\(date)draft: true\n---\nNội dung.\n")
            let next = try run(["new", "Hà Giang giữ vững kỷ cương \(file)"], in: site.root)
            #expect(next.status == 0 && next.stdout.hasSuffix("-\(file.replacingOccurrences(of: "_", with: "-"))-2.md\n"), "\(file): \(next)")
        }
    }

    /// Check's refusals are told as a build's problems are: `name: error: …`.
    @Test func checkOfAFolderWithoutPagesFailsAndWatchOfAMissingFolderStops() throws {
        let site = try TestSite()
        try site.write("trong/ghi-chu.txt", "không phải trang")
        let empty = try run(["check", "trong"], in: site.root)
        #expect(empty.status == 1 && empty.stderr.contains("trong: error: no HTML pages to check"), "\(empty)")
        try site.write("trang/index.html", "<!DOCTYPE html><title>x</title><a href=\"index.html\">x</a>")
        let badBase = try run(["check", "trang", "--base-url", "example.org"], in: site.root)
        #expect(badBase.status == 1 && badBase.stderr.contains("--base-url: error: `example.org` is not an absolute http(s) URL"), "\(badBase)")
        let watch = try run(["watch", "--content", "khong-co"], in: site.root)
        #expect(watch.status == 1 && watch.stderr.contains("khong-co: error: no such folder to watch"), "\(watch)")
        try site.write("tep", "x")
        let watchFile = try run(["watch", "--content", "tep"], in: site.root)
        #expect(watchFile.status == 1 && watchFile.stderr.contains("tep: error: a file, not a folder to watch"), "\(watchFile)")
        let file = try run(["check", "trang/index.html"], in: site.root)
        #expect(file.status == 1 && file.stderr.contains("trang/index.html: error: a file, not a folder"), "\(file)")
        // An empty name is no folder, not the working folder named as nothing (`: no such folder`).
        let unnamed = try run(["check", ""], in: site.root)
        #expect(unnamed.status == 1 && unnamed.stderr == "error: the folder to check is given as \"\", which names no folder; give one, or leave it out for `public`\n", "\(unnamed)")
        #expect(try run(["check", "khong-co"], in: site.root).stderr == "khong-co: error: no such folder; build the site first with `bantin build`\n")
    }

    /// `--output ''` (a variable left unset in a script) names no folder: said so, not taken for
    /// the working folder and called ` ` or `/` in the messages; `new --content ''` alike.
    @Test func anEmptyFolderOptionIsRefused() throws {
        let site = try TestSite(content: "bulletin")
        for option in ["--output", "--content", "--templates"] {
            let build = try run(["build", option, ""], in: site.root)
            #expect(build.status == 1 && build.stderr.contains("\(option): error: it names no folder; give one, or leave the option out for"), "\(build)")
        }
        #expect(!site.exists("public"), "nothing was built")
        // `new` too: it wrote `articles/…` into the working folder, where no build reads it.
        let new = try run(["new", "Tin mới", "--content", ""], in: site.root)
        #expect(new.status == 1 && new.stderr.contains("--content: error: it names no folder; give one, or leave the option out for `content`"), "\(new)")
        #expect(!site.exists("articles"))
    }

    /// A bad `--base-url` (an empty one: a variable left unset) is refused after a build without
    /// one as on a fresh build: not taken for "no base URL" and told "Up to date".
    @Test func aBadBaseURLIsRefusedAfterABuildToo() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try run(["build"], in: site.root).status == 0)
        let before = try site.snapshot(site.output)
        // (An empty one, a variable left unset in a script, is told as given as nothing, not as "``".)
        for (bad, told) in [("", "the address is given as \"\", which names none; give the one the site is published at"), ("vi-du.org", "`vi-du.org` is not an absolute http(s) URL")] {
            let build = try run(["build", "--base-url", bad], in: site.root)
            #expect(build.status == 1 && build.stderr.contains("--base-url: error: \(told)"), "\(bad): \(build)")
            #expect(!build.stdout.contains("Up to date"), "\(bad): \(build)")
        }
        #expect(try site.snapshot(site.output) == before)
    }

    /// An output that is a link into a folder that does not exist (a mistyped target) is
    /// refused: no folder is made where it leads.
    @Test func anOutputLinkingToNothingIsRefused() throws {
        let site = try TestSite(content: "bulletin")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("dangl").path, withDestinationPath: "khong-co/ban-tin")
        let build = try run(["build", "--output", "dangl"], in: site.root)
        #expect(build.status == 1 && build.stderr.contains("dangl is a link to khong-co/ban-tin, in a folder that does not exist"), "\(build)")
        #expect(!site.exists("khong-co"))
        // A folder that is no link is made, however deep, as before.
        let deep = try run(["build", "--output", "ban-dung/a/public"], in: site.root)
        #expect(deep.status == 0 && site.exists("ban-dung/a/public/index.html"), "\(deep)")
    }

    /// An output that is a link leading back to itself (`site` → `site`) or round a chain
    /// (`a` → `b` → `a`) is refused, naming the links: the chain crashed the build (its stack
    /// ran out), and a link to itself was replaced by a folder with a warning of a file saved
    /// while bantin built.
    @Test func anOutputLinkThatLeadsBackToItselfIsRefused() throws {
        let site = try TestSite(content: "bulletin")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("site").path, withDestinationPath: "site")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("a").path, withDestinationPath: "b")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("b").path, withDestinationPath: "a")
        for (output, chain) in [("site", "site → site"), ("a", "a → b → a")] {
            let build = try run(["build", "--output", output], in: site.root)
            #expect(build.status == 1 && build.stderr.contains("\(output): error: \(output) is a link that leads back to itself (\(chain))"), "\(output): \(build)")
            #expect((try? fm.destinationOfSymbolicLink(atPath: site.root.appendingPathComponent(output).path)) != nil, "\(output) is still the link")
            // `check` says what build says (not "build the site first").
            let check = try run(["check", output], in: site.root)
            #expect(check.status == 1 && check.stderr.contains("\(output): error: \(output) is a link that leads back to itself (\(chain))"), "\(output): \(check)")
        }
    }

    /// A link whose target goes through a linked folder and then `..` (`lnk/../public`, `lnk`
    /// leading to `elsewhere/deep/inner`) leads where the system reads it, `elsewhere/deep/public`:
    /// the path's text was shortened first, so a relative one was refused as a loop and an
    /// absolute one was built beside the link, where it leads to nothing.
    @Test func anOutputLinkThroughALinkedFolderLeadsWhereTheSystemReadsIt() throws {
        let site = try TestSite(content: "bulletin")
        let fm = FileManager.default
        try fm.createDirectory(at: site.root.appendingPathComponent("elsewhere/deep/inner"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("lnk").path, withDestinationPath: "elsewhere/deep/inner")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("public").path, withDestinationPath: "lnk/../public")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("site").path, withDestinationPath: site.root.path + "/lnk/../site")
        for (output, built) in [("public", "elsewhere/deep/public"), ("site", "elsewhere/deep/site")] {
            let build = try run(["build", "--output", output], in: site.root)
            #expect(build.status == 0 && site.exists("\(built)/index.html") && site.exists("\(output)/index.html"), "\(output): \(build)")
        }
    }

    /// The new article is dated in the site's timezone: with errors in `site.yml` (an unknown
    /// timezone, YAML that does not parse), it would be dated, and filed, in another. `new` says
    /// what is wrong and writes nothing.
    @Test func newRefusesWhileSiteYmlHasErrors() throws {
        let site = try TestSite(content: "bulletin")
        for broken in ["title: Bản tin\ntimezone: Asia/Saigonn\n", "title: Bản tin\ntimezone: America/New_York\nmenu: [chưa đóng\n"] {
            try site.write("content/site.yml", broken)
            let before = try site.snapshot(site.content)
            let refused = try run(["new", "Tin mới"], in: site.root)
            #expect(refused.status == 1 && refused.stderr.contains("content/site.yml:") && refused.stderr.contains("mend content/site.yml first"), "\(refused)")
            #expect(try site.snapshot(site.content) == before)
        }
    }

    /// A mistyped command (`bantin chek public`) was read as build's words and refused with
    /// build's usage, not a word of `check`: told as a command bantin does not have, with the
    /// nearest one, and nothing built.
    @Test func aMistypedCommandIsToldWithTheNearestOne() throws {
        let site = try TestSite(content: "bulletin")
        for (typed, nearest) in [(["chek", "public"], "; did you mean `check`?"), (["biuld"], "; did you mean `build`?"), (["xuatban"], ""), (["help", "chek"], "; did you mean `check`?")] {
            let result = try run(typed, in: site.root)
            let word = typed[0] == "help" ? typed[1] : typed[0]
            #expect(result.status == 64 && result.stderr.contains("Error: bantin has no command `\(word)`\(nearest) (its commands: build, check, new, watch;"), "\(typed): \(result)")
            #expect(!site.exists("public"), "\(typed)")
        }
        #expect(try run(["check", "--help"], in: site.root).status == 0)
        #expect(try run(["help", "new"], in: site.root).status == 0)
    }

    @Test func newRefusesBadArgumentsWithUsageStatusAndWritesNothing() throws {
        let site = try TestSite(content: "bulletin")
        let before = try site.snapshot(site.content)
        let badCode = try run(["new", "Tin mới", "--directive", "01KLTW"], in: site.root)
        #expect(badCode.status == 64)
        #expect(badCode.stderr.contains("`01KLTW` is not a directive code; write it like 01-KL/TW"))
        let badYear = try run(["new", "Tin mới", "--theme", "23"], in: site.root)
        #expect(badYear.status == 64)
        #expect(badYear.stderr.contains("23 is not a theme year; write a year from 1900 to 2200, e.g. 2023"))
        let noLetters = try run(["new", "???"], in: site.root)
        #expect(noLetters.status == 64)
        #expect(noLetters.stderr.contains("the title must contain letters or digits"))
        let noLatin = try run(["new", "Лето"], in: site.root)
        #expect(noLatin.status == 64)
        #expect(noLatin.stderr.contains("the title gives no address: an address is made of its Latin letters"), "\(noLatin)")
        #expect(noLatin.stderr.contains("write it with some (`bantin new \"Tên tiếng Việt – Лето\"`): once the file is made, its `title:` may be this one alone, with a `slug:` for its address"), "\(noLatin)")
        // A title starting with `-` before `--` would be read as options (`-thời sự` holds `h`:
        // the help, and success): a usage error saying where it goes.
        let dashed = try ["-thời sự", "-5 độ C ở Sa Pa"].map { try run(["new", $0], in: site.root) }
        for (title, refused) in zip(["-thời sự", "-5 độ C ở Sa Pa"], dashed) {
            #expect(refused.status == 64 && refused.stderr.contains("put it after `--`: bantin new -- \"\(title)\""), "\(refused)")
            #expect(!refused.stdout.contains("OVERVIEW"))
        }
        // Each with this command's usage, not the top-level one.
        for refused in [badCode, badYear, noLetters, noLatin] + dashed {
            #expect(refused.stderr.contains("Usage: bantin new <title>") && !refused.stderr.contains("<subcommand>"), "\(refused)")
        }
        // A title that starts with `-` goes after `--`, as the help says.
        #expect(try run(["new", "--help"], in: site.root).stdout.contains("bantin new -- \"-5 độ C ở Sa Pa\""))
        let dash = try run(["new", "--", "-5 độ C ở Sa Pa"], in: site.root)
        #expect(dash.status == 0 && dash.stdout.contains("5-do-c-o-sa-pa.md"), "\(dash)")
        try site.remove(dash.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let noFolder = try run(["new", "Tin mới", "--content", "noi-dung"], in: site.root)
        #expect(noFolder.status == 1)
        #expect(noFolder.stderr.contains("noi-dung: error: no such folder"))
        #expect(try site.snapshot(site.content) == before)
    }

    /// An output a build may not write into, or a bad `--base-url`, is no edit to wait for:
    /// `watch` says so and stops, as for a folder that is not there. (Run under `timeout`, so
    /// that a watch that waits fails the test instead of hanging it.)
    @Test func watchStopsAtOnceForOptionsNoEditMends() throws {
        let site = try TestSite(content: "bulletin")
        for (arguments, told) in [(["--output", "content/ra"], "refusing to build into content/ra"), (["--base-url", "vi-du.org"], "--base-url: error:")] {
            let watch = try Run.of(URL(fileURLWithPath: "/usr/bin/timeout"), ["20", Self.executable.path, "watch"] + arguments, in: site.root)
            #expect(watch.status == 1 && watch.stderr.contains(told), "\(arguments): \(watch)")
            #expect(!watch.stdout.contains("Watching"), "\(arguments): \(watch)")
        }
    }

    @Test func watchRebuildsAfterAnEditAndKeepsTheLastGoodSite() throws {
        let site = try TestSite(content: "bulletin")
        let watch = try WatchRun(in: site)
        let process = watch.process
        func waitFor(_ text: String, count: Int = 1) -> Bool { watch.waitFor(text, count: count) }
        #expect(waitFor("Watching content/"))
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: tiêu đề đã sửa", extra: "directives: [\"05-CT/TW\"]\n"))
        #expect(waitFor("Built ", count: 2), "an edit triggers a rebuild")
        #expect(site.exists("public/bai-viet/nghe-an-tieu-de-da-sua/index.html"))
        // An editor's leftovers (vim's swap file, rewritten as one types; its 4913 probe; a
        // backup) are no edit: no build, and the warnings are not printed again.
        let before = watch.log
        for leftover in ["content/articles/2023/05/.nghe-an.md.swp", "content/articles/2023/05/4913", "content/articles/2023/05/nghe-an.md~"] {
            try site.write(leftover, "x")
        }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.log == before, "\(watch.log)")
        let good = try site.snapshot()
        try site.write("content/articles/hong.md", "---\ntitle: \"Thiếu ngày\"\n---\n")
        #expect(waitFor("Build failed"), "a broken edit is reported")
        #expect(try site.snapshot() == good, "and the last good site stays")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// A scheduled article is published by `watch` when its time comes, with no edit saved: watch
    /// builds by itself then. Not with a fixed SOURCE_DATE_EPOCH, which never reaches that time
    /// (a watch beside, with "now" fixed at the start, builds once and waits for edits).
    /// A time as front matter writes it, at Vietnam's offset: `2024-05-01T08:00:00+07:00`.
    static var dateFormat: DateFormatter {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        format.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return format
    }

    /// Each time one comes: a second article due after the first is built at its time too, though
    /// the build at the first failed again.
    @Test func watchStillBuildsWhenAScheduledArticlesTimeComesAfterAFailedBuild() throws {
        let due = Date().addingTimeInterval(8), later = Date().addingTimeInterval(13)
        let format = Self.dateFormat
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/hen-gio.md", article(title: "Tin hẹn giờ", date: format.string(from: due)))
        try site.write("content/articles/hen-gio-hai.md", article(title: "Tin hẹn giờ hai", date: format.string(from: later)))
        // A watch started on a failing build knows the schedule of the last build before it.
        let started = try TestSite(content: "bulletin")
        try started.write("content/articles/hen-gio.md", article(title: "Tin hẹn giờ", date: format.string(from: due)))
        try started.write("content/articles/hen-gio-hai.md", article(title: "Tin hẹn giờ hai", date: format.string(from: later)))
        // (Built by the command, with the clock's "now": in the test's process nothing would wait.)
        #expect(try run(["build"], in: started.root).status == 0)
        try started.write("content/articles/hong.md", "---\ntitle: \"Thiếu ngày\"\n---\n")
        let failing = try WatchRun(in: started)
        let watch = try WatchRun(in: site)
        #expect(watch.waitFor("Watching content/"), "\(watch.log)")
        // A build fails after the one that knew the schedule: at the time, watch builds all the same.
        try site.write("content/articles/hong.md", "---\ntitle: \"Thiếu ngày\"\n---\n")
        #expect(watch.waitFor("Build failed"), "\(watch.log)")
        #expect(watch.waitFor("Scheduled for \(format.string(from: due))", seconds: 20), "\(watch.log)")
        #expect(watch.waitFor("Build failed", count: 2), "\(watch.log)")
        #expect(watch.waitFor("Scheduled for \(format.string(from: later))", seconds: 20), "\(watch.log)")
        #expect(watch.waitFor("Build failed", count: 3), "\(watch.log)")
        try site.remove("content/articles/hong.md")
        #expect(watch.waitFor("Built ", count: 2), "\(watch.log)")
        #expect(site.exists("public/bai-viet/tin-hen-gio/index.html") && site.exists("public/bai-viet/tin-hen-gio-hai/index.html"))
        #expect(failing.waitFor("Scheduled for \(format.string(from: due))", seconds: 5), "\(failing.log)")
        #expect(failing.waitFor("Scheduled for \(format.string(from: later))", seconds: 10), "\(failing.log)")
        #expect(failing.waitFor("Build failed", count: 3), "\(failing.log)")
        for run in [watch, failing] {
            run.process.interrupt()
            run.process.waitUntilExit()
            #expect(run.process.terminationStatus == 0)
        }
    }

    @Test func watchPublishesAScheduledArticleWhenItsTimeComes() throws {
        let due = Date().addingTimeInterval(8)
        let format = Self.dateFormat
        let clockSite = try TestSite(content: "bulletin"), fixedSite = try TestSite(content: "bulletin")
        for site in [clockSite, fixedSite] {
            try site.write("content/articles/hen-gio.md", article(title: "Tin hẹn giờ", date: format.string(from: due)))
        }
        // A published article's `updated` a moment later: its time comes too (its warning goes).
        let updated = due.addingTimeInterval(3)
        try clockSite.write("content/articles/cap-nhat.md", article(title: "Tin cập nhật", extra: "updated: \(format.string(from: updated))\n"))
        // With `--future` nothing waits: an `updated` at the article's own date builds for itself.
        let futureSite = try TestSite(content: "bulletin")
        try futureSite.write("content/articles/hen-gio.md", article(title: "Tin hẹn giờ", date: format.string(from: due)))
        try futureSite.write("content/articles/cap-nhat.md", article(title: "Tin cập nhật", extra: "updated: \(format.string(from: due))\n"))
        let future = try WatchRun(in: futureSite, arguments: ["--future"])
        let clock = try WatchRun(in: clockSite)
        let fixed = try WatchRun(in: fixedSite, sourceDateEpoch: String(Int(Date().timeIntervalSince1970)))
        for watch in [clock, fixed] {
            #expect(watch.waitFor("Watching content/"), "\(watch.log)")
            #expect(watch.log.contains("1 scheduled article waiting, next due "), "\(watch.log)")
        }
        let page = "public/bai-viet/tin-hen-gio/index.html"
        #expect(!clockSite.exists(page) && !fixedSite.exists(page))
        #expect(clock.waitFor("Scheduled for \(format.string(from: due))", seconds: 20), "\(clock.log)")
        #expect(clock.waitFor("Built ", count: 2), "\(clock.log)")
        #expect(clockSite.exists(page))
        #expect(clock.waitFor("A published article's `updated` time has come: building."), "\(clock.log)")
        #expect(clock.waitFor("Built ", count: 3), "\(clock.log)")
        #expect(clock.log.components(separatedBy: "is later than now").count - 1 == 2, "warned by the first two builds, not the third: \(clock.log)")
        #expect(future.waitFor("A published article's `updated` time has come: building."), "\(future.log)")
        #expect(!future.log.contains("Scheduled for"), "\(future.log)")
        // The fixed "now" was left as it was: one build, the article still waiting.
        Thread.sleep(forTimeInterval: 1)
        #expect(fixed.log.components(separatedBy: "Built ").count - 1 == 1 && !fixed.log.contains("Scheduled for"), "\(fixed.log)")
        #expect(!fixedSite.exists(page))
        for watch in [clock, fixed, future] {
            watch.process.interrupt()
            watch.process.waitUntilExit()
            #expect(watch.process.terminationStatus == 0)
        }
    }

    /// The folders are watched from before the first build: an edit saved while it runs (which
    /// may fail it, "changed during the build") builds again. Made certain here by holding the
    /// build lock: the first build waits for it, the edit is saved meanwhile, and a second
    /// build follows the first without any later edit.
    @Test func anEditSavedDuringTheFirstBuildOfWatchBuildsAgain() throws {
        let site = try TestSite(content: "bulletin")
        let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
        let watch = try WatchRun(in: site)
        let process = watch.process
        func waitFor(_ text: String, count: Int = 1) -> Bool { watch.waitFor(text, count: count) }
        #expect(waitFor("waiting for another bantin build"))
        try site.write("content/articles/2023/05/nghe-an.md", article(title: "Nghệ An: sửa khi đang dựng", extra: "directives: [\"05-CT/TW\"]\n"))
        lock.release()
        #expect(waitFor("Watching content/"))
        #expect(waitFor("Up to date", count: 1) || waitFor("Built ", count: 2), "no build after the edit saved during the first: \(watch.log)")
        #expect(site.exists("public/bai-viet/nghe-an-sua-khi-dang-dung/index.html"))
        process.interrupt()
        process.waitUntilExit()
    }

    /// `bantin check` run while a build writes the site waits for it, saying so, and then checks
    /// the whole site that build made (it read part of the last site and part of the next, and
    /// told of links broken in neither). The build is stood for by its lock, held here.
    @Test func checkWaitsForABuildOfTheSiteItChecks() throws {
        let site = try TestSite(content: "bulletin")
        #expect(try Bantin.run(["build"], in: site.root).status == 0)
        // By its name, and through a link to it.
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("site").path, withDestinationPath: "public")
        for name in ["public", "site"] {
            let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
            let check = try Bantin.start(Bantin.process(["check", name], in: site.root))
            usleep(1_000_000)
            let waited = check.process.isRunning
            lock.release()
            let result = check.finish()
            #expect(waited, "check \(name) did not wait for the build")
            #expect(result.status == 0 && result.stdout.hasPrefix("Checked "), "\(result)")
            #expect(result.stderr.hasPrefix("waiting for the bantin build of \(name)/ (pid \(getpid())) to end before checking it…"), "\(result.stderr)")
        }
    }

    /// During the first build of a site (`bantin build & bantin check` in CI), there is no folder
    /// yet: check waits for the build that makes it (it said "no such folder" at once, exit 1).
    /// The same given a link to the output (`site` → `public`) whose folder the first build has
    /// not made yet: the link was read as leading nowhere, and `check` said "no such folder".
    @Test(arguments: ["public", "site"]) func checkWaitsForTheFirstBuildOfTheSite(named name: String) throws {
        let site = try TestSite(content: "bulletin")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("site").path, withDestinationPath: "public")
        let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
        let check = try Bantin.start(Bantin.process(["check", name], in: site.root))
        usleep(1_000_000)
        let waited = check.process.isRunning
        try site.write("public/index.html", "<!DOCTYPE html><title>x</title><a href=\"index.html\">x</a>")
        lock.release()
        let result = check.finish()
        #expect(waited, "check did not wait for the build")
        #expect(result.status == 0 && result.stdout.hasPrefix("Checked 1 pages"), "\(result)")
    }

    /// SIGTERM (or Ctrl-C) during the first build stops `watch` as it does later: status 0 and
    /// "Stopped watching." (it was the default action, status 143, with no word). The first
    /// build is held waiting for the build lock, so that the signal certainly comes during it.
    @Test func aStopSignalDuringTheFirstBuildOfWatchStopsItCleanly() throws {
        let site = try TestSite(content: "bulletin")
        let lock = try BuildLock(for: OutputFolder(url: site.output, display: "public"), wait: false)
        let watch = try WatchRun(in: site)
        #expect(watch.waitFor("waiting for another bantin build"))
        watch.process.terminate()
        // Ten seconds to stop while the first build still waits (the lock is released after, so
        // that a watch that does not stop cannot hang the test).
        for _ in 0..<100 where watch.process.isRunning { usleep(100_000) }
        let stoppedDuringTheFirstBuild = !watch.process.isRunning
        lock.release()
        watch.process.waitUntilExit()
        #expect(stoppedDuringTheFirstBuild)
        #expect(watch.process.terminationReason == .exit && watch.process.terminationStatus == 0, "\(watch.process.terminationReason) \(watch.process.terminationStatus)")
        #expect(watch.log.contains("Stopped watching."), "\(watch.log)")
    }

    /// A folder someone put into the output and made read-only (docs copied from read-only media)
    /// is kept like any other, though a folder without write permission cannot simply be moved to
    /// another folder. Run as a user who is not root (root may write anywhere): the tests' own
    /// user, or, for root, `nobody` through `setpriv`.
    @Test func aReadOnlyFolderSomeonePutIntoTheOutputIsKept() throws {
        let site = try TestSite(content: "bulletin")
        // Every step as that user. A copy of bantin beside the site: `nobody` may not reach the
        // one built (a clone in a private folder).
        try site.write("steps.sh", """
            ./bantin-copy build && \\
            mkdir public/tai-lieu && echo 'bản gốc' > public/tai-lieu/ghi-chu.txt && chmod a-w public/tai-lieu && \\
            ./bantin-copy build && \\
            echo 'Thêm.' >> content/articles/2023/05/nghe-an.md && \\
            ./bantin-copy build

            """)
        let asUser = getuid() == 0 ? "chown -R 65534:65534 . && setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let script = "cp '\(Self.executable.path)' bantin-copy && \(asUser)/bin/sh steps.sh"
        let result = try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: site.root)
        #expect(result.status == 0, "\(result)")
        #expect(try site.read(".public.bantin/kept/tai-lieu/ghi-chu.txt") == "bản gốc\n")
        #expect(result.stderr.contains("public/tai-lieu: warning: no build wrote this"), "\(result.stderr)")
        let mode = try #require(Directory.linkStatus(site.root.appendingPathComponent(".public.bantin/kept/tai-lieu").path)).st_mode
        #expect(mode & 0o222 == 0, "its mode was given back")
        _ = try? Run.of(URL(fileURLWithPath: "/bin/chmod"), ["-R", "u+w", site.root.path], in: site.root)
    }

    /// What someone put into the output and cannot be moved into `kept/` by itself (a folder
    /// there made read-only, a full disk) is never removed: it stays where it is, said where, and
    /// the next build keeps the whole previous site holding it, in `kept/` or, when `kept/` takes
    /// nothing, beside it. Run as a user who is not root, as above.
    @Test func whatCannotBeKeptByItselfIsNeverRemoved() throws {
        let site = try TestSite(content: "bulletin")
        let edit = "echo 'Thêm.' >> content/articles/2023/05/nghe-an.md"
        try site.write("steps.sh", """
            ./bantin-copy build || exit 10
            mkdir -p .public.bantin/kept/bai-viet && chmod 555 .public.bantin/kept/bai-viet
            mkdir public/bai-viet/ghi-chu && echo 'ghi chú' > public/bai-viet/ghi-chu/a.txt
            \(edit) && ./bantin-copy build || exit 11
            \(edit) && ./bantin-copy build 2> whole.err || exit 12
            chmod 555 .public.bantin/kept && echo 'đọc tôi' > public/README.txt
            \(edit) && ./bantin-copy build 2> stuck.err || exit 13
            test -f .public.bantin/old/README.txt || exit 14
            \(edit) && ./bantin-copy build 2> beside.err || exit 15
            chmod 755 .public.bantin/kept && echo 'thêm' > public/LICENSE.txt && \(edit) && ./bantin-copy build 2> kept.err || exit 16

            """)
        let asUser = getuid() == 0 ? "chown -R 65534:65534 . && setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let script = "cp '\(Self.executable.path)' bantin-copy && \(asUser)/bin/sh steps.sh"
        let result = try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: site.root)
        defer { _ = try? Run.of(URL(fileURLWithPath: "/bin/chmod"), ["-R", "u+w", site.root.path], in: site.root) }
        #expect(result.status == 0, "\(result)")
        #expect(try site.read(".public.bantin/kept/site-before/bai-viet/ghi-chu/a.txt") == "ghi chú\n")
        #expect(try site.read("whole.err").contains(
            "public/bai-viet/ghi-chu: warning: no build wrote this, and it could not be moved into .public.bantin/kept/ by itself (Permission denied): the whole site it was in was kept, as .public.bantin/kept/site-before/"))
        #expect(try site.read("stuck.err").contains(
            "public/README.txt: warning: no build wrote this, and it could not be moved into .public.bantin/kept/ by itself (.public.bantin/kept is read-only): it is in .public.bantin/old/README.txt for now; move it somewhere safe"))
        #expect(try site.read("beside.err").contains("public/README.txt: warning: no build wrote this, and it could not be moved into .public.bantin/kept/ by itself (.public.bantin/kept is read-only): the whole site it was in was kept, as .public.bantin/kept-site-before/"))
        #expect(try site.read(".public.bantin/kept-site-before/README.txt") == "đọc tôi\n")
        #expect(try site.read("kept.err").contains("public/LICENSE.txt: warning: no build wrote this"))
        #expect(try site.read(".public.bantin/kept/LICENSE.txt") == "thêm\n")
    }

    /// Whatever the umask, the site's files are 644 and its folders 755, after an edit too (a
    /// rebuild under another umask left a mix no clean build gives); the output folder keeps its
    /// own mode, group and set-group-ID bit, and the site's files take that group.
    @Test func theSitesModesAreTheSameWhateverTheUmask() throws {
        let site = try TestSite(content: "bulletin")
        let group: gid_t = getuid() == 0 ? 65534 : getgid()
        let bantin = "'\(Self.executable.path)' build"
        // The group and mode set after a first build: the next build, after an edit, gives them
        // to every file as a clean build would.
        let script = "umask 077 && \(bantin) && chgrp -R \(group) public && chmod 2750 public && echo 'Thêm.' >> content/articles/2023/05/nghe-an.md && umask 027 && \(bantin)"
        let result = try Run.of(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: site.root)
        #expect(result.status == 0, "\(result)")
        let top = try #require(Directory.linkStatus(site.output.path))
        #expect(top.st_mode & 0o7777 == 0o2750 && top.st_gid == group)
        var modes: [String: Int] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: site.output.path))
        for case let path as String in walker {
            let info = try #require(Directory.linkStatus(site.output.appendingPathComponent(path).path))
            let kind = Directory.isDirectory(info) ? "folder" : "file"
            modes["\(kind) \(String(info.st_mode & 0o777, radix: 8)) group \(info.st_gid == group ? "kept" : "other")", default: 0] += 1
        }
        #expect(Set(modes.keys) == ["file 644 group kept", "folder 755 group kept"], "\(modes)")
    }

    @Test(arguments: ["build", "check", "new", "watch"])
    func everyCommandHasHelp(command: String) throws {
        let result = try run([command, "--help"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: bantin \(command)"))
    }

    /// The README's table of commands gives each command with every option its `--help` lists
    /// (`watch` takes build's options and `--poll`: an editor looking for `watch --drafts` reads it there).
    @Test(arguments: ["build", "check", "new", "watch"])
    func theReadmeListsEveryOptionOfEachCommand(command: String) throws {
        let help = try run([command, "--help"], in: FileManager.default.temporaryDirectory).stdout
        let readme = try String(contentsOf: Repo.root.appendingPathComponent("README.md"), encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `bantin \(command)") })
        let synopsis = row.split(separator: "|")[0]
        let options = Set(help.matches(of: /--[a-z][a-z-]*/).map { String($0.output) }).subtracting(["--help", "--version"])
        #expect(!options.isEmpty)
        for option in options.sorted() { #expect(synopsis.contains(option), "\(command): \(option) not in README's `\(synopsis)`") }
    }

    /// The engineer who pins a version in CI asks it so.
    @Test func theVersionIsToldOnAsking() throws {
        let result = try run(["--version"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("bantin 0."))
    }
}

/// `bantin watch` running in a site's folder, its output in a log; stopped when the test ends.
final class WatchRun {
    let process = Process()
    let logURL: URL

    /// `sourceDateEpoch`: `SOURCE_DATE_EPOCH` for watch (unset when `nil`, whatever the test's own).
    init(in site: TestSite, sourceDateEpoch: String? = nil, arguments: [String] = []) throws {
        process.executableURL = CommandLineTests.executable
        process.arguments = ["watch"] + arguments
        process.currentDirectoryURL = site.root
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        process.environment = environment
        logURL = site.root.appendingPathComponent("watch.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logURL)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit { if process.isRunning { process.terminate() } }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Whether the log shows `text` `count` times within `seconds`.
    func waitFor(_ text: String, count: Int = 1, seconds: Int = 10) -> Bool {
        for _ in 0..<(seconds * 10) {
            if log.components(separatedBy: text).count - 1 >= count { return true }
            usleep(100_000)
        }
        return false
    }
}
