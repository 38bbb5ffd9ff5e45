import Foundation
import Testing

@testable import BantinKit

/// A content folder with a minimal `site.yml`, no templates (the catalog does not need them).
private func makeSite(templates: Bool = false) throws -> TestSite {
    let site = try TestSite(copyTemplates: templates)
    try site.write("content/site.yml", "title: \"Bản tin Xây dựng Đảng\"\n")
    return site
}

private func load(_ site: TestSite, drafts: Bool = false) -> (Catalog?, [Diagnostic]) {
    CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: drafts)
}

private func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error } }
private func warnings(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

/// The one error expected from `diagnostics`, recorded as an issue when there is not exactly one.
private func onlyError(_ diagnostics: [Diagnostic], sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
    let found = errors(diagnostics)
    #expect(found.count == 1, "expected one error, got \(found)", sourceLocation: sourceLocation)
    return found.first
}

/// Each field of an article is checked, and each problem is an error or warning
/// at the file and line an editor must fix.
@Suite struct ArticleFieldTests {
    static let file = "content/articles/2023/05/tin.md"

    /// The one error of a catalog whose only article, `file`, is `text`: the catalog is refused,
    /// and the error names that file.
    func refusal(of text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let site = try makeSite()
        try site.write(Self.file, text)
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil, sourceLocation: sourceLocation)
        let error = try #require(onlyError(diagnostics, sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        #expect(error.file == Self.file, sourceLocation: sourceLocation)
        return error
    }

    /// A body with no text (only blank lines or HTML comments, even one never closed) and no
    /// lead photo is a warning at the body's first line; a photo in the body, or any text, is none.
    @Test(arguments: [("", true), ("\n\n  \n", true), ("<!-- TODO: dán nội dung bài vào đây -->\n", true), ("\n<!-- a -->\n<!-- b", true),
                      ("x", false), ("<!-- a --> x", false), ("![Ảnh](anh.jpg)", false), ("    <!-- mã -->", false)])
    func aBodyWithNoTextIsAWarning(body: String, warned: Bool) throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-05-09\n---\n" + body)
        try site.write("content/articles/2023/05/anh.jpg", "")
        let told = load(site).1.filter { $0.message.hasPrefix("the article has no text") }
        #expect(told.map(\.description) == (warned ? ["\(Self.file):5:1: warning: " + (told.first?.message ?? "")] : []), "\(told)")
    }

    @Test(arguments: [
        "---\ndate: 2023-05-09\n---\nNội dung.\n",
        "---\ntitle:\ndate: 2023-05-09\n---\nNội dung.\n",
        "---\ntitle: \"\"\ndate: 2023-05-09\n---\nNội dung.\n",
        "---\ntitle: \"  \"\ndate: 2023-05-09\n---\nNội dung.\n",
    ])
    func missingTitle(_ text: String) throws {
        let error = try refusal(of: text)
        #expect(error.message.contains("`title`"))
        #expect((1...3).contains(error.line))
    }

    @Test(arguments: [
        "---\ntitle: \"Tin\"\n---\nNội dung.\n",
        "---\ntitle: \"Tin\"\ndate: ~\n---\nNội dung.\n",
        "---\ntitle: \"Tin\"\ndate: \"\"\n---\nNội dung.\n",
    ])
    func missingDate(_ text: String) throws {
        let error = try refusal(of: text)
        #expect(error.message.contains("`date`"))
    }

    /// The diagnostic points at the line of the bad value, counted from the top of the file.
    @Test(arguments: [
        ("---\ntitle: \"Tin\"\ndate: 2023-02-30\n---\n", 3, "2023-02-30"),
        ("---\ntitle: \"Tin\"\nsummary: \"Sapo\"\nlocation: Tiền Giang\ndate: \"09/05/2023\"\n---\n", 5, "09/05/2023"),
        ("---\ntitle: \"Tin\"\ndate: 2023-05-09\nupdated: hôm qua\n---\n", 4, "hôm qua"),
        ("---\ntitle: \"Tin\"\ndate: 2023-05-09T25:00\n---\n", 3, "2023-05-09T25:00"),
    ])
    func invalidDateAtItsLine(_ text: String, _ line: Int, _ raw: String) throws {
        let error = try refusal(of: text)
        #expect(error.line == line)
        #expect(error.message.contains("not a valid date"))
        #expect(error.message.contains(raw))
    }

    /// YAML's own line numbers are shifted by the opening `---` line.
    @Test(arguments: [
        ("---\ntitle: \"Tin\"\ndate: 2023-05-09\n  summary: lệch lề\n---\nNội dung.\n", 4),
        ("---\ntitle: \"Tin\"\ndate: 2023-05-09\nsummary: Sapo\n  location: lệch lề\n---\nNội dung.\n", 5),
        ("---\ndate: 2023-05-09\ntitle: Tin: mới\n---\nNội dung.\n", 3),
        // A line with no `:` (a sentence of the body written above `---`), found out on the next.
        ("---\ntitle: \"Tin\"\nĐây là câu mở đầu\ndate: 2023-05-09\n---\nNội dung.\n", 3),
    ])
    func malformedYAMLAtItsLine(_ text: String, _ line: Int) throws {
        let error = try refusal(of: text)
        #expect(error.line == line)
        #expect(error.message.contains("malformed YAML"))
        #expect(!error.message.contains("\n"), "a diagnostic must fit on one line: \(error.message.debugDescription)")
    }

    @Test func unterminatedQuoteIsReportedInsideFrontMatter() throws {
        let error = try refusal(of: "---\ntitle: \"Tin chưa đóng ngoặc\ndate: 2023-05-09\n---\nNội dung.\n")
        #expect((2...3).contains(error.line), "line \(error.line) is outside the front matter")
        #expect(error.message.contains("malformed YAML"))
        #expect(!error.message.contains("\n"), "a diagnostic must fit on one line: \(error.message.debugDescription)")
    }

    /// The usual mistakes are reported where the editor made them, not where YAML gave up: a
    /// quote left open (YAML reads on to the next quote), a field indented under another, a tab.
    @Test(arguments: [
        ("---\ntitle: \"Đảng bộ tỉnh họp\ndate: 2024-01-05\nsummary: \"Tóm tắt\"\n---\nNội dung.\n", 2, 8, "the quote \" opened here is not closed on its line"),
        ("---\ntitle: 'Đảng bộ tỉnh\ndate: 2024-01-05\nsummary: 'Tóm tắt'\n---\nNội dung.\n", 2, 8, "the quote ' opened here is not closed"),
        ("---\ntitle: \"Tin\"\ndate: 2024-01-05\ncategory: \"Tin tức\n---\nNội dung.\n", 4, 11, "the quote \" opened here is not closed"),
        ("---\ntitle: \"Hội nghị \\\"Dân vận khéo\\\" 2024\ndate: 2024-01-05\nsummary: \"x\"\n---\nNội dung.\n", 2, 8, "the quote \" opened here"),
        ("---\ntitle: Tin\ndate: 2024-01-05\n  category: Tin tức\n---\nNội dung.\n", 4, 1, "this line is indented, so YAML reads it as more of `date`'s value"),
        ("---\ntitle: Tin\ndate: 2024-01-05\n\tcategory: Tin tức\n---\nNội dung.\n", 4, 1, "this line starts with a tab"),
        ("---\ntitle: \"Nháy trong nháy \"Đổi mới\" nhé\"\ndate: 2024-01-05\n---\nNội dung.\n", 2, 25, "the quote \" here closes the value the quote at column 8 opened, before its end"),
        ("---\ntitle: Tin\ndate: 2024-01-05\nsummary: 'Đảng bộ's việc'\n---\nNội dung.\n", 4, 18, "or quote the value with \" instead"),
        ("---\ntitle: Tin\ndate: 2024-01-05\ndirectives:\n\t- \"01-KL/TW\"\n---\nNội dung.\n", 5, 1, "this line starts with a tab"),
        ("---\ntitle: Tin\ndate: 2024-01-05\ndirectives: [\"01-KL/TW\"\ncategory: Tin tức\n---\nNội dung.\n", 4, 13, "the list opened with [ here is not closed with ]"),
        ("---\ntitle: Tin\ndate:\u{A0}2024-01-05\n---\nNội dung.\n", 3, 6, "the space after `date:` is a no-break space"),
        ("---\ntitle: Tin\ndate：2024-01-05\n---\nNội dung.\n", 3, 5, "`date` is followed by a full-width colon"),
        // A quoted value on two lines is YAML: the mistake is the later one.
        ("---\ntitle: \"Hội nghị\n  toàn tỉnh\"\ndate: 2024-01-05\nsummary: a: b\n---\nNội dung.\n", 5, 11, "a value with `: ` in it must be quoted"),
        // The first field's slip, which YAML finds out only on the line below.
        ("---\ntitle:Hội nghị sơ kết\ndate: 2024-01-05\n---\nNội dung.\n", 2, 7, "there is no space after `title:`"),
        ("---\ntitle Hội nghị sơ kết\ndate: 2024-01-05\n---\nNội dung.\n", 2, 6, "there is no colon after `title`, so YAML does not read this line as a field: write `title: …`"),
        ("---\n title: \"Hội nghị\"\ndate: 2024-01-05\n---\nNội dung.\n", 2, 1, "this field starts with a space, and the fields below it do not"),
        ("---\ntitle: Tin\ndate: 2024-01-05\nauthor Ban biên tập\nsummary: x\n---\nNội dung.\n", 4, 7, "there is no colon after `author`"),
        ("---\ntitle: Tin\ndate: 2024-01-05\n  author: Ban biên tập\n---\nNội dung.\n", 4, 1, "this line is indented"),
        // A value that starts with a character YAML does not read as text.
        ("---\ntitle: [Video] Hội nghị\ndate: 2024-01-05\n---\nNội dung.\n", 2, 8, "`title`'s value starts with `[`, which YAML reads as the start of a list: put the whole value in straight quotes, e.g. `title: \"[Video] Hội nghị\"`"),
        ("---\ntitle: @Thanh niên\ndate: 2024-01-05\n---\nNội dung.\n", 2, 8, "starts with `@`"),
        ("---\ntitle: Tin\ndate: 2024-01-05\nsummary: `Nêu gương` \"mới\"\n---\nNội dung.\n", 4, 10, "starts with a backquote, which YAML reads as a character no value may start with: put the whole value in straight quotes, e.g. `summary: '`Nêu gương` \"mới\"'`"),
        ("---\ntitle: - Tin nóng\ndate: 2024-01-05\n---\nNội dung.\n", 2, 8, "starts with `- `, which YAML reads as a list's item"),
        // A list's item on its key's line: below it, or in brackets (quoted, it would be no code).
        ("---\ntitle: Tin\ndate: 2024-01-05\ndirectives: - 01-KL/TW\n---\nNội dung.\n", 4, 13,
         "`directives`'s item is on its key's line, where YAML reads `- ` as nothing it can take: put each item on a line of its own below, `  - 01-KL/TW`, or write the list in brackets, `directives: [01-KL/TW]`"),
        ("---\ntitle: Tin\ndate: 2024-01-05\ndirectives: - 01-KL/TW, - 05-CT/TW # ghi chú\n---\nNội dung.\n", 4, 13, "or write the list in brackets, `directives: [01-KL/TW, 05-CT/TW]`"),
        // One item pasted with no-break spaces among typed ones: told at it, not where YAML stops.
        ("---\ntitle: Tin\ndate: 2024-01-05\ndirectives:\n  - 01-KL/TW\n\u{00A0}\u{00A0}- 05-CT/TW\n  - 21-KL/TW\nsummary: x\n---\nNội dung.\n", 6, 1, "this line is indented with ⟨no-break space U+00A0⟩"),
        // A quoted value going on to a line that starts with a no-break space is YAML's: the slip below is told.
        ("---\ntitle: \"Hội nghị\n\u{00A0}tổng kết\"\ndate: 2024-01-05\nsummary: a: b\n---\nNội dung.\n", 5, 11, "a value with `: ` in it must be quoted"),
        ("---\ntitle: Tin\ndate: 2024-01-05\ndirectives: - 01-KL/TW, 05-CT/TW\n---\nNội dung.\n", 4, 13, "or write the list in brackets, `directives: [01-KL/TW, 05-CT/TW]`"),
        ("---\ntitle: “Hỏi – đáp: chi bộ”\ndate: 2024-01-05\n---\nNội dung.\n", 2, 8, "a curly quote (typed by Word), which YAML reads as text, so a `: ` inside breaks it: quote the value with straight quotes instead, e.g. `title: \"Hỏi – đáp: chi bộ\"`"),
        ("---\ntitle: “Nói đi đôi với làm”: bài học từ “Dân vận”\ndate: 2024-01-05\n---\nNội dung.\n", 2, 8, "e.g. `title: \"“Nói đi đôi với làm”: bài học từ “Dân vận”\"`"),
        // Fields YAML reads as such above the slip are not taken for it: the slip is told at its line.
        ("---\ntitle:\tHội nghị\ndate: 2024-01-05\nauthor: Hà Nội: hội nghị\n---\nNội dung.\n", 4, 15, "a value with `: ` in it must be quoted"),
        ("---\n\"title\": Hội nghị\ndate: 2024-01-05\nauthor: Hà Nội: hội nghị\n---\nNội dung.\n", 4, 15, "a value with `: ` in it must be quoted"),
        ("---\ntitle : Hội nghị\ndate: 2024-01-05\nauthor: Hà Nội: hội nghị\n---\nNội dung.\n", 4, 15, "a value with `: ` in it must be quoted"),
        ("---\ndate: 2024-01-05\ntitle: “Dân vận khéo”\nsummary: Bác dặn: dân là gốc\n---\nNội dung.\n", 4, 17, "a value with `: ` in it must be quoted"),
        ("---\ntitle: Tin\ndirectives: [\"01-KL/TW\",\n\"05-CT/TW\"]\nsummary: Hà Nội: hội nghị\n---\nNội dung.\n", 5, 16, "a value with `: ` in it must be quoted"),
        // A list written whole and a block's indicator with its chomping, on the line above the slip.
        ("---\ntitle: Tin\ndirectives: [\"01-KL/TW\"]\nsummary: Hà Nội: hội nghị\n---\nNội dung.\n", 4, 16, "a value with `: ` in it must be quoted"),
        ("---\ntitle: Tin\nsummary: |-\nauthor: Hà Nội: hội nghị\n---\nNội dung.\n", 4, 15, "a value with `: ` in it must be quoted"),
        // A field indented under a quoted value (YAML: "did not find expected key").
        ("---\ntitle: \"Tin\"\n  category: Tin tức\ndate: 2024-01-05\n---\nNội dung.\n", 3, 1, "this line is indented, so YAML reads it as more of `title`'s value on the line above"),
    ])
    func aYAMLMistakeIsReportedWhereItWasMade(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try refusal(of: text)
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
    }

    /// A line separator on a block's line that starts with `#` is the block's text, told; in a
    /// comment of a whole line it is nothing read.
    @Test func aLineSeparatorInABlocksHashLineIsTold() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-01\nsummary: |\n  #ChungTay\u{2028}#VìCộngĐồng\n# cũ\u{2028}bỏ\n---\nNội dung.\n")
        let (catalog, diagnostics) = load(site)
        #expect(catalog?.articles.first?.summary == "#ChungTay #VìCộngĐồng")
        #expect(warnings(diagnostics).map { "\($0.line):\($0.column)" } == ["5:12"], "\(diagnostics)")
    }

    /// A dash alone on a line of a quoted value (`—`, a pause in a sapo) is the value's, when the
    /// front matter is closed below it: not a fence written with Word's dashes.
    @Test func aDashAloneInAQuotedValueIsItsText() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-01\nsummary: \"Dòng một\n\u{2014}\ndòng hai\"\n---\nNội dung.\n")
        let (catalog, diagnostics) = load(site)
        #expect(catalog?.articles.first?.summary == "Dòng một — dòng hai", "\(diagnostics)")
    }

    /// A line or paragraph separator (U+2028) pasted into a value shows as nothing, and YAML takes
    /// it for a line's end (the fast reader did not): a space, with a warning where it is, whichever
    /// reads the front matter.
    @Test(arguments: ["", "summary: >\n  Tóm tắt.\n"])
    func aLineSeparatorInAValueIsASpaceToldAtItsPlace(more: String) throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: Hà Nội\u{2028}Hội nghị\ndate: 2023-06-01\n" + more + "# ghi chú\u{2028}cũ\n---\nNội dung.\n")
        let (catalog, diagnostics) = load(site)
        #expect(catalog?.articles.first?.title == "Hà Nội Hội nghị")
        #expect(warnings(diagnostics).map { "\($0.line):\($0.column) \($0.message.prefix(34))" } == ["2:14 a line separator (U+2028) is here,"], "\(diagnostics)")
    }

    /// A hashtag in a value not in quotes is a YAML comment, dropped without a word by YAML: a
    /// warning at its `#` says what is lost and how to keep it; a comment meant as one (`# ` with
    /// a space), a quoted value, a block value and a `#` inside a word are not told.
    @Test func aHashtagReadAsACommentIsToldAtItsPlace() throws {
        let site = try makeSite()
        try site.write(Self.file, """
            ---
            title: Đà Nẵng hưởng ứng chiến dịch
            date: 2023-06-01  # giờ Hà Nội
            summary: Thành phố phát động chiến dịch #ChungTay vì cộng đồng
            category: #Thời sự
            location: "Đà Nẵng #1"
            source: Báo C#
            tags:
              - Tin #mới
            image_caption: |
              Ảnh: #TừTrênCao
            ---
            Nội dung.
            """)
        let (catalog, diagnostics) = load(site)
        let told = warnings(diagnostics).filter { $0.message.contains("as a comment") }
        #expect(told.map { [$0.line, $0.column] } == [[4, 41], [5, 11], [9, 9]], "\(told)")
        #expect(told.allSatisfy { $0.file == Self.file })
        #expect(told.first?.message.contains("YAML reads `#ChungTay vì cộng đồng` as a comment") == true)
        #expect(told.first?.message.contains("`summary` ends at `Thành phố phát động chiến dịch`") == true)
        #expect(told.first?.message.contains("`summary: \"Thành phố phát động chiến dịch #ChungTay vì cộng đồng\"`") == true)
        #expect(told.dropFirst().first?.message.contains("`category` is left empty") == true)
        // What YAML read is kept as it read it: the warning only tells.
        #expect(catalog?.articles.first?.summary == "Thành phố phát động chiến dịch")
        // A title that is all hashtag: the error says the title is missing, and the warning why.
        try site.write(Self.file, "---\ntitle: #ChungTay vì Đà Nẵng xanh\ndate: 2023-06-02\n---\nNội dung.\n")
        let (_, refused) = load(site)
        #expect(refused.contains { $0.severity == .warning && $0.line == 2 && $0.message.contains("`title` is left empty") })
        #expect(errors(refused).contains { $0.message.contains("`title`") })
        // On a line the value goes on to, and where YAML then fails: told at the #.
        for (text, line, column, words) in [
            ("summary: Chi bộ hưởng ứng\n  #ChungTay vì cộng đồng\n", 5, 3, "`summary` ends on the line above"),
            ("summary:\n  Chi bộ hưởng ứng #ChungTay vì cộng đồng\n", 5, 20, "`summary` ends at `Chi bộ hưởng ứng`"),
            ("summary: Chi bộ hưởng ứng #ChungTay,\n  quyên góp\n", 4, 27, "`summary` ends at `Chi bộ hưởng ứng`"),
        ] {
            try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-02\n\(text)---\nNội dung.\n")
            let (_, said) = load(site)
            #expect(said.contains { $0.severity == .warning && ($0.line, $0.column) == (line, column) && $0.message.contains(words) }, "\(said)")
        }
        // In a list item's next line, and in a list in brackets: told too.
        // And glued to a value's closing quote, which YAML takes as a comment all the same.
        for (text, line, column) in [
            ("directives:\n  - 01-KL/TW\n    #ChungTay\n", 6, 5), ("source: [Báo Nhân Dân, #ChungTay]\n", 4, 24),
            ("summary: \"Hội nghị\"#TinMoi\n", 4, 20), ("source: 'Báo Nhân Dân'#ChungTay\n", 4, 23),
            // After spaces after it too; a field that holds no `#` is told to make it a note.
            ("summary: \"Hội nghị\"  #TinMoi\n", 4, 22), ("slug: \"hoi-nghi\"#sua\n", 4, 17), ("slug: hoi-nghi #sua\n", 4, 16),
        ] {
            try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-02\n\(text)---\nNội dung.\n")
            let (_, said) = load(site)
            #expect(said.contains { $0.severity == .warning && ($0.line, $0.column) == (line, column) && $0.message.contains("as a comment") }, "\(said)")
        }
        #expect(load(site).1.contains { $0.message.hasSuffix("this field holds no `#`: to keep it as a note, write a space after its `#` (`# sua`), which YAML's comments take; else delete it") })
        // A code's item, in a list below its key or in brackets, holds none either.
        for items in ["directives:\n  - \"01-KL/TW\" #sua\n", "directives: [\"01-KL/TW\"] #sua\n"] {
            try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-02\n\(items)---\nNội dung.\n")
            #expect(load(site).1.contains { $0.message.hasSuffix("this field holds no `#`: to keep it as a note, write a space after its `#` (`# sua`), which YAML's comments take; else delete it") }, "\(items)")
        }
        // A value in quotes that starts on the line after its key keeps its #: nothing told.
        try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-02\nsummary:\n  \"Phát động #ChungTay\"\nsubtitle:\n  'Chiến dịch\n  #VìCộngĐồng'\n---\nNội dung.\n")
        try site.write(Self.file, try site.read(Self.file).replacingOccurrences(of: "---\nNội dung.", with: "location: \"Huế\" # giờ Hà Nội\n---\nNội dung."))
        let (nextLine, quietly) = load(site)
        #expect(nextLine?.articles.first?.summary == "Phát động #ChungTay")
        #expect(!quietly.contains { $0.message.contains("as a comment") }, "\(quietly)")
        // Inside a quoted value over several lines, a # is text; the suggestion escapes a backslash.
        try site.write(Self.file, "---\ntitle: Tin\ndate: 2023-06-02\nsummary: \"Chiến dịch:\n  Hashtag: #ChungTay\n  - #VìCộngĐồng\"\nsource: Tỷ lệ 3\\4 #đạt\n---\nNội dung.\n")
        let (quoted, said) = load(site)
        #expect(quoted?.articles.first?.summary == "Chiến dịch: Hashtag: #ChungTay - #VìCộngĐồng")
        #expect(warnings(said).filter { $0.message.contains("as a comment") }.map(\.line) == [7], "\(said)")
        #expect(said.contains { $0.message.contains("`source: \"Tỷ lệ 3\\\\4 #đạt\"`") }, "\(said)")
    }

    /// A key given twice is an error at one of its lines, on one line of output.
    @Test func duplicateKeyIsAnErrorAtTheKey() throws {
        let error = try refusal(of: "---\ndate: 2023-05-09\ntitle: \"Một\"\nsummary: Sapo\ntitle: \"Hai\"\n---\nNội dung.\n")
        #expect([3, 5].contains(error.line), "line \(error.line) is not a line of `title`")
        #expect(error.message.contains("title"))
        #expect(!error.message.contains("\n"), "a diagnostic must fit on one line: \(error.message.debugDescription)")
    }

    @Test(arguments: [
        ("directives: 5\n", "`5`"),
        ("directives: [\"KL-01\"]\n", "KL-01"),
        ("themes: [hai nghìn]\n", "hai nghìn"),
        ("themes: [1800]\n", "1800"),
        ("draft: có\n", "`draft`"),
        ("directives: [\"01-\(String(repeating: "A", count: 300))/TW\"]\n", "makes an address 306 characters long, more than the 200"),
        ("summary: [a, b]\n", "`summary`"),
    ])
    func badFieldValue(_ extra: String, _ mentioned: String) throws {
        let error = try refusal(of: article(title: "Tin", extra: extra))
        #expect(error.line == 4)
        #expect(error.message.contains(mentioned), "\(error.message)")
    }

    /// "Did you mean" counts edits only as far as it needs (within a bound, near the diagonal):
    /// the count is the full one whenever that is within the bound, and none when it is not.
    @Test func editsCountedWithinABoundAreTheFullCount() {
        func full(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[a.count][b.count]
        }
        var random = SeededGenerator(seed: 17)
        let letters: [Unicode.Scalar] = ["a", "b", "c", "đ", "ộ"]
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0...9, using: &random)).map { _ in letters.randomElement(using: &random)! }
            let b = (0..<Int.random(in: 0...9, using: &random)).map { _ in letters.randomElement(using: &random)! }
            let bound = Int.random(in: 0...6, using: &random)
            let expected = full(a, b)
            #expect(Suggestion.distance(a, b, atMost: bound) == (expected <= bound ? expected : nil), "\(a) \(b) \(bound)")
        }
        #expect(Suggestion.nearest(to: "bai-so-12", among: ["bai-so-13", "bai-so-21", "bai-so-120", "bai-so-12x"]) == "bai-so-120")
        #expect(Suggestion.nearest(to: "tittle", among: ["title", "summary"]) == "title")
        #expect(Suggestion.nearest(to: "xyz", among: ["title", "summary"]) == nil)
        #expect(Suggestion.nearest(to: "xyz", among: ["widths", "quality"], within: .max) == "widths")
        // Letters typed decomposed count as the composed ones they show.
        #expect(Suggestion.nearest(to: "mục-bốm", among: ["mu\u{323}c-ba", "mu\u{323}c-bo\u{302}\u{301}n"]) == "mu\u{323}c-bo\u{302}\u{301}n")
    }

    @Test(arguments: [
        ("directive", "directives"), ("tittle", "title"), ("theme", "themes"), ("sumary", "summary"), ("imagealt", "image_alt"),
        // Other generators' names (Hugo's, WordPress's) for bantin's fields.
        ("description", "summary"), ("excerpt", "summary"), ("tags", "category"), ("categories", "category"), ("featured_image", "image"),
    ])
    func unknownKeyWarnsWithSuggestion(_ key: String, _ suggestion: String) throws {
        let site = try makeSite()
        try site.write(Self.file, article(title: "Tin", extra: "\(key): x\n"))
        let (catalog, diagnostics) = load(site)
        #expect(errors(diagnostics).isEmpty)
        #expect(catalog?.articles.count == 1)
        let warning = try #require(warnings(diagnostics).first { $0.file == Self.file })
        #expect(warning.line == 4)
        #expect(warning.message.contains("`\(key)`"))
        #expect(warning.message.contains("did you mean `\(suggestion)`"), "\(warning.message)")
    }

    /// A character that shows as nothing, pasted into front matter, is an error that names it
    /// where it stands: before a field's name (the field would not be read), after `draft`'s
    /// value, at a line's start (YAML's own error says nothing of it), before the opening `---`.
    @Test func anInvisibleCharacterInFrontMatterIsNamed() throws {
        let site = try makeSite()
        let cases = [
            ("key", "---\ntitle: Tin\ndate: 2023-05-09\n\u{200B}category: Xây dựng Đảng\n---\nx\n",
             "4:1: error: `⟨zero-width space U+200B⟩category` is `category` with a character that shows as nothing"),
            ("draft", "---\ntitle: Tin\ndate: 2023-05-09\ndraft: true\u{200B}\n---\nx\n", "4:8: error: `draft` must be `true` or `false`, not `true⟨zero-width space U+200B⟩`"),
            ("quoted", "---\ntitle: Tin\ndate: 2023-05-09\ndraft: 'false'\n---\nx\n", "4:8: error: `draft` must be `true` or `false`, not `'false'`; in quotes it is text: write `false` without them"),
            ("bom", "---\ntitle: Tin\n\u{FEFF}date: 2023-05-09\n---\nx\n", "3:1: error: malformed YAML front matter: this line starts with ⟨zero-width no-break space U+FEFF⟩"),
            ("start", "\u{200B}---\ntitle: Tin\ndate: 2023-05-09\n---\nx\n", "1:1: error: no front matter: the first line is `---` after ⟨zero-width space U+200B⟩"),
            // A fence with a no-break or zero-width space, or Word's dashes for its hyphens, at its line;
            // so is one whose text below has a rule YAML would read on to.
            ("nbsp", "---\u{00A0}\ntitle: Tin\ndate: 2023-05-09\n---\nx\n", "1:1: error: no front matter: the line `---⟨no-break space U+00A0⟩` is meant as `---` but is not"),
            ("emdash", "\u{2014}\ntitle: Tin\ndate: 2023-05-09\n---\nx\n", "1:1: error: no front matter: the line `⟨em dash U+2014⟩` is meant as `---` but is not"),
            ("closing", "---\ntitle: Tin\ndate: 2023-05-09\n---\u{200B}\nx\n\n---\n\ny\n", "4:1: error: front matter is not closed: the line `---⟨zero-width space U+200B⟩` is meant as `---` but is not"),
            ("endash", "---\ntitle: Tin\ndate: 2023-05-09\n\u{2013}-\nx\n", "4:1: error: front matter is not closed: the line `⟨en dash U+2013⟩-` is meant as `---` but is not"),
            ("dashrule", "---\ntitle: Tin\ndate: 2023-05-09\n\u{2014}\nx\n\n---\n\ny\n", "4:1: error: front matter is not closed: the line `⟨em dash U+2014⟩` is meant as `---` but is not"),
            // A list's item indented with no-break spaces (Word's), and an indented key with one after its colon.
            ("nbsp-list", "---\ntitle: Tin\ndate: 2023-05-09\ndirectives:\n\u{00A0}\u{00A0}- 01-KL/TW\n---\nx\n",
             "5:1: error: malformed YAML front matter: this line is indented with ⟨no-break space U+00A0⟩"),
            // Inside a block of text it is text: the mistake YAML stops at is told.
            ("block", "---\ntitle: Tin\ndate: 2023-05-09\nsummary: |\n  \u{200B}Đoạn dán từ Word.\nauthor: \"Nguyễn \"Văn\" A\"\n---\nx\n", "6:17: error: malformed YAML front matter: the quote \" here closes the value"),
        ]
        for (name, text, _) in cases { try site.write("content/articles/\(name).md", text) }
        let told = errors(load(site).1).map(\.description)
        for (name, _, expected) in cases {
            #expect(told.contains { $0.hasPrefix("content/articles/\(name).md:" + expected) }, "\(name): \(told)")
        }
    }

    /// Files of a site migrated from Hugo or Jekyll are told as what they are, with what to
    /// write: TOML front matter, a section's list page (`_index.md`, with no "missing `date`"), a
    /// text in `_drafts/` that is no draft (one marked a draft is none), a post's date in its
    /// file's name, fields of an old address and of the last change, a photo beside the article
    /// (a page bundle's) or the only one of its name.
    @Test func aMigratedSitesFilesAreToldWhatTheyAreAndWhatToWrite() throws {
        let site = try makeSite()
        try site.write("content/articles/2023/05/bundle/anh-bia.jpg", bytes: [0xFF, 0xD8, 0xFF])
        try site.write("content/media/2021/chi-mot.jpg", bytes: [0xFF, 0xD8, 0xFF])
        let cases = [
            ("2023/toml.md", "+++\ntitle = \"Tin\"\ndate = 2023-05-09\n+++\nx\n",
             "1:1: error: no front matter: it is written in TOML between `+++` lines (Hugo's), and bantin reads YAML between `---` lines: write `---` in place of each `+++`"),
            ("2023/_index.md", "---\ntitle: Tin năm 2023\n---\nDanh sách.\n", "1:1: error: `_index.md` is Hugo's page of a section's list, not an article"),
            ("_drafts/nhap.md", "---\ntitle: Nháp\ndate: 2023-05-09\n---\nx\n", "1:1: error: this text is in `_drafts/`, Jekyll's folder of posts not published, which bantin publishes as any other: write `draft: true`"),
            ("_posts/2021-03-04-nghe-an.md", "---\ntitle: Nghệ An\n---\nx\n", "2:1: error: missing `date`: write the publication time, e.g. `date: 2023-05-09T17:00:00+07:00` (its file's name begins with its date, as a Jekyll post's does: `date: 2021-03-04`)"),
            // A name that begins with no day of the calendar suggests none.
            ("_posts/2021-02-30-ha-tinh.md", "---\ntitle: Hà Tĩnh\n---\nx\n", "2:1: error: missing `date`: write the publication time, e.g. `date: 2023-05-09T17:00:00+07:00`"),
            ("2023/url.md", "---\ntitle: Tin url\ndate: 2023-05-09\npermalink: /2023/05/09/tin/\n---\nx\n", "4:1: warning: unknown field `permalink` is ignored; did you mean `slug`? An article's address is bai-viet/<slug>/; to keep an address of the site it came from leading to it, list that address under `aliases:`"),
            ("2023/alias.md", "---\ntitle: Tin alias\ndate: 2023-05-09\nredirect_from: [/cu/tin/]\n---\nx\n", "4:1: warning: unknown field `redirect_from` is ignored; did you mean `aliases`?"),
            ("2023/lastmod.md", "---\ntitle: Tin sửa\ndate: 2023-05-09\nlastmod: 2023-06-01\n---\nx\n", "4:1: warning: unknown field `lastmod` is ignored; did you mean `updated`?"),
            ("2023/05/bundle/index.md", "---\ntitle: Tin bundle\ndate: 2023-05-09\nimage: anh-bia.jpg\nimage_alt: Ảnh\n---\nx\n",
             "4:8: error: image `anh-bia.jpg` not found: there is no file content/anh-bia.jpg; `image` is written from content/, not from the article's folder as a body's links are: write `articles/2023/05/bundle/anh-bia.jpg`"),
            ("2023/only.md", "---\ntitle: Tin một ảnh\ndate: 2023-05-09\nimage: media/chi-mot.jpg\nimage_alt: Ảnh\n---\nx\n",
             "4:8: error: image `media/chi-mot.jpg` not found: there is no file content/media/chi-mot.jpg; did you mean `media/2021/chi-mot.jpg`? (the only file of its name)"),
        ]
        for (name, text, _) in cases { try site.write("content/articles/\(name)", text) }
        try site.write("content/articles/_drafts/da-danh-dau.md", "---\ntitle: Nháp đã đánh dấu\ndate: 2023-05-09\ndraft: true\n---\nx\n")
        let told = load(site).1.map(\.description)
        for (name, _, expected) in cases {
            #expect(told.contains { $0.hasPrefix("content/articles/\(name):" + expected) }, "\(name): \(told)")
        }
        #expect(!told.contains { $0.contains("_index.md") && $0.contains("missing") }, "\(told)")
        #expect(!told.contains { $0.contains("da-danh-dau.md") }, "\(told)")
        #expect(!told.contains { $0.contains("`date: 2021-02-30`") }, "\(told)")
        // A folder above the content folder named so is none of the site's.
        let text = "---\ntitle: Tin\ndate: 2023-05-09\n---\nx\n"
        let above = ArticleReader.read(text: text, file: "/srv/_drafts/bantin/content/articles/a.md", path: "articles/a.md", zone: .vietnam)
        #expect(above.article != nil && above.diagnostics.isEmpty, "\(above.diagnostics)")
    }

    /// A date pasted from Word or a web page (a no-break space before the time, non-breaking
    /// hyphens or en dashes, a zero-width space) is read as typed; `date:` left empty is told at
    /// its own line; a date written in UTC before the year 1000 keeps four digits.
    @Test func aDateAsPastedIsReadAsTypedAndAnEmptyOneToldAtItsLine() throws {
        for written in ["2023-05-09\u{A0}17:00", "2023\u{2011}05\u{2011}09 17:00", "2023–05–09 17:00", "\u{200B}2023-05-09 17:00", "2023-05-09\u{202F}17:00"] {
            #expect(DateParser.parse(written, in: .vietnam)?.iso8601 == "2023-05-09T17:00:00+07:00", "\(written.namingLookAlikes)")
        }
        for empty in ["date:", "date: ~", "date: null"] {
            let error = try refusal(of: "---\ntitle: Tin\nsummary: Tóm tắt\n\(empty)\n---\nNội dung.\n")
            #expect(error.line == 4 && error.message.hasPrefix("`date` is empty"), "\(empty): \(error)")
        }
        #expect(DateParser.parse("1000-01-01", in: .vietnam)?.iso8601 == "0999-12-31T16:53:30Z")
    }

    @Test func unknownKeyWithoutNearNeighbour() throws {
        let site = try makeSite()
        try site.write(Self.file, article(title: "Tin", extra: "ghi_chu_bien_tap: x\n"))
        let (_, diagnostics) = load(site)
        let warning = try #require(warnings(diagnostics).first { $0.file == Self.file })
        #expect(warning.message.contains("ghi_chu_bien_tap"))
        #expect(!warning.message.contains("did you mean"))
    }

    @Test(arguments: ["../../etc", "Tin Mới", "tin/moi", "-tin", "tin--moi", "tín"])
    func invalidSlugOverride(_ slug: String) throws {
        let error = try refusal(of: article(title: "Tin", extra: "slug: \"\(slug)\"\n"))
        #expect(error.line == 4)
        #expect(error.message.contains(slug))
    }

    /// A slug copied from an old site's address, its letters percent-encoded, is told the slug its
    /// letters make.
    @Test func aPercentEncodedSlugIsToldTheSlugItsLettersMake() throws {
        let error = try refusal(of: article(title: "Tin", extra: "slug: hoi-nghi-%c4%91ang-bo\n"))
        #expect(error.message.hasSuffix("(e.g. `hoi-nghi-dang-bo`)"), "\(error.message)")
    }

    /// A title or sapo exported from a web page with HTML in it (character references, tags) is
    /// shown as written: a warning at its line with the characters meant; `&` alone is text.
    @Test func htmlInATextFieldIsAWarningWithTheCharactersMeant() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: \"&#8220;Học và làm theo Bác&#8221; &#8211; Đồng Tháp\"\ndate: 2023-05-09\nsummary: \"<strong>Nóng:</strong> hội nghị\"\nauthor: \"Ban Tuyên giáo & Dân vận\"\n---\nx\n")
        let told = warnings(load(site).1).filter { $0.file == Self.file }.map { "\($0.line): \($0.message)" }
        #expect(told == [
            "2: `title` holds `&#8220;`, an HTML character reference as web pages write them, which is shown as written: write the characters themselves (`“Học và làm theo Bác” – Đồng Tháp`)",
            "4: `summary` holds the HTML tag `<strong>`, which is shown as written: take the tags out (front matter is plain text)",
        ], "\(told)")
    }

    /// A title, sapo or caption written in Markdown (as Hugo renders a front-matter summary) is
    /// shown with its marks: a warning at its line with the words meant; a star or underscore
    /// that marks nothing, and a path's `__`, are not.
    @Test func markdownInAProseFieldIsAWarningWithTheWordsMeant() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: \"Phong trào *Dân vận khéo* ở Cần Thơ\"\ndate: 2023-05-09\nsummary: \"Chi bộ **đổi mới** sinh hoạt theo [Kết luận 01](https://example.org/kl01).\"\nimage: media/anh__1__.jpg\nimage_caption: \"Hội nghị __sơ kết__\"\n---\nx\n")
        try site.write("content/articles/thuong.md", "---\ntitle: \"Tăng 5 * 3 lần, số liệu* và tên_biến, a*b*c\"\ndate: 2023-05-09\nsummary: \"Điểm [1] và (2), **; (*) của người đứng đầu (*), tep__2024__moi\"\n---\nx\n")
        try site.write("content/media/anh__1__.jpg", "")
        let told = warnings(load(site).1).filter { $0.message.contains("Markdown") }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(told == [
            "\(Self.file):2: `title` holds Markdown emphasis, `*Dân vận khéo*`, which is shown with its marks (front matter is plain text): write the words alone (`Dân vận khéo`)",
            "\(Self.file):4: `summary` holds the Markdown link `[Kết luận 01](https://example.org/kl01)`, which is shown as written (front matter is plain text): write its words alone (`Kết luận 01`), and the link in the body",
            "\(Self.file):6: `image_caption` holds Markdown emphasis, `__sơ kết__`, which is shown with its marks (front matter is plain text): write the words alone (`sơ kết`)",
        ], "\(told)")
    }

    /// Vietnamese typed with a legacy font's encoding (VNI, TCVN3), or UTF-8 read as Windows-1252,
    /// is a warning at its field or line; Vietnamese and a foreign name or two are not.
    @Test func vietnameseInALegacyEncodingIsAWarning() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: \"Ñaûng boä Tieàn Giang hoïp\"\ndate: 2023-05-09\nsummary: \"§¶ng bé TiÒn Giang ®· häp\"\n---\nMở đầu.\n\nÄáº£ng bá»™ tá»‰nh há»p.\n")
        try site.write("content/articles/thuong.md", "---\ntitle: \"Đảng bộ xã Tân Phú gặp đoàn từ München và Peña\"\ndate: 2023-05-09\nsummary: \"XÃ HỘI: rõ ràng, nhiệt độ 30°C · 5 µg\"\n---\nRõ ràng là võ sĩ.\n")
        let warned = warnings(load(site).1).filter { $0.message.contains("looks like Vietnamese") }
        let told = warned.map { "\($0.file):\($0.line): \($0.message.prefix(9))" }
        #expect(told == ["\(Self.file):2: `title` l", "\(Self.file):4: `summary`", "\(Self.file):8: the text "], "\(told)")
        // A legacy font's text is converted from it; UTF-8 read as Windows-1252 is copied again as UTF-8.
        #expect(warned.map { $0.message.contains("legacy font (VNI, TCVN3)") } == [true, true, false], "\(warned)")
        #expect(warned.last?.message.contains("a program read as Windows-1252 (Western European) before it was pasted here") == true, "\(warned)")
    }

    /// A short text is told by one word garbled on its own: TCVN3's signs inside a word (`Th¸p`,
    /// `V¨n`, `§¶ng`), or the `áº`/`á»` of UTF-8 read as Windows-1252.
    @Test func aShortTextInALegacyEncodingIsAWarningToo() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: \"§¶ng bé\"\ndate: 2023-05-09\nsummary: \"Äáº£ng\"\nlocation: \"§ång Th¸p\"\nauthor: \"NguyÔn V¨n An\"\nsubtitle: \"§¹i héi chi bé\"\nsource: \"Hµ Néi\"\ncategory: \"NÃ´ng thÃ´n\"\nimage_caption: \"TrÇn ThÞ Hoa\"\nimage_alt: \"VÅ© Lan\"\nslug: \"Lª Hoa\"\n---\nMở đầu.\n")
        // In capitals, and a word's last letter.
        try site.write("content/articles/2023/05/hoa.md", "---\ntitle: \"KRÃ”NG NÄ‚NG\"\ndate: 2023-05-09\nsummary: \"Giá 200Ä‘\"\n---\nMở đầu.\n")
        let all = warnings(load(site).1).filter { $0.message.contains("looks like Vietnamese") }
        let told = all.filter { $0.file == Self.file }.sorted { $0.line < $1.line }
        let capitals = all.filter { $0.file == "content/articles/2023/05/hoa.md" }.map { "\($0.line): \($0.message.components(separatedBy: " (`").last ?? "")" }.sorted()
        #expect(capitals == ["2: KRÃ”NG`)", "4: 200Ä‘`)"] && all.allSatisfy { $0.file != "content/articles/2023/05/hoa.md" || $0.message.contains("read as Windows-1252") }, "\(all)")
        // UTF-8 read as Windows-1252 is copied again, not converted as a legacy font is.
        #expect(told.filter { $0.message.contains("read as Windows-1252") }.map(\.line) == [4, 9, 11], "\(told)")
        let words = told.map { "\($0.line): \($0.message.prefix { $0 != " " }) \($0.message.components(separatedBy: " (`").last ?? "")" }
        #expect(words == ["2: `title` §¶ng`)", "4: `summary` Äáº£ng`)", "5: `location` §ång`)", "6: `author` V¨n`)", "7: `subtitle` §¹i`)", "8: `source` Hµ`)", "9: `category` NÃ´ng`)", "10: `image_caption` TrÇn`)", "11: `image_alt` VÅ©`)", "12: `slug` Lª`)"], "\(words)")
    }

    /// Every text of front matter is looked at, of every kind of file: a category or place typed
    /// so would make a page and an address of garbled letters; a directive's description is a body.
    @Test func everyTextInALegacyEncodingIsAWarning() throws {
        let site = try makeSite()
        try site.write(Self.file, "---\ntitle: Họp chi bộ\ndate: 2023-05-09\ncategory: \"Xaây döïng Ñaûng\"\nlocation: \"Huyeän Ñoâng Hoøa\"\nauthor: \"Nguyeãn Ñöùc Thoï\"\n---\nMở đầu.\n")
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\nkind: Kết luận\ntitle: \"Veà tieáp tuïc thöïc hieän\"\n---\nKeát luaän cuûa Boä Chính trò.\n")
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Hoïc taäp vaø laøm theo\"\n---\nChuyên đề năm.\n")
        try site.write("content/site.yml", "title: \"Baûn tin Xaây döïng Ñaûng\"\n")
        let told = warnings(load(site).1).filter { $0.message.contains("legacy font") }.map { "\($0.file):\($0.line): \($0.message.prefix(10))" }.sorted()
        #expect(told == [
            "\(Self.file):4: `category`", "\(Self.file):5: `location`", "\(Self.file):6: `author` l",
            "content/directives/01-kl-tw.md:4: `title` lo", "content/directives/01-kl-tw.md:6: the text l",
            "content/site.yml:1: `title` lo", "content/themes/2023.md:3: `title` lo",
        ], "\(told)")
    }

    /// A foreign name, a unit or a sign repeated is no legacy font, in any field: garbled
    /// Vietnamese mixes several kinds of such letters.
    @Test func foreignNamesAndUnitsAreNoLegacyFont() throws {
        let site = try makeSite()
        try site.write(Self.file, """
            ---
            title: "Viettel®, VNPT® và MobiFone® ký kết hợp tác"
            subtitle: "«Lá», «Cá» và «Mây»; phong trào “xây dựng «đời sống văn hoá»” và «đột phá»—đó là «giá»…"
            date: 2023-05-09
            summary: "Đoàn thăm Saïgon, Hanoï, Haïphong xưa qua tư liệu Pháp."
            source: "Luật, §1, §2 và §3"
            author: "Björn Höcke, Jürgen Röttgen"
            location: "Ñuñoa, Santiago de Chile (Peña)"
            image: media/a.jpg
            image_alt: Bụi mịn
            image_caption: "Bụi mịn 45 µg/m³ sáng nay, 80 µg/m³ trưa, 25 µg/m³ tối; 25°C, công thức a²b, Hà·Nội, chính\u{AD}trị."
            ---
            Nội dung.

            """)
        // Signs of Latin-1 between letters that are no TCVN3, each in a text of its own.
        try site.write("content/articles/2023/05/ky-hieu.md", "---\ntitle: \"Moody´s xếp hạng\"\nsubtitle: \"L´Humanité đưa tin\"\ndate: 2023-05-09\nsummary: \"Ví Viettel®Pay\"\nauthor: \"¡¡Viva\"\nsource: \"µ±σ\"\nimage_caption: \"Ảnh: TTXVN©\"\nlocation: \"Mª José\"\ncategory: \"300 triệu CN¥, cỡ A½, »Văn hoá«, François, ÇAĞ, Þór, VnÉconomie\"\nimage_alt: \"«NÔNG THÔN MỚI CẤP XÃ», “CẤP XÔ, CẤP XÃ–PHƯỜNG, “AMANHÔ, “ECCLESIÆ”\"\n---\nEngª Maria, V. Exª, Ilmª, »Die Zeit«.\n")
        try PhotoTests.photo(site, "content/media/a.jpg", width: 64, height: 48)
        let told = warnings(load(site).1).filter { $0.message.contains("looks like Vietnamese") }
        #expect(told.isEmpty, "\(told)")
    }

    /// A long text is judged by its start (a text typed so is garbled from its first lines) and
    /// told at the garbled line; a long text of decomposed letters is not garbled.
    @Test func aLongTextInALegacyEncodingIsToldAtItsLine() throws {
        let site = try makeSite()
        let plain = String(repeating: "Chi bộ họp bàn việc nâng cao chất lượng sinh hoạt, đảng viên phát biểu ý kiến.\n", count: 40)
        let decomposed = plain.decomposedStringWithCanonicalMapping
        try site.write(Self.file, "---\ntitle: Họp chi bộ\ndate: 2023-05-09\n---\nMở đầu.\n\nÄáº£ng bá»™ tá»‰nh há»p.\n\n" + plain)
        try site.write("content/articles/dai.md", "---\ntitle: Họp chi bộ tháng sáu\ndate: 2023-06-10\n---\n" + decomposed)
        let told = warnings(load(site).1).filter { $0.message.contains("looks like Vietnamese") }.map { "\($0.file):\($0.line)" }
        #expect(told == ["\(Self.file):7"], "\(told)")
    }

    /// The start of a text cut by bytes ends where a scalar ends, never inside one.
    @Test func aTextsStartEndsWhereAScalarEnds() {
        #expect(LegacyVietnamese.start(of: "aạb", bytes: 2) == "a")
        #expect(LegacyVietnamese.start(of: "aạb", bytes: 4) == "aạ")
        #expect(LegacyVietnamese.start(of: "đđ", bytes: 3) == "đ")
        #expect(LegacyVietnamese.start(of: "a\u{0323}b", bytes: 2) == "a")
        #expect(LegacyVietnamese.start(of: "a\u{0323}b", bytes: 3).unicodeScalars.count == 2)
        #expect(LegacyVietnamese.start(of: "Đảng", bytes: 100) == "Đảng")
    }

    @Test func slugOverrideIsUsed() throws {
        let site = try makeSite()
        try site.write(Self.file, article(title: "Học và làm theo Bác", extra: "slug: tin-moi-2023\n"))
        let (catalog, _) = load(site)
        #expect(catalog?.articles.map(\.slug.value) == ["tin-moi-2023"])
    }

    @Test func slugComesFromTitle() throws {
        let site = try makeSite()
        try site.write(Self.file, article(title: "Học và làm theo Bác: Tiền Giang nhân rộng điển hình tiên tiến"))
        let (catalog, _) = load(site)
        #expect(catalog?.articles.map(\.slug.value) == ["hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien"])
    }

    @Test func titleWithoutUsableSlugIsAnError() throws {
        let error = try refusal(of: article(title: "!!! 🎉"))
        #expect(error.message.contains("slug"))
    }
}

/// Checks across the whole catalog: unique slugs, images, related articles, themes, directives.
@Suite struct CatalogValidationTests {
    @Test func sameSlugNamesBothFiles() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Đảng bộ Đồng Tháp"))
        try site.write("content/articles/b.md", article(title: "Dang bo dong thap!"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let found = errors(diagnostics)
        #expect(found.count == 2)
        let forA = try #require(found.first { $0.file == "content/articles/a.md" })
        let forB = try #require(found.first { $0.file == "content/articles/b.md" })
        #expect(forA.message.contains("content/articles/b.md"))
        #expect(forB.message.contains("content/articles/a.md"))
        #expect(forA.message.contains("dang-bo-dong-thap"))
    }

    /// The same title typed precomposed and decomposed is the same article address.
    @Test func decomposedAndPrecomposedTitlesCollide() throws {
        let title = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
        let nfc = title.precomposedStringWithCanonicalMapping
        let nfd = title.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let site = try makeSite()
        try site.write("content/articles/nfc.md", article(title: nfc))
        try site.write("content/articles/nfd.md", article(title: nfd))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let found = errors(diagnostics)
        #expect(Set(found.map(\.file)) == ["content/articles/nfc.md", "content/articles/nfd.md"])
        #expect(found.allSatisfy { $0.message.contains("hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh") })
    }

    /// Text typed in decomposed Unicode reaches the catalog precomposed.
    @Test func decomposedTextIsNormalised() throws {
        let site = try makeSite()
        let title = "Đảng bộ Tiền Giang học tập"
        let body = "Nội dung về Nghị quyết."
        try site.write(
            "content/articles/a.md",
            article(title: title.decomposedStringWithCanonicalMapping, extra: "location: \("Tiền Giang".decomposedStringWithCanonicalMapping)\n",
                    body: body.decomposedStringWithCanonicalMapping))
        let (catalog, _) = load(site)
        let a = try #require(catalog?.articles.first)
        #expect(Array(a.title.unicodeScalars) == Array(title.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(Array((a.location ?? "").unicodeScalars) == Array("Tiền Giang".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(Array(a.body.unicodeScalars) == Array((body.precomposedStringWithCanonicalMapping + "\n").unicodeScalars))
    }

    @Test func missingImageFile() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin", extra: "image: media/2023/khong-co.jpg\nimage_alt: \"Hội nghị\"\n"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/articles/a.md")
        #expect(error.message.contains("media/2023/khong-co.jpg"))
    }

    @Test func existingImageIsAccepted() throws {
        let site = try makeSite()
        try site.write("content/media/2023/anh.jpg", bytes: [0xFF, 0xD8, 0xFF])
        try site.write("content/articles/a.md", article(title: "Tin", extra: "image: media/2023/anh.jpg\nimage_alt: \"Hội nghị\"\n"))
        let (catalog, diagnostics) = load(site)
        #expect(errors(diagnostics).isEmpty)
        #expect(catalog?.articles.first?.image == ArticleImage(path: "media/2023/anh.jpg", alt: "Hội nghị", caption: nil))
        #expect(catalog?.staticFiles.map(\.relativePath) == ["media/2023/anh.jpg"])
    }

    @Test func imageWithoutAlt() throws {
        let site = try makeSite()
        try site.write("content/media/2023/anh.jpg", bytes: [0xFF, 0xD8, 0xFF])
        try site.write("content/articles/a.md", article(title: "Tin", extra: "image: media/2023/anh.jpg\n"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/articles/a.md")
        #expect(error.line == 4)
        #expect(error.message.contains("image_alt"))
    }

    @Test(arguments: ["../anh.jpg", "/etc/passwd", "media/../../anh.jpg", "https://example.org/anh.jpg"])
    func imageOutsideContent(_ path: String) throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin", extra: "image: \"\(path)\"\nimage_alt: \"Ảnh\"\n"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/articles/a.md")
        // `/…` is read from content/'s root, as a body's links are.
        #expect(error.message.contains(String(path.drop { $0 == "/" })), "\(error)")
    }

    @Test func safeRelativePaths() {
        for path in ["media/anh.jpg", "a", "media/.an.jpg", "media/..anh.jpg", "media//anh.jpg", "tệp/ảnh đẹp.jpg", "a:b/c"] {
            #expect(CatalogValidator.isSafeRelativePath(path), "\(path)")
        }
        for path in ["", "/a", ".", "..", "./a", "a/.", "a/..", "media/./anh.jpg", "a\\b", "file://a", "a/../b", "x://y"] {
            #expect(!CatalogValidator.isSafeRelativePath(path), "\(path)")
        }
    }

    @Test func relatedMustExist() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin một", extra: "related: [khong-ton-tai]\n"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/articles/a.md")
        #expect(error.message.contains("khong-ton-tai") && !error.message.contains("did you mean"))
    }

    /// A slug a letter or two off a published one is told that one.
    @Test func aMisspeltRelatedSlugIsToldTheNearestOne() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin một", extra: "related: [nghe-an-chi-bo-lam-theo-bac-tu-viec-nhoo]\n"))
        try site.write("content/articles/b.md", article(title: "Nghệ An: chi bộ làm theo Bác từ việc nhỏ"))
        let error = try #require(onlyError(load(site).1))
        #expect(error.message.contains("(did you mean `nghe-an-chi-bo-lam-theo-bac-tu-viec-nho`?)"), "\(error.message)")
    }

    @Test func relatedToExistingArticle() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin một", extra: "related: [tin-hai]\n"))
        try site.write("content/articles/b.md", article(title: "Tin hai"))
        let (catalog, diagnostics) = load(site)
        #expect(errors(diagnostics).isEmpty)
        #expect(catalog?.articles.first { $0.slug.value == "tin-mot" }?.related == ["tin-hai"])
    }

    @Test func relatedToDraftIsAnError() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin một", extra: "related: [tin-hai]\n"))
        try site.write("content/articles/b.md", article(title: "Tin hai", extra: "draft: true\n"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/articles/a.md")
        #expect(error.message.contains("draft"))
        // With drafts included the same site is fine.
        let (withDrafts, more) = load(site, drafts: true)
        #expect(errors(more).isEmpty)
        #expect(withDrafts?.articles.count == 2)
    }

    @Test func unknownThemeYear() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin", extra: "themes: [2019]\n"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/articles/a.md")
        #expect(error.message.contains("2019"))

        try site.write("content/themes/2019.md", "---\nyear: 2019\ntitle: \"Chuyên đề năm 2019\"\n---\nMô tả.\n")
        let (fixed, more) = load(site)
        #expect(errors(more).isEmpty)
        #expect(fixed?.themes.map(\.year) == [2019])
        #expect(fixed?.articles.first?.themes == [2019])
    }

    @Test func directiveFileWithoutCode() throws {
        let site = try makeSite()
        try site.write("content/directives/01-kl-tw.md", "---\nkind: Kết luận\ntitle: \"Về tiếp tục học tập và làm theo Bác\"\n---\nMô tả.\n")
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/directives/01-kl-tw.md")
        #expect(error.message.contains("`code`"))
    }

    @Test func directiveFileWithBadCode() throws {
        let site = try makeSite()
        try site.write("content/directives/x.md", "---\nkind: Kết luận\ncode: Kết luận số 1\n---\nMô tả.\n")
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/directives/x.md")
        #expect(error.line == 3)
        // A directive file has one code: not told to write an article's list.
        #expect(error.message.hasSuffix("write codes like `01-KL/TW` or `05-CT/TW`"), "\(error.message)")
        // An article's codes are a list, and told so.
        try site.remove("content/directives/x.md")
        try site.write("content/articles/a.md", "---\ntitle: Tin\ndate: 2023-05-09\ndirectives: 01-KL/TW; 05-CT/TW\n---\nx\n")
        let listed = try #require(onlyError(load(site).1))
        #expect(listed.message.hasSuffix("as a list: `directives: [\"01-KL/TW\"]`"), "\(listed.message)")
    }

    @Test(arguments: ["---\ntitle: \"Chuyên đề năm 2023\"\n---\nMô tả.\n", "---\nyear: hai nghìn\n---\n", "---\nyear: 23\n---\n"])
    func themeFileWithoutValidYear(_ text: String) throws {
        let site = try makeSite()
        try site.write("content/themes/2023.md", text)
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/themes/2023.md")
        #expect(error.message.contains("`year`"))
    }

    /// A directive cited without a file still exists (its page is made from the code), with a warning.
    @Test func citedDirectiveWithoutFile() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin", extra: "directives: [\"05-CT/TW\"]\n"))
        let (catalog, diagnostics) = load(site)
        #expect(errors(diagnostics).isEmpty)
        let warning = try #require(warnings(diagnostics).first { $0.file == "content/articles/a.md" })
        #expect(warning.message.contains("05-CT/TW"))
        let directive = try #require(catalog?.directives.first)
        #expect(catalog?.directives.count == 1)
        #expect(directive.code.text == "05-CT/TW")
        #expect(directive.code.slug.value == "05-ct-tw")
        #expect(directive.file == nil)
    }

    /// `/Tư` however its letters are cased is `/TW`; a code's number both ways is searched.
    @Test func aCodeTypedWithTưIsTWAndItsNumberIsSearchedBothWays() throws {
        #expect(DirectiveCode("12-NQ/Tư")?.text == "12-NQ/TW" && DirectiveCode("12-NQ/tƯ")?.text == "12-NQ/TW")
        #expect(DirectiveCode("12-nq/tư")?.text == "12-NQ/TW")
        #expect(DirectiveCode("1-KL/TW")?.numberSpellings == "01 1" && DirectiveCode("01-KL/TW")?.numberSpellings == "01 1")
        #expect(DirectiveCode("144-QĐ/TW")?.numberSpellings == "144")
    }

    /// What a directive code is: a number, a dash, then two groups of letters (any script) or more
    /// between slashes (`<number>-<KIND>/<ISSUER>`); no Vietnamese word typed on without a space
    /// (`21-KL/TWđã`).
    @Test(arguments: [
        ("01-KL/TW", true), ("144-QĐ/TW", true), ("08-QĐi/TW", true), ("5-ct/tw", true), (" 35-NQ/TW ", true), ("12-CT", false),
        ("12-HD/BTGTW", true), ("01-NQ/ĐU", true), ("21-KL/TWđã", false), ("15-HD/BTGTư", true), ("24-HD/Btgtw", true),
        ("KL/TW", false), ("-KL/TW", false), ("01-", false), ("01-KL/", false), ("01-/TW", false), ("01-KL//TW", false),
        ("01-K L/TW", false), ("0a-KL/TW", false), ("01-KL/T1", false), ("01_KL/TW", false), ("１-KL/TW", false),
        ("01-KL-TW", false), ("01-QĐ /TW", false), ("01-Q1Đ/TW", false),
    ])
    func directiveCodeShape(_ text: String, _ isCode: Bool) {
        #expect((DirectiveCode(text) != nil) == isCode)
    }

    /// Codes that differ only in case or surrounding spaces name one directive.
    @Test(arguments: [("01-KL/TW", "01-kl/tw"), ("144-QĐ/TW", "144-qđ/tw"), ("05-CT/TW", " 05-CT/TW ")])
    func codeSpellingsMerge(_ first: String, _ second: String) throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Tin một", extra: "directives: [\"\(first)\"]\n"))
        try site.write(
            "content/articles/b.md",
            article(title: "Tin hai", date: "2023-05-10", extra: "directives: [\"\(second)\"]\n"))
        let (loaded, diagnostics) = load(site)
        #expect(errors(diagnostics).isEmpty)
        #expect(warnings(diagnostics).filter { $0.message.contains("has no file") }.count == 1)
        let catalog = try #require(loaded)
        #expect(catalog.directives.count == 1)
        let graph = SiteGraph(catalog: catalog)
        #expect(graph.directives.count == 1)
        #expect(graph.directives.first?.articles.count == 2)
    }

    @Test func citedCodeMatchesDirectiveFile() throws {
        let site = try makeSite()
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\nkind: Kết luận\nissuer: Bộ Chính trị\nissued: 2021-05-18\n---\nMô tả.\n")
        try site.write("content/articles/a.md", article(title: "Tin một", extra: "directives: [\"01-KL/TW\"]\n"))
        try site.write("content/articles/b.md", article(title: "Tin hai", extra: "directives: [\"01-kl/tw\"]\n"))
        let (loaded, diagnostics) = load(site)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let graph = SiteGraph(catalog: try #require(loaded))
        #expect(graph.directives.count == 1)
        #expect(graph.directives.first?.directive.file == "content/directives/01-kl-tw.md")
        #expect(graph.directives.first?.directive.kind == "Kết luận")
        #expect(graph.directives.first?.articles.count == 2)
    }

    @Test func draftsExcludedUnlessAsked() throws {
        let site = try makeSite()
        try site.write("content/articles/a.md", article(title: "Bản nháp", extra: "draft: true\n"))
        try site.write("content/articles/b.md", article(title: "Đã đăng", extra: "draft: false\n"))
        let (published, _) = load(site)
        #expect(published?.articles.map(\.slug.value) == ["da-dang"])
        let (all, _) = load(site, drafts: true)
        #expect(all?.articles.map(\.slug.value).sorted() == ["ban-nhap", "da-dang"])
        #expect(all?.articles.first { $0.slug.value == "ban-nhap" }?.draft == true)
    }
}

/// `site.yml`: bad settings are errors at their line; good ones are used for every article.
@Suite struct SiteConfigTests {
    @Test(arguments: [
        ("title: \"Bản tin\"\ntimezone: Asia/Hanoi_City\n", 2...2, "Asia/Hanoi_City"),
        ("per_page: 0\n", 1...1, "`per_page`"),
        ("per_page: hai mươi\n", 1...1, "`per_page`"),
        // YAML 1.1's base 60: 1:20 is no 80 anyone meant.
        ("per_page: 1:20\n", 1...1, "`per_page` must be a whole number, not `1:20`"),
        ("images:\n  quality: 1:20\n", 1...3, "`images.quality` is `1:20`: write a whole number from 1 to 100"),
        ("title: x\ndescription: y\nbase_url: not a url\n", 3...3, "`base_url`"),
        ("base_url: ftp://example.org/\n", 1...1, "`base_url`"),
        ("base_url: https://bientap:matkhau@example.org/\n", 1...1, "with no user name, password"),
        ("base_url: https://bản-tin.vn/\n", 1...1, "`base_url`"),
        ("images:\n  widths: [480, 960]\n  quality: 0\n", 1...3, "`images.quality` is `0`: write a whole number from 1 to 100"),
        ("images:\n  widths: [480, -480]\n", 1...3, "`images.widths` has `-480`, which is not a width"),
        ("images:\n  widths: [480, cao]\n", 1...3, "`images.widths` has `cao`"),
        ("images:\n  widths: [\"480\", 960]\n", 1...3, "`images.widths` has `\"480\"`, text in quotes, which is not a width: each is a whole number of pixels from 16 to 8192, written without quotes"),
        ("images:\n  quality: '80'\n", 1...3, "`images.quality` is `\"80\"`, text in quotes: write a whole number from 1 to 100 (80 by default), without quotes"),
        ("images:\n  qualty: 80\n", 1...3, "`images` has no setting `qualty`: did you mean `quality`?"),
        // A category's name may hold a comma: a menu's items part only before another `-`.
        ("menu: - Kinh tế, xã hội, - Văn hóa\n", 1...1, "below, `  - Kinh tế, xã hội`, or write the list in brackets, `menu: [\"Kinh tế, xã hội\", Văn hóa]`"),
        ("anh: &anh {quality: 70}\nimages: {<<: *anh, widths: [480]}\n", 1...3, "`images` takes no YAML merge (`<<`), which bantin does not read: write `widths` and `quality` themselves"),
        // Every wrong setting of `images:` at once, not the first alone.
        ("images: {widths: [8, 480], quality: 0}\n", 1...1, "`images.widths` has `8`, which is not a width: each is a whole number of pixels from 16 to 8192; `images.quality` is `0`"),
        ("language: \"en\\\" x=\\\"<&\"\n", 1...1, "`language` must be a language tag such as `vi` or `en-GB`"),
        ("language: tiếng Việt\n", 1...1, "`language` must be a language tag"),
        ("title: [a\n", 1...2, "malformed YAML"),
        // A bulletin with no name: the home page's and the feed's titles would be empty.
        ("title: \"\"\n", 1...1, "`title` is empty"),
        ("title: \" \"\n", 1...1, "`title` is empty"),
        ("description: x\ntitle: \"\u{00A0}\"\n", 2...2, "`title` is empty"),
        ("title: \"\u{200B}\"\n", 1...1, "`title` is empty"),
        // Left blank (YAML's null): blank too, not the default name given in silence.
        ("description: x\ntitle:\n", 2...2, "`title` is empty"),
        ("title: ~\n", 1...1, "`title` is empty"),
        // In quotes, `true` is text: the message shows the quotes it was refused for.
        ("unsafe_html: \"true\"\n", 1...1, "`unsafe_html` must be `true` or `false`, not `\"true\"`; in quotes it is text: write `true` without them"),
        ("unsafe_html: !!str false\n", 1...1, "`unsafe_html` must be `true` or `false`, not `false` made text by its tag (`!!str`): write `false` alone"),
        ("unsafe_html: >-\n  true\n", 1...2, "`unsafe_html` must be `true` or `false`, not a block of lines (`>`, which is text): write `unsafe_html: true` on one line"),
        ("unsafe_html: |+\n  false\n", 1...2, "`unsafe_html` must be `true` or `false`, not a block of lines (`|`, which is text): write `unsafe_html: false` on one line"),
    ])
    func badSetting(_ yaml: String, _ lines: ClosedRange<Int>, _ mentioned: String) throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/site.yml", yaml)
        try site.write("content/articles/a.md", article(title: "Tin"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog == nil)
        let error = try #require(onlyError(diagnostics))
        #expect(error.file == "content/site.yml")
        #expect(lines.contains(error.line), "line \(error.line)")
        #expect(error.message.contains(mentioned), "\(error.message)")
    }

    /// A mapping setting (`images`, `params`) is read with where it is written, as any other is:
    /// a check of it made after reading names its line, not the file's first.
    @Test func aMappingSettingKeepsWhereItIsWritten() throws {
        var positions = FieldPositions()
        var diagnostics: [Diagnostic] = []
        let yaml = "title: Bản tin\nimages:\n  widths: [480]\nper_page: 5\nparams: {tagline: Nêu gương}\n"
        _ = SiteConfigReader.read(text: yaml, file: "content/site.yml", positions: &positions, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let lines = ["images", "per_page", "params"].map { positions.of($0).map { "\($0.line):\($0.column)" } ?? "none" }
        #expect(lines == ["3:3", "4:11", "5:9"], "\(lines)")
    }

    /// `Etc/GMT+7` is seven hours behind UTC (the `Etc/` names turn the sign round): a bulletin
    /// meaning Việt Nam's time would date every article 14 hours wrong, so it is a warning at its
    /// value; `Etc/GMT-7` and `Asia/Ho_Chi_Minh` are none.
    /// The warning names the way out for a bulletin anywhere: the place's name (`Etc/GMT+5`, meant
    /// as UTC−5 by a cell abroad, is `America/New_York` or another place's).
    @Test(arguments: [("Etc/GMT+7", "7 hours"), ("Etc/GMT+1", "1 hour"), ("Etc/GMT-7", nil), ("Asia/Ho_Chi_Minh", nil), ("Etc/GMT+0", nil)])
    func anEtcZoneBehindUTCIsAWarning(zone: String, behind: String?) throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/site.yml", "title: Bản tin\ntimezone: \(zone)\n")
        try site.write("content/articles/a.md", article(title: "Tin"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog != nil)
        let told = diagnostics.filter { $0.file == "content/site.yml" }.map { "\($0.line):\($0.column) \($0.severity): \($0.message)" }
        let hours = zone.split(separator: "+").last.map(String.init) ?? ""
        #expect(told == (behind.map { ["2:11 warning: `timezone: \(zone)` is UTC−\(hours), \($0) behind UTC: in the `Etc/` names the sign is turned round; "
            + "write the name of the place instead, which also knows its summer time (`Asia/Ho_Chi_Minh` for Việt Nam, UTC+7; `America/New_York`), or `Etc/GMT-\(hours)` for UTC+\(hours)"] } ?? []), "\(told)")
    }

    /// A key of `params` with a character that shows as nothing or as a space (pasted), at any
    /// depth, is read by no template's tag: an error at it, naming the character. Plain keys are none.
    @Test func aParamsKeyWithAnInvisibleCharacterIsAnError() throws {
        // A no-break space after an indented key's colon: YAML reads the settings as one text.
        do {
            let site = try TestSite(copyTemplates: false)
            try site.write("content/site.yml", "title: Bản tin\nparams:\n  tagline:\u{00A0}\"Nêu gương\"\n")
            try site.write("content/articles/a.md", article(title: "Tin"))
            let told = load(site).1.filter { $0.file == "content/site.yml" }.map(\.message)
            #expect(told == ["`params` must be a mapping of names to values, but YAML reads it as one text: the space after `tagline:` is ⟨no-break space U+00A0⟩ (pasted from a word processor?), which YAML does not read as one: type an ordinary space"], "\(told)")
            // With a setting below, YAML fails: told at the no-break space all the same.
            try site.write("content/site.yml", "title: Bản tin\nparams:\n  tagline:\u{00A0}\"Nêu gương\"\n  publisher: Ban Tuyên giáo\n")
            let failed = load(site).1.filter { $0.file == "content/site.yml" }.map { "\($0.line):\($0.column) \($0.message.prefix(51))" }
            #expect(failed == ["3:11 malformed YAML settings: the space after `tagline:`"], "\(failed)")
        }
        let site = try TestSite(copyTemplates: false)
        try site.write("content/site.yml", "title: Bản tin\nparams:\n  tagline\u{200B}: \"Khẩu hiệu\"\n  publisher: Ban Tuyên giáo\n  lien_he:\n    \u{00A0}dia_chi: x\n")
        try site.write("content/articles/a.md", article(title: "Tin"))
        let (_, diagnostics) = load(site)
        let told = diagnostics.filter { $0.file == "content/site.yml" }.map { "\($0.line):\($0.column) \($0.severity): \($0.message.prefix(60))" }
        #expect(told == [
            "3:3 error: `params.tagline⟨zero-width space U+200B⟩` is `params.tagline",
            "6:5 error: `params.lien_he.⟨no-break space U+00A0⟩dia_chi` is `params.l",
        ], "\(told)")
    }

    /// A number of `images:` with a leading zero is read in tens, as `per_page`'s is: `075` is
    /// 75, not YAML 1.1's octal 61 (every photo made at another quality, untold).
    @Test func imageSettingsWithALeadingZeroAreReadInTens() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/site.yml", "title: Bản tin\nimages:\n  widths: [0480, 960]\n  quality: 075\n")
        try site.write("content/articles/a.md", article(title: "Tin"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog?.config.images == ImageSettings(widths: [480, 960], quality: 75))
        #expect(diagnostics.filter { $0.file == "content/site.yml" }.isEmpty, "\(diagnostics)")
    }

    /// A language's three-letter code (`vie`), where it has a two-letter one, is no tag BCP 47
    /// registers: every page's `lang` would name no language a screen reader knows. A warning at
    /// its value, and the two-letter code used (its region kept); `vi`, `en-GB` and a language
    /// with no two-letter code (`cmn`) are none.
    @Test(arguments: [("vie", "vi"), ("VIE-VN", "vi-VN"), ("eng-GB", "en-GB"), ("vi", nil), ("en-GB", nil), ("cmn", nil)])
    func aThreeLetterCodeWithATwoLetterOneIsAWarning(language: String, meant: String?) throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/site.yml", "title: Bản tin\nlanguage: \(language)\n")
        try site.write("content/articles/a.md", article(title: "Tin"))
        let (catalog, diagnostics) = load(site)
        #expect(catalog?.config.language == meant ?? language)
        let told = diagnostics.filter { $0.file == "content/site.yml" }.map { "\($0.line):\($0.column) \($0.severity): \($0.message)" }
        #expect(told == (meant.map { ["2:11 warning: `language: \(language)`: a language with a two-letter code is written with it (BCP 47), which screen readers and search engines know: write `language: \($0)` (read so meanwhile)"] } ?? []))
    }

    /// Settings saved one folder too high, beside the content folder, are not read: the warning
    /// that there are none says where they are.
    @Test func settingsBesideTheContentFolderAreToldWhereTheyAre() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("site.yml", "title: Bản tin phường\n")
        try site.write("content/articles/a.md", article(title: "Tin"))
        let (_, diagnostics) = load(site)
        #expect(diagnostics.map(\.description).contains("content/site.yml: warning: no site.yml; using a default title; the site.yml beside content is not read: move it into content"), "\(diagnostics)")
    }

    /// A domain name in Vietnamese letters is refused with the ASCII form to write, made by
    /// Punycode (RFC 3492; the values below are Python's `punycode` codec's).
    @Test func aVietnameseDomainNameIsToldItsASCIIForm() {
        #expect(["báo-đảng", "bücher", "tạisaohọkhôngthểchỉnóitiếngviệt", "đảngbộ", "hànội"].map(Punycode.encode) == [
            "bo-ng-xqa25au23r", "bcher-kva", "tisaohkhngthchnitingvit-kjcr8268qyxafd2f1b9g", "ngb-uqa4698amja", "hni-9ka0849a",
        ])
        #expect(Punycode.domain("Báo-Đảng.vn") == "xn--bo-ng-xqa25au23r.vn")
        #expect(BaseURL.normalize("https://báo-đảng.vn/") == nil)
        #expect(BaseURL.problem("https://báo-đảng.vn/bản tin/") == "has a domain name in letters outside ASCII: write it in its ASCII form, `https://xn--bo-ng-xqa25au23r.vn/bản tin/`")
        #expect(BaseURL.problem("ftp://example.org/") == "is not \(BaseURL.shape)")
    }

    /// A path with spaces or Vietnamese letters is written percent-encoded in every address.
    @Test func aBaseURLsPathIsPercentEncoded() {
        #expect(BaseURL.normalize("https://example.org/bản tin") == "https://example.org/b%E1%BA%A3n%20tin/")
        #expect(BaseURL.normalize("https://example.org/ban%20tin/") == "https://example.org/ban%20tin/")
        // A `%` that encodes nothing is a `%` of the address: `%25`, not a broken escape written as it is.
        #expect(BaseURL.normalize("https://example.org/%zz/a%2/b%2F") == "https://example.org/%25zz/a%252/b%2F/")
        #expect(BaseURL.normalize("https://example.org/a?b") == nil && BaseURL.normalize("https://bản-tin.vn/") == nil)
    }

    @Test func settingsAreRead() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write(
            "content/site.yml",
            "title: \"Bản tin Xây dựng Đảng\"\ntimezone: Europe/Paris\nper_page: 5\nbase_url: https://example.org/bantin\n")
        try site.write("content/articles/a.md", article(title: "Tin", date: "2023-07-01 12:00"))
        let (loaded, diagnostics) = load(site)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let catalog = try #require(loaded)
        #expect(catalog.config.title == "Bản tin Xây dựng Đảng")
        #expect(catalog.config.timezone.identifier == "Europe/Paris")
        #expect(catalog.config.perPage == 5)
        #expect(catalog.config.baseURL == "https://example.org/bantin/")
        #expect(catalog.articles.first?.date.iso8601 == "2023-07-01T12:00:00+02:00")
    }

    @Test func defaultsWithoutSiteFile() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/articles/a.md", article(title: "Tin", date: "2023-05-09 17:00"))
        let (loaded, diagnostics) = load(site)
        #expect(errors(diagnostics).isEmpty)
        #expect(warnings(diagnostics).map(\.file) == ["content/site.yml"])
        let catalog = try #require(loaded)
        #expect(catalog.config.timezone.identifier == "Asia/Ho_Chi_Minh")
        #expect(catalog.config.perPage == 20)
        #expect(catalog.articles.first?.date.iso8601 == "2023-05-09T17:00:00+07:00")
        // Before 1906 Saigon kept its local mean time, +07:06:30, which no RFC 3339 offset can
        // say: the instant is written in UTC, exactly (not `+07:06`, 30 s away).
        let early = try #require(DateParser.parse("1905-01-03T10:00:00", in: .vietnam))
        #expect(early.offset == 25_590 && early.iso8601 == "1905-01-03T02:53:30Z", "\(early.iso8601)")
    }
}

/// One build run reports every problem in every file, sorted by file then line.
@Suite struct AllProblemsReportedTests {
    @Test func everyBrokenFileIsReported() throws {
        let site = try makeSite(templates: true)
        try site.write("content/articles/a-khong-tieu-de.md", "---\ndate: 2023-05-09\n---\nNội dung.\n")
        try site.write("content/articles/b-sai-ngay.md", "---\ntitle: \"Tin\"\ndate: 2023-02-30\n---\nNội dung.\n")
        try site.write("content/articles/c-yaml-hong.md", "---\ntitle: \"Tin c\"\ndate: 2023-05-09\n  summary: lệch\n---\n")
        try site.write("content/articles/d-tcvn3.md", bytes: Array("---\ntitle: \"".utf8) + [0xA7, 0xB6, 0x6E, 0x67] + Array("\"\n---\n".utf8))
        try site.write("content/articles/e-tot.md", article(title: "Tin tốt", extra: "directives: [\"01-KL/TW\"]\nthemes: [2020]\n"))
        try site.write("content/themes/2023.md", "---\ntitle: thiếu năm\n---\n")

        let diagnostics: [Diagnostic]
        do {
            _ = try SiteBuilder.plan(site.options())
            Issue.record("the plan was expected to fail")
            return
        } catch {
            diagnostics = error.diagnostics
        }
        let found = errors(diagnostics)
        #expect(found.count >= 6, "\(found)")
        let expected: [(String, Int?)] = [
            ("content/articles/a-khong-tieu-de.md", nil),
            ("content/articles/b-sai-ngay.md", 3),
            ("content/articles/c-yaml-hong.md", 4),
            ("content/articles/d-tcvn3.md", 2),
            ("content/articles/e-tot.md", nil),  // unknown theme year 2020
            ("content/themes/2023.md", nil),
        ]
        for (file, line) in expected {
            let forFile = found.filter { $0.file == file }
            #expect(!forFile.isEmpty, "no error for \(file)")
            if let line { #expect(forFile.contains { $0.line == line }, "\(file): \(forFile)") }
        }
        #expect(warnings(diagnostics).contains { $0.file == "content/articles/e-tot.md" && $0.message.contains("01-KL/TW") })
        let places = diagnostics.map { ($0.file, $0.line) }
        #expect(zip(places, places.dropFirst()).allSatisfy { $0 <= $1 }, "not sorted by file then line: \(places)")
    }

    /// The listing is in the order of `<` on the relative paths, whatever order folders give their names in.
    @Test func theContentListingIsSortedByPath() throws {
        let site = try makeSite()
        let names = ["b.md", "a.md", "ả.md", "Z.md", "a/b.md", "a-b.md", "10.md", "2.md", "đ/x.md", "d/x.md", "ab/c/d.md", "a.b"]
        for name in names.shuffled() { try site.write("content/media/" + name, "x") }
        var diagnostics: [Diagnostic] = []
        let listed = ContentTree.files(under: site.root.appendingPathComponent("content"), diagnostics: &diagnostics, displayRoot: "content")
            .map(\.relativePath)
        #expect(listed == listed.sorted())
        #expect(listed.count == names.count + 1)
        #expect(diagnostics.isEmpty)
        for (a, b) in [("a", "ab"), ("a/b", "a-b"), ("ả", "b"), ("Z", "a"), ("", "a"), ("đ", "d")] {
            #expect(ContentTree.precedesInUTF8(a, b) == (a < b), "\(a) \(b)")
            #expect(ContentTree.precedesInUTF8(b, a) == (b < a), "\(b) \(a)")
        }
    }
}

/// A field's text loses white space at its ends, and only that: every ASCII character and some
/// others at both ends, against Foundation's trimming.
@Suite struct FieldTrimmingTests {
    @Test func whiteSpaceAtTheEndsIsWhatUnicodeSaysItIs() {
        let others: [UInt32] = [0x85, 0xA0, 0x1680, 0x2003, 0x2028, 0x202F, 0x3000, 0x111, 0x1EA1, 0x300]
        for value in Array(0..<0x80) + others {
            let end = String(Unicode.Scalar(value)!)
            let text = end + "Đảng bộ" + end
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(value, radix: 16))")
        }
    }
}
