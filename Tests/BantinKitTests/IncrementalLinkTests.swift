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

    /// A build after an edit that concerns no page below, so that the build after it writes into
    /// a twin made with everything else as it is (each step then shows only its own change).
    func settle(_ site: TestSite, _ incremental: IncrementalBuildTests, _ step: Int) throws {
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Chuyên đề năm 2023\"\n---\nLần sửa \(step).\n")
        _ = try incremental.expectSameAsCleanBuild(site, "settling before step \(step)")
    }

    /// An edit of a published article's title moves its page: the build that moves it warns at
    /// the title, with both addresses and the `slug:` that keeps the old one, whatever executable
    /// built the last site (the article cache gone); an edit of its body, a new article, or a
    /// title edit of a draft (even previewed with `--drafts`) is not told, nor is the address
    /// given back as the warning says.
    @Test func anEditedTitleThatMovesAPublishedArticleIsToldOnce() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/07/nhap.md", article(title: "Bài nháp", date: "2023-07-01", extra: "draft: true\n"))
        try site.build(drafts: true)
        let moved = { (report: BuildReport) in report.diagnostics.filter { $0.message.hasPrefix("the article's address changes") } }
        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "Nghệ An: chi bộ", with: "Nghệ An: các chi bộ") }
        try edit(site, Self.tienGiang) { $0 + "\nMột đoạn thêm.\n" }
        try edit(site, "content/articles/2023/07/nhap.md") { $0.replacingOccurrences(of: "Bài nháp", with: "Bài nháp mới") }
        try site.write("content/articles/2023/07/moi.md", article(title: "Bài mới", date: "2023-07-02"))
        try site.remove(".public.bantin/cache")
        // As an earlier bantin left its state: the addresses, not what it read of each file.
        #expect(site.exists(".public.bantin/read"))
        try site.remove(".public.bantin/read")
        let told = try moved(site.build(drafts: true))
        #expect(told.map { "\($0.file):\($0.line)" } == [Self.ngheAn + ":2"], "\(told)")
        let message = try #require(told.first?.message)
        // (Made from the title, which an upgrade of bantin may read by a newer rule: `Straße` was
        // `stra-e`, then `strasse`, with no edit; the warning blamed an edit of the title.)
        #expect(message.contains("from bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/ to bai-viet/nghe-an-cac-chi-bo-lam-theo-bac-tu-viec-nho/, as it is made from its `title` (edited, or read by the rule of a newer bantin)"), "\(message)")
        #expect(message.hasSuffix("add `slug: nghe-an-chi-bo-lam-theo-bac-tu-viec-nho`, or keep it leading to the new one with `aliases: [\"/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/\"]`"), "\(message)")
        #expect(site.exists("public/bai-viet/nghe-an-cac-chi-bo-lam-theo-bac-tu-viec-nho/index.html"))
        // Moved, the page is the new address's: an edit of its body is not told again.
        try edit(site, Self.ngheAn) { $0 + "\nMột đoạn thêm.\n" }
        #expect(try moved(site.build()).isEmpty)
        // The warning's advice followed: the address it had is given back, not told as a move.
        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "date:", with: "slug: nghe-an-chi-bo-lam-theo-bac-tu-viec-nho\ndate:") }
        #expect(try moved(site.build()).isEmpty)
        #expect(site.exists("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"))
        // Or the other advice: the address moves, and the published one is kept as an old address.
        try edit(site, Self.ngheAn) {
            $0.replacingOccurrences(of: "slug: nghe-an-chi-bo-lam-theo-bac-tu-viec-nho\n", with: "slug: nghe-an-moi\naliases: [\"/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/\"]\n")
        }
        #expect(try moved(site.build()).isEmpty)
        #expect(try site.read("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html").contains("url=../../bai-viet/nghe-an-moi/index.html"))
    }

    /// A published article whose file is renamed as its title is edited (its date and body as
    /// they were) is told as the move it is, at the new file, naming the old one; so is a second
    /// such rename, the address history following the file; whatever executable built the last
    /// site. A rename alone moves nothing, and an article deleted while another is written is no
    /// rename, even on the same date.
    @Test func aFileRenamedAsItsTitleIsEditedIsToldAsTheMoveItIs() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/07/cu.md", article(title: "Bài sẽ bị xóa", date: "2023-07-03"))
        try site.build()
        let moved = { (report: BuildReport) in report.diagnostics.filter { $0.message.hasPrefix("the article's address changes") } }
        let renamed = "content/articles/2023/05/nghe-an-cac-chi-bo.md"
        try site.write(renamed, try site.read(Self.ngheAn).replacingOccurrences(of: "Nghệ An: chi bộ", with: "Nghệ An: các chi bộ"))
        try site.remove(Self.ngheAn)
        // Deleted, and another article of the same date written: no move.
        try site.remove("content/articles/2023/07/cu.md")
        try site.write("content/articles/2023/07/moi.md", article(title: "Bài mới cùng ngày", date: "2023-07-03", body: "Một nội dung khác."))
        // Whatever executable built the last site (a CI run's is a new file: the article cache gone).
        try site.remove(".public.bantin/cache")
        let told = try moved(site.build())
        #expect(told.map { "\($0.file):\($0.line)" } == [renamed + ":2"], "\(told)")
        let message = try #require(told.first?.message)
        #expect(message.contains("from bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/ to bai-viet/nghe-an-cac-chi-bo-lam-theo-bac-tu-viec-nho/, as it is made from its `title` (edited, or read by the rule of a newer bantin) (its file renamed from \(Self.ngheAn))"), "\(message)")
        #expect(message.hasSuffix("add `slug: nghe-an-chi-bo-lam-theo-bac-tu-viec-nho`, or keep it leading to the new one with `aliases: [\"/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/\"]`"), "\(message)")
        // Renamed again, given back its first address: no move, the file's history followed.
        let again = "content/articles/2023/05/nghe-an.md"
        try site.write(again, try site.read(renamed).replacingOccurrences(of: "Nghệ An: các chi bộ", with: "Nghệ An: chi bộ"))
        try site.remove(renamed)
        #expect(try moved(site.build()).isEmpty)
        // A rename alone keeps the address.
        try site.write("content/articles/2023/05/nghe-an-2.md", try site.read(again))
        try site.remove(again)
        #expect(try moved(site.build()).isEmpty)
        #expect(site.exists("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"))
        // So does a rename with another article started under the old name: nothing moved.
        try site.write("content/articles/2023/05/nghe-an-3.md", try site.read("content/articles/2023/05/nghe-an-2.md"))
        try site.write("content/articles/2023/05/nghe-an-2.md", article(title: "Bài mới bắt đầu", date: "2023-05-30", body: "Nội dung mới."))
        #expect(try moved(site.build()).isEmpty)
        #expect(site.exists("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"))
    }

    /// A published article dated later than now by a slip (a month, a year) leaves the site until
    /// then: the build that takes its page away warns at its date, whatever executable built the
    /// last site; one never published, a draft,
    /// the build after, one previewed with `--future`, or "now" going back is not told.
    @Test func aPublishedArticleDatedLaterThanNowIsToldItLeavesTheSite() throws {
        let site = try TestSite(content: "bulletin")
        var options = site.options()
        options.now = 1_767_225_600  // 2026-01-01
        try site.write("content/articles/2023/07/nhap.md", article(title: "Bài nháp", date: "2023-07-01", extra: "draft: true\n"))
        try SiteBuilder.build(options)
        let withdrawn = { () throws -> [Diagnostic] in try SiteBuilder.build(options).diagnostics.filter { $0.message.hasPrefix("the article is published") } }
        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "date: 2023-05-", with: "date: 2099-05-") }
        try edit(site, "content/articles/2023/07/nhap.md") { $0.replacingOccurrences(of: "2023-07-01", with: "2099-07-01") }
        try site.write("content/articles/2023/07/hen.md", article(title: "Bài hẹn giờ", date: "2099-07-02"))
        try site.remove(".public.bantin/cache")
        let told = try withdrawn()
        #expect(told.map { "\($0.file):\($0.line)" } == [Self.ngheAn + ":3"], "\(told)")
        #expect(told.first?.message.contains("(bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/), and now dated 2099-05-") == true, "\(told)")
        #expect(!site.exists("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"))
        try edit(site, Self.ngheAn) { $0 + "\nMột đoạn thêm.\n" }
        #expect(try withdrawn().isEmpty)
        // Previewed with `--future`, then built as it waits: its date is the one it had.
        var preview = options
        preview.includeFuture = true
        try SiteBuilder.build(preview)
        #expect(site.exists("public/bai-viet/bai-hen-gio/index.html"))
        #expect(try withdrawn().isEmpty)
        // Nor is "now" going back told, for every article it takes away.
        var earlier = options
        earlier.now = 1_672_531_200  // 2023-01-01
        #expect(try SiteBuilder.build(earlier).diagnostics.filter { $0.message.hasPrefix("the article is published") }.isEmpty)
    }

    /// A published article's file renamed as it is redated after now, in one edit: known by its
    /// body (its date and path both changed), and told at its new file; a new article waiting with
    /// a body none gone had is not, nor one the last build read already (waiting then), nor two
    /// new ones with the gone one's body.
    @Test func aPublishedArticleRenamedAndRedatedLaterThanNowIsToldItLeavesTheSite() throws {
        let site = try TestSite(content: "bulletin")
        var options = site.options()
        options.now = 1_767_225_600  // 2026-01-01
        let told = { () throws -> [Diagnostic] in try SiteBuilder.build(options).diagnostics.filter { $0.message.hasPrefix("the article is published") } }
        // Waiting already, with the body of a published article then deleted: no rename.
        let waitingCopy = try site.read(Self.tienGiang).replacingOccurrences(of: "title: \"", with: "title: \"Chờ – ").replacingOccurrences(of: "date: 2023-", with: "date: 2099-")
        try site.write("content/articles/2023/05/cho.md", waitingCopy)
        try SiteBuilder.build(options)
        try site.remove(Self.tienGiang)
        #expect(try told().isEmpty)
        // Two new files with a deleted one's body: neither is it.
        let dongThap = "content/articles/2023/dong-thap.md"
        let twin = try site.read(dongThap).replacingOccurrences(of: "date: 2023-", with: "date: 2099-")
        #expect(twin != (try site.read(dongThap)))
        try site.write("content/articles/2023/dong-thap-1.md", twin.replacingOccurrences(of: "title: ", with: "title: Bản một "))
        try site.write("content/articles/2023/dong-thap-2.md", twin.replacingOccurrences(of: "title: ", with: "title: Bản hai "))
        try site.remove(dongThap)
        #expect(try told().isEmpty)
        try site.remove("content/articles/2023/dong-thap-1.md")
        try site.remove("content/articles/2023/dong-thap-2.md")
        let moved = "content/articles/2023/06/nghe-an-hen.md"
        try site.write(moved, try site.read(Self.ngheAn).replacingOccurrences(of: "date: 2023-05-", with: "date: 2099-05-"))
        try site.remove(Self.ngheAn)
        try site.write("content/articles/2023/06/moi.md", article(title: "Bài mới hẹn giờ", date: "2099-07-02"))
        try site.remove(".public.bantin/cache")
        let renamed = try told()
        #expect(renamed.map { "\($0.file):\($0.line)" } == [moved + ":3"], "\(renamed)")
        #expect(renamed.first?.message.contains("(bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/, its file renamed from \(Self.ngheAn)), and now dated 2099-05-") == true, "\(renamed)")
        #expect(!site.exists("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"))
    }

    @Test func categoryPlaceMentionAndLinkedTextEditsGiveTheCleanBuildsBytes() throws {
        let site = try TestSite(content: "bulletin")
        let incremental = IncrementalBuildTests()
        // The texts that link and mention share a code with six others, which fill their "Xem
        // thêm": a change shows on their pages only through their links and mentions.
        let shared = "directives: [\"99-KL/TW\"]\n"
        for day in 1...6 { try site.write("content/articles/2023/07/lap-\(day).md", article(title: "Bài cùng văn bản \(day)", date: "2023-07-0\(day)", extra: shared)) }
        try site.write("content/articles/2023/07/lien-ket.md", article(title: "Bài dẫn liên kết", date: "2023-07-10", extra: shared, body: "Xem [Tiền Giang](../05/tien-giang.md#ket-qua-noi-bat)."))
        try site.write("content/articles/2023/07/nhac-den.md", article(title: "Bài nhắc đến", date: "2023-07-11", extra: shared, body: "Theo Kết luận 21-KL/TW."))
        try site.write("content/articles/2023/06/them.md", article(title: "Bài thêm về 01-KL/TW", date: "2023-06-02", extra: "directives: [\"01-KL/TW\"]\n"))
        try site.build()
        try settle(site, incremental, 1)
        try edit(site, Self.tienGiang) { $0.replacingOccurrences(of: "category: Xây dựng Đảng", with: "category: Công tác cán bộ") }
        var report = try incremental.expectSameAsCleanBuild(site, "changing a category (one the menu lists)")
        #expect(report.diagnostics.contains { $0.message.contains("menu entry `Xây dựng Đảng`") })
        #expect(!site.exists("public/chuyen-muc/xay-dung-dang/index.html") && site.exists("public/chuyen-muc/cong-tac-can-bo/index.html"))

        try settle(site, incremental, 2)
        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "location: Nghệ An", with: "location: Hà Tĩnh") }
        _ = try incremental.expectSameAsCleanBuild(site, "changing a place")

        try settle(site, incremental, 3)
        try edit(site, Self.tienGiang) { $0.replacingOccurrences(of: "title: ", with: "slug: tien-giang-nhan-rong-dien-hinh\ntitle: ") }
        _ = try incremental.expectSameAsCleanBuild(site, "changing the address of a text another one links to")
        #expect(try site.read("public/bai-viet/bai-dan-lien-ket/index.html").contains("bai-viet/tien-giang-nhan-rong-dien-hinh/index.html#ket-qua-noi-bat"))

        try settle(site, incremental, 4)
        try edit(site, Self.quangNinh) { $0.replacingOccurrences(of: "directives: [21-KL/TW]", with: "directives: []") }
        _ = try incremental.expectSameAsCleanBuild(site, "removing the page of a code another text mentions")
        #expect(!(try site.read("public/bai-viet/bai-nhac-den/index.html")).contains("van-ban/21-kl-tw/"))

        try edit(site, Self.quangNinh) { $0.replacingOccurrences(of: "directives: []", with: "directives: [21-KL/TW]") }
        _ = try incremental.expectSameAsCleanBuild(site, "giving it back")
        try settle(site, incremental, 5)
        try edit(site, Self.ngheAn) { $0.replacingOccurrences(of: "Kết luận 21-KL/TW", with: "Kết luận 21-KL/TW và Kết luận 01-KL/TW") }
        report = try incremental.expectSameAsCleanBuild(site, "adding a mention")
        #expect(try site.read("public/van-ban/01-kl-tw/index.html").contains("<section class=\"mentions\""))
        #expect(try site.read("public/van-ban/01-kl-tw/trang/2/index.html").contains("<dt>Bài có nhắc đến</dt><dd>1</dd>"), "a later page counts them too")
        #expect(report.reusedPages > 0)

        try settle(site, incremental, 6)
        try site.write("content/site.yml", try site.read("content/site.yml").replacingOccurrences(of: "menu: [", with: "menu: [Công tác cán bộ, "))
        _ = try incremental.expectSameAsCleanBuild(site, "changing the menu")
    }
}
