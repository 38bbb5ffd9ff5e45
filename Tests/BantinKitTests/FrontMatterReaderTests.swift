import Foundation
import Testing
import Yams

@testable import BantinKit

/// The plain front-matter reader must give exactly what Yams gives (keys, values, styles,
/// positions) for every text it accepts, and leave everything else to Yams.
@Suite struct FrontMatterReaderTests {
    /// A field as both readers describe it, for comparison.
    static func describe(_ value: FieldValue) -> String {
        let at = "@\(value.position.line):\(value.position.column)"
        switch value.shape {
        case .scalar(let scalar): return "scalar(\(scalar.string.debugDescription), \(scalar.tag), \(scalar.style))\(at)"
        case .list(let items): return "list[\(items.map(describe).joined(separator: ", "))]\(at)"
        case .other: return "other\(at)"
        }
    }

    static func describe(_ reader: FieldReader) -> [String] {
        reader.entries.map { "\($0.key)@\($0.keyPosition.line):\($0.keyPosition.column)=\(describe($0.value))" }
    }

    /// Whether the plain reader took `yaml`, after checking that it agrees with Yams when it did.
    @discardableResult
    static func agreesWithYams(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard PlainFrontMatter.read(yaml, lineOffset: 1) != nil else { return false }
        var plainProblems: [Diagnostic] = []
        var yamsProblems: [Diagnostic] = []
        let plain = FieldReader(yaml: yaml, path: "a.md", firstLine: 2, diagnostics: &plainProblems)
        let yams = FieldReader(yaml: yaml, path: "a.md", firstLine: 2, diagnostics: &yamsProblems, plainReader: false)
        #expect(yamsProblems.isEmpty, "Yams rejects what the plain reader took: \(yaml.debugDescription)", sourceLocation: sourceLocation)
        #expect(plain.map(describe) == yams.map(describe), "for \(yaml.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    @Test func takesTheUsualShapesExactlyAsYamsDoes() {
        let usual = [
            "title: \"Học và làm theo Bác: Tiền Giang\"\ndate: 2023-05-09T17:00:00+07:00\nsummary: Sapo ngắn\ndirectives: [\"01-KL/TW\", 05-CT/TW]\nthemes: [2023]\ndraft: false\n",
            "title: 'Chỉ thị ''05'' của Bộ Chính trị'\nrelated:\n  - bai-mot\n  - \"bai-hai\"\n\nimage: anh/hoi-nghi.jpg\n",
            "title: Bài\nthemes:\n- 2022\n- 2023\n# ghi chú\ncategory: Xây dựng Đảng   \nlocation:    Đồng Tháp\n",
            "per_page: 20\nunsafe_html: yes\nempty_list: []\nname: ~\n",
            "title: \"Trích \\\"nguyên văn\\\" và \\\\ gạch\"\n",
            // Items on one line, each counted on from the one before (columns in characters).
            "tags: [thẻ một, \"Đồng Tháp\", 'ba', Hà Nội, bốn]\nlocation: Hà Nội\nthemes: [2022,  2023 ,2024]\n",
        ]
        for yaml in usual { #expect(Self.agreesWithYams(yaml), "taken: \(yaml.debugDescription)") }
    }

    @Test func leavesEverythingDoubtfulToYams() {
        let doubtful = [
            "title: a: b\n", "title: a #b\n", "title: |\n  khối\n", "title: >\n  gấp\n", "title: &x neo\n", "title: *x\n",
            "title: \"dòng\n  tiếp\"\n", "title: dòng\n  tiếp\n", "params:\n  a: b\n", "title: \"\\u00e0\"\n", "title: \"a\" thừa\n",
            "title:\n", "title: x\ntitle: y\n", "---\ntitle: x\n", "\ttitle: x\n", "title: [a, [b]]\n", "title: {a: b}\n",
            "title: 'lẻ ' loi'\n", "title: \u{7}\n", "title: x\n  - y\n", "list:\n  - a\n    - b\n", "list:\n  - a\n - b\n",
            "title: ? x\n", "title: - x\n", "key:value\n", "tiêu đề: x\n", "title: [a: b]\n", "",
        ]
        for yaml in doubtful { #expect(!Self.agreesWithYams(yaml), "left to Yams: \(yaml.debugDescription)") }
    }

    /// Aliases of aliases, nine to a list and nine lists deep, would be 387 million values: an
    /// error at once, not a build that eats the machine's memory. A few aliases are read.
    @Test func frontMatterWhoseAliasesMakeMillionsOfValuesIsAnError() {
        var yaml = "title: Bài\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "summary: *i\n"
        var problems: [Diagnostic] = []
        #expect(FieldReader(yaml: yaml, path: "a.md", firstLine: 2, diagnostics: &problems) == nil)
        #expect(problems.map(\.description) == ["a.md:2:1: error: front matter holds more than 100000 values once its aliases (`*name`) are read where they stand; write the values out instead"])
        problems = []
        let reader = FieldReader(yaml: "title: &t Bài\nsummary: *t\n", path: "a.md", firstLine: 2, diagnostics: &problems)
        #expect(problems.isEmpty && reader?.entries.count == 2)
    }

    /// The settings are named as such, and YAML nested past what libyaml reads is told in words,
    /// not in the library's own (`set with yaml_set_max_nest_level())`).
    @Test func malformedSettingsAndDeepNestingAreToldInPlainWords() {
        var problems: [Diagnostic] = []
        #expect(FieldReader(yaml: "title: [a\n", path: "content/site.yml", firstLine: 1, diagnostics: &problems, plainReader: false, document: "settings") == nil)
        #expect(problems.count == 1 && problems[0].message.hasPrefix("malformed YAML settings: "), "\(problems)")
        problems = []
        #expect(FieldReader(yaml: "title: " + String(repeating: "[", count: 10_000) + "\n", path: "a.md", firstLine: 2, diagnostics: &problems) == nil)
        #expect(problems.map(\.message) == ["malformed YAML front matter: lists or mappings nested deeper than YAML is read"], "\(problems)")
    }

    /// A list or mapping as a key (`? [a, b]`) is told, not left out without a word.
    @Test func aKeyThatIsNoWordIsAWarning() {
        var problems: [Diagnostic] = []
        let reader = FieldReader(yaml: "title: Bài\n? [a, b]\n: x\n", path: "a.md", firstLine: 2, diagnostics: &problems)
        #expect(reader?.entries.map(\.key) == ["title"])
        #expect(problems.map(\.description) == ["a.md:3:3: warning: a list or mapping as a key names no field; it is ignored (write `key: value`)"], "\(problems)")
    }

    @Test func everyFixtureAndSampleFrontMatterIsReadAlike() throws {
        var files: [URL] = []
        for folder in ["content/articles", "content/directives", "content/themes", "Tests/BantinKitTests/Fixtures/bulletin"] {
            let root = Repo.root.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "md" { files.append(url) }
            }
        }
        #expect(files.count >= 15)
        var taken = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.hasPrefix("---\n"), let end = text.range(of: "\n---", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { continue }
            let yaml = String(text[text.index(text.startIndex, offsetBy: 4)...end.lowerBound])
            if Self.agreesWithYams(yaml) { taken += 1 }
        }
        #expect(taken * 2 > files.count, "the plain reader takes most real front matter (\(taken) of \(files.count))")
    }

    /// Random front matter built from awkward pieces, in every quoting style.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomFrontMatterIsReadAlike(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let pieces = [
            "Kết luận 01-KL/TW", "a: b", "a #b", "#x", "- x", "yes", "No", "~", "null", "", " ", "x:", "[a]", "a, b", "{b}",
            "2019", "0x1F", "1_000", "  có khoảng  ", "ngoặc 'đơn'", "ngoặc \"kép\"", "gạch \\ ngược", "đ Đ ư ơ", "a:b", "50%",
            "@tên", "`mã`", "!tag", "&neo", "*bí danh", "? hỏi", "|", ">", "a ,b", "dấu: hai chấm", "🙂", "\u{85}", "x\u{A0}y",
        ]
        func piece() -> String { pieces.randomElement(using: &random)! }
        func scalar() -> String {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return piece()
            case 1: return "\"" + piece().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case 2: return "'" + piece().replacingOccurrences(of: "'", with: "''") + "'"
            default: return piece() + piece()
            }
        }
        var accepted = 0
        for _ in 0..<400 {
            var lines: [String] = []
            for key in ["title", "summary", "directives", "themes", "draft"].shuffled(using: &random).prefix(Int.random(in: 1...5, using: &random)) {
                let spaces = String(repeating: " ", count: Int.random(in: 1...3, using: &random))
                switch Int.random(in: 0..<4, using: &random) {
                case 0: lines.append("\(key):\(spaces)[" + (0..<Int.random(in: 0...3, using: &random)).map { _ in scalar() }.joined(separator: ", ") + "]")
                case 1:
                    lines.append("\(key):")
                    let indent = String(repeating: " ", count: Int.random(in: 0...2, using: &random))
                    for _ in 0..<Int.random(in: 1...3, using: &random) { lines.append("\(indent)- \(scalar())") }
                default: lines.append("\(key):\(spaces)\(scalar())")
                }
                if Bool.random(using: &random) { lines.append(Bool.random(using: &random) ? "" : "# ghi chú") }
            }
            if Self.agreesWithYams(lines.joined(separator: "\n") + "\n") { accepted += 1 }
        }
        #expect(accepted > 40, "enough random cases take the plain path to mean something (\(accepted))")
    }
}

/// Every declared field (`Fields.swift`) is of a kind the hints and checks of front matter know
/// (`FieldKinds`), and their lists name only declared fields: a new field whose type does not
/// tell its kind is told here until its kind is written.
@Suite struct FieldKindTests {
    @Test func everyDeclaredFieldIsOfAKindAndEveryKindNamesDeclaredFields() {
        let defaults = [FieldDefaults.of(ArticleFields.self), FieldDefaults.of(DirectiveFields.self), FieldDefaults.of(ThemeFields.self), FieldDefaults.of(SiteConfig.self)]
        let declared = Set(defaults.flatMap(\.keys))
        let mappings = Set(defaults.flatMap { $0.filter { type(of: $0.value) is any NodeDecodable.Type }.keys })
        let kinds = [
            "no text": FieldReader.notText, "never quoted": FieldReader.neverQuoted, "prose": PastedHTML.proseKeys,
            "list": YAMLMistakes.listKeys, "mapping": mappings,
        ]
        let ofNoKind = declared.filter { key in !kinds.values.contains { $0.contains(key) } }
        #expect(ofNoKind.isEmpty, "fields of no kind: \(ofNoKind.sorted()); say what each holds in FieldKinds")
        for (kind, keys) in kinds {
            #expect(keys.isSubset(of: declared), "\(kind): \(keys.subtracting(declared).sorted()) declared nowhere")
        }
        #expect(YAMLMistakes.listKeys.isSuperset(of: ["directives", "themes", "related", "aliases", "menu"]))
    }
}
