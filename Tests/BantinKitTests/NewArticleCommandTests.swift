import Foundation
import Testing

@testable import BantinKit

/// `bantin new`'s checks, each refusal's words, and the file it writes.
@Suite struct NewArticleCommandTests {
    /// 2023-05-09 10:00 UTC: 17:00 in Hồ Chí Minh City.
    static let now = Date(timeIntervalSince1970: 1_683_626_400)

    func refusal(_ request: NewArticleRequest) -> NewArticleRefusal? {
        do {
            _ = try NewArticleCommand.check(request)
            return nil
        } catch {
            return error
        }
    }

    @Test func aGoodRequestIsTidied() throws {
        let request = NewArticleRequest(
            title: "  Tiền Giang nhân rộng điển hình  ".decomposedStringWithCanonicalMapping,
            directives: ["01-KL/TW", "05-CT/TW", "01-kl/tw"], themes: [2023, 2024, 2023])
        let article = try NewArticleCommand.check(request)
        #expect(article.title == "Tiền Giang nhân rộng điển hình")
        #expect(article.title.unicodeScalars.count == "Tiền Giang nhân rộng điển hình".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(article.slug.value == "tien-giang-nhan-rong-dien-hinh")
        #expect(article.directives.map(\.text) == ["01-KL/TW", "05-CT/TW"], "repeats are dropped, as the build drops them")
        #expect(article.themes == [2023, 2024])
    }

    @Test(arguments: ["", "   ", "!!! ???", "— · —"])
    func aTitleWithoutLettersOrDigitsIsRefused(title: String) {
        #expect(refusal(NewArticleRequest(title: title)) == NewArticleRefusal(message: "the title must contain letters or digits", isUsageError: true))
    }

    /// Each break named: a line separator (U+2028, pasted from a PDF) too, which the build reads as a line's end.
    @Test(arguments: [
        ("Dòng một\nDòng hai", "line break (U+000A)"), ("Tab\tở giữa", "tab (U+0009)"), ("Dòng\u{2028}tách", "line separator (U+2028)"),
        ("Đoạn\u{2029}tách", "paragraph separator (U+2029)"), ("Về\u{85}dòng", "next line character (U+0085)"),
    ])
    func aTitleOnMoreThanOneLineIsRefused(title: String, named: String) {
        let expected = NewArticleRefusal(message: "the title must be one line of text, without line breaks or tabs: it holds a \(named); write a space there", isUsageError: true)
        #expect(refusal(NewArticleRequest(title: title)) == expected)
    }

    @Test func aControlCharacterInTheTitleIsRefusedByCode() {
        let expected = NewArticleRefusal(message: "the title holds a control character (U+0007), which no page can show: delete it", isUsageError: true)
        #expect(refusal(NewArticleRequest(title: "Chuông\u{7}reo")) == expected)
    }

    /// What shows as nothing inside a word (a soft hyphen from Word, a zero-width space) or joins
    /// an emoji is taken as it is, as the build takes it in a title.
    @Test(arguments: ["Hội nghị chuyên\u{AD}đề", "Học\u{200B}tập", "Gia đình 👨‍👩‍👧 văn hoá", "Tiêu đề\u{2060}mới"])
    func whatTheBuildTakesInATitleIsTaken(title: String) throws {
        #expect(try NewArticleCommand.check(NewArticleRequest(title: title)).title == title.precomposedStringWithCanonicalMapping)
    }

    @Test func aTrailingLineBreakIsTrimmedNotRefused() throws {
        #expect(try NewArticleCommand.check(NewArticleRequest(title: "Tin mới\n")).title == "Tin mới")
    }

    @Test(arguments: ["01KLTW", "KL/TW", "01-KL TW", "01-KL//TW", "x1-KL/TW", "01-"])
    func aBadDirectiveCodeIsRefusedByName(code: String) {
        let expected = NewArticleRefusal(message: "`\(code)` is not a directive code; write it like 01-KL/TW", isUsageError: true)
        #expect(refusal(NewArticleRequest(title: "Tin", directives: ["01-KL/TW", code])) == expected)
    }

    @Test(arguments: [0, 23, 1899, 2201, -2023])
    func aYearTheBuildWouldRefuseIsRefused(year: Int) {
        let expected = NewArticleRefusal(message: "\(year) is not a theme year; write a year from 1900 to 2200, e.g. 2023", isUsageError: true)
        #expect(refusal(NewArticleRequest(title: "Tin", themes: [year])) == expected)
    }

    @Test func theTitleIsCheckedBeforeTheCodesAndTheCodesBeforeTheYears() {
        #expect(refusal(NewArticleRequest(title: "?", directives: ["sai"], themes: [1]))?.message == "the title must contain letters or digits")
        #expect(refusal(NewArticleRequest(title: "Tin", directives: ["sai"], themes: [1]))?.message.hasPrefix("`sai`") == true)
    }

    @Test func runWritesADraftTheBuildReadsWithoutAProblem() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Chuyên đề năm 2023\"\n---\n")
        let request = NewArticleRequest(title: "Đà Nẵng: học tập chuyên đề", directives: ["01-KL/TW"], themes: [2023])
        let path = try NewArticleCommand.run(request, content: site.content, contentName: "content", now: Self.now)
        #expect(path == "content/articles/2023/05/da-nang-hoc-tap-chuyen-de.md")
        let text = try site.read(path)
        let (article, diagnostics, _) = ArticleReader.read(text: text, file: path, zone: .vietnam)
        #expect(diagnostics.isEmpty)
        #expect(article?.title == "Đà Nẵng: học tập chuyên đề")
        #expect(article?.date.iso8601 == "2023-05-09T17:00:00+07:00")
        #expect(article?.directives.map(\.text) == ["01-KL/TW"])
        #expect(article?.themes == [2023])
        #expect(article?.draft == true)
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/articles/2023/05/tin-moi.md", "giữ nguyên")
        let refused = #expect(throws: NewArticleRefusal.self) {
            try NewArticleCommand.run(NewArticleRequest(title: "Tin mới"), content: site.content, contentName: "content", now: Self.now)
        }
        #expect(refused == NewArticleRefusal(message: "content/articles/2023/05/tin-moi.md: error: already exists; choose another title", isUsageError: false))
        #expect(try site.read("content/articles/2023/05/tin-moi.md") == "giữ nguyên")
    }

    /// The path printed is the content folder as named, joined once: `content/` or `.` too.
    @Test func thePathPrintedJoinsTheContentFolderAsNamed() throws {
        let site = try TestSite(copyTemplates: false)
        let content = site.root.appendingPathComponent("content")
        for (name, title) in [("content/", "Tin một"), (".", "Tin hai")] {
            let path = try NewArticleCommand.run(NewArticleRequest(title: title), content: content, contentName: name, now: Self.now)
            #expect(!path.contains("//") && !path.hasPrefix("./") && path.hasSuffix("articles/2023/05/\(Slug(from: title)!.value).md"), "\(path)")
            #expect(site.exists("content/articles/2023/05/\(Slug(from: title)!.value).md"))
        }
    }

    /// A folder that cannot be made is told under its path, as a build's errors are.
    @Test func aFolderThatCannotBeMadeIsToldUnderItsPath() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/articles/2023", "một tệp, không phải thư mục\n")
        let refused = #expect(throws: NewArticleRefusal.self) {
            try NewArticleCommand.run(NewArticleRequest(title: "Tin"), content: site.root.appendingPathComponent("content"), contentName: "content", now: Self.now)
        }
        #expect(refused?.message.hasPrefix("content/articles/2023/05: error: cannot create the folder content/articles/2023/05: ") == true, "\(String(describing: refused))")
    }

    @Test func aMissingContentFolderIsRefusedNotMade() throws {
        let site = try TestSite(copyTemplates: false)
        let missing = site.root.appendingPathComponent("noi-dung")
        let refused = #expect(throws: NewArticleRefusal.self) {
            try NewArticleCommand.run(NewArticleRequest(title: "Tin"), content: missing, contentName: "noi-dung", now: Self.now)
        }
        let expected = "noi-dung: error: no such folder; run bantin new in the site's folder, or name it with --content"
        #expect(refused == NewArticleRefusal(message: expected, isUsageError: false))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        // A file given for the folder is told as one.
        try site.write("tep", "x")
        let file = #expect(throws: NewArticleRefusal.self) {
            try NewArticleCommand.run(NewArticleRequest(title: "Tin"), content: site.root.appendingPathComponent("tep"), contentName: "tep", now: Self.now)
        }
        #expect(file?.message == "tep: error: a file, not a folder; run bantin new in the site's folder, or name it with --content")
    }

    @Test func theSiteTimezoneDatesTheArticle() throws {
        let site = try TestSite(copyTemplates: false)
        try site.write("content/site.yml", "title: \"Bản tin\"\ntimezone: \"UTC\"\n")
        // 2023-05-31 20:00 UTC is already June in Hồ Chí Minh City, still May in UTC.
        let path = try NewArticleCommand.run(
            NewArticleRequest(title: "Tin"), content: site.content, contentName: "content", now: Date(timeIntervalSince1970: 1_685_563_200))
        #expect(path == "content/articles/2023/05/tin.md")
        #expect(try site.read(path).contains("date: 2023-05-31T20:00:00+00:00\n"))
    }
}
