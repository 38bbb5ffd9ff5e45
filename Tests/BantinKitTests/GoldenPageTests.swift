import Foundation
import Testing

@testable import BantinKit

/// Whole rendered pages of the fixture bulletin compared byte for byte with the files in
/// `Tests/BantinKitTests/Golden/`. A change to the theme or the pipeline shows up here as a diff.
/// After an intended change, re-record with `RECORD_GOLDEN=1 swift test --filter GoldenPageTests`
/// and review the diff of the golden files.
@Suite struct GoldenPageTests {
    static let folder = Repo.root.appendingPathComponent("Tests/BantinKitTests/Golden")
    static let pages = [
        ("bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html", "article.html"),
        ("van-ban/01-kl-tw/index.html", "directive.html"),
        ("van-ban/index.html", "directives.html"),
        ("index.html", "home.html"),
        ("luu-tru/2023/05/index.html", "month.html"),
        ("feed.xml", "feed.xml"),
    ]

    @Test(arguments: pages)
    func pageMatchesItsGoldenFile(page: String, golden: String) throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://example.org/bantin/")
        let rendered = try site.read("public/" + page)
        let file = Self.folder.appendingPathComponent(golden)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(rendered.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if rendered != expected {
            let lines = (rendered.split(separator: "\n", omittingEmptySubsequences: false), expected.split(separator: "\n", omittingEmptySubsequences: false))
            let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("\(page) differs from Golden/\(golden) at line \((first?.offset ?? min(lines.0.count, lines.1.count)) + 1): got «\(first?.element.0 ?? "")», expected «\(first?.element.1 ?? "")»")
        }
    }
}
