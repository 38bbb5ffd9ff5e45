import Foundation
import Testing

@testable import BantinKit

/// Which files of `content/` are read, which are published as they are, and which are neither.
@Suite struct ContentFileKindTests {
    @Test func markdownIsReadWhateverTheCaseOfItsExtension() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/NHAP.MD", article(title: "Bản nháp chưa duyệt", extra: "slug: ban-nhap\ndraft: true\n"))
        try site.write("content/articles/2023/mot.markdown", article(title: "Bài viết thứ nhất", extra: "slug: bai-mot\n"))
        try site.write("content/directives/01-KL-TW.Md", "---\ncode: 01-KL/TW\nkind: Kết luận\ntitle: Về học tập và làm theo Bác\n---\nMô tả.\n")
        try site.build()
        #expect(site.exists("public/bai-viet/bai-mot/index.html"))
        #expect(try site.read("public/van-ban/01-kl-tw/index.html").contains("Về học tập và làm theo Bác"))
        // A draft's source is never published, whatever its name.
        #expect(!site.exists("public/articles/2023/NHAP.MD"))
        #expect(!site.exists("public/bai-viet/ban-nhap/index.html"))
        #expect(!site.exists("public/articles/2023/mot.markdown"))
        try site.build(drafts: true)
        #expect(site.exists("public/bai-viet/ban-nhap/index.html"))
    }

    /// The settings saved under another spelling (Notepad's `.txt`, another case) are not read:
    /// an error at that file, rather than a site with a default title, no menu, and the settings
    /// published as a file. A settings file read leaves other files of similar names alone.
    @Test func settingsUnderAnotherNameAreAnError() throws {
        for name in ["Site.yml", "site.yml.txt", "SITE.YAML", "site.yaml.txt"] {
            let site = try TestSite()
            try site.write("content/\(name)", "title: \"Bản tin Chi bộ\"\n")
            try site.write("content/articles/a.md", article(title: "Bài viết"))
            let errors = site.failingBuild().filter { $0.severity == .error }
            #expect(errors.map(\.file) == ["content/\(name)"], "\(name): \(errors)")
            #expect(errors.first?.message.contains("rename it to site.yml") == true, "\(errors)")
        }
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin Chi bộ\"\n")
        try site.write("content/media/site.yml.txt", "ghi chú\n")
        try site.write("content/articles/a.md", article(title: "Bài viết"))
        try site.build()
        #expect(try site.read("public/index.html").contains("Bản tin Chi bộ"))
    }

    /// With both `site.yml` and `site.yaml`, the one not read is told so (its edits would change
    /// nothing); a file refused for what it is (`bai.md.txt` beside the articles) is not also
    /// said to be published.
    @Test func aSettingsFileNotReadAndARefusedFileAreToldOnce() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin cũ\"\n")
        try site.write("content/site.yaml", "title: \"Bản tin mới\"\n")
        try site.write("content/articles/a.md", article(title: "Bài viết"))
        let warnings = try site.build().diagnostics.filter { $0.file.hasPrefix("content/site.") }.map { "\($0.file): \($0.message)" }
        #expect(warnings == ["content/site.yaml: not read: the settings are read from content/site.yml when there is one; keep one settings file (move what this one holds into content/site.yml, and delete it)"], "\(warnings)")
        try site.write("content/articles/bai.md.txt", article(title: "Bài lưu nhầm đuôi"))
        let told = site.failingBuild().filter { $0.file == "content/articles/bai.md.txt" }.map { "\($0.severity) \($0.message.prefix(30))" }
        #expect(told == ["error this is Markdown under another"], "\(told)")
    }

    @Test func anEditorsLeftoversAreNotPublished() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        let leftovers = [
            "articles/2023/a.md~", "articles/2023/#a.md#", "articles/2023/a.md.bak", "articles/2023/a.md.swp",
            "media/~$bien-ban.docx", "media/Thumbs.db", "media/desktop.ini", "media/tam.tmp",
            // A merge tool's copy of the conflicted file, a patch's rejects.
            "directives/01-kl-tw.md.orig", "media/ghi-chu.md.orig", "articles/2023/a.md.rej",
            // Backups by their names' other endings.
            "articles/2023/a.md.old", "articles/2023/a.md.bk", "media/ghi-chu.md.backup",

            // Where a file copied out of Windows was downloaded from; macOS's folder icon.
            "media/anh.jpg:Zone.Identifier", "media/Icon\r",
            // Saves cut short: nano's, JetBrains', `sed -i`'s, vim's probe when 4913 was taken; downloads not finished.
            "articles/2023/a.md.save", "articles/2023/a.md.save.2", "articles/2023/a.md___jb_tmp___", "articles/2023/a.md___jb_old___",
            "articles/2023/sedK3xq9Z", "articles/2023/4913", "articles/2023/5036", "media/anh.jpg.part", "media/anh.jpg.crdownload", "media/bien-ban.pdf.partial",
        ]
        for file in leftovers { try site.write("content/" + file, "---\ntitle: Nháp cũ\ndraft: true\n---\nNội dung cũ.\n") }
        try site.write("content/media/bien-ban.pdf", "%PDF-1.4\n")
        // The theme's too: an editor saving style.css leaves them in templates/assets/.
        let assetLeftovers = ["assets/style.css~", "assets/style.css.bak", "assets/#style.css#"]
        for file in assetLeftovers { try site.write("templates/" + file, "body { color: red }\n") }
        let report = try site.build()
        for file in leftovers + assetLeftovers { #expect(!site.exists("public/" + file), "\(file) was published") }
        #expect(site.exists("public/media/bien-ban.pdf") && site.exists("public/assets/style.css"))
        #expect(!report.diagnostics.contains { $0.severity == .error })
        #expect(!report.diagnostics.contains { $0.message.contains("published as") }, "\(report.diagnostics)")
        // Names like theirs that are content's: published.
        let likeTheirs = ["media/2023.csv", "media/5037", "media/sedge.txt", "media/bao-cao.save.pdf"]
        for file in likeTheirs { try site.write("content/" + file, "x\n") }
        try site.build()
        for file in likeTheirs { #expect(site.exists("public/" + file), "\(file) was not published") }
        // A link to one is told why nothing is published for it, not that it does not exist.
        try site.write("content/articles/2023/b.md", article(title: "Bài hai", body: "Xem [báo cáo](../../media/anh.jpg.part).\n"))
        let told = site.failingBuild().filter { $0.file == "content/articles/2023/b.md" }.map(\.message)
        #expect(told == ["`../../media/anh.jpg.part` has the name of an editor's leftover (a backup, a save cut short, a download not finished), and such files are never published: rename the file if it is meant for readers"], "\(told)")
        // So is a link to a hidden file, there or not, or to a file in a hidden folder.
        try site.write("content/media/.an.pdf", "%PDF-1.4\n")
        try site.write("content/articles/2023/b.md", article(title: "Bài hai", body: "Xem [tệp](../../media/.an.pdf) và [nháp](../../.nhap/a.pdf).\n"))
        let hidden = site.failingBuild().filter { $0.file == "content/articles/2023/b.md" }.map(\.message)
        #expect(hidden == [
            "`../../media/.an.pdf` has a hidden name (`.an.pdf` begins with a dot), and hidden files are never published: name it without the dot if it is meant for readers",
            "`../../.nhap/a.pdf` has a hidden name (`.nhap` begins with a dot), and hidden files are never published: name it without the dot if it is meant for readers",
        ], "\(hidden)")
        // And `image:` or `share_image:` naming one.
        try site.write("content/media/.anh.jpg", bytes: [0xFF, 0xD8, 0xFF])
        try site.write("content/articles/2023/b.md", article(title: "Bài hai", extra: "image: ./media/.anh.jpg\nimage_alt: Ảnh\n"))
        try site.write("content/site.yml", "title: Bản tin\nshare_image: media/.anh.jpg\n")
        try site.write("content/articles/2023/c.md", article(title: "Bài ba", extra: "image: https://example.org/.thumbs/anh.jpg\nimage_alt: Ảnh\n"))
        let fields = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file): \($0.message)" }.sorted()
        #expect(fields == [
            "content/articles/2023/b.md: image `./media/.anh.jpg` has a hidden name (`.anh.jpg` begins with a dot), and hidden files are never published: name it without the dot if it is meant for readers",
            "content/articles/2023/c.md: image `https://example.org/.thumbs/anh.jpg` must be a path inside content/, like `media/2023/anh.jpg`: a photo on another site is not published from there; save it under content/ (`media/2023/anh.jpg`) and write that path",
            "content/site.yml: `share_image` `media/.anh.jpg` has a hidden name (`.anh.jpg` begins with a dot), and hidden files are never published: name it without the dot if it is meant for readers",
        ], "\(fields)")
    }

    /// What a merge leaves beside a file (`git mergetool`'s copies of its versions, cut short; the
    /// file git moves aside when a file and a folder of one name conflict) is not published, with
    /// a warning naming the file it is a copy of; a name like theirs with no such file beside it
    /// is content like any.
    @Test func whatAMergeLeftBesideAFileIsNotPublished() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        try site.write("content/articles/2023/b.v2.md", article(title: "Bài hai", extra: "slug: bai-hai\n"))
        try site.write("content/media/so-lieu.csv", "x\n")
        try site.write("content/media/anh.jpg.txt/ghi-chu.txt", "x\n")
        let left = [
            "articles/2023/a_BASE_12345.md", "articles/2023/a_LOCAL_12345.md", "articles/2023/a_REMOTE_12345.md", "articles/2023/a_BACKUP_9.md",
            "articles/2023/b.v2_LOCAL_7.md", "media/so-lieu_BASE_4242.csv", "articles/2023/a.md~HEAD", "media/anh.jpg.txt~nhanh-b",
        ]
        for (n, file) in left.enumerated() { try site.write("content/" + file, article(title: "Bản cũ \(n)", extra: "draft: true\n")) }
        let report = try site.build()
        for file in left { #expect(!site.exists("public/" + file), "\(file) was published") }
        #expect(!site.exists("public/bai-viet/ban-cu-0/index.html"))
        let told = report.diagnostics.filter { $0.message.hasPrefix("not published: a copy of") }.map(\.file)
        #expect(told == left.map { "content/" + $0 }.sorted(), "\(report.diagnostics)")
        // Names like theirs, with no file beside them: an article and a file like any.
        let likeTheirs = ["articles/2023/KE_HOACH_BACKUP_2025.md", "articles/2023/lich-truc-tuan-01.05~07.05.md", "media/bao-cao-quy-1.2024~quy-2.2024.pdf", "media/so-lieu_BASE_2023.xlsx.pdf"]
        for (n, file) in likeTheirs.enumerated() { try site.write("content/" + file, file.hasSuffix(".md") ? article(title: "Bài thật \(n)") : "x\n") }
        let again = try site.build()
        #expect(site.exists("public/bai-viet/bai-that-0/index.html") && site.exists("public/bai-viet/bai-that-1/index.html"))
        #expect(site.exists("public/media/bao-cao-quy-1.2024~quy-2.2024.pdf") && site.exists("public/media/so-lieu_BASE_2023.xlsx.pdf"))
        #expect(again.diagnostics.filter { $0.message.hasPrefix("not published: a copy of") }.count == left.count)
    }

    /// Markdown saved with Notepad's `.txt` (or another Markdown extension bantin does not read)
    /// would be published as it is, draft and all: an error, wherever it is; a `.txt` that is no
    /// Markdown is published.
    @Test func markdownSavedUnderAnotherNameIsAnError() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        let draft = "---\ntitle: Bản nháp chưa duyệt\ndraft: true\n---\nNội dung chưa duyệt.\n"
        let misnamed = [
            "Bài mới.md.txt", "articles/2023/nhap.MD.TXT", "media/ghi-chu.mdown", "media/ke-hoach.txt", "media/bai.mdx", "articles/2023/bai.qmd",
            // An article's file with more after its name, or a `.text`, starting as an article does.
            "articles/2023/nhap.md.draft", "media/bai.md.1", "media/bai.md.html", "media/ghi.text",
        ]
        for file in misnamed { try site.write("content/" + file, draft) }
        // Front matter that starts with any field of an article's (the subtitle, above the title), or
        // holds one after a comment, a blank line, another generator's field; a key in quotes; a
        // fence with a space after it; Windows' line ends.
        let fields = String(draft.dropFirst(4))
        let variants: [String: String] = [
            "media/tit-phu.txt": "---\nsubtitle: Tít phụ\n" + fields, "media/chu-thich.txt": "---\n# ghi chú\n" + fields,
            "media/dong-trong.txt": "---\n\n" + fields, "media/ngoac.txt": "---\n\"title\": Bản nháp\ndraft: true\n---\nx\n",
            "media/cach.txt": "--- \n" + fields, "media/hugo.txt": "---\ndescription: Tóm tắt\n" + fields,
            "media/windows.txt": draft.replacingOccurrences(of: "\n", with: "\r\n"),
            // After another tool's fields: a value going on to the next line, a name in Vietnamese.
            "media/dai.txt": "---\nlayout: post\ndescription: \"Một đoạn dài\ntiếp ở dòng sau\"\ntags: [Đảng bộ,\nChi bộ]\ntác_giả: Lan\n" + fields,
            // A quote or a bracket inside a plain value, or escaped, leaves nothing open.
            "media/ngoac-le.txt": "---\nscreen: 15.6\"\nalt: 'Màn hình 24\"'\nnote: Xem mục [a\nquote: \"Bác dạy: \\\"Đoàn kết\"\n" + fields,
        ]
        for (file, text) in variants { try site.write("content/" + file, text) }
        // A text whose fields are none of an article's is no Markdown.
        try site.write("content/media/ghi-chu.txt", "---\nGhi chú: họp chi bộ\nNgười ghi: Lan\n---\nNội dung.\n")
        // Nor a guide whose prose, under a rule, shows a field.
        try site.write("content/media/huong-dan.txt", "---\nHướng dẫn cho cộng tác viên: mỗi bài mở đầu bằng\n\ntitle: \"Tên bài\"\ndate: 2024-05-01\n")
        try site.write("content/media/doc-ky.txt", "Danh sách đảng viên dự họp.\n")
        // A text whose first line is a rule, with no field after it, is no Markdown.
        try site.write("content/media/bien-ban.txt", "---\nBiên bản họp chi bộ tháng 5\n---\nNội dung: kiểm điểm.\n")
        let told = site.failingBuild().filter { $0.severity == .error }
        #expect(Set(told.map(\.file)) == Set((misnamed + variants.keys).map { "content/" + $0 }), "\(told)")
        #expect(told.allSatisfy { $0.message.contains("rename it to end in `.md`") })
        // Notepad's `.txt` is named only where the name ends so.
        #expect(told.allSatisfy { $0.message.contains("(Notepad adds `.txt`)") == $0.file.lowercased().hasSuffix(".txt") }, "\(told)")
        for file in misnamed + variants.keys { try site.remove("content/" + file) }
        try site.build()
        #expect(site.exists("public/media/doc-ky.txt") && site.exists("public/media/bien-ban.txt") && site.exists("public/media/ghi-chu.txt") && site.exists("public/media/huong-dan.txt"))
    }

    /// A merge conflict nobody resolved, left in an article (body or front matter, git's style or
    /// diff3's), a directive, a template or a text file published as it is (a theme's stylesheet,
    /// a drawing or a table of content/), is an error at its first marker line, and the site
    /// before stays; a line of `=` under a heading, or a quote seven deep, is none.
    @Test func aMergeConflictLeftInAFileIsAnErrorAtItsMarker() throws {
        let site = try TestSite()
        let ordinary = "Tiêu đề phụ\n=======\n\n>>>>>>> trích dẫn bảy tầng\n\nĐoạn <<<<<<< giữa dòng.\n"
        try site.write("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n", body: ordinary))
        try site.build()
        #expect(try site.read("public/bai-viet/bai-viet/index.html").contains("trích dẫn bảy tầng"))
        let before = try site.snapshot()
        let conflicts: [(file: String, text: String, line: Int)] = [
            ("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n", body: "Mở đầu.\n\n<<<<<<< HEAD\nBản A.\n=======\nBản B.\n>>>>>>> nhanh-b\n"), 8),
            ("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n", body: "Mở đầu.\n\n<<<<<<< HEAD\n\nBản A.\n\n||||||| goc\n\nBản gốc.\n\n=======\n\nBản B.\n\n>>>>>>> b\n"), 8),
            ("content/articles/2023/a.md", "---\ntitle: Bài viết\nslug: bai-viet\ndate: 2023-05-09\nsummary: \"Tóm tắt\n<<<<<<< HEAD\nbản A\n=======\nbản B\n>>>>>>> b\n\"\n---\nThân bài.\n", 6),
            ("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n", body: "Mở đầu.\r\n\r\n<<<<<<< HEAD\r\nBản A.\r\n=======\r\nBản B.\r\n>>>>>>> nhanh-b\r\n"), 8),
            ("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\n<<<<<<< HEAD\ntitle: A\n=======\ntitle: B\n>>>>>>> b\n---\n", 3),
            ("templates/footer.mustache", "<footer>\n<<<<<<< HEAD\n<p>A</p>\n=======\n<p>B</p>\n>>>>>>> b\n</footer>\n", 2),
            // A stylesheet or script of the theme, published as it is, breaks every page.
            ("templates/assets/style.css", "body { margin: 0 }\n<<<<<<< HEAD\na { color: red }\n=======\na { color: blue }\n>>>>>>> b\n", 2),
            // So does a drawing, a table or a page of content/, published as it is.
            ("content/media/so-do.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<<<<<<< HEAD\n<rect width=\"5\" height=\"5\"/>\n=======\n<rect width=\"6\" height=\"6\"/>\n>>>>>>> b\n</svg>\n", 2),
            ("content/media/so-lieu.csv", "Tỉnh,Số chi bộ\n<<<<<<< HEAD\nĐồng Tháp,120\n=======\nĐồng Tháp,121\n>>>>>>> b\n", 2),
            ("content/media/phu-de.vtt", "WEBVTT\n\n<<<<<<< HEAD\n00:00.000 --> 00:02.000\nXin chào\n=======\n00:00.000 --> 00:03.000\nChào\n>>>>>>> b\n", 3),
            ("content/media/ban-do.geojson", "{\"type\": \"FeatureCollection\",\n<<<<<<< HEAD\n\"features\": []\n=======\n\"features\": [{}]\n>>>>>>> b\n}\n", 2),
            // An old Mac editor's lone CR line breaks.
            ("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n", body: "Mở đầu.\r\r<<<<<<< HEAD\rBản A.\r=======\rBản B.\r>>>>>>> b\r").replacingOccurrences(of: "\n", with: "\r"), 8),
        ]
        for conflict in conflicts {
            let kept = try? String(contentsOf: site.root.appendingPathComponent(conflict.file), encoding: .utf8)
            try site.write(conflict.file, conflict.text)
            let errors = site.failingBuild().filter { $0.severity == .error }
            #expect(errors.map { "\($0.file):\($0.line):\($0.column)" } == ["\(conflict.file):\(conflict.line):1"], "\(errors)")
            #expect(errors.first?.message.hasPrefix("a merge conflict is left in this file (the line `") == true)
            #expect(try site.snapshot() == before)
            if let kept { try site.write(conflict.file, kept) } else { try site.remove(conflict.file) }
        }
        // A data set larger than any merged by hand is not read whole at every build for it.
        let large = String(repeating: "Tỉnh,Số chi bộ,Số đảng viên\n", count: Int(SourceDecoder.conflictCheckedBytes) / 30 + 1)
        try site.write("content/media/du-lieu.csv", "<<<<<<< HEAD\n" + large)
        try site.build()
        #expect(site.exists("public/media/du-lieu.csv"))
    }

    /// A merge conflict in an article's body does not hide the article's other problems: they
    /// are told in the same build (not one build after the conflict is resolved), and what
    /// Markdown makes of the marker lines is not told as the text's.
    @Test func aMergeConflictInABodyHidesNoOtherProblem() throws {
        let site = try TestSite()
        try site.write("content/articles/2024/hop.md", article(title: "Họp chi bộ", extra: "category: \"???\"\n",
            body: "### Diễn biến\n\nXem [biên bản](bien-ban.md).\n<<<<<<< HEAD\nCó 25 đảng viên dự.\n=======\nCó 26 đảng viên dự.\n>>>>>>> nhanh-b\n"))
        // The conflict on the body's first line.
        try site.write("content/articles/2024/hop-hai.md", article(title: "Họp chi bộ lần hai", extra: "category: \"???\"\n",
            body: "<<<<<<< HEAD\nCó 25 đảng viên dự.\n=======\nCó 26 đảng viên dự.\n>>>>>>> nhanh-b\n"))
        let failed = site.failingBuild()
        let told = failed.filter { $0.file == "content/articles/2024/hop.md" }.map { "\($0.line) \($0.severity) \($0.message.prefix(24))" }
        #expect(told == ["4 error `category` `???` has no ", "6 warning a `###` heading right af", "8 error `bien-ban.md` does not e", "9 error a merge conflict is left"], "\(told)")
        let second = failed.filter { $0.file == "content/articles/2024/hop-hai.md" }.map { "\($0.line) \($0.severity) \($0.message.prefix(24))" }
        #expect(second == ["4 error `category` `???` has no ", "6 error a merge conflict is left"], "\(second)")
    }

    @Test func markdownThatIsNoTextOfTheSiteIsNotPublishedAndSaysSo() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        try site.write("content/README.md", "# Ghi chú cho biên tập viên\n")
        try site.write("content/directives/cu/05-ct-tw.md", "---\ncode: 05-CT/TW\n---\n")
        let report = try site.build()
        #expect(!site.exists("public/README.md"))
        #expect(!site.exists("public/directives/cu/05-ct-tw.md"))
        let warned = report.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("not published: Markdown") }.map(\.file)
        #expect(warned.sorted() == ["content/README.md", "content/directives/cu/05-ct-tw.md"])
    }

    @Test func aLinkToATextThatBecomesNothingSaysWhy() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\n")
        try site.write("content/README.md", "# Ghi chú\n")
        try site.write("content/articles/2023/hong.md", "---\ntitle: Bài lỗi\ndate: 2023-02-30\n---\nNội dung.\n")
        try site.write(
            "content/articles/2023/a.md",
            article(title: "Bài viết", extra: "slug: bai-viet\n", body: "Xem [ghi chú](../../README.md), [bài kia](hong.md) và [cấu hình](../../site.yml).\n"))
        let errors = site.failingBuild().filter { $0.file == "content/articles/2023/a.md" }.map(\.message)
        #expect(errors.contains { $0.hasPrefix("`../../README.md` is Markdown outside articles/, directives/ and themes/") })
        #expect(errors.contains { $0.hasPrefix("`hong.md` has errors of its own") })
        #expect(errors.contains { $0.hasPrefix("`../../site.yml` holds the site's settings, which are not published") }, "\(errors)")
        #expect(!errors.contains { $0.contains("does not exist") })
    }

    /// An SVG or HTML file of `content/` is copied as it is, and a browser runs it as a page of
    /// the site: with `unsafe_html` off, one holding what can run (a script, an event
    /// attribute, a `javascript:` address, also spelt with references or in UTF-16) is refused
    /// at its line; a drawing or a document without any is published.
    @Test(arguments: [
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<SCRIPT>alert(1)</SCRIPT></svg>", 2),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n<rect width=\"9\" onLoad = \"alert(1)\"/></svg>", 3),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/onclick=\"x()\"/></svg>", 1),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#115;cript:x()\"><text>a</text></a></svg>", 1),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" data-x=\">\" onload=\"x()\"/>", 1),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#x09;script&colon;x()\"><text>a</text></a></svg>", 1),
        ("logo.svg.br", "<svg xmlns=\"http://www.w3.org/2000/svg\"><s:script xmlns:s=\"http://www.w3.org/2000/svg\">x()</s:script></svg>", 1),
        ("bien-ban.html", "<title><a x=\"</title>\n<img src=x\u{0C}onerror=x()>\">", 2),
        ("bien-ban.html", "<meta charset=\"iso-2022-jp\"><p>x</p>", 1),
        ("tin.rss", "<rss><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">x()</h:script></rss>", 1),
        ("bien-ban.xhtm", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n<embed src=\"x\"/></body></html>", 2),
        ("logo.svg", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY s \"&#60;scr\">]>\n<svg/>", 2),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p onclick=\"x()\">x</p></foreignObject></svg>", 1),
        ("bien-ban.html", "<p>x</p>\n<a href=\"&#x000000006A;avascript:x()\">a</a> <a href=\"&#0000000106;avascript:x()\">b</a>", 2),
        ("luoc-do.xpdl", "\u{FEFF}\n <?xml version=\"1.0\"?>\n<r xmlns=\"http://www.w3.org/1999/xhtml\"><script>x()</script></r>", 3),
        ("trang.shtm", "<!doctype html><title>t</title>\n<body onload=\"x()\">", 2),
        ("so-do.svg", "<!DOCTYPE svg [<!ENTITY ns \"http://ns.adobe.com/\"><!ENTITY j \"javascript:\">]><svg/>", 1),
        ("bien-ban.HTML", "<p>Biên bản</p>\n<a href=\"JavaScript:x()\">xem</a>", 2),
        ("bien-ban.htm", "<p>Biên bản</p><iframe src=\"x.html\"></iframe>", 1),
        ("bien-ban.xhtml", "\u{FEFF}<p>a</p>".unicodeScalars.map { String($0) }.joined(), 0),
        ("so-lieu.xml", "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><a/>", 1),
        ("logo.svgz", "\u{1F}", 1),
    ])
    func aFileThatCouldRunIsRefusedAtItsLine(name: String, text: String, line: Int) throws {
        let site = try TestSite()
        let bytes = line == 0 ? [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } : Array(text.utf8)
        try site.write("content/media/" + name, bytes: bytes)
        let told = try #require(site.failingBuild().first { $0.file == "content/media/" + name })
        #expect(told.severity == .error && told.line == max(line, 1), "\(told)")
        #expect(told.message.contains("could run as a page of the bulletin's own site"))
        try site.write("content/site.yml", "title: Bản tin\nunsafe_html: true\n")
        try site.build()
        #expect(site.exists("public/media/" + name), "a site that publishes its texts' HTML publishes it")
    }

    /// Which files are checked whatever their names: markup (`<` first, after a byte-order mark
    /// and spaces, also in UTF-16 or UTF-32 without a mark), not a video, an image or a PDF.
    @Test func markupIsKnownByItsFirstCharacter() {
        let markup: [[UInt8]] = [Array("<r/>".utf8), [0xEF, 0xBB, 0xBF, 0x0A, 0x20] + Array("<?xml".utf8), [0xFF, 0xFE, 0x3C, 0x00], [0x00, 0x3C, 0x00, 0x72], [0x3C, 0x00, 0x72, 0x00], [0x00, 0x00, 0x00, 0x3C]]
        let other: [[UInt8]] = [[0, 0, 0, 24] + Array("ftypisom".utf8), [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50], Array("%PDF-1.4".utf8), Array("Ghi chú <b>".utf8), Array("GIF89a".utf8), []]
        for start in markup { #expect(ActiveContent.looksLikeMarkup(start), "\(start)") }
        for start in other { #expect(!ActiveContent.looksLikeMarkup(start), "\(start)") }
    }

    @Test func aDrawingOrDocumentThatCannotRunIsPublished() throws {
        let site = try TestSite()
        let drawing = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
            + "<a xlink:href=\"https://vi-du.org/?a=1&amp;b=2&c\"><text font-family=\"Noto &quot;Serif&quot;\">Đảng bộ &#273;</text></a>"
            + "<image href=\"data:image/png;base64,iVBO\"/><g class=\"on\" id=\"one\" aria-label=\"Ảnh&nbsp;1\"/>"
            + "<style>@font-face { src: url(data:application/font-woff2;base64,d09GMg) }</style></svg>\n"
        try site.write("content/media/so-do.svg", drawing)
        // Illustrator's names for web addresses, draw.io's labels, an ASCII file in Latin-1, text and data.
        let illustrator = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
            + "\t<!ENTITY ns_extend \"http://ns.adobe.com/Extensibility/1.0/\">\n\t<!ENTITY ns_ai \"http://ns.adobe.com/AdobeIllustrator/10.0/\">\n]>\n"
            + "<svg xmlns:x=\"&ns_extend;\" xmlns:i=\"&ns_ai;\"><switch><foreignObject requiredExtensions=\"&ns_ai;\"><i:pgf/></foreignObject>"
            + "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">Chi bộ</div></foreignObject></switch></svg>\n"
        try site.write("content/media/logo-ai.svg", illustrator)
        try site.write("content/media/ghi-chu.txt", "Ghi chú: thẻ <b> và onload= chỉ là chữ.\n")
        try site.write("content/media/so-lieu.csv", "xa,so\nTân Phú,12\n")
        try site.write("content/media/bien-ban.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Biên bản</title></head><body><p>Họp&nbsp;chi bộ</p><a href=\"bien-ban.pdf\">PDF</a><img alt=\"&#7842;nh h&#7897;i ngh&#7883;\" src=\"a.png\"></body></html>\n")
        try site.build()
        #expect(try site.read("public/media/so-do.svg") == drawing)
        for name in ["logo-ai.svg", "ghi-chu.txt", "so-lieu.csv"] { #expect(site.exists("public/media/" + name)) }
        #expect(site.exists("public/media/bien-ban.html"))
    }
}
