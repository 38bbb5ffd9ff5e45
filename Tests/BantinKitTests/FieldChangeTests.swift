import Foundation
import Testing

@testable import BantinKit

/// Every field of every model, changed on its own, changes the site, and the incremental build
/// after it equals a clean build byte for byte. The fields are enumerated from the models'
/// declarations (`FieldDefaults`), so a field added to `ArticleFields`, `DirectiveFields`,
/// `ThemeFields` or `SiteConfig` is covered here without an edit: its new value comes from its type.
@Suite struct FieldChangeTests {
    /// A file of the fixture bulletin and the model its front matter declares.
    struct Target: Sendable, CustomTestStringConvertible {
        var file: String
        var key: String
        var testDescription: String { "\(key) in \(file)" }
    }

    static let article = "content/articles/2023/05/tien-giang.md"
    static let directive = "content/directives/01-kl-tw.md"
    static let theme = "content/themes/2023.md"
    static let site = "content/site.yml"

    static func keys<Model: FrontMatterFields>(of model: Model.Type) -> [String] {
        FieldDefaults.of(model).keys.sorted()
    }

    /// Changing a theme's year leaves the articles citing it pointing at no theme: an error the
    /// build must report (ContentTests), not a change to render.
    static let targets: [Target] =
        keys(of: ArticleFields.self).map { Target(file: article, key: $0) }
        + keys(of: DirectiveFields.self).map { Target(file: directive, key: $0) }
        + keys(of: ThemeFields.self).filter { $0 != "year" }.map { Target(file: theme, key: $0) }
        + keys(of: SiteConfig.self).map { Target(file: site, key: $0) }

    /// A new value for `key`, valid for its type: from the field's default value when the key
    /// has no rule of its own (a new text field gets new text).
    static func newValue(for key: String, in file: String, current: String?) -> String {
        switch (file, key) {
        case (article, "slug"): return "bai-da-doi-dia-chi"
        case (article, "image"): return "media/anh-khac.png"
        case (article, "related"): return "[quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw]"
        case (article, "themes"): return "[]"
        case (article, "directives"): return "[\"05-CT/TW\"]"
        case (article, "aliases"): return "[\"/2023/05/01/tien-giang-cu/\"]"
        case (directive, "code"): return "01-KL/TU"
        case (site, "base_url"): return "https://vi-du.org/ban-tin/"
        case (site, "share_image"): return "media/hoi-nghi.png"
        case (site, "timezone"): return "Europe/Paris"
        case (site, "params"): return "{publisher: \"Nhà xuất bản mới\", tagline: \"Khẩu hiệu mới\"}"
        case (site, "per_page"): return "3"
        case (site, "language"): return "en-GB"
        case (site, "first_issue"): return "2021-01"
        case (site, "menu"): return "[Xây dựng Đảng]"
        case (site, "images"): return "{widths: [32, 48], quality: 60}"
        default: break
        }
        let defaults: [String: Any] =
            switch file {
            case article: FieldDefaults.of(ArticleFields.self)
            case directive: FieldDefaults.of(DirectiveFields.self)
            case theme: FieldDefaults.of(ThemeFields.self)
            default: FieldDefaults.of(SiteConfig.self)
            }
        switch defaults[key].map(FieldKinds.heldType) {
        case is Bool.Type: return current == "true" ? "false" : "true"
        case is LocalDateTime.Type: return "2023-05-21T08:30:00+07:00"
        case is Int.Type: return "7"
        default: return "\"Giá trị mới của \(key)\""
        }
    }

    /// A new optional field gets a new value of the type it wraps: text for a `String?`, a date
    /// only for a `LocalDateTime?`.
    @Test func anOptionalFieldsNewValueIsOfTheTypeItWraps() {
        #expect(Self.newValue(for: "updated", in: Self.article, current: nil) == "2023-05-21T08:30:00+07:00")
        #expect(Self.newValue(for: "issued", in: Self.directive, current: nil) == "2023-05-21T08:30:00+07:00")
        for (file, key) in [(Self.article, "subtitle"), (Self.article, "summary"), (Self.directive, "kind"), (Self.theme, "title")] {
            #expect(Self.newValue(for: key, in: file, current: nil) == "\"Giá trị mới của \(key)\"", "\(key) in \(file)")
        }
        #expect(FieldKinds.heldType(Int?.none as Any) is Int.Type)
        #expect(FieldKinds.heldType([String]?.none as Any) is [String].Type)
        #expect(FieldKinds.heldType(false) is Bool.Type)
    }

    /// The value written on `key`'s line of `text`.
    static func value(of key: String, in text: String) -> String? {
        text.components(separatedBy: "\n").first { $0.hasPrefix(key + ":") }.map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    /// `text` with `key: value` in place of the key's line (added when absent).
    static func replacing(_ key: String, with value: String, in text: String, frontMatter: Bool) -> String {
        var lines = text.components(separatedBy: "\n")
        if let at = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            var end = at + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            lines.removeSubrange(at..<end)
        }
        let insertAt = frontMatter ? lines.lastIndex(of: "---")! : lines.count
        lines.insert("\(key): \(value)", at: insertAt)
        return lines.joined(separator: "\n")
    }

    @Test(arguments: targets)
    func aChangedFieldChangesItsPagesAndTheIncrementalBuildEqualsACleanOne(target: Target) throws {
        let site = try TestSite(content: "bulletin")
        // What a page shows when shared is written only with the site's address.
        let baseURL = target.key == "share_image" ? DiscoveryTests.base : nil
        try site.build(baseURL: baseURL)
        let before = try site.snapshot()
        let original = try site.read(target.file)
        let value = Self.newValue(for: target.key, in: target.file, current: Self.value(of: target.key, in: original))
        let edited = Self.replacing(target.key, with: value, in: original, frontMatter: target.file != Self.site)
        try site.write(target.file, edited)
        if value == "media/anh-khac.png" {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent("content/media/hoi-nghi.png"), to: site.root.appendingPathComponent("content/" + value))
        }

        let report = try site.build(baseURL: baseURL)
        #expect(!report.diagnostics.contains { $0.severity == .error })
        let incremental = try site.snapshot()
        let clean = site.root.appendingPathComponent("clean")
        try SiteBuilder.build(site.options(baseURL: baseURL, output: clean))
        let rebuilt = try site.snapshot(clean)
        #expect(incremental == rebuilt, "the incremental build equals a clean build after changing \(target.key)")
        let changed = Set(rebuilt.keys).union(before.keys).filter { rebuilt[$0] != before[$0] }
        #expect(!changed.isEmpty, "changing \(target.key) shows somewhere")
    }

    /// A field only cards and the article page show leaves every other page as it was, and the
    /// build renders only what changed.
    @Test func aShownFieldRerendersOnlyThePagesThatShowIt() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let before = try site.snapshot()
        let original = try site.read(Self.article)
        try site.write(Self.article, Self.replacing("location", with: "\"Cà Mau\"", in: original, frontMatter: true))
        let report = try site.build()
        let after = try site.snapshot()
        let changed = Set(after.keys).filter { after[$0] != before[$0] }
        #expect(changed.contains("/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html"))
        for page in ["/index.html", "/chuyen-de/2023/index.html", "/van-ban/index.html"] {
            #expect(!changed.contains(page), "\(page) does not show the article")
        }
        #expect(report.reusedPages > 0, "pages that do not show the article are taken from the last build")
        #expect(changed.count < report.pages)
    }

    /// After a change every page shows (the templates' foot), the next build after an edit of one
    /// article renders only what that edit changes: the pages the last build wrote are linked
    /// from its output, not made again from the site before it, which the build writes into;
    /// and its output is a clean build's.
    @Test func theBuildAfterAChangeOfEveryPageRendersOnlyWhatTheNextEditChanges() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let footer = site.templates.appendingPathComponent("footer.mustache")
        try (String(contentsOf: footer, encoding: .utf8) + "<!-- chân trang mới -->\n").write(to: footer, atomically: true, encoding: .utf8)
        let everyPage = try site.build()
        #expect(everyPage.reusedPages == 0, "the foot is on every page")
        let edit = { (site: TestSite) in
            try site.write(Self.article, Self.replacing("location", with: "\"Cà Mau\"", in: try site.read(Self.article), frontMatter: true))
        }
        try edit(site)
        let report = try site.build()
        #expect(try site.differencesFromACleanBuild() == [])
        // As many pages as the same edit leaves unchanged after a build that changed nothing else.
        let plain = try TestSite(content: "bulletin")
        try plain.build()
        try edit(plain)
        let expected = try plain.build().reusedPages
        #expect(expected > 0 && report.reusedPages == expected, "\(report.reusedPages) of \(report.pages) pages reused, against \(expected)")
    }
}
