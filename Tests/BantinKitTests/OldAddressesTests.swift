import Foundation
import Testing

@testable import BantinKit

/// An article's old addresses (`aliases:`, from a migration): each kept as a page that sends the
/// reader on to the article, from disk and over HTTP; those no page can stand at told where written.
@Suite struct OldAddressesTests {
    static let file = "content/articles/2023/05/nghe-an.md"

    /// Writes the fixture's Nghệ An article with `aliases` (YAML) added.
    static func withAliases(_ site: TestSite, _ aliases: String) throws {
        let text = try site.read(file)
        try site.write(file, text.replacingOccurrences(of: "\ndate:", with: "\naliases: \(aliases)\ndate:"))
    }

    /// The article page a kept page's refresh leads to, resolved from its folder.
    static func target(ofKeptPage path: String, in site: TestSite) throws -> String {
        let html = try site.read("public/" + path)
        let refresh = try #require(html.range(of: "<meta http-equiv=\"refresh\" content=\"0; url="))
        let address = html[refresh.upperBound...].prefix { $0 != "\"" }
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for part in address.split(separator: "/") {
            if part == ".." { parts.removeLast() } else { parts.append(String(part)) }
        }
        return "/" + parts.joined(separator: "/")
    }

    @Test func anOldAddressIsKeptAsAPageThatSendsTheReaderOn() throws {
        let site = try TestSite(content: "bulletin")
        // A space before an anchor is none of the path (`/tin-cu/ #cu`, a note typed into the address).
        try Self.withAliases(site, "[\"/2023/05/01/nghe-an-sinh-hoat/\", \"https://cu.example.vn/tin-tuc/12.html#dau\", \"/chi-bo/ban-lang\", \"/tin-cu/ #cu\"]")
        try site.build(baseURL: "https://bantin.example.vn/")
        let article = "/" + Route.article(try #require(Slug(validated: "nghe-an-chi-bo-lam-theo-bac-tu-viec-nho"))).outputPath
        for kept in ["2023/05/01/nghe-an-sinh-hoat/index.html", "tin-tuc/12.html", "chi-bo/ban-lang/index.html", "tin-cu/index.html"] {
            #expect(try Self.target(ofKeptPage: kept, in: site) == article, "\(kept)")
            let html = try site.read("public/" + kept)
            #expect(html.contains("<meta name=\"robots\" content=\"noindex\">") && html.contains("<link rel=\"canonical\" href=\"https://bantin.example.vn/bai-viet/"), "\(html)")
            // A shared old link is previewed from the article (Facebook and Zalo follow `og:url`).
            #expect(html.contains("<meta property=\"og:url\" content=\"https://bantin.example.vn\(article.dropLast("index.html".count))\">"), "\(html)")
            #expect(html.contains("Bài viết đã chuyển đến địa chỉ mới: <a href="))
            // A page of its own for a reader whose browser does not follow: a main landmark and a heading.
            #expect(html.contains("<div role=\"main\">\n<h1>Nghệ An: chi bộ làm theo Bác từ việc nhỏ</h1>"), "\(html)")
        }
        #expect(site.exists("public" + article))
        // No search engine is told of them, and `check` follows where they send.
        #expect(try !site.read("public/sitemap.xml").contains("nghe-an-sinh-hoat"))
        #expect(LinkChecker.check(folder: site.output, baseURL: "https://bantin.example.vn/").broken.isEmpty)
        // Taken away, its page goes, as a clean build has it.
        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: ", \"/chi-bo/ban-lang\"", with: ""))
        try site.build(baseURL: "https://bantin.example.vn/")
        #expect(!site.exists("public/chi-bo/ban-lang/index.html"))
        let clean = site.root.appendingPathComponent("clean")
        _ = try SiteBuilder.build(site.options(baseURL: "https://bantin.example.vn/", output: clean))
        #expect(try site.differences(from: clean) == [])
    }

    /// An old address no page can stand at, or that another article keeps, is an error at its
    /// place, saying why; the article's own address is a warning (nothing is made for it).
    @Test func oldAddressesThatCannotBeKeptAreToldWhereWritten() throws {
        let site = try TestSite(content: "bulletin")
        try Self.withAliases(site, "[\"/?p=77\", \"/tin/a.php\", \"/\", \"/van-ban/\", \"/404.html/x/\", \"/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/\", \"/cu/\", true, \"mailto:toasoan\", \"/.bantin-output/\", \"/Van-Ban/\", \"/Cu/\"]")
        let other = "content/articles/2023/05/khac.md"
        try site.write(other, article(title: "Bài khác", extra: "aliases: [\"/cu/\"]\n"))
        let told = site.failingBuild().filter { ($0.file == Self.file || $0.file == other) && $0.message.hasPrefix("old address") }.map { "\($0.file == other ? "khac" : "nghe-an"):\($0.severity): \($0.message)" }
        let expected = [
            "nghe-an:error: old address `/?p=77` has a query (`?…`), which a static site cannot keep",
            "nghe-an:error: old address `/tin/a.php` names a `.php` file, which a static host would send as it is",
            "nghe-an:error: old address `/` is the site's home page, which bantin makes itself",
            "nghe-an:error: old address `/van-ban/`: its page would stand where bantin writes van-ban/index.html; leave it out",
            "nghe-an:error: old address `/404.html/x/`: its page would be inside 404.html, which is a page or file bantin writes",
            "nghe-an:warning: old address `/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/` is this article's own address",
            "khac:error: old address `/cu/` is also an old address of \(Self.file): one address leads to one article",
            "nghe-an:error: old address `true` is no address of the site the article came from: write its path from that site's root, starting with `/`",
            "nghe-an:error: old address `mailto:toasoan` is no address of the site the article came from",
            "nghe-an:error: old address `/.bantin-output/` has a hidden name (`.bantin-output`), which hosts do not serve as a page",
            "nghe-an:error: old address `/Van-Ban/`: its page would stand on a host or computer that tells no case apart where bantin writes van-ban/index.html",
            "nghe-an:error: old address `/Cu/`: its page would stand on a host or computer that tells no case apart where another old address's page is written, cu/index.html",
        ]
        for start in expected { #expect(told.contains { $0.hasPrefix(start) }, "\(start): \(told)") }
        #expect(told.count == expected.count, "\(told)")
    }

    /// A link in a text to an old address by its path is told with the file to link to.
    @Test func aLinkToAnOldAddressIsToldWithTheFileToLinkTo() throws {
        let site = try TestSite(content: "bulletin")
        try Self.withAliases(site, "[\"/2023/05/01/nghe-an-sinh-hoat/\"]")
        try site.write("content/articles/2023/05/khac.md", article(title: "Bài khác", body: "Xem [bài cũ](/2023/05/01/nghe-an-sinh-hoat/).\n"))
        let told = site.failingBuild().filter { $0.file == "content/articles/2023/05/khac.md" }.map(\.message)
        #expect(told.count == 1 && told[0].contains("it is the address of the page \(Self.file) makes") && told[0].hasSuffix("write `nghe-an.md`"), "\(told)")
        // An old address that is the path of a file (`/tin/12.html`, as a CMS wrote it) is told so too.
        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: "/2023/05/01/nghe-an-sinh-hoat/", with: "/tin/12.html"))
        try site.write("content/articles/2023/05/khac.md", article(title: "Bài khác", body: "Xem [bài cũ](/tin/12.html).\n"))
        let file = site.failingBuild().filter { $0.file == "content/articles/2023/05/khac.md" }.map(\.message)
        #expect(file.count == 1 && file[0].contains("it is the address of the page \(Self.file) makes") && file[0].hasSuffix("write `nghe-an.md`"), "\(file)")
        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: "/tin/12.html", with: "/2023/05/01/nghe-an-sinh-hoat/"))
        // By its full address on the site the texts came from: a warning (the link leads there).
        try site.write("content/articles/2023/05/khac.md", article(title: "Bài khác", body: "Xem [bài cũ](https://cu.example.vn/2023/05/01/nghe-an-sinh-hoat/) và [trang](https://cu.example.vn/lien-he/).\n"))
        let warned = try site.build().diagnostics.filter { $0.file == "content/articles/2023/05/khac.md" }.map(\.message)
        #expect(warned == [
            "`https://cu.example.vn/2023/05/01/nghe-an-sinh-hoat/` is an old address of \(Self.file) (its `aliases`), on the site the texts came from: link to that file instead (`nghe-an.md`), which leads to the article here wherever the site is published",
        ], "\(warned)")
    }

    /// On a bulletin served under a path (`https://example.org/bt/`), an old address written in
    /// full on that base URL is kept at its path under it (served at that very address), and a
    /// link to it is told as an old address, not as one leading nowhere; one on the same host
    /// outside the path, which this site cannot serve, is an error at its place.
    @Test func anOldAddressOnTheSitesOwnBaseURLIsKeptUnderIt() throws {
        let site = try TestSite(content: "bulletin")
        let base = "https://example.org/bt/"
        try Self.withAliases(site, "[\"https://example.org/bt/2020/05/nghe-an.html\", \"https://EXAMPLE.org:443/bt/tin/12/\"]")
        try site.write("content/articles/2023/05/khac.md", article(title: "Bài khác", body: "Xem [bài cũ](https://example.org/bt/2020/05/nghe-an.html).\n"))
        let told = try site.build(baseURL: base).diagnostics.filter { $0.file == "content/articles/2023/05/khac.md" }.map(\.message)
        #expect(told.count == 1 && told[0].hasPrefix("`https://example.org/bt/2020/05/nghe-an.html` is an old address of \(Self.file)"), "\(told)")
        let page = "/" + Route.article(try #require(Slug(validated: "nghe-an-chi-bo-lam-theo-bac-tu-viec-nho"))).outputPath
        #expect(try Self.target(ofKeptPage: "2020/05/nghe-an.html", in: site) == page)
        #expect(try Self.target(ofKeptPage: "tin/12/index.html", in: site) == page)
        #expect(!site.exists("public/bt"))

        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: "\"https://example.org/bt/2020/05/nghe-an.html\", \"https://EXAMPLE.org:443/bt/tin/12/\"", with: "\"https://example.org/cu/tin-12.html\""))
        try site.write("content/articles/2023/05/khac.md", article(title: "Bài khác"))
        let refused = site.failingBuild(baseURL: base).filter { $0.file == Self.file }.map(\.message)
        #expect(refused.contains { $0.hasPrefix("old address `https://example.org/cu/tin-12.html` is on this bulletin's own host but outside its base URL `https://example.org/bt/`") }, "\(refused)")
        // Without a base URL (or on another host), a full address keeps its whole path.
        try site.build()
        #expect(try Self.target(ofKeptPage: "cu/tin-12.html", in: site) == page)

        // The base itself without its last slash is the home page; the host alone, outside the base.
        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: "\"https://example.org/cu/tin-12.html\"", with: "\"https://example.org/bt\", \"https://example.org\""))
        let reasons = site.failingBuild(baseURL: base).filter { $0.file == Self.file }.map(\.message)
        #expect(reasons.contains { $0.hasPrefix("old address `https://example.org/bt` is the site's home page") }, "\(reasons)")
        #expect(reasons.contains { $0.hasPrefix("old address `https://example.org` is on this bulletin's own host but outside its base URL") }, "\(reasons)")

        // A preview built under another path of the same host keeps the published site's old
        // addresses (`site.yml`'s base URL) where that site does.
        try site.write("content/site.yml", try site.read("content/site.yml") + "base_url: https://example.org/\n")
        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: "\"https://example.org/bt\", \"https://example.org\"", with: "\"https://example.org/tin/cu/\""))
        try site.build(baseURL: "https://example.org/xem-truoc/")
        #expect(try Self.target(ofKeptPage: "tin/cu/index.html", in: site) == page)
    }
}
