import Foundation
import Testing

@testable import BantinKit

/// What bantin finds in a Markdown body (links with their places, directive codes in running
/// text) and how a page's links and mentions are written into the HTML.
@Suite struct BodyReferenceTests {
    @Test(arguments: [
        ("Kết luận 21-KL/TW.", ["21-KL/TW"]),
        ("Quy định 37-QĐ/TW, Quy định 08-QĐi/TW", ["37-QĐ/TW", "08-QĐi/TW"]),
        ("Chỉ thị số 05-CT/TW và (Nghị quyết 35-NQ/TW)", ["05-CT/TW", "35-NQ/TW"]),
        ("“144-QĐ/TW” của Bộ Chính trị", ["144-QĐ/TW"]),
        ("tỷ lệ 2-3/4, 10-tấn/ha, số05-CT/TW, 05-CT, 05-ct/tw, A05-CT/TW, 05-CT/TW9", []),
    ])
    func codesInRunningText(text: String, expected: [String]) {
        #expect(DirectiveMentions.codes(in: text).map(\.text) == expected)
    }

    static let markdown = """
        Đoạn có [liên kết](../a.md#x) và ![ảnh](m.jpg)
        dòng hai [một
        hai](b.md) cuối `21-KL/TW` và Kết luận 21-KL/TW.

        > trích [x][r] <javascript:alert(1)> [e]() [ngoài](https://vi.wikipedia.org)

        [r]: ../c.md

        - mục &amp; Kết luận 21-KL/TW

        | a | b |
        |---|---|
        | Chỉ thị 05-CT/TW | [t](x.md) |

        ## Kết luận 01-KL/TW
        """

    @Test func linksAndMentionsAreFoundAtTheirLineAndCharacterColumn() {
        let found = MarkdownRenderer.references(in: Self.markdown)
        #expect(found.links.map { "\($0.destination) \($0.position.line):\($0.position.column)\($0.isImage ? " ảnh" : "")" } == [
            "../a.md#x 1:9", "m.jpg 1:34 ảnh", "b.md 2:10", "../c.md 5:9", "javascript:alert(1) 5:16", " 5:38", "x.md 13:22",
        ])
        #expect(found.mentions.map { "\($0.code) \($0.position.line):\($0.position.column)" } == ["21-KL/TW 3:40", "21-KL/TW 9:22", "05-CT/TW 13:11"])
    }

    /// Leads every link to `/dich/<destination>`, except those it says to keep as text.
    struct Rewriter: BodyLinkRewriter {
        var asText: Set<String> = []
        var pages: Set<String> = ["21-KL/TW", "05-CT/TW", "01-KL/TW"]
        var linksMentions: Bool { true }
        func rewrite(_ destination: String) -> LinkRewrite { asText.contains(destination) ? .text : .replace("/dich/" + destination) }
        func mentionURL(for code: DirectiveCode) -> String? { pages.contains(code.text) ? "/vb/\(code.slug)" : nil }
    }

    @Test func aPageRewritesLinksUnwrapsRefusedOnesAndLinksTheFirstMentionOfEachCode() {
        let renderer = MarkdownRenderer(allowRawHTML: false)
        let markdown = "Theo 21-KL/TW và 05-CT/TW, rồi 21-KL/TW; [**đậm** chữ](xau) ![ảnh *đẹp*](anh.png) [tốt](tot.md#a)\n"
        let html = renderer.render(markdown).html
        #expect(html.contains("href=\"xau\""), "without a page's links, cmark-gfm's HTML is untouched")
        let rewritten = renderer.render(markdown, links: Rewriter(asText: ["xau", "anh.png"])).html
        #expect(rewritten == """
            <p>Theo <a href="/vb/21-kl-tw">21-KL/TW</a> và <a href="/vb/05-ct-tw">05-CT/TW</a>, rồi 21-KL/TW; <strong>đậm</strong> chữ ảnh <em>đẹp</em> <a href="/dich/tot.md#a">tốt</a></p>

            """)
    }

    /// cmark-gfm's e-mail autolinks cut the text after them into a node without a position.
    /// A directive's description that names its own code leaves it as text on its own page;
    /// another code it names links to that directive's page.
    @Test func aDirectivesOwnCodeIsNotLinkedOnItsPage() throws {
        let site = try TestSite()
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\n---\nKết luận 01-KL/TW tiếp tục thực hiện Chỉ thị 05-CT/TW.\n")
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"01-KL/TW\", \"05-CT/TW\"]\n"))
        try site.build()
        let page = try site.read("public/van-ban/01-kl-tw/index.html")
        #expect(!page.contains("href=\"../../van-ban/01-kl-tw/index.html\">01-KL/TW"), "\(page)")
        #expect(page.contains("href=\"../../van-ban/05-ct-tw/index.html\">05-CT/TW"))
    }

    @Test func aMentionAfterAnEmailAutolinkIsFoundAndLinked() {
        let markdown = "Đầu.\n\nLiên hệ toa-soan@example.vn về Kết luận 21-KL/TW.\n"
        #expect(MarkdownRenderer.references(in: markdown).mentions.map(\.position) == [SourcePosition(line: 3, column: 41)])
        let html = MarkdownRenderer(allowRawHTML: false).render(markdown, links: Rewriter()).html
        #expect(html.contains("về Kết luận <a href=\"/vb/21-kl-tw\">21-KL/TW</a>."))
    }

    /// Codes as Word and real documents write them: a character that shows as nothing inside one
    /// (a zero-width space, a soft hyphen) is read as the code; a number going on from another
    /// (`1.234-QĐ/TU`, `01/2023-NQ/ĐU`) or a word typed on without a space (`21-KL/TWđã`) makes none.
    @Test func codesAsWordAndRealDocumentsWriteThem() {
        let markdown = "Theo 21-KL/\u{200B}TW và 0\u{AD}5-CT/TW, số 1.234-QĐ/TU, 01/2023-NQ/ĐU và 2,5-KL/TW; Kết luận 01-KL/TWđã, 05-CT/TWra đời.\n"
        #expect(MarkdownRenderer.references(in: markdown).mentions.map(\.code.text) == ["21-KL/TW", "05-CT/TW"])
        // A character that shows as nothing before the slash; `Tư` typed for `TW`, in the issuer.
        let more = "Theo 12-NQ\u{2060}/TW, 13-NQ/Tư và 15-HD/BTGTư, 08-QĐi/TW.\n"
        #expect(MarkdownRenderer.references(in: more).mentions.map(\.code.text) == ["12-NQ/TW", "13-NQ/TW", "15-HD/BTGTư", "08-QĐi/TW"])
        let html = MarkdownRenderer(allowRawHTML: false).render(markdown, links: Rewriter()).html
        #expect(html.contains("Theo <a href=\"/vb/21-kl-tw\">21-KL/\u{200B}TW</a> và <a href=\"/vb/05-ct-tw\">0\u{AD}5-CT/TW</a>, số 1.234-QĐ/TU"), "\(html)")
        #expect(html.contains("Kết luận 01-KL/TWđã, 05-CT/TWra đời."), "\(html)")
    }

    /// cmark-gfm places the text after a backslash's line break (what pandoc writes for Word's)
    /// on the break's line: a code there is linked all the same, and after two spaces' break too.
    @Test func aMentionAfterAHardLineBreakIsLinked() {
        for markdown in ["Hội nghị quán triệt\\\ntheo Kết luận 21-KL/TW.\n", "Hội nghị quán triệt  \ntheo Kết luận 21-KL/TW.\n"] {
            let html = MarkdownRenderer(allowRawHTML: false).render(markdown, links: Rewriter()).html
            #expect(html.contains("theo Kết luận <a href=\"/vb/21-kl-tw\">21-KL/TW</a>."), "\(html)")
        }
        // Every inline after the break has its line: in emphasis, after code or a link.
        let after = "Dòng một\\\n`x` rồi 21-KL/TW, *05-CT/TW* và [l](https://x.vn) rồi 01-KL/TW.\n"
        let html = MarkdownRenderer(allowRawHTML: false).render(after, links: Rewriter()).html
        #expect(html.contains("rồi <a href=\"/vb/21-kl-tw\">21-KL/TW</a>, <em><a href=\"/vb/05-ct-tw\">05-CT/TW</a></em> và <a href=\"/dich/https://x.vn\">l</a> rồi <a href=\"/vb/01-kl-tw\">01-KL/TW</a>."), "\(html)")
    }

    /// With raw HTML allowed, a code inside the body's own `<a>`, `<code>`, `<kbd>` or a heading
    /// is left as it is (a link in a link is no HTML); the first mention outside them is linked,
    /// and an element left open ends with its paragraph.
    @Test func aMentionInsideTheBodysOwnHTMLLinkOrCodeIsLeftAlone() {
        let markdown = """
            Xem <a href="https://example.org/kl">toàn văn Kết luận 21-KL/TW</a>, gõ <KBD>05-CT/TW</KBD> hay <code class="x">05-CT/TW</code>.

            Theo <abbr>21-KL/TW</abbr> và <a name="x">mở

            Rồi 05-CT/TW.

            Mẫu thẻ <textarea> và <a-tip>theo 01-KL/TW</a-tip>.

            """
        let html = MarkdownRenderer(allowRawHTML: true).render(markdown, links: Rewriter()).html
        #expect(html.contains("<a href=\"https://example.org/kl\">toàn văn Kết luận 21-KL/TW</a>, gõ <KBD>05-CT/TW</KBD> hay <code class=\"x\">05-CT/TW</code>."), "\(html)")
        #expect(html.contains("Theo <abbr><a href=\"/vb/21-kl-tw\">21-KL/TW</a></abbr>"), "\(html)")
        #expect(html.contains("<p>Rồi <a href=\"/vb/05-ct-tw\">05-CT/TW</a>.</p>"), "\(html)")
        // A tag GFM filters is shown as text and opens nothing; a custom element is no `<a>`.
        #expect(html.contains("<p>Mẫu thẻ &lt;textarea> và <a-tip>theo <a href=\"/vb/01-kl-tw\">01-KL/TW</a></a-tip>.</p>"), "\(html)")
        // Without raw HTML the tags are left out and their text is shown as any other: linked.
        let safe = MarkdownRenderer(allowRawHTML: false).render(markdown, links: Rewriter()).html
        #expect(safe.contains("toàn văn Kết luận <a href=\"/vb/21-kl-tw\">21-KL/TW</a><!-- raw HTML omitted -->, gõ <!-- raw HTML omitted --><a href=\"/vb/05-ct-tw\">05-CT/TW</a>"), "\(safe)")
    }

    /// Every id of a page is one element's: a heading whose slug is an id already given (`Kết
    /// quả 2` after two `Kết quả`), or one a footnote has (`fn-1`), takes another. vnu rejected
    /// the page, and the footnote's link jumped to the heading.
    @Test func headingIDsAreUniqueAndLeaveFootnotesTheirs() {
        let markdown = "## Kết quả\n\n## Kết quả\n\n## Kết quả 2\n\nChữ[^1].\n\n## FN 1\n\n[^1]: Ghi chú.\n"
        #expect(MarkdownRenderer.headingIDs(in: markdown) == ["ket-qua", "ket-qua-2", "ket-qua-2-2", "muc-fn-1"])
        // Numbered on from the last one given, past any taken: `## A 3` written before the third `## A`.
        let many = "## A\n\n## A 3\n\n" + String(repeating: "## A\n\n", count: 3_000) + "## A 2\n"
        let manyIDs = MarkdownRenderer.headingIDs(in: many)
        #expect(manyIDs.count == 3_003 && Set(manyIDs).count == 3_003)
        #expect(Array(manyIDs.prefix(5)) == ["a", "a-3", "a-2", "a-4", "a-5"] && manyIDs.suffix(2) == ["a-3002", "a-2-2"], "\(manyIDs.prefix(5)) \(manyIDs.suffix(2))")
        let html = MarkdownRenderer(allowRawHTML: false).render(markdown).html
        let ids = html.matches(of: #/ id="([^"]*)"/#).map { String($0.output.1) }
        #expect(ids.count == Set(ids).count && ids.contains("fn-1"), "\(ids)")
    }

    @Test func headingIDsAreTheRenderedOnes() {
        let markdown = "# Kết quả\n\n## Kết quả\n\nChữ.\n\n### Đổi *mới*\n"
        #expect(MarkdownRenderer.headingIDs(in: markdown) == MarkdownRenderer(allowRawHTML: false).render(markdown).headings.map(\.id))
        #expect(MarkdownRenderer.headingIDs(in: markdown) == ["ket-qua", "ket-qua-2", "doi-moi"])
    }

    /// cmark-gfm counts the references inside a note no text refers to (which it leaves out) and
    /// gives the note they lead to a `↩` to each: a way back to nothing is left out, the others stay.
    @Test func aNoteHasNoWayBackToAReferenceThePageLeftOut() {
        let markdown = "Chữ[^b] và[^c].\n\n[^a]: Ghi a, xem [^b] và [^c].\n\n[^b]: Ghi b.\n\n[^c]: Ghi c.\n\n[^d]: Ghi d, xem [^e].\n\n[^e]: Ghi e.\n"
        let html = MarkdownRenderer(allowRawHTML: false).render(markdown).html
        let ids = Set(html.matches(of: #/ id="([^"]*)"/#).map { String($0.output.1) })
        let backrefs = html.matches(of: #/href="#(fnref-[^"]*)" class="footnote-backref"/#).map { String($0.output.1) }
        #expect(backrefs == ["fnref-b", "fnref-c"], "\(html)")
        #expect(backrefs.allSatisfy(ids.contains))
        #expect(html.contains("<p>Ghi e.</p>"), "a note only a left-out note refers to is shown, without a way back: \(html)")
        #expect(html.contains("aria-label=\"Quay lại chỗ đọc\">↩</a></p>"))
    }

    /// With raw HTML allowed, what the body's own HTML writes that looks like bantin's marks is
    /// left as it is: `data-sourcepos` in its text, or on a pasted heading (which takes no id of
    /// another's), and `<table>` inside an attribute.
    @Test func theBodysOwnHTMLIsNotTakenForCmarksMarks() {
        let markdown = """
            ## Mở đầu

            <h3 data-sourcepos="1:1-1:10">Phụ lục</h3>

            <p>Ghi chú kỹ thuật: data-sourcepos="1:1" là vị trí dòng.</p>

            Bảng: <abbr title="thẻ <table> của HTML">bảng</abbr>.

            | a |
            | - |
            | 1 |

            """
        let html = MarkdownRenderer(allowRawHTML: true).render(markdown).html
        #expect(html.contains("<h2 id=\"mo-dau\">Mở đầu</h2>"), "\(html)")
        #expect(html.contains("<h3 data-sourcepos=\"1:1-1:10\">Phụ lục</h3>"), "\(html)")
        #expect(html.contains("<p>Ghi chú kỹ thuật: data-sourcepos=\"1:1\" là vị trí dòng.</p>"), "\(html)")
        #expect(html.contains("<abbr title=\"thẻ <table> của HTML\">bảng</abbr>"), "\(html)")
        #expect(html.contains("<table tabindex=\"0\">") && !html.contains("<th data-sourcepos"), "\(html)")
        // Nor the same bytes inside an attribute's value, where a mark written in would close it.
        let inValues = MarkdownRenderer(allowRawHTML: true).render("""
            <div title='<pre lang=x onmouseover=alert(1) '>a</div>

            <div title=' data-sourcepos="' data-x="' onmouseover=alert(2)>b</div>

            Chữ[^1] và <span title="data-footnote-ref>">c</span>.

            [^1]: Ghi.

            """).html
        #expect(inValues.contains("<div title='<pre lang=x onmouseover=alert(1) '>a</div>"), "\(inValues)")
        #expect(inValues.contains("<div title=' data-sourcepos=\"' data-x=\"' onmouseover=alert(2)>b</div>"), "\(inValues)")
        #expect(inValues.contains("<span title=\"data-footnote-ref>\">c</span>") && inValues.contains("aria-label=\"Chú thích 1\">1</a>"), "\(inValues)")
        // A lone `<` in an HTML block's text starts no tag: the table after it is still made focusable.
        let lone = MarkdownRenderer(allowRawHTML: true).render("<div class=\"ghi\">\nGiá < 5 triệu\n\n| a |\n| - |\n| 1 |\n").html
        #expect(lone.contains("<table tabindex=\"0\">"), "\(lone)")
    }

    /// GFM never publishes `<iframe>`, `<script>`, `<style>` and the like, even with raw HTML:
    /// written inline, such a tag is shown as text, what its attributes hold too (cmark-gfm
    /// escaped only its first `<`, and a `<script>` in its `srcdoc` ran).
    @Test func aFilteredTagWrittenInlineIsTextWhole() {
        let markdown = "Mời xem: <iframe srcdoc=\"<script>window.x=1</script><style>body{display:none}</style>\"></iframe> và <b>đậm</b>.\n\n| a |\n| - |\n| <IFRAME srcdoc='<script>x</script>'> |\n"
        let html = MarkdownRenderer(allowRawHTML: true).render(markdown).html
        #expect(!html.contains("<script") && !html.contains("<style") && !html.contains("<iframe") && !html.contains("<IFRAME"), "\(html)")
        #expect(html.contains("Mời xem: &lt;iframe srcdoc=\"&lt;script>window.x=1&lt;/script>&lt;style>"), "\(html)")
        #expect(html.contains("&lt;/iframe> và <b>đậm</b>."), "the body's other HTML is published, and the filter's own output kept: \(html)")
        // In an HTML block too, and inside a `<div>`: an `<img onerror>` in its attribute is text.
        let block = MarkdownRenderer(allowRawHTML: true).render("<iframe srcdoc=\"<img src=x onerror=alert(1)>\"></iframe>\n\n<div>\n<iframe title='<img src=x onerror=alert(2)>'>\n</div>\n").html
        #expect(!block.contains("<img") && block.contains("&lt;iframe srcdoc=\"&lt;img src=x onerror=alert(1)>\">") && block.contains("<div>\n&lt;iframe title='&lt;img"), "\(block)")
    }

    @Test func aBodyWithNothingToResolveIsNotParsed() {
        #expect(BodyScan.references(of: "Theo Kết luận 01-KL/TW, chi bộ **làm theo**.\n", listed: [DirectiveCode("01-KL/TW")!], bodyLine: 9) == .none)
        let unlisted = BodyScan.references(of: "Theo Kết luận 21-KL/TW.\n", listed: [DirectiveCode("01-KL/TW")!], bodyLine: 9)
        #expect(unlisted.mentions.map(\.position) == [SourcePosition(line: 9, column: 15)])
    }

    @Test(arguments: [
        ("javascript:alert(1)", true), ("JAVASCRIPT:x", true), (" vbscript:x", true), ("file:///etc/passwd", true),
        ("data:text/html,x", true), ("data:image/svg+xml,x", true), ("data:image/png;base64,x", false), ("https://vi.wikipedia.org", false),
        ("../a.md", false), ("mailto:toa-soan@example.vn", false),
    ])
    func unsafeSchemesAreTheOnesCmarkEmpties(destination: String, unsafe: Bool) {
        #expect(LinkDestination.isUnsafe(destination) == unsafe)
    }
}
