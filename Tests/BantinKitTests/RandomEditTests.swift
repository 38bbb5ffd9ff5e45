import Foundation
import Testing

@testable import BantinKit

/// Seeded sequences of random edits of every kind; after each, the incremental build must give
/// the clean build's bytes. A failure names the seed and the step, so it can be replayed.
@Suite struct RandomEditTests {
    enum Edit: CaseIterable {
        case field, body, add, delete, rename, directive, theme, settings, template, asset, media, handEditedOutput, sameSizeSameSecond
    }

    /// One random sequence: the edit kinds it made, in order.
    @Test(arguments: [UInt64(16), 2024, 0xB4D0])
    func everyIncrementalBuildEqualsACleanBuild(seed: UInt64) throws {
        let site = try TestSite(content: "bulletin")
        // Without hand-picked related articles or links by file to other articles, any article may
        // be renamed or removed (a link to a file that is gone is an error, tested elsewhere).
        let linking = try site.read("content/articles/2023/05/nghe-an.md")
            .replacingOccurrences(of: "related: [quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw]\n", with: "")
            .replacingOccurrences(of: #"\]\([^)]*\.md(#[^)]*)?\)"#, with: "](https://vi-du.org/)", options: .regularExpression)
        try site.write("content/articles/2023/05/nghe-an.md", linking)
        try site.build()
        var editor = RandomEditor(site: site, random: SeededGenerator(seed: seed))
        // Every kind once in a shuffled order, then more at random.
        var kinds = Edit.allCases.shuffled(using: &editor.random)
        kinds += (0..<5).map { _ in Edit.allCases.randomElement(using: &editor.random)! }
        for (step, kind) in kinds.enumerated() {
            try editor.apply(kind)
            _ = try IncrementalBuildTests().expectSameAsCleanBuild(site, "seed \(seed), step \(step): \(kind)")
        }
    }
}

/// An edit that keeps a file's size and sets its modification time back is still seen, in an
/// article, a template and an asset: only the change time (and the bytes) tell.
@Suite struct SameSizeEditTests {
    @Test(arguments: ["content/articles/2023/05/nghe-an.md", "templates/card.mustache", "templates/assets/style.css"])
    func anEditOfTheSameSizeInTheSameSecondIsSeen(file: String) throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        var editor = RandomEditor(site: site, random: SeededGenerator(seed: 7))
        try editor.editKeepingSizeAndTime(file)
        let report = try IncrementalBuildTests().expectSameAsCleanBuild(site, "a same-size edit of \(file)")
        #expect(!report.upToDate)
    }
}

/// Makes one random edit of a given kind to a test site.
struct RandomEditor {
    let site: TestSite
    var random: SeededGenerator
    private var made = 0

    init(site: TestSite, random: SeededGenerator) {
        self.site = site
        self.random = random
    }

    static let codes = ["01-KL/TW", "05-CT/TW", "21-KL/TW", "35-NQ/TW"]
    static let words = ["chi bộ", "đảng viên", "nêu gương", "học tập", "làm theo Bác", "dân chủ", "cán bộ", "Đảng bộ", "xây dựng", "chỉnh đốn"]

    mutating func apply(_ edit: RandomEditTests.Edit) throws {
        made += 1
        switch edit {
        case .field: try editField()
        case .body:
            let body = body()
            try rewrite(pick()) { text in String(text[..<Self.bodyStart(text)]) + body }
        case .add: try site.write("content/articles/\(2020 + int(5))/moi-\(made).md", newArticle())
        case .delete: if articles().count > 2 { try site.remove(try pick()) }
        case .rename:
            let file = try pick()
            let text = try site.read(file)
            try site.remove(file)
            try site.write("content/articles/doi-ten/\(made)-\(file.split(separator: "/").last!)", text)
        case .directive:
            let which = int(2)
            try site.write("content/directives/\(["05-ct-tw", "21-kl-tw"][which]).md", directive(["05-CT/TW", "21-KL/TW"][which]))
        case .theme: try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Chuyên đề \(sentence())\"\n---\n\(sentence())\n")
        case .settings: try site.write("content/site.yml", "title: \"Bản tin \(sentence())\"\nper_page: \(1 + int(4))\nparams:\n  publisher: \"\(sentence())\"\n")
        case .template: try rewrite("templates/footer.mustache") { $0 + "<!-- \(sentence()) -->\n" }
        case .asset: try rewrite(["templates/assets/style.css", "templates/assets/moi-\(made).css"][int(2)]) { $0 + "/* \(made) */ .x\(made) { color: red; }\n" }
        case .media: try editMedia()
        case .handEditedOutput:
            let pages = (FileManager.default.subpaths(atPath: site.output.path) ?? []).filter { $0.hasSuffix(".html") || $0.hasSuffix(".css") }.sorted()
            try site.write("public/" + pages[int(pages.count)], "sửa tay \(made)")
        case .sameSizeSameSecond: try editKeepingSizeAndTime([try pick(), "templates/card.mustache", "templates/assets/style.css"][int(3)])
        }
    }

    // MARK: The edits

    private mutating func editField() throws {
        let key = ["title", "summary", "category", "location", "author", "date", "directives", "themes", "draft", "subtitle"][int(10)]
        let value: String
        switch key {
        case "date": value = String(format: "%04d-%02d-%02dT%02d:00:00+07:00", 2021 + int(4), 1 + int(12), 1 + int(28), int(24))
        case "directives": value = "[" + Self.codes.filter { _ in int(2) == 0 }.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case "themes": value = int(2) == 0 ? "[2023]" : "[]"
        case "draft": value = int(3) == 0 ? "true" : "false"
        case "title": value = "\"\(sentence()) \(made)\""
        default: value = "\"\(sentence())\""
        }
        try rewrite(try pick()) { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let end = lines.dropFirst().firstIndex(of: "---") ?? 1
            if let at = lines[1..<end].firstIndex(where: { $0.hasPrefix(key + ":") }) { lines.remove(at: at) }
            lines.insert("\(key): \(value)", at: lines.dropFirst().firstIndex(of: "---") ?? 1)
            return lines.joined(separator: "\n")
        }
    }

    private mutating func editMedia() throws {
        let own = (FileManager.default.subpaths(atPath: site.content.appendingPathComponent("media").path) ?? []).filter { $0.hasPrefix("ngau-nhien") }.sorted()
        switch int(3) {
        case 0 where !own.isEmpty: try site.remove("content/media/" + own[int(own.count)])
        case 1 where !own.isEmpty: try site.write("content/media/" + own[int(own.count)], bytes: (0..<(1 + int(300))).map { _ in UInt8(int(256)) })
        default: try site.write("content/media/ngau-nhien-\(made).bin", bytes: (0..<(1 + int(300))).map { _ in UInt8(int(256)) })
        }
    }

    /// Changes one ASCII letter to another, then sets the modification time back: only the change
    /// time and the bytes tell the file was edited.
    mutating func editKeepingSizeAndTime(_ relative: String) throws {
        let url = site.root.appendingPathComponent(relative)
        // The exact times, to the nanosecond (a `Date` would round them).
        let before = try #require(Directory.linkStatus(url.path))
        var bytes = Array(try Data(contentsOf: url))
        // A letter of an article's body, or of a template outside its tags: the file stays valid.
        let text = String(decoding: bytes, as: UTF8.self)
        let first = relative.hasSuffix(".md") ? text.utf8.distance(from: text.startIndex, to: Self.bodyStart(text)) : 0
        var depth = 0
        let letters = bytes.indices.filter { i in
            if i + 1 < bytes.count && bytes[i] == UInt8(ascii: "{") && bytes[i + 1] == UInt8(ascii: "{") { depth += 1 }
            if i > 0 && bytes[i - 1] == UInt8(ascii: "}") && bytes[i] == UInt8(ascii: "}") { depth = max(depth - 1, 0) }
            return i >= first && depth == 0 && (UInt8(ascii: "a")...UInt8(ascii: "y")).contains(bytes[i])
        }
        let at = letters[letters.count / 2 + int(letters.count / 2)]
        bytes[at] += 1
        // In place (same inode, the folder untouched), as an editor that rewrites a file does.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: UInt64(at))
        try handle.write(contentsOf: [bytes[at]])
        try handle.close()
        let times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, url.path, times, 0) == 0)
        let after = try #require(Directory.linkStatus(url.path))
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    // MARK: Random text

    private mutating func int(_ below: Int) -> Int { Int.random(in: 0..<max(below, 1), using: &random) }

    private mutating func sentence() -> String {
        (0..<(2 + int(4))).map { _ in Self.words[int(Self.words.count)] }.joined(separator: " ")
    }

    private mutating func body() -> String {
        var parts = ["## \(sentence())", sentence() + ".", "- \(sentence())\n- **\(sentence())**", "Theo Kết luận 21-KL/TW, \(sentence())."]
        parts.shuffle(using: &random)
        return parts.prefix(1 + int(4)).joined(separator: "\n\n") + "\n"
    }

    private mutating func newArticle() -> String {
        let code = Self.codes[int(Self.codes.count)]
        let date = String(format: "%04d-%02d-%02d", 2021 + int(4), 1 + int(12), 1 + int(28))
        return article(title: "\(sentence()) \(made)", date: date, extra: "summary: \"\(sentence())\"\ndirectives: [\"\(code)\"]\nthemes: [2023]\n", body: body())
    }

    private mutating func directive(_ code: String) -> String {
        "---\ncode: \(code)\nkind: Chỉ thị\ntitle: \"\(sentence())\"\nissuer: Bộ Chính trị\n---\n\(sentence())\n"
    }

    /// Where the body of an article's text starts: after the line that closes its front matter.
    static func bodyStart(_ text: String) -> String.Index {
        text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)?.upperBound ?? text.endIndex
    }

    // MARK: Files

    private func articles() -> [String] {
        (FileManager.default.subpaths(atPath: site.content.appendingPathComponent("articles").path) ?? []).filter { $0.hasSuffix(".md") }.sorted()
            .map { "content/articles/" + $0 }
    }

    private mutating func pick() throws -> String {
        let all = articles()
        return all[int(all.count)]
    }

    private func rewrite(_ relative: String, _ change: (String) -> String) throws {
        let text = site.exists(relative) ? try site.read(relative) : ""
        try site.write(relative, change(text))
    }
}
