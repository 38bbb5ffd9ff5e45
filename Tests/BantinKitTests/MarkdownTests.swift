import Foundation
import Testing

@testable import BantinKit

/// The Markdown stage: cmark-gfm with every GFM extension, footnotes, heading ids,
/// raw HTML dropped unless allowed, and otherwise exactly cmark-gfm's HTML.
@Suite struct MarkdownTests {
    let safe = MarkdownRenderer(allowRawHTML: false)
    let unsafe = MarkdownRenderer(allowRawHTML: true)

    @Test func tablesStrikethroughAutolinksAndTasklists() {
        let html = safe.render("| a | b |\n| --- | ---: |\n| 1 | 2 |\n\n~~cũ~~ www.example.vn\n\n- [x] xong\n- [ ] chưa\n").html
        #expect(html.contains("<table tabindex=\"0\">"), "a table that scrolls sideways takes the keyboard's focus")
        #expect(html.contains("<td align=\"right\">2</td>"))
        #expect(html.contains("<del>cũ</del>"))
        #expect(html.contains("<a href=\"http://www.example.vn\">www.example.vn</a>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Đã xong\" /> xong"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Chưa xong\" /> chưa"))
    }

    /// `&#xFFFE;` and `&#65535;` name characters no text may hold: the page shows U+FFFD for
    /// them, as browsers do, in UTF-8 (cmark-gfm writes a lone byte no UTF-8 has).
    @Test func aReferenceToANoncharacterShowsTheReplacementCharacter() throws {
        let html = safe.render("Số &#xFFFE; và &#65535; và *&#xfffe;*\n").html
        #expect(html == "<p>Số \u{FFFD} và \u{FFFD} và <em>\u{FFFD}</em></p>\n")
        let bytes = safe.render("Số &#xFFFE;\n").utf8
        #expect(String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) != nil)
    }

    /// A link that shows its own address (an address pasted bare, `<…>`, `www.…`, an e-mail, one
    /// with Vietnamese letters) is marked for print, which then does not write it again; a link
    /// with words of its own, or another address, is not.
    @Test func linksThatShowTheirOwnAddressAreMarked() {
        let markdown = "Xem https://dangcongsan.vn/a, <https://b.vn/c>, www.d.vn, <mailto:e@f.vn>, https://vi.wikipedia.org/wiki/Hà_Nội, "
            + "https://vi.wikipedia.org/wiki/H%E1%BB%93_Ch%C3%AD_Minh, https://l.vn/?a=1&b='2', "
            + "[*https://m.vn/n*](https://m.vn/n), [**`www.p.vn`**](http://www.p.vn), "
            + "[trang tư liệu](https://g.vn/), [https://h.vn/](https://k.vn/), [*https://q.vn/*](https://r.vn/) và [mục](#muc).\n"
        let html = String(decoding: AddressLinks.marked(Array(safe.render(markdown).html.utf8)), as: UTF8.self)
        for shown in [
            "https://dangcongsan.vn/a", "https://b.vn/c", "http://www.d.vn", "mailto:e@f.vn", "https://vi.wikipedia.org/wiki/Hà_Nội",
            "https://vi.wikipedia.org/wiki/Hồ_Chí_Minh", "https://l.vn/?a=1&amp;b=&#x27;2", "https://m.vn/n", "http://www.p.vn",
        ] {
            #expect(html.contains("<a href=\"\(shown)\" data-shown>"), "\(shown): \(html)")
        }
        for other in ["https://g.vn/", "https://k.vn/", "https://r.vn/", "#muc"] { #expect(html.contains("<a href=\"\(other)\">"), "\(other): \(html)") }
        #expect(html.components(separatedBy: "data-shown").count == 10)
        // Its text, pasted from an address bar, is as readable as its address; `%20` stays.
        #expect(html.contains("data-shown>https://vi.wikipedia.org/wiki/Hồ_Chí_Minh</a>"), "\(html)")
        let spaced = String(decoding: AddressLinks.marked(Array(safe.render("Xem https://s.vn/a%20b%C3%A1 và <https://t.vn/%E1%BB%93>, www.u.vn/%E1%BB%93.\n").html.utf8)), as: UTF8.self)
        #expect(spaced.contains(">https://s.vn/a%20bá</a>") && spaced.contains(">https://t.vn/ồ</a>") && spaced.contains(">www.u.vn/ồ</a>"), "\(spaced)")
        let plain = Array(safe.render("Không có liên kết nào.\n").html.utf8)
        #expect(AddressLinks.marked(plain) == plain)
    }

    /// Print writes a web link's address after its text: its letters are readable there
    /// (`Hồ_Chí_Minh`, however the editor wrote them), and what is not a letter, mark or digit
    /// stays encoded as written.
    @Test func aWebAddressKeepsItsLettersReadable() {
        let markdown = "[Tiểu sử](https://vi.wikipedia.org/wiki/H%E1%BB%93_Ch%C3%AD_Minh), [bài](https://b.vn/Hà_Nội?q=đảng%20viên#mục), "
            + "[hoa](https://c.vn/%e1%bb%93), [ẩn](https://d.vn/a%E2%80%AEb%C2%A0c%2Fd%E2%80%8Be), [lỗi](https://e.vn/%C3%28%C3), "
            + "[tệp](tai-lieu/B%C3%A1o.pdf), [số](https://f.vn/%D9%A3), [dấu](https://g.vn/o%CC%82%CC%81)\n"
        let html = String(decoding: AddressLinks.marked(Array(safe.render(markdown).html.utf8)), as: UTF8.self)
        for href in [
            "https://vi.wikipedia.org/wiki/Hồ_Chí_Minh", "https://b.vn/Hà_Nội?q=đảng%20viên#mục",
            "https://c.vn/ồ", "https://d.vn/a%E2%80%AEb%C2%A0c%2Fd%E2%80%8Be", "https://e.vn/%C3%28%C3", "tai-lieu/B%C3%A1o.pdf",
            "https://f.vn/٣", "https://g.vn/o\u{302}\u{301}",
        ] {
            // Bytes, not `String.contains`: that takes `ồ` and `o` with two marks for the same.
            #expect(Array(html.utf8).firstOffset(of: Array("<a href=\"\(href)\">".utf8)) != nil, "\(href): \(html)")
        }
    }

    /// Code blocks take the focus; footnote references are named and the footnotes have a heading.
    @Test func codeAndFootnotesAreUsableByKeyboardAndScreenReader() {
        let html = safe.render("Văn bản[^1] và[^ghi].\n\n```sh\nls\n```\n\n    thụt lề\n\n[^1]: Một.\n[^ghi]: Hai.\n").html
        #expect(html.components(separatedBy: "<pre tabindex=\"0\">").count == 3, "\(html)")
        #expect(safe.render("Mở đầu.\n\n>     mã trong trích dẫn\n").html.contains("<pre tabindex=\"0\">"), "a code block in a quote")
        #expect(html.contains("data-footnote-ref aria-label=\"Chú thích 1\">1</a>") && html.contains("data-footnote-ref aria-label=\"Chú thích 2\">2</a>"), "\(html)")
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>\n<h2 class=\"footnotes-title\">Chú thích</h2>\n<ol>"), "\(html)")
        #expect(html.contains("aria-label=\"Quay lại chỗ đọc\"") && !html.contains("Back to content"))
        // A note cited twice has two ways back, each named with the number it shows.
        let twice = safe.render("A[^1] và B[^1].\n\n[^1]: Ghi chú.\n").html
        #expect(twice.contains("aria-label=\"Quay lại chỗ đọc\">↩</a>") && twice.contains("aria-label=\"Quay lại chỗ đọc thứ 2\">↩<sup class=\"footnote-ref\">2</sup></a>"), "\(twice)")
    }

    /// cmark-gfm switches its extensions' characters (`~`, `|`, …) on and off in one table for
    /// the whole process around every parse; rendering on every core must still see them all.
    @Test func everyCoreRendersExtensionsAlike() {
        let bodies = ["~~Hi~~ Hello, world!", "| a | b |\n| - | - |\n| ~~c~~ | www.example.org |", "Chữ ~~gạch~~ và **đậm**"]
        let expected = bodies.map { safe.render($0).html }
        #expect(expected[0].contains("<del>Hi</del>"))
        let renderer = safe
        let rendered = Array(0..<6000).parallelMap { renderer.render(bodies[$0 % bodies.count]).html }
        let wrong = rendered.indices.filter { rendered[$0] != expected[$0 % bodies.count] }
        #expect(wrong.isEmpty, "\(wrong.count) of \(rendered.count) renders differ")
    }

    @Test func footnotesAreOn() {
        let html = safe.render("Theo báo cáo[^1].\n\n[^1]: Báo cáo của Tỉnh ủy.\n").html
        #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\""))
        #expect(html.contains("<section class=\"footnotes\""))
        #expect(html.contains("Báo cáo của Tỉnh ủy."))
    }

    @Test func everyHeadingGetsAUniqueVietnameseSlugID() {
        let rendered = safe.render("# Kết quả nổi bật\n\n## Đổi mới *phương thức*\n\n## Kết quả nổi bật\n\n### !!!\n")
        #expect(rendered.html.contains("<h1 id=\"ket-qua-noi-bat\">Kết quả nổi bật</h1>"))
        #expect(rendered.html.contains("<h2 id=\"doi-moi-phuong-thuc\">Đổi mới <em>phương thức</em></h2>"))
        #expect(rendered.html.contains("<h2 id=\"ket-qua-noi-bat-2\">Kết quả nổi bật</h2>"))
        #expect(rendered.html.contains("<h3 id=\"muc\">!!!</h3>"))
        #expect(rendered.headings.map(\.level) == [1, 2, 2, 3])
        #expect(!rendered.html.contains("data-sourcepos"))
    }

    @Test func rawHTMLAndJavascriptLinksAreDroppedByDefault() {
        let markdown = "<script>alert(1)</script>\n\nChữ <img src=x onerror=alert(1)> và [bấm](javascript:alert(1)).\n"
        let html = safe.render(markdown).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func rawHTMLIsKeptWhenAllowedButTagfilterStillApplies() {
        let html = unsafe.render("<div class=\"hop\">Hộp</div>\n\n<title>x</title>\n").html
        #expect(html.contains("<div class=\"hop\">Hộp</div>"))
        #expect(html.contains("&lt;title>"))
    }

    /// Every example of the GFM spec and extensions spec renders, ids aside, exactly as the
    /// `cmark-gfm` program renders it with the same extensions: our sourcepos-based heading ids
    /// must never change a Markdown construct.
    @Test func matchesCmarkGFMOnEverySpecExample() throws {
        let files = ["spec.txt", "extensions.txt"].map { Repo.fixtures.appendingPathComponent("gfm/\($0)") }
        var examples: [String] = []
        for file in files {
            examples += SpecExamples.markdown(in: try String(contentsOf: file, encoding: .utf8))
        }
        #expect(examples.count > 600)
        var mismatches: [String] = []
        for (safeMode, renderer) in [(true, safe), (false, unsafe)] {
            let expected = try CmarkCLI.render(examples, unsafe: !safeMode)
            for (markdown, reference) in zip(examples, expected) {
                // The changes made to cmark-gfm's HTML besides heading ids are those of
                // `AccessibleMarkup`: taken back, the HTML is cmark-gfm's.
                var ours = HeadingIDs.strip(renderer.render(markdown).html)
                for (pattern, replacement) in AccessibleMarkup.plain {
                    ours = ours.replacingOccurrences(of: String(decoding: replacement, as: UTF8.self), with: String(decoding: pattern, as: UTF8.self))
                }
                ours = ours.replacing(/\ aria-label="Chú thích [0-9]*"/, with: "")
                if ours != reference { mismatches.append(markdown) }
            }
        }
        #expect(mismatches.isEmpty, "differs from cmark-gfm: \(mismatches.prefix(3))")
    }
}

/// Reads the Markdown of each example block of a cmark spec file.
enum SpecExamples {
    static func markdown(in spec: String) -> [String] {
        var result: [String] = []
        var current: [Substring]? = nil
        let fence = String(repeating: "`", count: 32)
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(fence + " example") {
                current = []
            } else if current != nil, line == "." {
                result.append(current!.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n")
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return result
    }
}

/// Renders each document with the `cmark-gfm` program and the extensions bantin uses.
enum CmarkCLI {
    static func render(_ documents: [String], unsafe: Bool) throws -> [String] {
        try documents.map { document in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist", "-e", "footnotes"]
                + (unsafe ? ["--unsafe"] : [])
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(document.utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// Removes the ids bantin adds to headings.
enum HeadingIDs {
    static func strip(_ html: String) -> String {
        html.replacingOccurrences(of: #"(<h[1-6]) id="[^"]*""#, with: "$1", options: .regularExpression)
    }
}
