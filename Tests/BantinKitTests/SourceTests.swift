import Foundation
import Testing

@testable import BantinKit

private func decoded(_ bytes: [UInt8], path: String = "content/articles/a.md") throws -> String {
    try SourceDecoder.decode(bytes, path: path).get()
}

private func problem<T>(_ result: Result<T, Diagnostic>) -> Diagnostic? {
    if case .failure(let d) = result { return d }
    return nil
}

/// Reading bytes: a BOM and CR line endings are accepted silently, Unicode is
/// NFC-normalised, and legacy Vietnamese encodings are refused with a helpful hint.
@Suite struct SourceDecoderTests {
    /// Two files whose names differ only in how their letters are composed (one written with
    /// decomposed letters, as some Mac tools and archives write names) are one name to bantin: an
    /// error names both, once, whichever was made first.
    @Test func twoFilesWhoseNamesDifferOnlyInCompositionAreAnError() throws {
        for order in [["NFC", "NFD"], ["NFD", "NFC"]] {
            let site = try TestSite()
            try site.write("content/site.yml", "title: Bản tin\n")
            for form in order {
                let name = form == "NFC" ? "bài-tổ-hợp" : "bài-tổ-hợp".decomposedStringWithCanonicalMapping
                try site.write("content/articles/\(name).md", article(title: "Bài \(form)"))
                try site.write("content/media/\(name).pdf", "pdf \(form)")
            }
            let errors = site.failingBuild().filter { $0.severity == .error }
            #expect(errors.map(\.file) == ["content/articles/bài-tổ-hợp.md", "content/media/bài-tổ-hợp.pdf"], "\(order): \(errors)")
            #expect(errors.allSatisfy { $0.message.hasPrefix("2 files have this name, written with their letters composed differently: ") && $0.message.contains("(decomposed letters)") && $0.message.contains("(precomposed letters)") }, "\(errors)")
        }
    }

    @Test func byteOrderMarkIsRemoved() throws {
        let text = try decoded([0xEF, 0xBB, 0xBF] + Array("---\ntitle: Tin\n".utf8))
        #expect(Array(text.utf8) == Array("---\ntitle: Tin\n".utf8))
        #expect(text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test(arguments: [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\rc", "a\nb\nc"),
        ("a\r\r\nb", "a\n\nb"),
        ("a\n\rb", "a\n\nb"),
        ("---\r\ntitle: Tin\r---\nBody\r\n\r\n", "---\ntitle: Tin\n---\nBody\n\n"),
        ("no line ending", "no line ending"),
    ])
    func lineEndingsBecomeLF(_ input: String, _ expected: String) throws {
        let text = try decoded(Array(input.utf8))
        #expect(Array(text.utf8) == Array(expected.utf8))
    }

    @Test func decomposedTextBecomesPrecomposed() throws {
        // "Học tập Đảng" with every diacritic as a combining mark.
        let nfd = "Ho\u{0323}c ta\u{0323}\u{0302}p \u{0110}a\u{0309}ng"
        let nfc = "H\u{1ECD}c t\u{1EAD}p \u{0110}\u{1EA3}ng"
        let text = try decoded(Array(nfd.utf8))
        #expect(Array(text.unicodeScalars) == Array(nfc.unicodeScalars))
    }

    @Test func bomCRLFAndDecomposedTogether() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: \"Tie\u{0302}\u{0300}n Giang\"\r\n---\r\n".utf8)
        let text = try decoded(bytes)
        #expect(Array(text.unicodeScalars) == Array("---\ntitle: \"Ti\u{1EC1}n Giang\"\n---\n".unicodeScalars))
    }

    @Test func validMultiByteTextIsKept() throws {
        let source = "Đảng bộ 🇻🇳 中文 — “trích dẫn”\n"
        #expect(try decoded(Array(source.utf8)) == source)
    }

    /// Bytes as a legacy encoding (TCVN3, VNI, Windows-1258) would write them, on line 3.
    @Test(arguments: [
        ([0xC3, 0x28], "0xC3"),  // a lead byte followed by ASCII
        ([0xE0, 0xB8, 0x0A], "0xE0"),  // a truncated 3-byte sequence
        ([0xA7, 0xB6, 0x6E, 0x67], "0xA7"),  // "Đảng" in TCVN3
        ([0xD0, 0x61, 0x6E, 0x67], "0xD0"),  // "Đang" in Windows-1258
        ([0xFF], "0xFF"),
        ([0xC0, 0xAF], "0xC0"),  // overlong "/"
        ([0xED, 0xA0, 0x80], "0xED"),  // an encoded surrogate
    ] as [([UInt8], String)], [false, true])
    func invalidUTF8IsReportedAtItsLine(_ sample: ([UInt8], String), withBOM: Bool) throws {
        let (bad, hex) = sample
        let bytes = (withBOM ? [0xEF, 0xBB, 0xBF] : []) + Array("---\ntitle: Tin\n".utf8) + bad + Array(" bộ\n---\n".utf8)
        let diagnostic = try #require(problem(SourceDecoder.decode(bytes, path: "content/articles/cu.md")))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "content/articles/cu.md")
        #expect(diagnostic.line == 3)
        #expect(diagnostic.column == 1)
        #expect(diagnostic.message.contains("UTF-8"))
        #expect(diagnostic.message.contains("TCVN3"))
        #expect(diagnostic.message.contains(hex), "\(diagnostic.message)")
    }

    @Test func invalidByteColumnAfterASCII() throws {
        let bytes = Array("a\nb\nTin ".utf8) + [0xC3, 0x28]
        let diagnostic = try #require(problem(SourceDecoder.decode(bytes, path: "x.md")))
        #expect(diagnostic.line == 3)
        #expect(diagnostic.column == 5)
    }

    @Test func truncatedSequenceAtEndOfFile() throws {
        let bytes = Array("a\nb\nc\nĐả".utf8) + [0xE1, 0xBB]
        let diagnostic = try #require(problem(SourceDecoder.decode(bytes, path: "x.md")))
        #expect(diagnostic.line == 4)
        #expect(diagnostic.message.contains("0xE1"))
    }
}

/// The LF-line model of a front-matter file, written independently of the splitter:
/// line 1 is `---`; the first later line that is `---` or `...` (trailing blanks allowed) closes it.
private func expectedSplit(_ text: String) -> (yaml: [UInt8], body: [UInt8], bodyLine: Int)? {
    let lines = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
    func fence(_ line: [UInt8], opening: Bool) -> Bool {
        var l = line[...]
        while let last = l.last, last == 32 || last == 9 { l = l.dropLast() }
        return Array(l) == Array("---".utf8) || (!opening && Array(l) == Array("...".utf8))
    }
    // A fence with a zero-width no-break space in it (the pool's only look-alike) is refused where it stands.
    func lookAlike(_ line: [UInt8]) -> Bool {
        line.first != 32 && line.first != 9 && !fence(line, opening: false) && fence(Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "").utf8), opening: false)
            && Array(line) != Array("\u{FEFF}...".utf8)
    }
    guard let first = lines.first, fence(first, opening: true) else { return nil }
    guard let closing = lines.indices.dropFirst().first(where: { fence(lines[$0], opening: false) || lookAlike(lines[$0]) }), !lookAlike(lines[closing]) else { return nil }
    let yaml = Array(lines[1..<closing].joined(separator: [10]))
    let body = Array(lines[(closing + 1)...].joined(separator: [10]))
    return (yaml, body, closing + 2)
}

/// Front matter splitting: the YAML and the body come out exact, with the lines
/// they start on, so later diagnostics point at the right line of the file.
/// The quick NFC check says "known NFC" only for text that normalising would leave as it is,
/// and says it for ordinary precomposed Vietnamese.
@Suite struct KnownNFCTests {
    @Test func precomposedVietnameseIsKnown() {
        for text in ["", "Hội nghị Ban Chấp hành Đảng bộ tỉnh", "Kết luận 01-KL/TW – “Học tập” … ỹ ự ừ ằ", String(repeating: "Đảng ủy ", count: 40)] {
            #expect(SourceDecoder.isKnownNFC(text), "\(text)")
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func knownMeansNormalisingChangesNothing(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        // ASCII, precomposed Vietnamese, combining marks, and letters of other scripts.
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "-", "\n", "ộ", "ư", "đ", "Ạ", "ỹ", "à", "\u{0300}", "\u{0301}", "\u{0323}",
            "\u{0309}", "ά", "й", "\u{1100}", "\u{1161}", "가", "–", "\u{2028}", "€", "\u{1E9B}", "\u{0344}", "Å", "\u{212B}"]
        for _ in 0..<2000 {
            var scalars = String.UnicodeScalarView()
            // Long enough, often, for the sixteen-byte steps and the bytes left after them.
            for _ in 0..<Int.random(in: 0...60, using: &random) { scalars.append(pool.randomElement(using: &random)!) }
            let text = String(scalars)
            if SourceDecoder.isKnownNFC(text) {
                #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == Array(text.utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(!SourceDecoder.isKnownNFC("Ho\u{0302}\u{0323}i"), "decomposed")
    }

    /// One sign that needs a look, at every place of a long precomposed line (in each lane of a
    /// sixteen-byte step, and in the bytes left after the last step), makes the text not known.
    @Test func aSignAnywhereIsSeen() {
        let line = "Hội nghị Ban Chấp hành Đảng bộ tỉnh – “Học tập” ỹ"
        let scalars = Array(line.unicodeScalars)
        for sign in ["\u{0323}", "\u{1F00}", "\u{2000}", "\u{2070}", "\u{212B}"] as [Unicode.Scalar] {
            for place in 0...scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[..<place])
                view.append(sign)
                view.append(contentsOf: scalars[place...])
                #expect(!SourceDecoder.isKnownNFC(String(view)), "U+\(String(sign.value, radix: 16)) at \(place)")
            }
        }
    }
}

@Suite struct FrontMatterSplitterTests {
    static let body = [
        "Đoạn mở đầu, có **chữ đậm**.", "", "---", "", "Sau đường kẻ ngang.", "", "***", "",
        "| Cột | Giá trị |", "| --- | --- |", "| a | 1 |", "",
        "Dòng có ngắt cứng  ", "dòng sau.", "",
        "```yaml", "---", "key: value", "...", "---", "```", "",
        "---", "Kết thúc.   ", "",
    ].joined(separator: "\n")

    @Test func yamlAndBodyAreExtracted() throws {
        let text = "---\ntitle: \"Tin\"\ndate: 2023-05-09\nthemes: [2023]\n---\n" + Self.body
        let split = try FrontMatterSplitter.split(text, path: "a.md").get()
        #expect(split.yaml == "title: \"Tin\"\ndate: 2023-05-09\nthemes: [2023]")
        #expect(split.yamlLine == 2)
        #expect(split.bodyLine == 6)
        #expect(Array(split.body.utf8) == Array(Self.body.utf8))
    }

    @Test(arguments: [0, 1, 4])
    func bodyLineFollowsClosingFence(yamlLines: Int) throws {
        let yaml = (0..<yamlLines).map { "k\($0): v" }
        let text = (["---"] + yaml + ["---", "Dòng đầu của thân bài", "dòng hai"]).joined(separator: "\n")
        let split = try FrontMatterSplitter.split(text, path: "a.md").get()
        #expect(split.bodyLine == yamlLines + 3)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[split.bodyLine - 1] == "Dòng đầu của thân bài")
        #expect(split.body == "Dòng đầu của thân bài\ndòng hai")
        #expect(split.yaml == yaml.joined(separator: "\n"))
    }

    @Test(arguments: ["...", "---", "---  ", "...\t"])
    func closingFenceVariants(_ fence: String) throws {
        let split = try FrontMatterSplitter.split("---\ntitle: Tin\n\(fence)\nThân bài\n", path: "a.md").get()
        #expect(split.yaml == "title: Tin")
        #expect(split.body == "Thân bài\n")
        #expect(split.bodyLine == 4)
    }

    @Test func fourDashesDoNotCloseFrontMatter() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: Tin\n----\n---\nThân bài", path: "a.md").get()
        #expect(split.yaml == "title: Tin\n----")
        #expect(split.body == "Thân bài")
        #expect(split.bodyLine == 5)
    }

    @Test func emptyBody() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: Tin\n---", path: "a.md").get()
        #expect(split.body == "")
        #expect(split.yaml == "title: Tin")
    }

    @Test(arguments: ["title: Tin\n---\n", "# Tiêu đề\n\nNội dung", "...\ntitle: Tin\n---\n", " ---x\n---\n", "\n---\ntitle: Tin\n---\n"])
    func missingFrontMatter(_ text: String) throws {
        let d = try #require(problem(FrontMatterSplitter.split(text, path: "content/articles/a.md")))
        #expect(d.severity == .error)
        #expect(d.file == "content/articles/a.md")
        #expect(d.line == 1)
        #expect(d.message.contains("`---`"))
    }

    @Test(arguments: ["---\ntitle: Tin\ndate: 2023-05-09\n", "---\n", "---\ntitle: Tin\n----\nThân bài"])
    func unterminatedFrontMatter(_ text: String) throws {
        let d = try #require(problem(FrontMatterSplitter.split(text, path: "content/articles/a.md")))
        #expect(d.severity == .error)
        #expect(d.file == "content/articles/a.md")
        #expect(d.message.contains("not closed"))
        #expect(d.message.contains("`---`"))
    }

    @Test(arguments: ["", " ", "\n\n", " \t\n  \n"])
    func emptyFile(_ text: String) throws {
        let d = try #require(problem(FrontMatterSplitter.split(text, path: "content/articles/a.md")))
        #expect(d.severity == .error)
        #expect(d.file == "content/articles/a.md")
        #expect(d.message.contains("empty"))
    }

    @Test func intoDiagnosticsCollectsTheProblem() {
        var diagnostics: [Diagnostic] = []
        #expect(FrontMatterSplitter.split("no fence", path: "a.md", into: &diagnostics) == nil)
        #expect(diagnostics.count == 1)
        #expect(FrontMatterSplitter.split("---\n---\nx", path: "a.md", into: &diagnostics)?.body == "x")
        #expect(diagnostics.count == 1)
    }

    /// A CR left before an LF is part of its line (the splitter is public and may be given
    /// undecoded text); it must not hide the fence on the next line, nor shift line numbers.
    @Test(arguments: [
        ("---\ntitle: Tin\r\n---\nThân bài", "title: Tin\r", "Thân bài", 4),
        ("---\nx\r\n---\n---\nThân bài", "x\r", "---\nThân bài", 4),
        ("---\na\r\nb\n---\nThân bài", "a\r\nb", "Thân bài", 5),
    ])
    func carriageReturnIsPartOfItsLine(_ text: String, _ yaml: String, _ body: String, _ bodyLine: Int) throws {
        let split = try FrontMatterSplitter.split(text, path: "a.md").get()
        #expect(Array(split.yaml.utf8) == Array(yaml.utf8))
        #expect(Array(split.body.utf8) == Array(body.utf8))
        #expect(split.bodyLine == bodyLine)
    }

    /// For arbitrary inputs the splitter never crashes, and agrees with the LF-line model.
    @Test(arguments: [false, true])
    func randomInputsAgreeWithLineModel(withCR: Bool) {
        let crLines: [String] = ["\r", "x\r", "---\r", "\r---"]
        let pool: [String] = (withCR ? crLines : []) + [
            "---", "---", "--- ", "...", "----", "", " ", "\t", "title: \"Tin mới\"", "date: 2023-05-09", "directives:",
            "  - 01-KL/TW", "Đảng bộ Đồng Tháp", "Ho\u{0323}c ta\u{0323}\u{0302}p", "Nội dung bài viết.", "# Tiêu đề", "```",
            "***", "| a | b |", "dòng  ", "\u{FEFF}", "\u{FEFF}---", "🇻🇳", "\u{0301}---", "--- \u{0301}",
        ]
        var rng = SeededGenerator(seed: 0xBA41_7111)
        var mismatches: [String] = []
        for _ in 0..<4000 {
            let count = Int.random(in: 0...10, using: &rng)
            let text = (0..<count).map { _ in pool.randomElement(using: &rng)! }.joined(separator: "\n")
            let expected = expectedSplit(text)
            switch FrontMatterSplitter.split(text, path: "p.md") {
            case .success(let split):
                #expect(split.yamlLine == 2)
                guard let expected else {
                    mismatches.append("split succeeded, but the line model finds no front matter: \(text.debugDescription)")
                    continue
                }
                if Array(split.body.utf8) != expected.body || Array(split.yaml.utf8) != expected.yaml || split.bodyLine != expected.bodyLine {
                    mismatches.append(
                        "\(text.debugDescription): got body \(split.body.debugDescription) at line \(split.bodyLine), "
                            + "expected \(String(decoding: expected.body, as: UTF8.self).debugDescription) at line \(expected.bodyLine)")
                }
            case .failure(let d):
                #expect(d.file == "p.md")
                #expect(d.severity == .error)
                if expected != nil { mismatches.append("split failed (\(d.message)) on \(text.debugDescription)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches; first: \(mismatches.prefix(3).joined(separator: " | "))")
    }

    /// Decoding then splitting, as the build does: CRs are gone, so the line model holds exactly.
    @Test func decodedRandomInputsAgreeWithLineModel() throws {
        let pool: [String] = ["---", "...", "--- ", "title: Tin", "\r", "x\r", "Đảng", "", "***", "\u{FEFF}"]
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<2000 {
            let raw = (0..<Int.random(in: 1...8, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined(separator: "\n")
            let text = try SourceDecoder.decode(Array(raw.utf8), path: "p.md").get()
            #expect(!text.utf8.contains(13))
            let expected = expectedSplit(text)
            switch FrontMatterSplitter.split(text, path: "p.md") {
            case .success(let split):
                #expect(expected != nil, "\(text.debugDescription)")
                #expect(Array(split.body.utf8) == expected?.body, "\(text.debugDescription)")
                #expect(split.bodyLine == expected?.bodyLine, "\(text.debugDescription)")
            case .failure:
                #expect(expected == nil, "\(text.debugDescription)")
            }
        }
    }
}
