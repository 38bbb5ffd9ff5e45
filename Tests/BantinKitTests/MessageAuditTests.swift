import Foundation
import Testing

@testable import BantinKit

/// No error reaches a user as a Foundation dump (`Error Domain=…`, `(… error 1.)`): the sources
/// never print an error value as it is, nor let a throwing Foundation file call's error escape.
/// File-system failures are `FileFault`s, told with the system's reason in words.
@Suite struct MessageAuditTests {
    /// Every line of every Swift file under `Sources/`, with its file and number.
    static func sourceLines() throws -> [(file: String, number: Int, text: String)] {
        let sources = Repo.root.appendingPathComponent("Sources")
        var lines: [(String, Int, String)] = []
        for path in (FileManager.default.subpaths(atPath: sources.path) ?? []).filter({ $0.hasSuffix(".swift") }).sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines.append((path, index + 1, String(line)))
            }
        }
        return lines
    }

    /// What may not be written in the sources, and why.
    static let forbidden: [(pattern: String, why: String)] = [
        ("localizedDescription", "Foundation's description of an error is its `Error Domain=` dump on Linux"),
        ("\\(error)", "an error printed as it is"),
        ("try FileManager", "a Foundation file call whose error would reach the user"),
        ("try fm.", "a Foundation file call whose error would reach the user"),
        ("try Data(", "a Foundation file call whose error would reach the user"),
        ("try String(contentsOf", "a Foundation file call whose error would reach the user"),
        ("try handle.", "a Foundation file call whose error would reach the user"),
        ("WriteError", "the old error type, shown as `(BantinKit.WriteError error 1.)`"),
    ]

    /// The YAML library's own errors, which are plain text about the YAML (no file-system error can
    /// be one): each by its file and its line's text, wherever in the file the line moves.
    static let allowed: Set<String> = [
        "BantinKit/Content/FieldReader.swift: diagnostics.append(.error(path, line: firstLine, \"malformed YAML \\(document): \\(error)\"))",
        "BantinKit/Content/FieldReader.swift: let text = \"\\(error)\".split(separator: \"\\n\").first.map(String.init) ?? \"\"",
    ]

    /// How `allowed` names a line.
    static func allowance(_ line: (file: String, number: Int, text: String)) -> String {
        "\(line.file): \(line.text.trimmingCharacters(in: .whitespaces))"
    }

    @Test func noSourceLinePrintsAnErrorAsItIs() throws {
        var found: [String] = []
        for line in try Self.sourceLines() {
            guard !Self.allowed.contains(Self.allowance(line)) else { continue }
            for rule in Self.forbidden where line.text.contains(rule.pattern) {
                found.append("Sources/\(line.file):\(line.number): \(rule.why): \(line.text.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found == [], "\(found.joined(separator: "\n"))")
    }

    /// Each allowed line is still in its file, once, and still about YAML's own error.
    @Test func theAllowedLinesAreStillTheYamlOnes() throws {
        let lines = try Self.sourceLines()
        for place in Self.allowed {
            #expect(lines.count { Self.allowance($0) == place } == 1, "\(place)")
            #expect(place.contains("YAML") || place.contains("\\(error)\".split"), "\(place)")
        }
    }

    @Test func aFaultIsToldInPlainWords() {
        let fault = FileFault("write", "public/bai-viet/x/index.html", code: ENOSPC)
        #expect(fault.description == "cannot write public/bai-viet/x/index.html: No space left on device (free some space on that disk, then build again)")
        #expect(Diagnostic.error("public", fault.description).description == "public: error: cannot write public/bai-viet/x/index.html: No space left on device (free some space on that disk, then build again)")
        // A reason with nothing plain to do about it is told alone.
        #expect(FileFault("read", "content/a.md", code: EIO).description == "cannot read content/a.md: Input/output error")
        #expect(Diagnostic.error("content/a.md", line: 3, column: 7, "x").description == "content/a.md:3:7: error: x")
        #expect(Diagnostic.warning("", "x").description == "warning: x")
    }

    /// Text quoted from a file (a template's tag, a link with a tab in it) never breaks the "one
    /// problem, one line" of the output.
    @Test func aMessageIsOneLineWhateverItQuotes() throws {
        let quoted = Diagnostic.error("templates/card.mustache", line: 9, column: 62, "`{{title}</a></h3>\n    <p>` is not a valid name")
        #expect(quoted.description == "templates/card.mustache:9:62: error: `{{title}</a></h3>\\n    <p>` is not a valid name")
        #expect(Diagnostic.warning("a.md", line: 1, column: 1, "unsafe link `java\tscript:\u{7}`").description == "a.md:1:1: warning: unsafe link `java\\tscript:\\u{7}`")
        #expect(Diagnostic.warning("a.md", line: 1, column: 1, "`!\u{2028}!`").description == "a.md:1:1: warning: `!\\u{2028}!`")
        let site = try TestSite(content: "bulletin")
        try site.write("templates/card.mustache", "<h3>{{title}</h3>\n<p>{{summary}}</p>\n")
        let printed = site.failingBuild().map(\.description)
        #expect(!printed.isEmpty && printed.allSatisfy { !$0.contains("\n") }, "\(printed)")
    }

    /// A name no page has (a misspelt field) shows nothing, on every page: it is a warning at its
    /// tag, with the nearest name there is. The names of views, of front-matter fields, of the
    /// site's `params` at any depth (a list's items too) and `page.is_<kind>` are no warning, nor
    /// is any name read from `params` or inside a section over it (the site may leave it out).
    @Test func aTemplateNameNoPageHasIsAWarningWithTheNearestName() throws {
        let site = try TestSite(content: "bulletin")
        let config = try site.read("content/site.yml")
        try site.write("content/site.yml", config + "  lien_ket:\n    - {nhan: Báo Nhân Dân, dia_chi: \"https://nhandan.vn/\"}\n")
        // A partial shown inside a section over `params`: its names are the keys there.
        try site.write("templates/lien-ket.mustache", "<a href=\"{{dia_chi}}\">{{nhan}}</a>\n")
        let card = try site.read("templates/card.mustache")
        // Columns count characters as a reader does (an emoji with its skin tone one), and the
        // marks of a letter saved decomposed each, as the file is saved (`ệ` as `e` and two marks: three).
        try site.write("templates/card.mustache", card + "{{summry}}{{#category_url}}-{{/category_url}}\n👍🏽 Vi\u{0065}\u{0323}\u{0302}t {{summry}}\n")
        try site.write(
            "templates/footer.mustache",
            try site.read("templates/footer.mustache") + """
                {{#site.params.lien_ket}}{{> lien-ket}}{{/site.params.lien_ket}}{{site.params.khong_co}}{{#site.params.x}}{{y}}{{/site.params.x}}
                {{#page.is_month}}{{.}}{{article.date.iso}}{{/page.is_month}}{{#article}}{{image.webp}}{{/article}}
                <p>{{page.is_hom}} {{artcle.date.iso}} {{{article.date.isoo}}}</p>{{^site.params.x}}{{lnag}}{{/site.params.x}}{{^page.is_hme}}.{{/page.is_hme}}

                """)
        let warnings = try site.build().diagnostics.filter { $0.file.hasPrefix("templates/") }.map { "\($0.file):\($0.line):\($0.column) \($0.message)" }
        let footerLine = try site.read("templates/footer.mustache").split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let cardLine = card.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(warnings == [
            "templates/card.mustache:\(cardLine):1 no page has a value named `summry`, so this shows nothing; did you mean `summary`?",
            "templates/card.mustache:\(cardLine + 1):10 no page has a value named `summry`, so this shows nothing; did you mean `summary`?",
            "templates/footer.mustache:\(footerLine):4 no page has a value named `is_hom` (in `page.is_hom`), so this shows nothing; did you mean `is_home`?",
            "templates/footer.mustache:\(footerLine):20 no page has a value named `artcle` (in `artcle.date.iso`), so this shows nothing; did you mean `article`?",
            "templates/footer.mustache:\(footerLine):40 no page has a value named `isoo` (in `article.date.isoo`), so this shows nothing; did you mean `iso`?",
            // An inverted section over `params` looks its names up where they would be outside it.
            "templates/footer.mustache:\(footerLine):85 no page has a value named `lnag`, so this shows nothing; did you mean `lang`?",
            "templates/footer.mustache:\(footerLine):111 no page has a value named `is_hme` (in `page.is_hme`), so what this inverted section holds is shown on every page; did you mean `is_home`?",
        ], "\(warnings)")
        // The pages are written all the same, the misspelt name empty.
        #expect(try site.read("public/index.html").contains("https://nhandan.vn/"))
    }

    /// A template that is not UTF-8 is told once: a template including it, or a page template
    /// that is it, is not told it is missing.
    @Test func aTemplateThatCannotBeReadIsNotAlsoMissing() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/footer.mustache", bytes: Array(try site.read("templates/footer.mustache").utf8) + [0x3C, 0x70, 0x3E, 0xE0, 0x0A])
        try site.write("templates/search.mustache", bytes: Array(try site.read("templates/search.mustache").utf8) + [0xE0, 0x0A])
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(Set(errors.map(\.file)) == ["templates/footer.mustache", "templates/search.mustache"], "\(errors)")
        #expect(errors.allSatisfy { $0.message.contains("UTF-8") }, "\(errors)")
    }

    /// Every template a page is rendered with is needed: without one (a theme made before the
    /// print edition had no `print.mustache`), the build fails naming it rather than publish
    /// empty pages. Each page template taken away in turn.
    @Test func everyPageTemplateIsNeeded() throws {
        let site = try TestSite(content: "bulletin")
        let names = try FileManager.default.contentsOfDirectory(atPath: site.templates.path).filter { $0.hasSuffix(".mustache") }
        let pages = names.filter { name in
            ["article", "list", "terms", "print", "search", "404"].contains(String(name.dropLast(".mustache".count)))
        }
        #expect(pages.count == 6, "\(names)")
        for name in pages {
            let kept = try site.read("templates/" + name)
            try site.remove("templates/" + name)
            let errors = site.failingBuild().filter { $0.severity == .error }
            #expect(errors.map(\.file) == ["templates/\(name)"], "\(name): \(errors)")
            #expect(errors.first?.message.hasPrefix("missing page template: ") == true && errors.first?.message.contains("bantin's own templates/ folder") == true, "\(name): \(errors)")
            try site.write("templates/" + name, kept)
        }
        try site.build()
        #expect(try site.read("public/luu-tru/2023/05/ban-in/index.html").contains("<html"))
    }

    /// A template that does not parse hides no misspelt name of the others: one build tells both.
    @Test func aTemplateThatDoesNotParseHidesNoMisspeltNameElsewhere() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/hong.mustache", "{{#page.title}}\n")
        try site.write("templates/card.mustache", try site.read("templates/card.mustache") + "{{summry}}\n")
        let told = site.failingBuild().filter { $0.file.hasPrefix("templates/") }.map { "\($0.file) \($0.severity) \($0.message.prefix(40))" }
        #expect(told.sorted() == [
            "templates/card.mustache warning no page has a value named `summry`, so t",
            "templates/hong.mustache error template does not parse: the section `pa",
        ], "\(told)")
    }
}
