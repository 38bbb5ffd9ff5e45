import Foundation
import Testing

@testable import BantinKit

/// A page shows more than its own file: its category's and place's pages, the addresses of the
/// texts it links to, whether the codes it mentions have pages. After each such edit, in
/// another file than the page's own, the incremental build equals a clean one byte for byte.
@Suite struct IncrementalLinkTests {
    static let ngheAn = "content/articles/2023/05/nghe-an.md"
    static let tienGiang = "content/articles/2023/05/tien-giang.md"
    static let quangNinh = "content/articles/2022/quang-ninh.md"

    func edit(_ site: TestSite, _ file: String, _ change: (String) -> String) throws {
        let text = try site.read(file)
        let changed = change(text)
        #expect(changed != text, "the edit of \(file) changes it")
        try site.write(file, changed)
    }

    @Test func categoryPlaceMentionAndLinkedTextEditsGiveTheCleanBuildsBytes() throws {
        let site = try TestSite(content: "bulletin")
        let incremental = IncrementalBuildTests()
        try site.write("content/articles/2023/06/lien-ket.md", article(title: "Bài dẫn liên kết", date: "2023-06-02", body: "Xem [Tiền Giang](../05/tien-giang.md#ket-qua-noi-bat)."))
        try site.build()
        try edit(site, Self.tienGiang) { $0.replacingOccurrences(of: "category: Xây dựng Đảng", with: "category: Công tác cán bộ") }
        var report = try incremental.expectSameAsCleanBuild(site, "changing a category (one the menu lists)")
        #expect(report.diagnostics.contains { $0.message.contains("menu entry `Xây dựng Đảng`") })
        #expect(!site.exists("public/chuyen-muc/xay-dung-dang/index.html") && site.exists("public/chuyen-muc/cong-tac-can-bo/index.html"))

        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "location: Nghệ An", with: "location: Hà Tĩnh") }
        _ = try incremental.expectSameAsCleanBuild(site, "changing a place")

        try edit(site, Self.tienGiang) { $0.replacingOccurrences(of: "title: ", with: "slug: tien-giang-nhan-rong-dien-hinh\ntitle: ") }
        _ = try incremental.expectSameAsCleanBuild(site, "changing the address of a text another one links to")
        #expect(try site.read("public/bai-viet/bai-dan-lien-ket/index.html").contains("bai-viet/tien-giang-nhan-rong-dien-hinh/index.html#ket-qua-noi-bat"))

        try edit(site, Self.quangNinh) { $0.replacingOccurrences(of: "directives: [21-KL/TW]", with: "directives: []") }
        report = try incremental.expectSameAsCleanBuild(site, "removing the page of a code another text mentions")
        #expect(!(try site.read("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html")).contains("van-ban/21-kl-tw/"))

        try edit(site, Self.quangNinh) { $0.replacingOccurrences(of: "directives: []", with: "directives: [21-KL/TW]") }
        _ = try incremental.expectSameAsCleanBuild(site, "giving it back")
        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "Kết luận 21-KL/TW", with: "Kết luận 21-KL/TW và Kết luận 01-KL/TW") }
        report = try incremental.expectSameAsCleanBuild(site, "adding a mention")
        #expect(try site.read("public/van-ban/01-kl-tw/index.html").contains("<section class=\"mentions\""))
        #expect(report.reusedPages > 0)

        try site.write("content/site.yml", try site.read("content/site.yml").replacingOccurrences(of: "menu: [", with: "menu: [Công tác cán bộ, "))
        _ = try incremental.expectSameAsCleanBuild(site, "changing the menu")
    }
}
