import Foundation
import Testing

@testable import BantinKit

/// The readers of what editors and theme authors write (front matter, Markdown and search's
/// reading of it, templates, dates) survive seeded random and mutated inputs without a crash or a hang.
///
/// Each runs `BANTIN_FUZZ_COUNT` inputs (2,000 by default, a few seconds); the full run is
/// `BANTIN_FUZZ_COUNT=100000 swift test --filter Fuzz`. A failure names the seed and the input.
@Suite struct FuzzTests {
    static let count = ProcessInfo.processInfo.environment["BANTIN_FUZZ_COUNT"].flatMap { Int($0) } ?? 2_000
    /// No input may take longer than this (a hang shows as a slow input long before it stops the suite).
    static let slowest: Duration = .seconds(2)

    /// Runs `check` on `count` inputs made by `fuzzer`, and reports the slowest.
    func fuzz(_ name: String, seed: UInt64, corpus: [String], tokens: [String], check: (String) -> Void) {
        var fuzzer = Fuzzer(random: SeededGenerator(seed: seed), corpus: corpus, tokens: tokens)
        var slowest: (Duration, String) = (.zero, "")
        for _ in 0..<Self.count {
            let input = fuzzer.next()
            let start = ContinuousClock.now
            check(input)
            let took = ContinuousClock.now - start
            if took > slowest.0 { slowest = (took, input) }
        }
        #expect(slowest.0 < Self.slowest, "\(name): the slowest input took \(slowest.0): \(slowest.1.debugDescription.prefix(300))")
        print("FuzzTests: \(name): \(Self.count) inputs (seed \(seed)), slowest \(slowest.0)")
    }

    static func fixtureTexts(_ folder: URL, suffix: String) -> [String] {
        (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
            .compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    @Test func theFrontMatterReaderSurvivesAnyText() {
        let corpus = Self.fixtureTexts(Repo.fixtures.appendingPathComponent("bulletin"), suffix: ".md")
        let tokens = ["---\n", "title: ", "date: ", "directives: [", "]", "themes: [2023]", "\"", "'", ":", "- ", "\n", "\r\n", "\u{FEFF}", "{", "}", "&a", "*a", "!!str ", "|\n  ", ">\n", "#", "2023-02-30", "9999-99-99T99:99", "\t", "  ", "ẫ", "e\u{0301}", "\u{0}", "slug: ", "related: [x]", "image: ../x"]
        fuzz("front matter", seed: 1, corpus: corpus, tokens: tokens) { text in
            _ = ArticleReader.read(text: text, file: "content/articles/x.md", zone: .vietnam)
            _ = SourceDecoder.decode(Array(text.utf8), path: "x.md")
            var diagnostics: [Diagnostic] = []
            _ = SiteConfigReader.read(text: text, file: "content/site.yml", diagnostics: &diagnostics)
        }
    }

    @Test func theMarkdownRendererSurvivesAnyText() {
        let corpus = Self.fixtureTexts(Repo.fixtures.appendingPathComponent("bulletin"), suffix: ".md") + [try! String(contentsOf: Repo.fixtures.appendingPathComponent("gfm/extensions.txt"), encoding: .utf8)]
        let tokens = ["*", "**", "_", "~~", "`", "```\n", "|", "| --- |\n", "[^1]", "[^1]: ", "[a](", ")", "<", ">", "<script>", "- [ ] ", "# ", "\n\n", "    ", "> ", "1. ", "http://x.vn", "&#0;", "\\", "![", "<!--", "-->", "Kết luận 21-KL/TW", "<a\nhref=\"x\"", "<div>\n", "[^]: ", "[a]:\n", "&#99999999;", "&hellip;", "\t", "<!D ", "<?", "]]>", "](", "]["]
        let safe = MarkdownRenderer(allowRawHTML: false), unsafe = MarkdownRenderer(allowRawHTML: true)
        fuzz("Markdown", seed: 2, corpus: corpus.map { String($0.prefix(4000)) }, tokens: tokens) { text in
            let html = safe.render(text).html
            #expect(!html.contains("<script"), "raw HTML is omitted: \(text.debugDescription.prefix(200))")
            _ = unsafe.render(text)
            // And search's reading of it.
            _ = MarkdownPlainText.text(of: text, rawHTML: false)
            _ = MarkdownPlainText.text(of: text, rawHTML: true)
        }
    }

    @Test func theTemplateParserSurvivesAnyText() {
        let corpus = Self.fixtureTexts(Repo.templates, suffix: ".mustache")
        let tokens = ["{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^a}}", "{{>page}}", "{{<page}}", "{{$b}}", "{{/b}}", "{{=<% %>=}}", "<%", "%>", "{{!", "{{&a}}", "{{*a}}", "{{.}}", "{{a.b}}", "\n", "  ", "{{>page}}{{>page}}"]
        let data: [String: TemplateValue] = ["a": .list([.bool(true), .text("x")]), "b": .text("<b>"), "page": .text("page")]
        fuzz("templates", seed: 3, corpus: corpus, tokens: tokens) { text in
            guard let template = try? Template(parsing: text) else { return }
            // A template that includes itself whatever the data is refused when the templates are
            // loaded (see the test below); through a section it renders, bounded by the engine
            // (which stops once partials are 100 deep).
            let references = template.references.map {
                TemplateSet.Reference(name: $0.name, from: "page", file: "page.mustache", line: $0.line, column: $0.column, conditional: $0.conditional)
            }
            guard TemplateSet.includeCycles(references).isEmpty else { return }
            _ = TemplateLibrary(["page": template]).render("page", root: TemplateEngineTests.object(data))
        }
    }

    /// Found by the fuzzer: `{{>page}}` twice in `page` rendered 10,000 copies of it (2^100 before
    /// the engine counted includes). Loading such templates is an error at the tag.
    @Test func aTemplateThatIncludesItselfIsAnError() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/footer.mustache", "<footer>\n{{> chan}}\n</footer>\n")
        try site.write("templates/chan.mustache", "<p>{{> footer}}</p>\n")
        let problems = site.failingBuild().filter { $0.message.contains("include itself") }.map(\.description)
        #expect(problems == [
            "templates/chan.mustache:1:4: error: `footer` leads back to chan.mustache, which would include itself without end; a template may not include itself",
            "templates/footer.mustache:2:1: error: `chan` leads back to footer.mustache, which would include itself without end; a template may not include itself",
        ])
    }

    /// The official spec's recursion: a partial that includes itself inside a section renders a
    /// tree of any depth, and loads without a problem.
    @Test func aPartialIncludedInsideASectionMayIncludeItself() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/node.mustache", "<li>{{label}}{{#items}}<ul>{{> node}}</ul>{{/items}}</li>\n")
        #expect(try site.build().diagnostics.filter { $0.file.hasSuffix("node.mustache") }.isEmpty)
        let library = TemplateLibrary(["node": try Template(parsing: try site.read("templates/node.mustache"))])
        func node(_ name: String, _ items: [[String: TemplateValue]]) -> [String: TemplateValue] {
            ["label": .text(name), "items": .list(items.map { TemplateEngineTests.object($0) })]
        }
        let tree = node("a", [node("b", [node("c", [])]), node("d", [])])
        let html = String(decoding: library.render("node", root: TemplateEngineTests.object(tree)), as: UTF8.self)
        #expect(html == "<li>a<ul><li>b<ul><li>c</li>\n</ul></li>\n</ul><ul><li>d</li>\n</ul></li>\n")
    }

    /// Through a section whose data never ends it (`{{#site}}` is always there), a template that
    /// includes itself is found while pages are rendered: the build fails, naming it, and the
    /// site is not published.
    @Test func aSectionThatNeverEndsTheRecursionFailsTheBuild() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/vong.mustache", "{{#site}}<i>{{> vong}}</i>{{/site}}\n")
        let footer = try site.read("templates/footer.mustache")
        try site.write("templates/footer.mustache", footer.replacingOccurrences(of: "</footer>", with: "{{> vong}}</footer>"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1 && errors[0].contains("cannot render templates/vong.mustache: it includes itself without end"), "\(errors)")
        #expect(!site.exists("public/index.html"))
    }

    /// A page may include a partial as often as its data asks (`per_page: 1000` cards of ten
    /// icons each): only depth tells a template that includes itself. Found deep, the one that
    /// repeats is named, not the partial it happened to be including then.
    @Test func onlyDepthStopsIncludesAndTheTemplateThatRepeatsIsNamed() throws {
        let rows = TemplateEngineTests.object(["rows": .list((0..<12_000).map { .text(String($0)) })])
        let many = TemplateLibrary(["page": try Template(parsing: "{{#rows}}{{> row}}{{/rows}}"), "row": try Template(parsing: "<i>{{.}}</i>")])
        let (bytes, endless) = many.renderChecked("page", root: rows)
        #expect(endless == nil)
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "<i>").count - 1 == 12_000)

        let looping = TemplateLibrary([
            "page": try Template(parsing: "{{#rows}}{{> vong}}{{/rows}}"),
            "vong": try Template(parsing: "{{> la}}{{#rows}}{{> vong}}{{/rows}}"),
            "la": try Template(parsing: "<b>{{.}}</b>"),
        ])
        #expect(looping.renderChecked("page", root: rows).endless == "vong")

        // Inside sections, each time round takes as many levels of the stack as sections: found
        // long before a hundred partials (which would overflow the stack first), and named.
        let sections = String(repeating: "{{#rows}}", count: 40) + "{{> sau}}" + String(repeating: "{{/rows}}", count: 40)
        let deep = TemplateLibrary(["page": try Template(parsing: "{{> sau}}"), "sau": try Template(parsing: sections)])
        #expect(deep.renderChecked("page", root: TemplateEngineTests.object(["rows": .bool(true)])).endless == "sau")
    }

    /// Sections nested hundreds deep are refused where the one too many opens, rather than
    /// taking the rendering down with them.
    @Test func sectionsNestedTooDeepAreAnErrorAtTheirTag() {
        let depth = 600
        let text = "<p>\n" + String(repeating: "{{#a}}", count: depth) + "x" + String(repeating: "{{/a}}", count: depth)
        var refused: TemplateSyntaxError?
        do { _ = try Template(parsing: text) } catch { refused = error }
        #expect(refused?.line == 2 && refused?.column == 1 + 6 * 500, "\(String(describing: refused))")
        #expect(refused?.message.contains("inside 500 others") == true)
        #expect((try? Template(parsing: String(repeating: "{{#a}}", count: 400) + String(repeating: "{{/a}}", count: 400))) != nil)
    }

    @Test func theDateParserSurvivesAnyText() {
        let corpus = ["2023-05-09", "2023-05-09T17:00:00+07:00", "2023-05-09 17:00", "2024-02-29T23:59:59Z", "2023-05-09T17:00:00.123-03:30"]
        let tokens = ["-", ":", "T", "Z", "+", "99", "00", "0000", ".", " ", "+14:00", "-12:00", "9999999999"]
        let zones = [SiteTimeZone.vietnam, SiteTimeZone(identifier: "America/St_Johns")!]
        fuzz("dates", seed: 4, corpus: corpus, tokens: tokens) { text in
            for zone in zones {
                guard let date = DateParser.parse(text, in: zone) else { continue }
                _ = (date.vietnameseDisplay, date.vietnameseShort, date.iso8601)
            }
        }
    }
}

/// Inputs for a reader: random tokens and bytes, or a text of the corpus mutated (bytes changed,
/// tokens put in, parts cut, repeated or spliced from another text).
struct Fuzzer {
    var random: SeededGenerator
    let corpus: [String]
    let tokens: [String]

    mutating func next() -> String {
        var bytes: [UInt8]
        if corpus.isEmpty || int(5) == 0 {
            bytes = (0..<int(12)).flatMap { _ in int(3) == 0 ? [UInt8(int(256))] : Array(tokens[int(tokens.count)].utf8) }
        } else {
            bytes = Array(corpus[int(corpus.count)].utf8)
            for _ in 0...int(4) { mutate(&bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let at = int(bytes.count + 1)
        switch int(6) {
        case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8(int(256))
        case 1: bytes.insert(contentsOf: Array(tokens[int(tokens.count)].utf8), at: at)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + int(40)))
        case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + int(80))], at: at)
        case 4:
            let other = Array(corpus[int(corpus.count)].utf8)
            let from = int(other.count)
            bytes = Array(bytes[..<at]) + other[from..<min(other.count, from + int(200))]
        default: bytes.insert(contentsOf: Array(repeating: Array(tokens[int(tokens.count)].utf8), count: int(50)).joined(), at: at)
        }
    }

    private mutating func int(_ below: Int) -> Int { Int.random(in: 0..<max(below, 1), using: &random) }
}
