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

    @Test func anEditorsLeftoversAreNotPublished() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        let leftovers = [
            "articles/2023/a.md~", "articles/2023/#a.md#", "articles/2023/a.md.bak", "articles/2023/a.md.swp",
            "media/~$bien-ban.docx", "media/Thumbs.db", "media/desktop.ini", "media/tam.tmp",
        ]
        for file in leftovers { try site.write("content/" + file, "---\ntitle: Nháp cũ\ndraft: true\n---\nNội dung cũ.\n") }
        try site.write("content/media/bien-ban.pdf", "%PDF-1.4\n")
        let report = try site.build()
        for file in leftovers { #expect(!site.exists("public/" + file), "\(file) was published") }
        #expect(site.exists("public/media/bien-ban.pdf"))
        #expect(!report.diagnostics.contains { $0.severity == .error })
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
}
