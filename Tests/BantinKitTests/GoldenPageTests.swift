import Foundation
import Testing

@testable import BantinKit

/// Whole rendered pages of the fixture bulletin compared byte for byte with the files in
/// `Tests/BantinKitTests/Golden/<build>/`, for both builds a user meets:
/// - `file/`: the default build, no base URL: the site opened from disk, every link relative
///   and naming `index.html`;
/// - `base-url/`: built with `--base-url https://example.org/bantin/`: canonical links, Open
///   Graph URLs and feeds absolute under it.
///
/// A change to the theme or the pipeline shows up here as a diff. After an intended change,
/// re-record with `RECORD_GOLDEN=1 swift test --filter GoldenPageTests` and review the diff
/// of the golden files.
@Suite struct GoldenPageTests {
    enum Build: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case file
        case baseURL = "base-url"

        var baseURL: String? { self == .file ? nil : "https://example.org/bantin/" }
        var testDescription: String { rawValue }

        /// The fixture bulletin is built once per kind of build, the first time a test asks
        /// for one of its pages; the result is every golden page's text.
        var pages: Result<[String: String], any Error> {
            switch self {
            case .file: Self.fileBuild
            case .baseURL: Self.baseURLBuild
            }
        }
        private static let fileBuild = build(.file)
        private static let baseURLBuild = build(.baseURL)

        private static func build(_ kind: Build) -> Result<[String: String], any Error> {
            Result {
                let site = try TestSite(content: "bulletin")
                try site.build(baseURL: kind.baseURL)
                return try Dictionary(uniqueKeysWithValues: GoldenPageTests.pages.map { ($0.page, try site.read("public/" + $0.page)) })
            }
        }
    }

    /// A page in `public/` and its golden file's name, the same in both builds.
    struct Page: Sendable, CustomTestStringConvertible {
        let page: String
        let golden: String
        var testDescription: String { golden }
    }

    static let folder = Repo.root.appendingPathComponent("Tests/BantinKitTests/Golden")
    static let pages = [
        Page(page: "bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html", golden: "article.html"),
        Page(page: "index.html", golden: "home.html"),
        Page(page: "van-ban/01-kl-tw/index.html", golden: "directive.html"),
        Page(page: "van-ban/index.html", golden: "directives.html"),
        Page(page: "chuyen-de/2023/index.html", golden: "theme.html"),
        Page(page: "chuyen-de/index.html", golden: "themes.html"),
        Page(page: "luu-tru/2023/05/index.html", golden: "month.html"),
        Page(page: "luu-tru/2023/05/ban-in/index.html", golden: "print.html"),
        Page(page: "luu-tru/index.html", golden: "archive.html"),
        Page(page: "tim-kiem/index.html", golden: "search.html"),
        Page(page: "chuyen-muc/hoc-va-lam-theo-bac/index.html", golden: "category.html"),
        Page(page: "chuyen-muc/index.html", golden: "categories.html"),
        Page(page: "dia-phuong/tien-giang/index.html", golden: "place.html"),
        Page(page: "dia-phuong/index.html", golden: "places.html"),
        Page(page: "404.html", golden: "404.html"),
        Page(page: "feed.xml", golden: "feed.xml"),
    ]

    @Test(arguments: Build.allCases, pages)
    func pageMatchesItsGoldenFile(build: Build, page: Page) throws {
        let rendered = try #require(try build.pages.get()[page.page])
        let name = "\(build.rawValue)/\(page.golden)"
        let file = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if rendered != expected {
            let lines = (rendered.split(separator: "\n", omittingEmptySubsequences: false), expected.split(separator: "\n", omittingEmptySubsequences: false))
            let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("\(page.page) (\(build) build) differs from Golden/\(name) at line \((first?.offset ?? min(lines.0.count, lines.1.count)) + 1): got «\(first?.element.0 ?? "")», expected «\(first?.element.1 ?? "")»")
        }
    }
}
