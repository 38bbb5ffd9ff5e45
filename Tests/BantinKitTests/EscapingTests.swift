import Foundation
import Testing

@testable import BantinKit

/// Nothing an article says can become markup: every field is escaped for where it lands.
@Suite struct EscapingTests {
    static let hostile = "</script><script>alert('x')</script>\"><img src=x onerror=alert(1)>"

    /// The template engine's escaping (which passes over eight bytes at a time) gives what escaping
    /// each character on its own gives, wherever the five characters fall in texts of any length.
    @Test func htmlEscapingMatchesCharacterByCharacterEscaping() {
        let alphabet = Array("&<>\"'aZ09 /=:;đảẫ\u{1EF9}\n")
        var random = SeededGenerator(seed: 0xE5C)
        for length in 0..<80 {
            for _ in 0..<20 {
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
                var escaped: [UInt8] = []
                Array(text.utf8).withUnsafeBufferPointer { HTMLEscaping.append($0, to: &escaped) }
                let expected = text.map { character -> String in
                    switch character {
                    case "&": "&amp;"
                    case "<": "&lt;"
                    case ">": "&gt;"
                    case "\"": "&quot;"
                    case "'": "&#39;"
                    default: String(character)
                    }
                }.joined()
                #expect(String(decoding: escaped, as: UTF8.self) == expected)
            }
        }
    }

    @Test func hostileFrontMatterNeverBecomesMarkup() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin <b>đậm</b>\"\n")
        // A whole PNG of one pixel: photos are decoded, so the file must be one.
        try site.write("content/media/a.png", bytes: Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!))
        let yamlHostile = Self.hostile.replacingOccurrences(of: "\"", with: "\\\"")
        try site.write(
            "content/articles/x.md",
            """
            ---
            title: "Tiêu đề \(yamlHostile)"
            date: 2023-05-09
            summary: "Sapo \(yamlHostile)"
            author: "Tác giả \(yamlHostile)"
            location: "Nơi \(yamlHostile)"
            source: "Nguồn \(yamlHostile)"
            category: "Mục \(yamlHostile)"
            image: media/a.png
            image_alt: "Ảnh \(yamlHostile)"
            image_caption: "Chú thích \(yamlHostile)"
            slug: bai-nguy-hiem
            ---
            Thân bài <script>alert(2)</script> [bấm](javascript:alert(3)) <iframe src=x></iframe>

            """)
        try site.build(baseURL: "https://example.org/")
        var files = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter { $0.hasSuffix(".html") }
        files.sort()
        #expect(files.count > 5)
        for file in files {
            let html = try site.read("public/" + file)
            #expect(!html.contains("<script>alert"), "\(file) has an injected script")
            #expect(!html.contains("<img src=x"), "\(file) has an injected image")
            #expect(!html.contains("<iframe"), "\(file) has an injected frame")
            #expect(!html.contains("javascript:"), "\(file) has a javascript: link")
            #expect(!html.contains("<b>đậm</b>"), "\(file) has the site title unescaped")
        }
        let feed = try site.read("public/feed.xml")
        #expect(!feed.contains("<script>"))
        let index = site.output.appendingPathComponent(BuiltSearchIndex.folder)
        let scripts = try FileManager.default.subpathsOfDirectory(atPath: index.path).filter { $0.hasSuffix(".js") }
        #expect(scripts.count > 3)
        for script in scripts {
            let text = try String(contentsOf: index.appendingPathComponent(script), encoding: .utf8)
            #expect(!text.contains("</script>") && !text.contains("<script"), "\(script) is not safe inside a script element")
        }
        #expect(try BuiltSearchIndex(site: site.output).records.values.contains { $0[1].contains("</script>") }, "the hostile title is in the index, escaped")
    }

    @Test func jsonStringsEscapeEverythingAScriptElementCares() {
        #expect(Escape.jsonString("a\"b\\c</script>\u{2028}\n") == #""a\"b\\c\u003c/script\u003e\u2028\n""#)
        #expect(Escape.jsonString("Đảng\u{2029}\u{1F}\t&") == #""Đảng\u2029\u001f\t\u0026""#)
        // Other characters starting with the same byte as U+2028 pass as they are.
        #expect(Escape.jsonString("“Nghị quyết” – số 1\u{2027}") == "\"“Nghị quyết” – số 1\u{2027}\"")
        #expect(Escape.jsonString("") == "\"\"")
    }

    /// A character to escape is escaped wherever it falls in a long text, and the text reads
    /// back the same.
    @Test func jsonStringsEscapeAtEveryPlaceOfALongText() throws {
        let escapes: [(Character, String)] = [
            ("\"", #"\""#), ("\\", #"\\"#), ("<", #"\u003c"#), (">", #"\u003e"#), ("&", #"\u0026"#),
            ("\n", #"\n"#), ("\u{1F}", #"\u001f"#), ("\u{2028}", #"\u2028"#),
        ]
        for (character, escaped) in escapes {
            let line = Array("Đảng bộ xã Tân Phú, tỉnh Đồng Tháp – “a b”")
            for place in 0...line.count {
                var text = line
                text.insert(character, at: place)
                let string = String(text)
                let json = Escape.jsonString(string)
                let expected = "\"" + String(text[..<place]) + escaped + String(text[(place + 1)...]) + "\""
                #expect(json == expected, "\(escaped) at \(place)")
                let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
                #expect(decoded == string)
                // Twice, a few characters apart (in one group of bytes read together, or two).
                for gap in [1, 3, 17] where place + gap <= text.count {
                    var twice = text
                    twice.insert(character, at: place + gap)
                    let expected = "\"" + String(twice).replacingOccurrences(of: String(character), with: escaped) + "\""
                    #expect(Escape.jsonString(String(twice)) == expected, "\(escaped) at \(place) and \(place + gap)")
                }
            }
        }
    }

    @Test func xmlEscapesMarkupAndDropsControlCharacters() {
        #expect(Escape.xml("<a href=\"x\">&'\u{01}") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
