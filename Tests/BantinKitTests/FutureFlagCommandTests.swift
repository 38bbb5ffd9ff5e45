import Foundation
import Testing

@testable import BantinKit

/// `bantin build` with `SOURCE_DATE_EPOCH` and `--future`, run as CI runs it.
@Suite struct FutureFlagCommandTests {
    /// 10/06/2023 12:00 in Hà Nội, an hour before the scheduled article.
    static let now = "1686373200"
    static let due = "1686376800"
    static let page = "public/bai-viet/le-khai-mac-chua-den-gio/index.html"

    /// Runs the `bantin` executable in `folder` with `SOURCE_DATE_EPOCH` set to `epoch` (unset when `nil`).
    func run(_ arguments: [String], in folder: URL, epoch: String?) throws -> CommandLineTests.Run {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = epoch
        return try .of(CommandLineTests.executable, arguments, in: folder, environment: environment)
    }

    func scheduledSite() throws -> TestSite {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/06/khai-mac.md", article(title: "Lễ khai mạc chưa đến giờ", date: "2023-06-10T13:00:00+07:00"))
        return site
    }

    @Test func sourceDateEpochKeepsAScheduledArticleBackAndTheSummarySaysSo() throws {
        let site = try scheduledSite()
        let first = try run(["build"], in: site.root, epoch: Self.now)
        #expect(first.status == 0)
        #expect(first.stdout.contains("; 1 scheduled article waiting, next due 2023-06-10T13:00:00+07:00 (Thứ Bảy, 10/06/2023 13:00)"), "\(first.stdout)")
        #expect(!site.exists(Self.page))
        let again = try run(["build"], in: site.root, epoch: Self.now)
        #expect(again.stdout.hasPrefix("Up to date: "))
        #expect(again.stdout.contains("1 scheduled article waiting"))
        let due = try run(["build"], in: site.root, epoch: Self.due)
        #expect(due.stdout.hasPrefix("Built 5 articles, "), "its time has come: \(due.stdout)")
        #expect(!due.stdout.contains("scheduled"))
        #expect(site.exists(Self.page))
    }

    @Test func futurePublishesItAtOnce() throws {
        let site = try scheduledSite()
        let result = try run(["build", "--future"], in: site.root, epoch: Self.now)
        #expect(result.status == 0)
        #expect(result.stdout.contains("; 1 article dated after now published early (--future)"))
        #expect(site.exists(Self.page))
        #expect(try run(["build", "--help"], in: site.root, epoch: nil).stdout.contains("--future"))
    }

    @Test func withoutSourceDateEpochTheClockDecides() throws {
        let site = try scheduledSite()
        let result = try run(["build"], in: site.root, epoch: nil)
        #expect(result.status == 0)
        #expect(site.exists(Self.page), "10/06/2023 is in the past of any clock that runs this test")
    }

    @Test func aSourceDateEpochThatIsNotANumberFailsTheBuild() throws {
        let site = try scheduledSite()
        let result = try run(["build"], in: site.root, epoch: "hôm nay")
        #expect(result.status == 1)
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH: error: `hôm nay` is not a time: it must be a whole number of seconds since 1970-01-01 UTC"))
        #expect(!site.exists("public/index.html"))
    }
}
