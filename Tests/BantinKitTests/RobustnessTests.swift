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
}
