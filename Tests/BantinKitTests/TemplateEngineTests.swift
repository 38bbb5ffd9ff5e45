import Testing

@testable import BantinKit

/// The Mustache engine, case by case as the Mustache spec describes it: interpolation,
/// sections, inverted sections, comments, standalone lines, partials with indentation,
/// set-delimiter tags, parents and blocks, and parse errors with their positions.
@Suite struct TemplateEngineTests {
    /// A view model for tests: a dictionary of values.
    final class Object: TemplateObject {
        let fields: [String: TemplateValue]
        init(_ fields: [String: TemplateValue]) { self.fields = fields }
        func value(named name: String) -> TemplateValue? { fields[name] }
    }

    static func object(_ fields: [String: TemplateValue]) -> TemplateValue { .object(Object(fields)) }

    /// Renders `template` (with `partials`) against `data`.
    func render(_ template: String, _ data: [String: TemplateValue] = [:], partials: [String: String] = [:]) throws -> String {
        var templates = try partials.mapValues { try Template(parsing: $0) }
        templates["page"] = try Template(parsing: template)
        return String(decoding: TemplateLibrary(templates).render("page", root: Self.object(data)), as: UTF8.self)
    }

    func parseError(_ template: String) -> TemplateSyntaxError? {
        do {
            _ = try Template(parsing: template)
            return nil
        } catch {
            return error
        }
    }

    @Test func interpolationEscapesHTMLUnlessTripleOrAmpersand() throws {
        let data: [String: TemplateValue] = ["x": .text("<b>\"Đảng\" & 'dân'</b>")]
        #expect(try render("{{x}}", data) == "&lt;b&gt;&quot;Đảng&quot; &amp; &#39;dân&#39;&lt;/b&gt;")
        #expect(try render("{{{x}}}", data) == "<b>\"Đảng\" & 'dân'</b>")
        #expect(try render("{{& x }}", data) == "<b>\"Đảng\" & 'dân'</b>")
        #expect(try render("[{{ missing }}]", data) == "[]")
        #expect(try render("{{b}}/{{c}}", ["b": .bool(true), "c": .bool(false)]) == "true/false")
    }

    @Test func dottedNamesClimbTheStackOnlyForTheirFirstPart() throws {
        let data: [String: TemplateValue] = [
            "a": Self.object(["b": Self.object(["c": .text("sâu")])]),
            "name": .text("ngoài"),
            "inner": Self.object(["other": .text("x")]),
        ]
        #expect(try render("{{a.b.c}}", data) == "sâu")
        #expect(try render("{{#inner}}{{name}}{{/inner}}", data) == "ngoài", "a name missing here is found further down")
        #expect(try render("{{#inner}}{{.name}}{{/inner}}", data) == "", "a leading dot looks only at the current object")
        #expect(try render("{{#a}}{{b.name}}{{/a}}", data) == "", "after the first part, no climbing")
        #expect(try render("{{a.x.c}}", data) == "")
    }

    @Test func sectionsOverEveryKindOfValue() throws {
        let data: [String: TemplateValue] = [
            "yes": .bool(true), "no": .bool(false), "text": .text("chữ"),
            "items": .list([.text("một"), .text("hai")]),
            "people": .list([Self.object(["name": .text("An")]), Self.object(["name": .text("Bình")])]),
            "none": .list([]), "obj": Self.object(["k": .text("v")]),
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#missing}}M{{/missing}}", data) == "Y")
        #expect(try render("{{#items}}<{{.}}>{{/items}}", data) == "<một><hai>")
        // True is pushed as the spec's single-element list: `{{.}}` inside shows it, not the item around.
        #expect(try render("{{#items}}{{#yes}}{{.}}{{/yes}}{{/items}}", data) == "truetrue")
        #expect(try render("{{#people}}{{name}},{{/people}}", data) == "An,Bình,")
        #expect(try render("{{#none}}x{{/none}}", data) == "")
        #expect(try render("{{#text}}[{{.}}]{{/text}}", data) == "[chữ]")
        #expect(try render("{{#obj}}{{k}}{{text}}{{/obj}}", data) == "vchữ")
        #expect(try render("{{^no}}a{{/no}}{{^none}}b{{/none}}{{^missing}}c{{/missing}}{{^yes}}d{{/yes}}{{^items}}e{{/items}}", data) == "abc")
    }

    @Test func commentsAndStandaloneLinesLeaveNoTrace() throws {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! a comment\n  over two lines }}\n</ul>\n"
        let data: [String: TemplateValue] = ["items": .list([.text("a"), .text("b")])]
        #expect(try render(template, data) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try render("a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\nc", ["yes": .bool(true)]) == "a\r\nb\r\nc", "CRLF lines too")
        #expect(try render("  {{#yes}}  \nx\n{{/yes}}", ["yes": .bool(true)]) == "x\n", "at the end of the template")
        #expect(try render("a {{#yes}}\nb{{/yes}} c", ["yes": .bool(true)]) == "a \nb c", "not alone on its line")
        #expect(try render("{{#yes}}{{/yes}}\n", ["yes": .bool(true)]) == "\n", "two tags on one line are not standalone")
        #expect(try render(" {{x}}\n", ["x": .text("v")]) == " v\n", "a variable is never standalone")
    }

    @Test func partialsTakeTheContextAndIndentEveryLine() throws {
        let partials = ["item": "<li>{{name}}</li>\n<li>{{name}}</li>\n", "inline": "[{{name}}]"]
        let data: [String: TemplateValue] = ["name": .text("Tiền Giang"), "html": .text("<p>a</p>\n<p>b</p>")]
        #expect(try render("<ul>\n  {{> item}}\n</ul>\n", data, partials: partials) == "<ul>\n  <li>Tiền Giang</li>\n  <li>Tiền Giang</li>\n</ul>\n")
        #expect(try render("x {{>inline}} y", data, partials: partials) == "x [Tiền Giang] y")
        #expect(try render("{{> nowhere}}|", data) == "|", "a partial that does not exist renders nothing")
        // Interpolated text is not re-indented inside an indented partial.
        #expect(try render("  {{> body}}\n", data, partials: ["body": "{{{html}}}\n"]) == "  <p>a</p>\n<p>b</p>\n")
        // A value ending in a newline does not make the partial's next line start an indented line.
        #expect(try render("  {{> line}}\n", ["html": .text("a\n")], partials: ["line": "{{{html}}}b\nc\n"]) == "  a\nb\n  c\n")
        // Indentation accumulates through nested partials.
        let nested = ["outer": "o\n  {{> inner}}\n", "inner": "i1\ni2\n"]
        #expect(try render("  {{> outer}}\n", [:], partials: nested) == "  o\n    i1\n    i2\n")
    }

    @Test func aPartialThatIncludesItselfStops() throws {
        let output = try render("{{> loop}}", ["x": .text("a")], partials: ["loop": "{{x}}{{> loop}}"])
        #expect(output == String(repeating: "a", count: 100))
    }

    /// A block that holds itself twice in its own override goes down again from each: it stops
    /// at once, naming the template, as a partial that includes itself does (it rendered 2^1000).
    @Test func aBlockThatHoldsItselfTwiceStops() throws {
        let library = TemplateLibrary([
            "page": try Template(parsing: "{{<layout}}{{$b}}{{$b}}x{{/b}}{{$b}}y{{/b}}{{/b}}{{/layout}}"),
            "layout": try Template(parsing: "[{{$b}}d{{/b}}]"),
        ])
        let rendered = library.renderChecked("page", root: Self.object([:]))
        #expect(rendered.endless == "layout", "\(rendered)")
    }

    @Test func dynamicPartialsAreNamedByAValue() throws {
        let partials = ["card": "<card>{{title}}</card>"]
        #expect(try render("{{> *kind}}", ["kind": .text("card"), "title": .text("T")], partials: partials) == "<card>T</card>")
        #expect(try render("{{> *missing}}.", [:], partials: partials) == ".")
    }

    @Test func setDelimiterTagsChangeTheDelimitersUntilChangedBack() throws {
        let data: [String: TemplateValue] = ["x": .text("<v>")]
        #expect(try render("{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}", data) == "&lt;v&gt; {{x}} &lt;v&gt;")
        #expect(try render("{{=| |=}}|{x}||& x|", data) == "<v><v>")
        #expect(try render("a\n  {{=| |=}}\nb", data) == "a\nb", "a standalone set-delimiter tag removes its line")
    }

    @Test func parentsReplaceTheirBlocks() throws {
        let partials = [
            "layout": "<title>{{$title}}Bản tin{{/title}}</title>\n<main>{{$main}}trống{{/main}}</main>\n",
            "middle": "{{<layout}}{{$title}}Giữa{{/title}}{{/layout}}",
        ]
        #expect(try render("{{<layout}}{{$main}}Nội dung {{x}}{{/main}}{{/layout}}", ["x": .text("1")], partials: partials)
            == "<title>Bản tin</title>\n<main>Nội dung 1</main>\n")
        #expect(try render("{{<layout}}{{/layout}}", [:], partials: partials) == "<title>Bản tin</title>\n<main>trống</main>\n")
        // The outermost definition wins over one in a parent's own parent.
        #expect(try render("{{<middle}}{{$title}}Ngoài{{/title}}{{/middle}}", [:], partials: partials)
            == "<title>Ngoài</title>\n<main>trống</main>\n")
        #expect(try render("{{<middle}}{{/middle}}", [:], partials: partials) == "<title>Giữa</title>\n<main>trống</main>\n")
        // A block outside any parent shows its default.
        #expect(try render("{{$a}}mặc định{{/a}}") == "mặc định")
    }

    @Test func parentsAndBlocksStandAloneAsWholeElements() throws {
        let partials = ["two": "one\ntwo\n", "say": "I say,\n  {{$block}}\n  Hi there!\n  {{/block}}\n"]
        // Blanks and a newline around a whole parent element, over one line or several: it indents the parent.
        #expect(try render("a\n  {{<two}}{{/two}}\nb", [:], partials: partials) == "a\n  one\n  two\nb")
        #expect(try render("a\n  {{<two}}\n  {{/two}}\nb", [:], partials: partials) == "a\n  one\n  two\nb")
        // Not alone on its lines: the blanks are text and the parent is not indented.
        #expect(try render("a\n  {{<two}}{{/two}} b", [:], partials: partials) == "a\n  one\ntwo\n b")
        // An argument's own indentation is not part of it; the parameter's is put before each of its lines.
        let argument = "{{<say}}\n        {{$block}}\n        Hello\n          there\n        {{/block}}\n{{/say}}\n"
        #expect(try render(argument, [:], partials: partials) == "I say,\n  Hello\n    there\n")
        #expect(try render("{{<say}}{{/say}}", [:], partials: partials) == "I say,\n  Hi there!\n", "the default, as written")
    }

    @Test func pragmasAreIgnored() throws {
        #expect(try render("{{% CONTENT_TYPE: HTML }}\n{{x}}", ["x": .text("&")]) == "&amp;")
    }

    @Test func parseErrorsSayWhatAndWhere() throws {
        let unclosed = try #require(parseError("a\nb {{#list}}\nx\n"))
        #expect((unclosed.line, unclosed.column) == (2, 3))
        #expect(unclosed.message.contains("`list` is never closed"))

        let mismatched = try #require(parseError("{{#a}}\n  {{/b}}"))
        #expect((mismatched.line, mismatched.column) == (2, 3))
        #expect(mismatched.message.contains("does not close the section `a` opened on line 1"))

        let stray = try #require(parseError("ok {{/a}}"))
        #expect((stray.line, stray.column) == (1, 4))

        let open = try #require(parseError("Đảng {{title"))
        #expect((open.line, open.column) == (1, 6), "columns count characters, not bytes")
        #expect(open.message.contains("never closed"))

        #expect(try #require(parseError("{{}}")).message.contains("no name"))
        #expect(try #require(parseError("{{a b}}")).message.contains("not a valid name"))
        #expect(try #require(parseError("{{first(items)}}")).message.contains("transforms"))
        #expect(try #require(parseError("{{=<%=}}")).message.contains("set-delimiter"))
        #expect(try #require(parseError("{{a..b}}")).message.contains("not a valid name"))
    }

    @Test func partialReferencesArePositioned() throws {
        let template = try Template(parsing: "x\n  {{> head}}\n{{<layout}}{{/layout}}{{> *dyn}}")
        #expect(template.references.map(\.name) == ["head", "layout"])
        #expect(template.references.map { [$0.line, $0.column] } == [[2, 3], [3, 1]])
    }
}
