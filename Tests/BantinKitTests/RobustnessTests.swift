import Foundation
import Testing

@testable import BantinKit

/// Odd but legal input: huge files, empty bodies, loops, unusual names and deep folders.
@Suite struct RobustnessTests {
    @Test func aFiveMegabyteArticleBuilds() throws {
        let site = try TestSite()
        let paragraph = "Đảng bộ tỉnh tiếp tục **học tập và làm theo** tư tưởng, đạo đức, phong cách Hồ Chí Minh; cán bộ nêu gương.\n\n"
        let body = String(repeating: "## Phần\n\n" + String(repeating: paragraph, count: 40), count: 5_000_000 / (paragraph.utf8.count * 40))
        #expect(body.utf8.count > 4_900_000)
        try site.write("content/articles/dai.md", article(title: "Bài rất dài", body: body))
        try site.build()
        let page = try site.read("public/bai-viet/bai-rat-dai/index.html")
        #expect(page.utf8.count > body.utf8.count)
        #expect(page.contains("<h2 id=\"phan-100\">"))
    }

    @Test func aFileWithOnlyFrontMatterBuilds() throws {
        let site = try TestSite()
        try site.write("content/articles/rong.md", "---\ntitle: \"Chỉ có tiêu đề\"\ndate: 2024-01-01\n---")
        try site.build()
        #expect(site.exists("public/bai-viet/chi-co-tieu-de/index.html"))
    }

    @Test func aSymlinkLoopIsReportedNotFollowedForever() throws {
        let site = try TestSite()
        try site.write("content/articles/a/bai.md", article(title: "Bài trong vòng lặp"))
        try FileManager.default.createSymbolicLink(
            at: site.content.appendingPathComponent("articles/a/vong"), withDestinationURL: site.content.appendingPathComponent("articles"))
        let report = try site.build()
        #expect(report.articles == 1)
        #expect(report.diagnostics.contains { $0.message.contains("symbolic link loop") })
    }

    @Test func namesWithSpacesAndVietnameseLettersAndDeepFolders() throws {
        let site = try TestSite()
        let deep = (1...30).map { "cap \($0)" }.joined(separator: "/")
        try site.write("content/articles/\(deep)/Bài viết số một.md", article(title: "Bài ở thư mục sâu", extra: "image: \"ảnh hội nghị/Ảnh 1.png\"\nimage_alt: \"Ảnh\"\n"))
        try site.write("content/ảnh hội nghị/Ảnh 1.png", bytes: Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!))
        try site.build()
        let page = try site.read("public/bai-viet/bai-o-thu-muc-sau/index.html")
        // Addresses are percent-encoded (UTF-8); the file keeps its name.
        #expect(page.contains("src=\"../../\(Route.percentEncoded("ảnh hội nghị/Ảnh 1.png"))\""))
        #expect(site.exists("public/ảnh hội nghị/Ảnh 1.png"))
        #expect(page.contains("srcset=\"../../%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B/%E1%BA%A2nh%201-1.webp 1w\""), "a space would end a srcset candidate")
        #expect(LinkChecker.check(folder: site.output).broken == [])
    }

    @Test func anImageOutsideContentIsRefused() throws {
        let site = try TestSite()
        try site.write("content/articles/x.md", article(title: "Ảnh ngoài", extra: "image: ../../etc/passwd\nimage_alt: x\n"))
        let diagnostics = site.failingBuild()
        let problem = try #require(diagnostics.first { $0.message.contains("must be a path inside content/") })
        #expect(problem.line == 4)
    }

    /// A page or file Windows cannot hold (a device's name, `:` or `?` in a name, a last dot) is
    /// a warning at what names it: where the site is copied or unzipped there, it is lost.
    /// `Con người`, `Con Cuông`, `console.pdf` are no such names.
    @Test func namesWindowsCannotHoldAreAWarning() throws {
        let site = try TestSite()
        try site.write("content/articles/con.md", article(title: "Con", extra: "category: Aux\nlocation: Con Cuông\n"))
        try site.write("content/articles/nul.md", article(title: "Bài khác", extra: "slug: nul\n"))
        // A category's page is told once, however many articles name it.
        try site.write("content/articles/cu.md", article(title: "Bài cũ", date: "2022-01-01", extra: "category: aux\n"))
        try site.write("content/articles/con-nguoi.md", article(title: "Con người", body: "[Báo cáo](../media/bao-cao-10:30.pdf), [phụ lục](../media/com1/phu-luc.pdf), [a](../media/aux.txt), [b](../media/cuoi.), [c](../media/console.pdf)"))
        for name in ["bao-cao-10:30.pdf", "com1/phu-luc.pdf", "com1/phu-luc-2.pdf", "aux.txt", "cuoi.", "console.pdf"] { try site.write("content/media/" + name, "x") }
        let told = try site.build().diagnostics.filter { $0.message.contains("on Windows") }.map { "\($0.file):\($0.line): \($0.message.prefix(60))" }.sorted()
        #expect(told == [
            "content/articles/con.md:2: `title` makes the page bai-viet/con/, and `CON` is the name ",
            "content/articles/con.md:4: `category` makes the page chuyen-muc/aux/, and `AUX` is the ",
            "content/articles/nul.md:4: `slug` makes the page bai-viet/nul/, and `NUL` is the name o",
            "content/media/aux.txt:0: `AUX` is the name of a device on Windows, which no file or f",
            "content/media/bao-cao-10:30.pdf:0: Windows does not allow `:` in a name: where the site is copi",
            "content/media/com1/:0: `COM1` is the name of a device on Windows, which no file or ",
            "content/media/cuoi.:0: Windows drops a name's last dot: where the site is copied, u",
        ], "\(told)")
    }

    /// A body that would keep Markdown busy for minutes is refused at its line before it is
    /// parsed: lists or quotes thousands deep, opened on one line or going on across lines (by
    /// their indent), before thousands of lines; `www.` addresses run together with `_`. Nesting
    /// an article could have, a deep quote or a line of `>` before fewer lines, a rule of many
    /// marks, and many addresses apart, build.
    @Test func aBodyThatWouldTakeMinutesToParseIsRefusedAtItsLine() throws {
        let lazy = String(repeating: "b\n", count: 10_000)
        // Lines each opening 100 lists, indented with tabs to go on inside those before: 2,000 deep.
        let acrossLines = (0..<20).map { String(repeating: "\t", count: 50 * $0) + String(repeating: "- ", count: 100) + "a" }.joined(separator: "\n") + "\n"
        for (opening, line, depth) in [
            (String(repeating: "- ", count: 5_000) + "a\n", 7, 5_000), (String(repeating: "> - 1. ", count: 1_000) + "a\n", 7, 3_000),
            (acrossLines, 26, 2_000), ((0..<2_000).map { "[^\($0)]: " }.joined() + "x\n", 7, 2_000),
        ] {
            let site = try TestSite()
            try site.write("content/articles/long.md", article(title: "Danh sách", body: "Mở đầu.\n\n" + opening + lazy))
            let told = try #require(site.failingBuild().first { $0.file == "content/articles/long.md" })
            #expect((told.severity, told.line, told.column) == (.error, line, 1), "\(told)")
            #expect(told.message.hasPrefix("this line is \(depth) lists or quotes deep, and Markdown would check each of the lines after it"), "\(told.message)")
        }
        let run = try TestSite()
        try run.write("content/articles/www.md", article(title: "Địa chỉ", body: "Mở đầu.\n\nXem " + String(repeating: "www.a_", count: 20_000) + " nhé.\n"))
        let told = try #require(run.failingBuild().first { $0.file == "content/articles/www.md" })
        #expect((told.line, told.column) == (7, 5), "\(told)")
        #expect(told.message.hasPrefix("this text has 20000 web addresses `www.…` run together in 120000 characters without a space"), "\(told.message)")

        let sound = try TestSite()
        let nested = (0..<30).map { String(repeating: "  ", count: $0) + "- mục \($0)" }.joined(separator: "\n")
        // A quote 200 deep over 10,000 lines, a line of 150 `>` in code, a rule of 500 `- `, a
        // line of spaces only.
        let body = nested + "\n\n" + String(repeating: "> ", count: 200) + "trích\n" + lazy + "\n```\n" + String(repeating: ">", count: 150) + "\n```\n\n"
            + String(repeating: " ", count: 40_000) + "\n" + lazy + "\n"
            + String(repeating: "- ", count: 500) + "\n\n" + String(repeating: "www.vi-du.vn/a_b ", count: 20_000) + "\n"
        try sound.write("content/articles/sau.md", article(title: "Lồng nhau", body: body))
        try sound.build()
        let page = try sound.read("public/bai-viet/long-nhau/index.html")
        #expect(page.contains("mục 29") && page.contains("<hr />") && page.contains("href=\"http://www.vi-du.vn/a_b\""))
    }

    /// A body whose page would be far larger than its text is refused at its line before it is
    /// parsed (cmark-gfm would take gigabytes): a wide table header over many short rows, in a
    /// quote too, or a long link address used over and over; so is such a directive's
    /// description. A large table written out in full builds.
    @Test func aBodyThatWouldBlowUpIsRefusedAtItsLine() throws {
        let columns = 1_000, rows = 8_000
        let table = "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n" + String(repeating: "|x|\n", count: rows)
        let site = try TestSite()
        try site.write("content/articles/bang.md", article(title: "Bảng", body: "Mở đầu.\n\n" + table))
        let told = try #require(site.failingBuild().first { $0.file == "content/articles/bang.md" })
        #expect(told.severity == .error)
        #expect((told.line, told.column) == (8, 1), "at the line of dashes")
        #expect(told.message.contains("this table has 1000 columns and 8000 rows") && told.message.contains("7992000 empty cells"), "\(told.message)")

        let quoted = try TestSite()
        try quoted.write("content/articles/bang.md", article(title: "Bảng", body: table.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")))
        #expect(quoted.failingBuild().contains { $0.file == "content/articles/bang.md" && $0.message.contains("8000 rows") }, "in a quote")

        let address = "https://vi-du.org/" + String(repeating: "x", count: 10_000)
        let reference = try TestSite()
        try reference.write("content/articles/lien-ket.md", article(title: "Liên kết", body: String(repeating: "[A] ", count: 1_000) + "\n\n[a]: " + address + "\n"))
        let link = try #require(reference.failingBuild().first { $0.file == "content/articles/lien-ket.md" })
        #expect((link.line, link.column) == (7, 1), "at the definition")
        #expect(link.message.contains("the link `[a]` has a 10018-byte address (and title) and is used 1000 times"), "\(link.message)")

        // Links each under the limit add up.
        let several = try TestSite()
        let labels = ["a", "b", "c", "d", "e"]
        try several.write("content/articles/lien-ket.md", article(title: "Liên kết",
            body: labels.map { String(repeating: "[\($0)] ", count: 1_000) }.joined() + "\n\n"
                + labels.map { "[\($0)]: https://vi-du.org/" + String(repeating: "x", count: 2_000) }.joined(separator: "\n") + "\n"))
        #expect(several.failingBuild().contains { $0.file == "content/articles/lien-ket.md" && $0.line == 10 && $0.message.contains("(with the links above it, 8 MB)") })

        // Labels are compared case folded, as Markdown compares them: `[ß]` uses `[ss]`.
        let folded = try TestSite()
        try folded.write("content/articles/lien-ket.md", article(title: "Liên kết", body: String(repeating: "[ß] ", count: 1_000) + "\n\n[SS]: " + address + "\n"))
        #expect(folded.failingBuild().contains { $0.file == "content/articles/lien-ket.md" && $0.line == 7 && $0.message.contains("is used 1000 times") })

        // Many tables each under the limit add up; an address or title on the definition's next line counts.
        let small = "|" + String(repeating: "a|", count: 100) + "\n|" + String(repeating: "-|", count: 100) + "\n" + String(repeating: "x\n", count: 400) + "\n"
        let tables = try TestSite()
        try tables.write("content/articles/bang.md", article(title: "Bảng", body: String(repeating: small, count: 3)))
        let third = try #require(tables.failingBuild().first { $0.file == "content/articles/bang.md" })
        #expect(third.line == 5 + 2 * 403 + 1 && third.message.contains("39600 empty cells (with the tables above it, 118800)"), "\(third)")
        // A title's lines, and an address on the next line, count however much they look like definitions.
        let titleLines = (0..<400).map { "[z\($0)]: " + String(repeating: "t", count: 30) }.joined(separator: "\n")
        for definition in [
            "[a]:\n" + address, "[a]: https://vi-du.org/\n\"" + String(repeating: "t", count: 10_000) + "\"",
            "[a]: https://vi-du.org/ \"\n" + titleLines + "\"", "[a]:\n[z]:" + String(repeating: "x", count: 10_000),
            "[a]: https://vi-du.org/ \"t\\\"\n" + titleLines + "\"",  // a closer escaped closes nothing
        ] {
            let nextLine = try TestSite()
            try nextLine.write("content/articles/lien-ket.md", article(title: "Liên kết", body: String(repeating: "[a] ", count: 1_000) + "\n\n" + definition + "\n"))
            #expect(nextLine.failingBuild().contains { $0.file == "content/articles/lien-ket.md" && $0.line == 7 && $0.message.contains("is used 1000 times") })
        }

        let description = try TestSite()
        try description.write("content/directives/01-kl-tw.md", "---\ncode: \"01-KL/TW\"\ntitle: \"Kết luận\"\n---\n" + table)
        #expect(description.failingBuild().contains { $0.file == "content/directives/01-kl-tw.md" && $0.line == 6 && $0.message.contains("8000 rows") })

        // Full rows, or a few links, are text as long as the page: they build.
        let sound = try TestSite()
        let full = "|" + String(repeating: "a|", count: 20) + "\n|" + String(repeating: "-|", count: 20) + "\n" + String(repeating: "|" + String(repeating: "x|", count: 20) + "\n", count: 5_000)
        try sound.write("content/articles/bang.md", article(title: "Bảng", body: full + "\n" + String(repeating: "[a] ", count: 100) + "\n\n[a]: " + address + "\n"))
        try sound.build()
        #expect(try sound.read("public/bai-viet/bang/index.html").contains("<td>x</td>"))

        // Definitions one after another are each as long as its own line; a footnote's note, however
        // long and often referred to, is shown once.
        let definitions = (0..<500).map { "[b\($0)]: https://vi-du.org/b\($0)" }.joined(separator: "\n")
        let note = "[^1]: " + String(repeating: "Nguồn tư liệu. ", count: 700)
        try sound.write("content/articles/dinh-nghia.md", article(title: "Định nghĩa", body: String(repeating: "[a] [^1] ", count: 1_000) + "\n\n[a]: https://vi-du.org/\n" + definitions + "\n\n" + note + "\n"))
        try sound.build()
        #expect(try sound.read("public/bai-viet/dinh-nghia/index.html").contains("<a href=\"https://vi-du.org/\">a</a>"))
    }
}
