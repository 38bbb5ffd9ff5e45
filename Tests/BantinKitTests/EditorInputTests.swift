import Foundation
import Testing

@testable import BantinKit

/// What editors type and name that a generator easily gets wrong: file names of any kind,
/// look-alike letters, slips in dates, very long titles, characters pasted from word processors.
@Suite struct EditorInputTests {
    /// Photos and files named with spaces, `#`, `%` and Vietnamese letters are linked by
    /// percent-encoded addresses: every link resolves, and the absolute ones are valid URLs.
    @Test func filesNamedAnyWayAreLinkedByAddressesThatResolve() throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/ảnh hội nghị #1.jpg", width: 640, height: 480)
        try PhotoTests.photo(site, "content/media/tỉ lệ 100%.png", width: 200, height: 100)
        try site.write("content/media/biên bản, số 2?.pdf", "%PDF-1.4\n")
        let body = "![Sơ đồ](../media/t%E1%BB%89%20l%E1%BB%87%20100%25.png)\n\nTải [biên bản](<../media/biên bản, số 2%3F.pdf>).\n"
        try site.write("content/articles/a.md", article(
            title: "Hội nghị", extra: "slug: hoi-nghi\nimage: \"media/ảnh hội nghị #1.jpg\"\nimage_alt: Hội nghị\n", body: body))
        try site.build(baseURL: "https://example.org/ban-tin/")
        let checked = LinkChecker.check(folder: site.output, baseURL: "https://example.org/ban-tin/")
        #expect(checked.broken.isEmpty, "\(checked.broken)")
        let page = try site.read("public/bai-viet/hoi-nghi/index.html")
        #expect(page.contains("../../media/%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B%20%231.jpg"))
        #expect(page.contains("href=\"../../media/bi%C3%AAn%20b%E1%BA%A3n%2C%20s%E1%BB%91%202%3F.pdf\""))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/ban-tin/media/%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B%20%231.jpg\">"))
        #expect(!page.contains("media/ảnh"), "an address with raw letters or spaces")
    }

    /// A date of the right shape that is none says why.
    @Test(arguments: [
        ("0023-05-09", "(its year, 0023, is before the year 1000, the first bantin reads: write the year in full, e.g. 2023)"),
        ("0000-05-09", "(its year, 0000, is before the year 1000, the first bantin reads: write the year in full, e.g. 2023)"),
        // The year 10000 in the site's timezone: no feed or sitemap could write it; nor 999.
        ("9999-12-31T23:00:00Z", "(in Asia/Ho_Chi_Minh it is already 10000-01-01 06:00, after the last day bantin reads, 9999-12-31)"),
        ("1000-01-01T00:00:00+14:00", "(in Asia/Ho_Chi_Minh it is still 0999-12-31 17:06, before the first day bantin reads, 1000-01-01)"),
        ("2023-02-30", "(month 2 of 2023 has 28 days)"), ("2024-13-01", "(there is no month 13)"), ("2023-05-09 25:00", "(there is no hour 25: hours go from 00 to 23)"),
        ("2023-12-31T23:59:60", "(there is no second 60: seconds go from 00 to 59, and a leap second cannot be written)"),
        ("2023-12-31 08:05:60+07:00", "(there is no second 60: seconds go from 00 to 59, and a leap second cannot be written)"),
    ])
    func aYearOfFewerThanFourDigitsIsASlip(date: String, reason: String) throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", "---\ntitle: Bài viết\ndate: \(date)\n---\nNội dung.\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map(\.line) == [3])
        #expect(errors.first?.message.hasPrefix("`date` is not a valid date: `\(date)` \(reason); write") == true, "\(errors)")
    }

    /// A date written day first, as Vietnamese dates are (with a weekday as pages and news sites
    /// write it, seconds as spreadsheets export them, a zone as `GMT+7`), is written back year
    /// first in the error, so that `5/12/2026` (5 December) is not retyped `2026-05-12`; a day
    /// first that is no day of the calendar says why; a date year first with a part of one digit,
    /// other separators or two spaces is written back as bantin reads it. Any other text gets
    /// the usual message.
    @Test(arguments: [
        ("18/05/2023 08:00", "is written day first", "2023-05-18 08:00"), ("5/12/2026", "is written day first", "2026-12-05"),
        ("18.05.2023", "is written day first", "2023-05-18"), ("09-05-2023 8:00", "is written day first", "2023-05-09 08:00"),
        ("Thứ Năm, 18/05/2023 08:00", "is written day first", "2023-05-18 08:00"), ("Chủ nhật, 7/5/2023 8h30", "is written day first", "2023-05-07 08:30"),
        ("thứ ba, 09/05/2023", "is written day first", "2023-05-09"), ("09/05/2023 17:00:00", "is written day first", "2023-05-09 17:00:00"),
        ("09/05/2023 - 17:00", "is written day first", "2023-05-09 17:00"), ("09/05/2023 17:00 GMT+7", "is written day first", "2023-05-09 17:00 +07:00"),
        ("Thứ ba, 9/5/2023, 17:00 (GMT+7)", "is written day first", "2023-05-09 17:00 +07:00"),
        ("31/04/2023", "is written day first, and month 4 of 2023 has 30 days", nil), ("05/13/2023", "is written day first, and there is no month 13", nil),
        ("2023-2-3", "is not written as bantin reads dates", "2023-02-03"), ("2023-05-09 7:00", "is not written as bantin reads dates", "2023-05-09 07:00"),
        ("2023-05-09  17:00", "is not written as bantin reads dates", "2023-05-09 17:00"), ("2023/05/09", "is not written as bantin reads dates", "2023-05-09"),
        ("18/05/23", nil, nil), ("18/05/2023 25:00", nil, nil), ("18/05/2023 08:75", nil, nil), ("2023-2-30", nil, nil), ("9/5/0999", nil, nil),
        // A bare number after the date is no hour.
        ("9/5/2023 5", nil, nil), ("2023-05-09 1", nil, nil),
        // The date meant, written as bantin reads it, is none there either: why, and what to write.
        ("31/12/9999 23:00 GMT-5", "is written day first; as bantin reads dates, `9999-12-31 23:00 -05:00`, it is no time either (in Asia/Ho_Chi_Minh it is already 10000-01-01 11:00, after the last day bantin reads, 9999-12-31)", nil),
        // A weekday that is not the date's.
        ("Thứ hai, 9/5/2023", "is written day first; write the year first, then the month and the day: `2023-05-09`; it says Thứ hai, but 2023-05-09 is a Thứ Ba: check which is right", nil),
        // The weekday as a number, or spelt `Bẩy`, is the same day.
        ("Thứ 3, 9/5/2023, 17:00 (GMT+7)", "is written day first", "2023-05-09 17:00 +07:00"), ("Thứ Bẩy, 13/5/2023", "is written day first", "2023-05-13"),
        ("Thứ 7, 9/5/2023", "is written day first; write the year first, then the month and the day: `2023-05-09`; it says Thứ 7, but 2023-05-09 is a Thứ Ba: check which is right", nil),
    ] as [(String, String?, String?)])
    func aDateWrittenDayFirstIsWrittenBackYearFirst(date: String, because: String?, written: String?) throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", "---\ntitle: Bài viết\ndate: \(date)\n---\nNội dung.\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map(\.line) == [3])
        let write = written.map { "; write \(because == "is written day first" ? "the year first, then the month and the day: " : "")`\($0)`" } ?? ""
        let expected = because.map { "`date` is not a valid date: `\(date)` \($0)\(write)" }
            ?? "`date` is not a valid date: `\(date)`; write `2023-05-09`, `2023-05-09 17:00` or `2023-05-09T17:00:00+07:00`"
        #expect(errors.first?.message == expected, "\(errors)")
        // What it says to write is a date bantin reads.
        if let written { #expect(DateParser.parse(written, in: .vietnam) != nil) }
    }

    /// In a site timezone with summer time, a time the clocks skip is no time: an error saying
    /// what to write, not an article dated an hour earlier than written. A time the clocks show
    /// twice (autumn) is read, and so is the same time with its offset.
    @Test func aTimeTheClocksSkipIsAnError() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\ntimezone: America/New_York\n")
        try site.write("content/articles/a.md", "---\ntitle: Bài viết\ndate: 2025-03-09 02:30\n---\nNội dung.\n")
        try site.write("content/articles/b.md", "---\ntitle: Bài hai\ndate: 2025-11-02 01:30\n---\nNội dung.\n")
        try site.write("content/articles/c.md", "---\ntitle: Bài ba\ndate: 2025-03-09T02:30:00-05:00\n---\nNội dung.\n")
        try site.write("content/articles/d.md", "---\ntitle: Bài bốn\ndate: 2025-03-09T02:15:00.5\n---\nNội dung.\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map { "\($0.file):\($0.line) \($0.message.components(separatedBy: "; write `2023").first!)" } == [
            "content/articles/a.md:3 `date` is not a valid date: `2025-03-09 02:30` (there is no 02:30 on 2025-03-09 in America/New_York: the clocks go forward then; write 03:30)",
            "content/articles/d.md:3 `date` is not a valid date: `2025-03-09T02:15:00.5` (there is no 02:15 on 2025-03-09 in America/New_York: the clocks go forward then; write 03:15)",
        ], "\(errors)")
        try site.remove("content/articles/d.md")
        try site.write("content/articles/a.md", "---\ntitle: Bài viết\ndate: 2025-03-09 03:30\n---\nNội dung.\n")
        try site.build()
        #expect(try site.read("public/bai-viet/bai-viet/index.html").contains("datetime=\"2025-03-09T03:30:00-04:00\""))
        #expect(try site.read("public/bai-viet/bai-ba/index.html").contains("datetime=\"2025-03-09T03:30:00-04:00\""))
        #expect(try site.read("public/bai-viet/bai-hai/index.html").contains("datetime=\"2025-11-02T01:30:00-04:00\""))
    }

    /// Where the clocks skip a whole day (Samoa's 30 December 2011), the time to write is on the
    /// next day, and what the error says to write is read; that day alone is no date either (it
    /// was read as the next day, untold), written year first or day first.
    @Test func aDayTheClocksSkipSaysWhichDayToWrite() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\ntimezone: Pacific/Apia\n")
        for (name, date) in [("a", "2011-12-30 10:00"), ("b", "2011-12-30"), ("c", "30/12/2011 10:00")] {
            try site.write("content/articles/\(name).md", article(title: "Bài \(name)", date: date))
        }
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map { $0.message.components(separatedBy: "; write `2023").first! } == [
            "`date` is not a valid date: `2011-12-30 10:00` (there is no 10:00 on 2011-12-30 in Pacific/Apia: the clocks go forward then; write 2011-12-31 10:00)",
            "`date` is not a valid date: `2011-12-30` (there is no 2011-12-30 in Pacific/Apia: the clocks skip that whole day; write 2011-12-31)",
            "`date` is not a valid date: `30/12/2011 10:00` is written day first; as bantin reads dates, `2011-12-30 10:00`, it is no time either (there is no 10:00 on 2011-12-30 in Pacific/Apia: the clocks go forward then; write 2011-12-31 10:00)",
        ], "\(errors)")
        try site.remove("content/articles/b.md")
        try site.remove("content/articles/c.md")
        try site.write("content/articles/a.md", article(title: "Bài a", date: "2011-12-31 10:00"))
        try site.build()
        #expect(try site.read("public/bai-viet/bai-a/index.html").contains("datetime=\"2011-12-31T10:00:00+14:00\""))
    }

    /// A time the clocks show twice (when they go back) is the first of the two, east of UTC as
    /// west of it: the offset in force before the change (it was the second east of UTC).
    @Test(arguments: [
        ("Europe/Prague", "2024-10-27 02:30", "2024-10-27T02:30:00+02:00"),
        ("America/Los_Angeles", "2024-11-03 01:30", "2024-11-03T01:30:00-07:00"),
        ("Australia/Sydney", "2024-04-07 02:30", "2024-04-07T02:30:00+11:00"),
        ("Australia/Lord_Howe", "2024-04-07 01:45", "2024-04-07T01:45:00+11:00"),
        ("Europe/Prague", "2024-10-27 03:00", "2024-10-27T03:00:00+01:00"),
        ("Europe/Prague", "2024-07-01 12:00", "2024-07-01T12:00:00+02:00"),
        ("Asia/Ho_Chi_Minh", "2024-10-27 02:30", "2024-10-27T02:30:00+07:00"),
    ])
    func aTimeTheClocksShowTwiceIsTheFirst(zone: String, written: String, read: String) throws {
        #expect(DateParser.parse(written, in: try #require(SiteTimeZone(identifier: zone)))?.iso8601 == read)
    }

    /// Where the clocks go forward at midnight (Santiago, Havana), a date alone is that day's
    /// first instant, 01:00, in `date`, `updated` and a directive's `issued` alike: not an error
    /// asking for the form it is written in.
    @Test func aDateWhoseMidnightTheClocksSkipIsItsFirstHour() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\ntimezone: America/Santiago\n")
        try site.write("content/articles/a.md", "---\ntitle: Bài viết\ndate: 2024-09-08\nupdated: 2024-09-08\ndirectives: [\"01-KL/TW\"]\n---\nNội dung.\n")
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\nissued: 2024-09-08\n---\n")
        try site.build()
        #expect(try site.read("public/bai-viet/bai-viet/index.html").contains("datetime=\"2024-09-08T01:00:00-03:00\""))
        #expect(DateParser.parse("2024-03-10", in: SiteTimeZone(identifier: "America/Havana")!)?.iso8601 == "2024-03-10T01:00:00-04:00")
    }

    /// `Ð` (U+00D0) and `Ɖ` (U+0189) look like `Đ` and are typed for it: slugs, places and their
    /// order treat them as `Đ`.
    @Test func theLookAlikeOfĐIsĐ() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "\u{D0}ảng bộ \u{D0}à Nẵng", extra: "location: \u{D0}à Nẵng\n"))
        try site.write("content/articles/b.md", article(title: "Bình Định", extra: "location: Bình Định\n"))
        try site.write("content/articles/c.md", article(title: "Yên Bái", extra: "location: Yên Bái\n"))
        try site.write("content/articles/d.md", article(title: "\u{189}ảng ủy \u{189}ồng Tháp", extra: "location: \u{189}ồng Tháp\n"))
        try site.build()
        #expect(site.exists("public/bai-viet/dang-bo-da-nang/index.html"))
        #expect(site.exists("public/dia-phuong/da-nang/index.html"))
        #expect(site.exists("public/bai-viet/dang-uy-dong-thap/index.html"))
        #expect(site.exists("public/dia-phuong/dong-thap/index.html"))
        let places = try site.read("public/dia-phuong/index.html")
        let order = ["Bình Định", "\u{D0}à Nẵng", "\u{189}ồng Tháp", "Yên Bái"].map { places.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! })
        #expect(places.contains("<h2 class=\"section-title\">Đ</h2>"), "filed under its own letter")
        #expect(!places.contains("<h2 class=\"section-title\">\u{D0}</h2>") && !places.contains("<h2 class=\"section-title\">\u{189}</h2>"))
    }

    /// Two spellings whose names make one address share a page: said at the less used one. A
    /// name with no letters, or too long for an address, is an error at its line.
    @Test func namesOfCategoriesAndPlacesThatMakeNoOrTheSameAddressAreSaidSo() throws {
        let site = try TestSite()
        for (file, place) in [("a", "Hà Tĩnh"), ("b", "Hà Tĩnh"), ("c", "Hà Tịnh")] {
            try site.write("content/articles/\(file).md", article(title: "Bài \(file)", extra: "location: \(place)\ncategory: Tin tức\n"))
        }
        try site.write("content/articles/d.md", article(title: "Bài d", extra: "category: tin tức\n"))
        // A soft hyphen pasted inside a word makes no second page: the name is told with it shown.
        try site.write("content/articles/e.md", article(title: "Bài e", extra: "location: Hà T\u{AD}ĩnh\n"))
        let report = try site.build()
        let warnings = report.diagnostics.filter { $0.severity == .warning }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(warnings.contains { $0.hasPrefix("content/articles/c.md:4: place `Hà Tịnh` shares one page (dia-phuong/ha-tinh/) with `Hà Tĩnh`, as content/articles/a.md writes it") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("content/articles/d.md:4: category `tin tức` shares one page (chuyen-muc/tin-tuc/) with `Tin tức`") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("content/articles/e.md:4: place `Hà T⟨soft hyphen U+00AD⟩ĩnh` shares one page (dia-phuong/ha-tinh/) with `Hà Tĩnh`") }, "\(warnings)")
        #expect(warnings.filter { $0.contains("shares one page") }.count == 3, "\(warnings.joined(separator: "\n"))")
        // A spelling with a pasted invisible character (a mark of writing direction too, from a
        // web page) never names the page, however many write it.
        for (invisible, name) in [("\u{200B}", "zero-width space U+200B"), ("\u{200E}", "left-to-right mark U+200E")] {
            for (file, place) in [("f", "Cà\(invisible) Mau"), ("g", "Cà\(invisible) Mau"), ("h", "Cà Mau")] {
                try site.write("content/articles/\(file).md", article(title: "Bài \(file)", extra: "location: \(place)\n"))
            }
            let pasted = try site.build().diagnostics.filter { $0.message.contains("dia-phuong/ca-mau/") }.map { "\($0.file):\($0.line): \($0.message)" }
            #expect(pasted.count == 1 && pasted[0].hasPrefix("content/articles/f.md:4: place `Cà⟨\(name)⟩ Mau` shares one page (dia-phuong/ca-mau/) with `Cà Mau`"), "\(pasted)")
            #expect(try site.read("public/dia-phuong/ca-mau/index.html").contains("<title>Cà Mau – "), "the page is named without it")
            for file in ["f", "g", "h"] { try site.remove("content/articles/\(file).md") }
        }
        // One standing where another name has a space makes a page apart from that name's: said
        // at its first article (a soft hyphen inside a word, above, is not).
        try site.write("content/articles/i.md", article(title: "Bài i", extra: "location: Quảng\u{200B}Ninh\ncategory: Học và làm\u{AD}theo Bác\n"))
        try site.write("content/articles/j.md", article(title: "Bài j", extra: "location: Quảng Ninh\ncategory: Học và làm theo Bác\n"))
        let apart = try site.build().diagnostics.filter { $0.message.contains("of its own") }.map { "\($0.file):\($0.line): \($0.message)" }.sorted()
        #expect(apart.count == 2, "\(apart)")
        #expect(apart.first?.hasPrefix("content/articles/i.md:4: place `Quảng⟨zero-width space U+200B⟩Ninh` has a page of its own (dia-phuong/quangninh/), apart from `Quảng Ninh` (dia-phuong/quang-ninh/, as content/articles/j.md writes it): a character that shows as nothing stands where that name has a space") == true, "\(apart)")
        #expect(apart.last?.hasPrefix("content/articles/i.md:5: category `Học và làm⟨soft hyphen U+00AD⟩theo Bác` has a page of its own (chuyen-muc/hoc-va-lamtheo-bac/), apart from `Học và làm theo Bác` (chuyen-muc/hoc-va-lam-theo-bac/") == true, "\(apart)")
        // Another character that shows as nothing (a combining grapheme joiner), named as one.
        try site.write("content/articles/i.md", article(title: "Bài i", extra: "location: Quảng\u{34F}Ninh\n"))
        let joiner = try site.build().diagnostics.filter { $0.message.contains("of its own") }.map(\.message)
        #expect(joiner.count == 1 && joiner[0].hasPrefix("place `Quảng⟨invisible character U+034F⟩Ninh` has a page of its own (dia-phuong/quangninh/)"), "\(joiner)")
        // One that parts words (an invisible separator), written by more articles than the plain
        // name: the page is still named without it.
        for file in ["i", "k"] { try site.write("content/articles/\(file).md", article(title: "Bài \(file)", extra: "location: Hồ Chí\u{2063}Minh\n")) }
        try site.write("content/articles/j.md", article(title: "Bài j", extra: "location: Hồ Chí Minh\n"))
        let separated = try site.build().diagnostics.filter { $0.message.contains("dia-phuong/ho-chi-minh/") }.map(\.message)
        #expect(separated.count == 1 && separated[0].hasPrefix("place `Hồ Chí⟨invisible character U+2063⟩Minh` shares one page (dia-phuong/ho-chi-minh/) with `Hồ Chí Minh`"), "\(separated)")
        #expect(try site.read("public/dia-phuong/ho-chi-minh/index.html").contains("<h1>Hồ Chí Minh</h1>"))
        for file in ["i", "j", "k"] { try site.remove("content/articles/\(file).md") }

        try site.write("content/articles/d.md", article(title: "Bài d", extra: "category: \"???\"\nlocation: \"\(String(repeating: "Xã Tân Phú ", count: 20))\"\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.first?.hasPrefix("content/articles/d.md:4: `category` `???` has no letters or digits to make its page's address from") == true)
        #expect(errors.last?.hasPrefix("content/articles/d.md:5: `location` makes an address 219 characters long, more than the 200") == true)
    }

    /// An article refused for an error in its body is published once it is fixed: its category is
    /// still a menu's, and its spelling of a place still told beside another's (a build that
    /// failed said the menu entry was unused, and dropped the look-alike warning).
    /// A category or place named in another script (Khmer, Cyrillic) has letters, but none an
    /// address is made of: the error says so, and how to give it one, not that it has no letters.
    @Test func aNameInAnotherScriptIsToldItHasNoLatinLetters() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Tin tiếng Khmer", extra: "category: \"ភាសាខ្មែរ\"\nlocation: \"Москва\"\n"))
        // An emoji (with its variation selector, a mark) has no letters of any script.
        try site.write("content/articles/b.md", article(title: "Tin vui", extra: "category: \"❤️\"\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(errors == [
            "content/articles/a.md:4: `category` `ភាសាខ្មែរ` has no Latin letters (Vietnamese ones too) or digits to make its page's address from; write its name in Vietnamese or in Latin letters, alone or beside this one (`Tên tiếng Việt (ភាសាខ្មែរ)`)",
            "content/articles/a.md:5: `location` `Москва` has no Latin letters (Vietnamese ones too) or digits to make its page's address from; write its name in Vietnamese or in Latin letters, alone or beside this one (`Tên tiếng Việt (Москва)`)",
            "content/articles/b.md:4: `category` `❤️` has no letters or digits to make its page's address from; name it in words",
        ], "\(errors)")
    }

    @Test func anArticleRefusedForItsBodyStillCountsForTheMenuAndItsSpellings() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\nmenu: [Xây dựng Đảng]\n")
        try site.write("content/articles/a.md", article(title: "Bài a", extra: "category: Xây dựng Đảng\nlocation: Hoà Bình\n", body: "Xem [tài liệu](tài liệu.md)."))
        try site.write("content/articles/b.md", article(title: "Bài b", extra: "location: Hòa Bình\n"))
        try site.write("content/articles/c.md", article(title: "Bài c", extra: "location: Hòa Bình\n"))
        let told = site.failingBuild().map { "\($0.file):\($0.line): \($0.severity) \($0.message)" }
        #expect(told.contains { $0.hasPrefix("content/articles/a.md:7: error this link is shown as written") }, "\(told)")
        #expect(!told.contains { $0.contains("menu entry") }, "\(told)")
        #expect(told.contains { $0.hasPrefix("content/articles/a.md:5: warning place `Hoà Bình` shares one page (dia-phuong/hoa-binh/) with `Hòa Bình`") }, "\(told)")
    }

    /// A file saved decomposed (a letter, then its marks) is told at its columns as saved: the
    /// marks before a problem on its line are counted, as an editor counts them; with a
    /// byte-order mark and CRLF line endings too. A file saved composed is not read again.
    @Test func columnsInAFileSavedDecomposedAreCountedAsItIsSaved() throws {
        let site = try TestSite()
        let line = "Đảng bộ tỉnh Thừa Thiên Huế triển khai, xem [bài](khong-co.md) và ![](../media/khong-co.png)."
        let text = "---\ntitle: Bài tổ hợp\ndate: 2023-06-01\n---\n\(line)\n"
        let decomposed = Array("\u{FEFF}".utf8) + Array(text.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try site.write("content/articles/to-hop.md", String(decoding: decomposed, as: UTF8.self))
        try site.write("content/articles/dung-san.md", text.replacingOccurrences(of: "Bài tổ hợp", with: "Bài dựng sẵn"))
        let told = site.failingBuild().filter { $0.line == 5 }
        func columns(_ file: String) -> [Int] { Set(told.filter { $0.file == "content/articles/\(file).md" }.map(\.column)).sorted() }
        let composedColumns = [line.firstIndex(of: "[")!, line.firstIndex(of: "!")!].map { line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: $0) + 1 }
        let savedLine = line.decomposedStringWithCanonicalMapping
        let savedColumns = ["[", "!"].map { mark in savedLine.unicodeScalars.distance(from: savedLine.unicodeScalars.startIndex, to: savedLine.unicodeScalars.firstIndex(of: Unicode.Scalar(mark)!)!) + 1 }
        #expect(savedColumns[0] > composedColumns[0] + 10, "the line has marks before its link")
        #expect(columns("dung-san") == composedColumns, "\(told)")
        #expect(columns("to-hop") == savedColumns, "\(told)")
        // The content folder named as the working folder (`.`), or with a slash after it.
        let content = site.root.appendingPathComponent("content")
        for (root, file) in [(".", "articles/to-hop.md"), ("content/", "content/articles/to-hop.md")] {
            let mapped = SavedColumns.inSavedFiles([.error(file, line: 5, column: composedColumns[0], "x")], content: content, displayRoot: root)
            #expect(mapped.map(\.column) == [savedColumns[0]], "\(root)")
        }
    }

    /// A template saved decomposed is told at its columns as saved too.
    @Test func columnsInATemplateSavedDecomposedAreCountedAsItIsSaved() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài"))
        let line = "<p>Đảng bộ Tiền Giang {{site.titel}}</p>"
        try site.write("templates/them.mustache", line.decomposedStringWithCanonicalMapping + "\n")
        let report = try site.build()
        let told = try #require(report.diagnostics.first { $0.file == "templates/them.mustache" })
        let saved = line.decomposedStringWithCanonicalMapping.unicodeScalars
        #expect((told.line, told.column) == (1, saved.distance(from: saved.startIndex, to: saved.firstIndex(of: "{")!) + 1), "\(told)")
        #expect(told.column > line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: line.unicodeScalars.firstIndex(of: "{")!) + 1)
    }

    /// Text pasted from a word processor: a code written with its dashes or invisible characters
    /// is the code it means; two names of a place that look alike are told with the character
    /// that tells them apart named where it stands.
    @Test func lookAlikeCharactersAreReadAsMeantOrNamed() throws {
        let site = try TestSite()
        let places = [2: "Đà\u{A0}Nẵng", 3: "Đà\u{2009}Nẵng", 4: "Đà\u{3000}Nẵng"]
        for (k, code) in ["01–KL/TW", "01\u{2011}KL/TW", "01-KL/TW\u{200B}", "01-KL/TW", "01-KL\u{202A}/TW\u{202C}"].enumerated() {
            try site.write("content/articles/k\(k).md", article(title: "Mã \(k)", extra: "directives: [\"\(code)\"]\nlocation: \(places[k] ?? "Đà Nẵng")\n"))
        }
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        let page = try site.read("public/van-ban/01-kl-tw/index.html")
        #expect((0..<5).allSatisfy { page.contains("Mã \($0)") }, "every article under one code")
        let told = report.diagnostics.filter { $0.message.contains("shares one page") }.sorted { $0.file < $1.file }
        #expect(told.map(\.file) == ["content/articles/k2.md", "content/articles/k3.md", "content/articles/k4.md"], "\(told)")
        for (k, (file, name)) in zip(2..., [("k2", "no-break space U+00A0"), ("k3", "thin space U+2009"), ("k4", "ideographic space U+3000")]) where told.count == 3 {
            #expect(told[k - 2].file == "content/articles/\(file).md" && told[k - 2].message.hasPrefix("place `Đà⟨\(name)⟩Nẵng` shares one page (dia-phuong/da-nang/) with `Đà Nẵng`"), "\(told[k - 2])")
        }
        // Any character Unicode shows as nothing is named, but those that are part of an emoji:
        // its variation selector (❤️) and a flag's tags (🏴 of England).
        #expect("Quảng\u{2063}Ninh\u{34F}".namingLookAlikes == "Quảng⟨invisible character U+2063⟩Ninh⟨invisible character U+034F⟩")
        let emoji = "Bóng đá 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} ❤\u{FE0F}"
        #expect(emoji.namingLookAlikes == emoji)
    }

    /// Kinds of directive that differ only by case or spaces are one kind: one heading in the list
    /// of directives, named as most files (among equals, the tidiest) write it, on each page too;
    /// a warning at each other spelling's line.
    @Test func kindsOfDirectiveWrittenTwoWaysAreOneKind() throws {
        let site = try TestSite()
        func directive(_ file: String, _ code: String, _ kind: String) throws {
            try site.write("content/directives/\(file).md", "---\ncode: \(code)\nkind: \"\(kind)\"\n---\nMô tả.\n")
        }
        try directive("35-nq-tw", "35-NQ/TW", "Nghị quyết")
        try directive("04-nq-tw", "04-NQ/TW", "Nghị Quyết")
        try directive("02-ct-tw", "02-CT/TW", "Chỉ  thị")
        try directive("05-ct-tw", "05-CT/TW", "Chỉ thị")
        try directive("09-ct-tw", "09-CT/TW", "Chỉ thị")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"35-NQ/TW\", \"04-NQ/TW\", \"02-CT/TW\", \"05-CT/TW\", \"09-CT/TW\"]\n"))
        let report = try site.build()
        let told = report.diagnostics.filter { $0.message.hasPrefix("kind `") }.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
        #expect(told.count == 2, "\(told)")
        #expect(told.first?.hasPrefix("content/directives/02-ct-tw.md:3:7: kind `Chỉ  thị` is listed as `Chỉ thị`, as content/directives/05-ct-tw.md writes it") == true, "\(told)")
        #expect(told.last?.hasPrefix("content/directives/04-nq-tw.md:3:7: kind `Nghị Quyết` is listed as `Nghị quyết`") == true, "\(told)")
        let list = try site.read("public/van-ban/index.html")
        for heading in ["Chỉ thị", "Nghị quyết"] {
            #expect(list.components(separatedBy: "<h2 class=\"section-title\">\(heading)</h2>").count == 2, "one heading \(heading)")
        }
        #expect(!list.contains("Nghị Quyết") && !list.contains("Chỉ  thị"))
        // The introduction names the kinds in the order the press does, Quy định included.
        #expect(list.contains("<p class=\"listing-subtitle\">Nghị quyết, chỉ thị, kết luận, quy định của Trung ương và các bài viết về việc thực hiện.</p>"))
        #expect(try site.read("public/van-ban/04-nq-tw/index.html").contains("<title>Nghị quyết 04-NQ/TW"))
    }

    /// A directive with no `kind` (a code no file describes, or a file without `kind:`) is named
    /// by its code's letters (`NQ` a Nghị quyết, `QĐ` and `QĐi` a Quy định), as a file writes that
    /// kind when one does, wherever its kind shows: its page, its feed, the list of directives, the
    /// articles citing it, their print edition and search records. A code of other letters keeps
    /// its code alone, listed last as "Văn bản khác", and under no heading when it is all there is.
    @Test func aDirectiveWithNoKindIsNamedByItsCode() throws {
        let site = try TestSite()
        try site.write("content/directives/35-nq-tw.md", "---\ncode: 35-NQ/TW\ntitle: Về bảo vệ nền tảng tư tưởng của Đảng\n---\nMô tả.\n")
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\nkind: Chỉ Thị\n---\nMô tả.\n")
        let codes = ["35-NQ/TW", "12-QĐ/TW", "08-QĐi/TW", "09-CT/TW", "05-CT/TW", "01-XY/TW"]
        try site.write("content/articles/a.md", article(title: "Bài", date: "2023-05-09", extra: "directives: [\(codes.map { "\"\($0)\"" }.joined(separator: ", "))]\n"))
        try site.build()
        for (page, name, kicker) in [
            ("35-nq-tw", "Nghị quyết 35-NQ/TW", "Nghị quyết"), ("12-qd-tw", "Quy định 12-QĐ/TW", "Quy định"),
            ("08-qdi-tw", "Quy định 08-QĐi/TW", "Quy định"), ("09-ct-tw", "Chỉ Thị 09-CT/TW", "Chỉ Thị"), ("01-xy-tw", "01-XY/TW", "Văn bản"),
        ] {
            let html = try site.read("public/van-ban/\(page)/index.html")
            #expect(html.contains("<title>\(name) – ") && html.contains("<p class=\"kicker\">\(kicker)</p>"), "\(page)")
            #expect(try site.read("public/van-ban/\(page)/feed.xml").contains("<title>\(name) – "), "\(page)")
        }
        let headings = try site.read("public/van-ban/index.html").components(separatedBy: "<h2 class=\"section-title\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(headings == ["Chỉ Thị", "Nghị quyết", "Quy định", "Văn bản khác"])
        let page = try site.read("public/bai-viet/bai/index.html")
        #expect(page.contains("<span class=\"term-tag\">Nghị quyết</span> <strong class=\"term-code\">35-NQ/TW</strong>"))
        #expect(page.contains("<span class=\"term-tag\">Văn bản</span> <strong class=\"term-code\">01-XY/TW</strong>"))
        #expect(try site.read("public/luu-tru/2023/05/ban-in/index.html").contains("<strong>Quy định 12-QĐ/TW</strong>"))
        let record = try #require(try BuiltSearchIndex(site: site.output).records[0])
        #expect(record[5] == "Nghị quyết 35-NQ/TW · Quy định 12-QĐ/TW · Quy định 08-QĐi/TW · Chỉ Thị 09-CT/TW · Chỉ Thị 05-CT/TW · 01-XY/TW")

        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"01-XY/TW\"]\n"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("directives"))
        try site.build()
        #expect(!(try site.read("public/van-ban/index.html")).contains("section-title"))
    }

    /// Of two articles citing only directives no file describes, the page of the one whose
    /// directive has a kind (named by its code) is the one that shows `{{#kind}}`: a link there is
    /// checked before the site is written.
    @Test func aLinkShownForAKindNamedByTheCodeIsChecked() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài một", date: "2023-05-10", extra: "directives: [\"01-XY/TW\"]\n"))
        try site.write("content/articles/b.md", article(title: "Bài hai", date: "2023-05-09", extra: "directives: [\"05-CT/TW\"]\n"))
        let text = try site.read("templates/article.mustache")
        try #require(text.contains("{{#article.directives}}"))
        try site.write("templates/article.mustache", text.replacingOccurrences(
            of: "{{#article.directives}}", with: "{{#article.directives}}{{#kind}}<a href=\"{{root}}loai/\">loại</a>{{/kind}}"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1 && errors.first?.message.contains("links to `../../loai/`") == true, "\(errors)")
    }

    /// A file with errors in its front matter is still checked against the rest of the bulletin:
    /// its slug another article has, its missing photo, its unknown theme year and related
    /// article are told in the same build as its bad date and code, not one build after another.
    @Test func aFileWithErrorsIsCheckedAgainstTheBulletinInTheSameBuild() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        try site.write("content/articles/b.md", """
            ---
            title: "Bài viết"
            date: 2023-02-30
            image: media/khong-co.jpg
            image_alt: Ảnh
            directives: ["bogus"]
            themes: [1999]
            related: [khong-co]
            ---
            Nội dung.

            """)
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        for expected in [
            "content/articles/b.md:3: ", "content/articles/b.md:6: ",
            "content/articles/a.md:4: two articles have the slug `bai-viet`", "content/articles/b.md:2: two articles have the slug `bai-viet`",
            "content/articles/b.md:4: image `media/khong-co.jpg` not found", "content/articles/b.md:7: unknown theme year 1999",
            "content/articles/b.md:8: related article `khong-co` does not exist",
        ] {
            #expect(errors.contains { $0.hasPrefix(expected) }, "\(expected) in \(errors.joined(separator: "\n"))")
        }
    }

    /// A file saved as UTF-16 without its byte-order mark, or as UTF-32, is told so (not as a
    /// legacy Vietnamese encoding, or as having no front matter); `menu` written as one line of
    /// names is told to be a list in brackets, and a category with commas cut into entries of a
    /// list to be quoted.
    @Test func otherEncodingsAndAMenuOnOneLineAreToldWhatTheyAre() throws {
        let site = try TestSite()
        let text = article(title: "Hội nghị sơ kết")
        try site.write("content/articles/le.md", bytes: Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try site.write("content/articles/be.md", bytes: Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        try site.write("content/articles/u32.md", bytes: [0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } })
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file): \($0.message)" }
        #expect(errors.sorted() == [
            "content/articles/be.md: file is saved as UTF-16 (Notepad's \"Unicode\"); save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
            "content/articles/le.md: file is saved as UTF-16 (Notepad's \"Unicode\"); save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
            "content/articles/u32.md: file is saved as UTF-32; save it as UTF-8",
        ], "\(errors)")
        for name in ["le", "be", "u32"] { try site.remove("content/articles/\(name).md") }
        try site.write("content/site.yml", "title: Bản tin\nmenu: Xây dựng Đảng, Dân vận\n")
        try site.write("content/articles/a.md", article(title: "Bài một", extra: "category: Xây dựng Đảng\n"))
        let menu = try site.build().diagnostics.filter { $0.file == "content/site.yml" }.map(\.message)
        #expect(menu == ["menu entry `Xây dựng Đảng, Dân vận` is not the category of any published article; it is left out of the navigation; a list of entries is written in brackets: `menu: [Xây dựng Đảng, Dân vận]`"], "\(menu)")
        // Written as a list already, it is told as an entry no article has, no more.
        try site.write("content/site.yml", "title: Bản tin\nmenu: [\"Xây dựng Đảng, Dân vận\"]\n")
        let listed = try site.build().diagnostics.filter { $0.file == "content/site.yml" }.map(\.message)
        #expect(listed == ["menu entry `Xây dựng Đảng, Dân vận` is not the category of any published article; it is left out of the navigation"], "\(listed)")
        // Commas in one entry none of whose parts is a category: a name of its own, not a list.
        try site.write("content/site.yml", "title: Bản tin\nmenu: Kinh tế, Văn hóa\n")
        let named = try site.build().diagnostics.filter { $0.file == "content/site.yml" }.map(\.message)
        #expect(named == ["menu entry `Kinh tế, Văn hóa` is not the category of any published article; it is left out of the navigation"], "\(named)")
        // A category with commas of its own, unquoted in a list, is cut into entries: each says to quote it.
        try site.write("content/site.yml", "title: Bản tin\nmenu: [Xây dựng Đảng, Phòng, chống tham nhũng, tiêu cực, Dân vận]\n")
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "category: \"Phòng, chống tham nhũng, tiêu cực\"\n"))
        let cut = try site.build().diagnostics.filter { $0.file == "content/site.yml" }.map { "\($0.line):\($0.column): \($0.message)" }
        let quote = "; it is left out of the navigation; a category with commas is written in quotes: `\"Phòng, chống tham nhũng, tiêu cực\"`"
        #expect(cut == [
            "2:23: menu entry `Phòng` is not the category of any published article" + quote,
            "2:30: menu entry `chống tham nhũng` is not the category of any published article" + quote,
            "2:48: menu entry `tiêu cực` is not the category of any published article" + quote,
            "2:58: menu entry `Dân vận` is not the category of any published article; it is left out of the navigation",
        ], "\(cut)")
        // Written on one line, the list it is told to be keeps such a category whole, in quotes.
        try site.write("content/site.yml", "title: Bản tin\nmenu: Xây dựng Đảng, Phòng, chống tham nhũng, tiêu cực\n")
        let oneLine = try site.build().diagnostics.filter { $0.file == "content/site.yml" }.map(\.message)
        #expect(oneLine == ["menu entry `Xây dựng Đảng, Phòng, chống tham nhũng, tiêu cực` is not the category of any published article; it is left out of the navigation; a list of entries is written in brackets: `menu: [Xây dựng Đảng, \"Phòng, chống tham nhũng, tiêu cực\"]`"], "\(oneLine)")
        // Also when every category it names has commas.
        try site.write("content/site.yml", "title: Bản tin\nmenu: Phòng, chống tham nhũng, tiêu cực, Dân vận, dân chủ\n")
        try site.write("content/articles/a.md", article(title: "Bài một", extra: "category: \"Dân vận, dân chủ\"\n"))
        let commas = try site.build().diagnostics.filter { $0.file == "content/site.yml" }.map(\.message)
        #expect(commas.count == 1 && commas[0].hasSuffix("; a list of entries is written in brackets: `menu: [\"Phòng, chống tham nhũng, tiêu cực\", \"Dân vận, dân chủ\"]`"), "\(commas)")
    }

    /// An `image_alt` of a zero-width space alone (pasted to fill the field) or of spaces
    /// shows nothing: an error at its line, as an empty one.
    @Test(arguments: ["\u{200B}", "\u{00A0}\u{200B}\u{2060}"])
    func anImageAltThatShowsNothingIsAnError(alt: String) throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/anh.jpg", width: 64, height: 48)
        try site.write("content/articles/g.md", article(title: "Bài bảy", extra: "image: media/anh.jpg\nimage_alt: \"\(alt)\"\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line):\($0.column) \($0.message)" }
        #expect(errors == ["content/articles/g.md:5:12 `image_alt` shows nothing (its characters show as nothing or as spaces): write a short description of the photo for readers who cannot see it"], "\(errors)")
    }

    /// Each message is at the line of the mistake: a slug two articles share at each one's
    /// `slug:` (saying to change one, when both have one); a field given twice at its second
    /// use, however its colon is spaced; an empty `image_alt` at its own line.
    @Test func eachMistakeIsToldAtItsOwnLine() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài một", extra: "slug: bai-chung\n"))
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "author: Ban biên tập\nslug: bai-chung\n"))
        try site.write("content/articles/c.md", "---\ntitle: \"Bài ba\"\ndate: 2023-05-09\ncategory: Tin\ntitle : \"Tiêu đề khác\"\n---\nNội dung.\n")
        try site.write("content/articles/d.md", article(title: "Bài bốn", extra: "image: media/anh.jpg\nimage_alt: \"\"\n"))
        // One slug written, the other made from its title: the fix is to give one a `slug:`.
        try site.write("content/articles/e.md", article(title: "Bài sáu", extra: "slug: bai-nam\n"))
        try site.write("content/articles/f.md", article(title: "Bài năm"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line):\($0.column) \($0.message)" }
        #expect(errors.sorted() == [
            "content/articles/a.md:4:7 two articles have the slug `bai-chung`: this file and content/articles/b.md; change one of their `slug:`",
            "content/articles/b.md:5:7 two articles have the slug `bai-chung`: this file and content/articles/a.md; change one of their `slug:`",
            "content/articles/c.md:5:1 `title` is given twice; keep one",
            "content/articles/d.md:5:12 `image_alt` is empty: write a short description of the photo for readers who cannot see it",
            "content/articles/e.md:4:7 two articles have the slug `bai-nam`: this file and content/articles/f.md; give one of them `slug:`",
            "content/articles/f.md:2:8 two articles have the slug `bai-nam`: this file and content/articles/e.md; give one of them `slug:`",
        ], "\(errors)")

        // Many with one title (a migrated archive's weekly `Lịch công tác tuần`): each message
        // names three of the others and counts the rest (it named them all, a thousand in each).
        for file in ["a", "b", "c", "d", "e", "f"] { try site.remove("content/articles/\(file).md") }
        for n in 1...6 { try site.write("content/articles/lich-\(n).md", article(title: "Lịch công tác tuần")) }
        let many = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line) \($0.message)" }.sorted()
        #expect(many.count == 6, "\(many)")
        #expect(many.first == "content/articles/lich-1.md:2 6 articles have the slug `lich-cong-tac-tuan`: this file and content/articles/lich-2.md, content/articles/lich-3.md, content/articles/lich-4.md and 2 more; give one of them `slug:`", "\(many)")
        #expect(many.last == "content/articles/lich-6.md:2 6 articles have the slug `lich-cong-tac-tuan`: this file and content/articles/lich-1.md, content/articles/lich-2.md, content/articles/lich-3.md and 2 more; give one of them `slug:`", "\(many)")
    }

    /// Two spellings as many times each: the page takes the newest article's, and the warning
    /// names that one as the page's and is at the other, whichever file comes first by name.
    @Test(arguments: [("Thanh Hóa", "Thanh Hoá"), ("Thanh Hoá", "Thanh Hóa")])
    func aTieBetweenTwoSpellingsGoesToTheNewestInThePageAndTheWarning(older: String, newer: String) throws {
        let site = try TestSite()
        try site.write("content/articles/x1.md", article(title: "Bài cũ", date: "2023-05-01T08:00:00+07:00", extra: "location: \(older)\n"))
        try site.write("content/articles/x2.md", article(title: "Bài mới", date: "2023-05-02T08:00:00+07:00", extra: "location: \(newer)\n"))
        let report = try site.build()
        let warnings = report.diagnostics.filter { $0.message.contains("shares one page") }.map { "\($0.file): \($0.message)" }
        #expect(warnings.count == 1 && warnings[0].hasPrefix("content/articles/x1.md: place `\(older)` shares one page (dia-phuong/thanh-hoa/) with `\(newer)`, as content/articles/x2.md writes it"), "\(warnings)")
        #expect(try site.read("public/dia-phuong/thanh-hoa/index.html").contains("<h1>\(newer)</h1>"))
    }

    @Test func aTitleTooLongForAnAddressIsAnErrorAtItsLine() throws {
        let site = try TestSite()
        let title = String(repeating: "Đảng bộ tỉnh tổ chức hội nghị ", count: 12)
        try site.write("content/articles/a.md", "---\ndate: 2023-05-09\ntitle: \"\(title)\"\n---\nNội dung.\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.file == "content/articles/a.md" && errors.first?.line == 3)
        #expect(errors.first?.message.contains("add a shorter `slug:`, e.g. `slug: dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc`") == true)
        // `bantin new` gives such a title a shorter slug, which names its file too.
        let path = try NewArticleCommand.run(NewArticleRequest(title: title), content: site.content, contentName: "content", now: Date())
        #expect(path.hasSuffix("/dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc.md"))
        #expect(try site.read(path).contains("\nslug: dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc\n"))
        try site.remove("content/articles/a.md")
        try site.build(drafts: true)
        #expect(site.exists("public/bai-viet/dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc-hoi-nghi-dang-bo-tinh-to-chuc/index.html"))
    }

    /// Word's line break (a vertical tab) and other control characters are not valid in HTML:
    /// they are read as spaces, in every field and in the body.
    @Test func controlCharactersPastedFromAWordProcessorBecomeSpaces() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(
            title: "Tựa\u{0B}bài", extra: "slug: tua-bai\nsummary: \"Sapo\u{01}x\u{85}y\"\n", body: "Dòng một\u{0B}dòng hai\u{7F}.\n"))
        try site.build()
        let page = try site.read("public/bai-viet/tua-bai/index.html")
        for control in ["\u{0B}", "\u{01}", "\u{7F}", "\u{85}"] { #expect(!page.contains(control)) }
        #expect(page.contains("Tựa bài") && page.contains("Sapo x y") && page.contains("Dòng một dòng hai ."))
        #expect(try !site.read("public/feed.xml").contains("\u{0B}"))
    }

    /// Noncharacters (U+FFFE, U+FFFF, U+FDD0, U+1FFFE) in a body are spaces too: no XML may hold
    /// them, and a feed with one is refused by every reader. Other characters of those planes
    /// (an emoji) stay.
    @Test func noncharactersInABodyBecomeSpaces() throws {
        let site = try TestSite()
        let non = [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE].map { String(Unicode.Scalar(UInt32($0))!) }
        try site.write("content/articles/a.md", article(title: "Tựa", extra: "slug: tua\n", body: "Thân \(non[0])và\(non[1]) \(non[2])bài \(non[3])cờ 🇻🇳.\n"))
        try site.build(baseURL: "https://example.org/")
        for file in ["public/bai-viet/tua/index.html", "public/feed.xml"] {
            let text = try site.read(file)
            #expect(!text.unicodeScalars.contains { [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE].contains($0.value) }, "\(file)")
        }
        #expect(try site.read("public/bai-viet/tua/index.html").contains("Thân  và   bài  cờ 🇻🇳."))
    }

    /// The same characters written as YAML escapes (`"\u0001"`, `"\x85"`, `"\a"`) in front
    /// matter or in site.yml's `params` are spaces too, not code points HTML forbids.
    @Test func controlCharactersWrittenAsEscapesBecomeSpaces() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản\\ttin\"\nparams:\n  tagline: \"Khẩu\\u0001hiệu\"\n")
        try site.write("content/articles/a.md", article(
            title: "Tựa\\vbài", extra: "slug: tua-bai\nsummary: \"Sapo\\u0001x\\x85y\\az\"\nauthor: \"Tác\\u007Fgiả\"\n", body: "Thân bài.\n"))
        try site.build()
        for file in ["public/bai-viet/tua-bai/index.html", "public/index.html", "public/feed.xml", "public/luu-tru/2023/05/ban-in/index.html"] {
            let text = try site.read(file)
            #expect(!text.unicodeScalars.contains { SourceDecoder.isControl($0) }, "\(file)")
        }
        let page = try site.read("public/bai-viet/tua-bai/index.html")
        #expect(page.contains("Tựa bài") && page.contains("Sapo x y z") && page.contains("Tác giả"), "\(page)")
        #expect(try site.read("public/index.html").contains("Khẩu hiệu"))
    }

    /// A file that becomes a folder of the same name (or the reverse) between two builds: the
    /// rebuild, written over the earlier site, equals a clean build.
    @Test func aFileThatBecomesAFolderAndBackRebuildsAsACleanBuild() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết", extra: "slug: bai-viet\n"))
        try site.write("content/media/tai-lieu", "bản một\n")
        try site.build()
        // Twice: the second rebuild writes over the site the first wrote.
        for _ in 0..<2 {
            try site.remove("content/media/tai-lieu")
            try site.write("content/media/tai-lieu/bien-ban.pdf", "%PDF-1.4\n")
            try site.build()
            try site.remove("content/media/tai-lieu")
            try site.write("content/media/tai-lieu", "bản hai\n")
            try site.build()
        }
        #expect(try site.read("public/media/tai-lieu") == "bản hai\n")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// Messages that say what to do about the usual slips, at the right place.
    @Test func theUsualSlipsGetMessagesThatSayWhatToDo() throws {
        let site = try TestSite()
        try site.write("content/articles/utf16.md", bytes: [0xFF, 0xFE] + Array("---\ntitle: A\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try site.write("content/articles/colon.md", "---\ntitle: Hà Nội: hội nghị\ndate: 2023-05-09\n---\nNội dung.\n")
        try site.write("content/directives/trong.md", "")
        try site.write("content/articles/sap-nguon.md", bytes: [UInt8](repeating: 0, count: 4096))
        try site.write("content/site.yml", "title: Bản tin\nparams:\n  a: 1\n  b: 2\n  a: 3\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        func error(_ file: String) -> Diagnostic? { errors.first { $0.file == "content/" + file } }
        #expect(error("articles/utf16.md")?.message.hasPrefix("file is saved as UTF-16") == true)
        #expect(error("articles/colon.md")?.message.contains("must be quoted, e.g. `title: \"Hà Nội: hội nghị\"`") == true)
        #expect(error("directives/trong.md")?.message.contains("a directive's `code:`") == true)
        #expect(error("articles/sap-nguon.md")?.message.hasPrefix("file holds only zero bytes (4096), as a file being saved when the computer crashed") == true)
        let twice = try #require(error("site.yml"))
        #expect(twice.message.hasPrefix("`a` is given twice") && twice.line == 5 && twice.column == 3, "\(twice)")
        // Told where the key is written again, for site.yml written so.
        func twiceIn(_ yaml: String) throws -> String {
            try site.write("content/site.yml", yaml)
            let told = try #require(site.failingBuild().first { $0.file == "content/site.yml" })
            return "\(told.line):\(told.column) \(told.message.prefix { $0 != ";" })"
        }
        // In braces too, at the second (`images: {widths: [480], quality: 80, widths: [960]}`).
        #expect(try twiceIn("title: Bản tin\nimages: {widths: [480], quality: 80, widths: [960]}\n") == "2:38 `widths` is given twice")
        // Not at a value, a comment or a mapping inside that shows the name with a colon.
        #expect(try twiceIn("title: Bản tin\ndescription: \"Bản tin, title: nội bộ\"\n# ví dụ, title: x\nparams: {title: 1}\ntitle: Lần nữa\n") == "5:1 `title` is given twice")
        // In braces followed by a mapping that has the name in the same column; in single quotes.
        #expect(try twiceIn("title: Bản tin\nparams: {a: 1, a: 2}\nkhac:\n         a: 3\n") == "2:16 `a` is given twice")
        #expect(try twiceIn("'title': Bản tin\ndescription: x\n'title': Lần nữa\n") == "3:1 `title` is given twice")
    }

    /// A front matter with errors does not hide the problems of the body below it: one build
    /// reports them all (a mention of a directive only while `directives` itself reads well).
    @Test func aFrontMatterErrorDoesNotHideTheBodysProblems() throws {
        let site = try TestSite()
        let body = "Xem [bài](khong-co.md), [x](javascript:alert(1)) và ![](../media/khong.jpg).\n\nTheo Kết luận 21-KL/TW.\n"
        try site.write("content/articles/ngay.md", article(title: "Ngày sai", date: "2023-02-31", extra: "directives: [\"01-KL/TW\"]\n", body: body))
        try site.write("content/articles/ma.md", article(title: "Mã sai", extra: "directives: [\"01-KL/TW\", \"KL-21\"]\n", body: body))
        try site.write("content/articles/yaml.md", "---\ntitle: Hà Nội: hội nghị\n---\n" + body)
        // Links between texts with errors, or to itself, are no problems of their own.
        try site.write("content/articles/tu.md", article(title: "Tự trỏ", date: "2023-13-01", body: "[chính nó](tu.md) và [bài kia](ngay.md).\n"))
        let first = site.failingBuild()
        func problems(_ file: String) -> [String] {
            first.filter { $0.file == "content/articles/" + file }.map { "\($0.line):\($0.column) \($0.severity) \($0.message.prefix(28))" }
        }
        let linkProblems = [
            "1:5 error `khong-co.md` does not exist", "1:25 warning unsafe link `javascript:` is",
            "1:53 error `../media/khong.jpg` does no", "1:53 warning image without alt text: writ",
        ]
        let mention = "3:15 warning 21-KL/TW is mentioned but no"
        // The bodies start at line 6 (line 4 in yaml.md).
        func shifted(_ list: [String], by lines: Int) -> [String] {
            list.map { item in
                let line = Int(item.prefix { $0 != ":" })!
                return "\(line + lines)" + item.drop { $0 != ":" }
            }
        }
        // What the catalog's checks say of its sound fields too: its directive has no file.
        #expect(problems("ngay.md") == ["3:7 error `date` is not a valid date: ", "4:14 warning directive 01-KL/TW has no fi"] + shifted(linkProblems + [mention], by: 5), "\(problems("ngay.md"))")
        #expect(problems("ma.md").filter { $0.contains("21-KL/TW is mentioned") }.isEmpty, "a mention checked against a list that did not read well")
        #expect(Array(problems("ma.md").dropFirst()) == shifted(linkProblems, by: 5), "\(problems("ma.md"))")
        #expect(Array(problems("yaml.md").dropFirst()) == shifted(linkProblems, by: 3), "\(problems("yaml.md"))")
        #expect(problems("tu.md").count == 1, "\(problems("tu.md"))")
        #expect(site.failingBuild() == first, "the next build reports the same")
    }

    /// A `#` heading in a body is a second title: a warning at its line, none for `##`, a
    /// `#hashtag` or a `#` comment in fenced code.
    @Test func aSecondTitleInTheBodyIsAWarningAtItsLine() throws {
        let site = try TestSite()
        let body = "Mở đầu #hashtag.\n\n# Tiêu đề thứ hai\n\n## Phần một\n\n```sh\n# chú thích trong mã\n```\n\n   # Thụt lề\n\n````\n```\n# vẫn trong mã\n````\n"
        try site.write("content/articles/a.md", article(title: "Bài", body: body))
        let warnings = try site.build().diagnostics.filter { $0.message.hasPrefix("a `#` heading is a second title") }
        #expect(warnings.map { "\($0.file):\($0.line):\($0.column)" } == ["content/articles/a.md:7:1", "content/articles/a.md:15:4"], "\(warnings)")
        // A body whose only heading is underlined with `===` (no `#` anywhere) has one too.
        try site.write("content/articles/a.md", article(title: "Bài", body: "Mở đầu.\n\nTiêu đề thứ hai\n  ===\n\nĐoạn văn.\n"))
        let underlined = try site.build().diagnostics.filter { $0.message.hasPrefix("a `===` heading is a second title") }
        #expect(underlined.map { "\($0.line):\($0.column)" } == ["8:3"], "\(underlined)")
        // Inside an HTML block, as cmark-gfm reads it (a `<div>` up to a blank line; a
        // `<textarea>` is no block of its own kind to cmark-gfm 0.29), a `#` line is no heading.
        try site.write("content/articles/a.md", article(title: "Bài", body: "<div>\n# trong khối HTML\n</div>\n\n<textarea>\n\n# Tiêu đề sau\n\n<!-- ghi chú\n# trong chú thích\n-->\n"))
        let html = try site.build().diagnostics.filter { $0.message.hasPrefix("a `#` heading is a second title") }
        #expect(html.map { "\($0.line):\($0.column)" } == ["11:1"], "\(html)")
        // After a block fenced on a list item's line, closed as indented as the item's text.
        try site.write("content/articles/a.md", article(title: "Bài", body: "10. ```\n    # mã\n    ```\n\n# Tiêu đề sau\n"))
        let listed = try site.build().diagnostics.filter { $0.message.hasPrefix("a `#` heading is a second title") }
        #expect(listed.map { "\($0.line):\($0.column)" } == ["9:1"], "\(listed)")
    }

    /// A YAML merge key (`<<: *chung`) is not read: it is told as that, not as a misspelt field.
    @Test func aMergeKeyIsToldAsNotRead() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", "---\ntitle: Bài\ndate: 2023-05-20\n<<: {category: Xây dựng Đảng}\n---\nThân bài.\n")
        let warnings = try site.build().diagnostics.filter { $0.file == "content/articles/a.md" }
        #expect(warnings.map { "\($0.line):\($0.column) \($0.message)" } == [
            "4:1 `<<` (YAML's merge of another mapping's fields) is not read here: its fields are ignored; write each field itself",
        ])
    }

    /// A merge that would keep the text out (`<<: *nhap` with `draft: true`, or another
    /// generator's `published: false`), ignored, would publish it: an error at the `<<`.
    /// A merge of other fields stays a warning.
    @Test(arguments: [
        ("chung: &nhap {draft: true}\n<<: *nhap\n", 5, true), ("<<: {Draft: yes, category: Tin}\n", 4, true),
        ("<<: [{category: Tin}, {published: false}]\n", 4, true), ("chung: &c {draft: false}\n<<: *c\n", 5, false),
        // Merged by the mapping merged; and `draft: false` written, which YAML keeps over a merge's.
        ("goc: &goc {draft: true}\nnhap: &nhap {<<: *goc}\n<<: *nhap\n", 6, true), ("draft: false\n<<: {draft: true}\n", 5, false),
    ])
    func aMergeKeyThatWouldKeepTheTextOutIsAnError(merge: String, line: Int, refused: Bool) throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", "---\ntitle: Bài\ndate: 2023-05-20\n" + merge + "---\nThân bài.\n")
        let told = (refused ? site.failingBuild() : try site.build().diagnostics).filter { $0.message.contains("`<<`") }
        #expect(told.map { "\($0.line) \($0.severity)" } == ["\(line) \(refused ? "error" : "warning")"], "\(told)")
        if refused { #expect(told.first?.message.contains("bantin does not read YAML's merges: the text would be published") == true) }
    }

    /// A front matter pasted twice, or an old one left under the new: the second is the body's
    /// start, which Markdown would publish as a rule and a heading of its fields. A warning at
    /// its first line; a body that starts with a rule and text is left alone.
    @Test func aSecondFrontMatterAtTheBodysStartIsAWarning() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", "---\ntitle: \"Bài gốc\"\ndate: 2023-05-20\n---\n\n---\r\ntitle: \"Bài dán nhầm\"\nsummary: \"Nội bộ\"\n---\nThân bài.\n")
        try site.write("content/articles/b.md", "---\ntitle: \"Bài có gạch\"\ndate: 2023-05-21\n---\n---\nGhi chú: bài viết mở đầu bằng một đường kẻ.\n")
        let warnings = try site.build().diagnostics.filter { $0.message.contains("second front matter") }
        #expect(warnings.map { "\($0.file):\($0.line):\($0.column)" } == ["content/articles/a.md:6:1"], "\(warnings)")
        #expect(warnings.first?.message.contains("`title:`") == true)
    }

    /// A date, path, code, flag or name wrapped in Word's curly quotes (`date: “2023-05-09”`, an
    /// item `[“2023”]`, a category) is read without them, with a warning at each; a title's own
    /// quotes are its text.
    @Test func curlyQuotesAroundAValueThatIsNoTextAreReadWithoutThem() throws {
        let site = try TestSite()
        try site.write("content/themes/2023.md", "---\nyear: 2023\n---\nChuyên đề.\n")
        try site.write("content/articles/a.md", "---\ntitle: “Dân vận khéo”\ndate: “2023-05-09”\nthemes: [“2023”]\nslug: ‘dan-van-kheo’\ndraft: “false”\ncategory: “Dân vận”\n---\nThân bài.\n")
        let report = try site.build()
        let told = report.diagnostics.filter { $0.file == "content/articles/a.md" }
        #expect(told.map { "\($0.line):\($0.column) \($0.severity)" } == ["3:7 warning", "4:10 warning", "5:7 warning", "6:8 warning", "7:11 warning"], "\(report.diagnostics)")
        // Its advice is taken as it is: no quotes (straight ones make `draft` text).
        #expect(told[3].message.hasSuffix("read as `false`; write it without quotes"), "\(told[3].message)")
        let page = try site.read("public/bai-viet/dan-van-kheo/index.html")
        #expect(page.contains("“Dân vận khéo”") && page.contains("2023-05-09") && !page.contains("“Dân vận”"))
        #expect(try site.read("public/chuyen-de/2023/index.html").contains("dan-van-kheo"))
    }

    /// A theme year out of the years themes have (1900–2200) is told so, at its item: it is
    /// written as a number already.
    @Test(arguments: [2201, 1875])
    func aThemeYearOutOfRangeIsToldItsRange(year: Int) throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài", date: "2023-05-20", extra: "themes: [2023, \(year)]\n"))
        try site.write("content/themes/2023.md", "---\nyear: 2023\n---\nChuyên đề.\n")
        let told = site.failingBuild().filter { $0.file == "content/articles/a.md" }.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(told == ["4:16 `\(year)` is not a theme year: write a year from 1900 to 2200, e.g. `themes: [2023]`"], "\(told)")
    }

    /// A directive's or theme's page has no draft: `draft: true` (or `published: false`) in its
    /// file, ignored, would leave it published; an error at the key. `draft: false` is only unknown.
    @Test(arguments: [
        ("directives/01-kl-tw.md", "code: 01-KL/TW\ndraft: true\n", true), ("themes/2023.md", "year: 2023\npublished: false\n", true),
        ("directives/01-kl-tw.md", "code: 01-KL/TW\ndraft: false\n", false), ("themes/2023.md", "year: 2023\n<<: {draft: true}\n", true),
        // Misspelt: still meant to keep the page out.
        ("directives/01-kl-tw.md", "code: 01-KL/TW\ndarft: true\n", true),
    ])
    func aDraftOfADirectiveOrThemeIsAnError(file: String, fields: String, refused: Bool) throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài", date: "2023-05-20", extra: file.hasPrefix("themes") ? "themes: [2023]\n" : "directives: [01-KL/TW]\n"))
        try site.write("content/" + file, "---\n" + fields + "---\nMô tả.\n")
        let told = (refused ? site.failingBuild() : try site.build().diagnostics).filter { $0.file == "content/" + file }
        #expect(told.map { "\($0.line) \($0.severity)" } == ["3 \(refused ? "error" : "warning")"], "\(told)")
        if refused { #expect(told.first?.message.contains("a directive's or theme's page has no draft") == true) }
    }

    /// A second front matter that sets `draft` (as its first field, after another generator's
    /// `layout: post` or a comment, in any case, closed or not) would publish the draft: an error
    /// at that line. One whose field comes after others is still told; `draft: false` is only that.
    /// Jekyll's `published: false` keeps a text out as `draft: true` does; a blank line inside
    /// the block (before its closing `---`) and a comment after the value are YAML's. An English
    /// text's first line under a rule (`Source: Reuters`) is no field.
    @Test(arguments: [
        ("draft: true\n---\n", "6:1 error"), ("draft: true\n", "6:1 error"), ("layout: post\n# cũ\nDraft: yes\n---\n", "8:1 error"),
        ("layout: post\nsummary: Nội bộ\n---\n", "5:1 warning"), ("draft: false\n---\n", "5:1 warning"),
        ("layout: post\npublished: false\n---\n", "7:1 error"), ("title: \"Bài\"\n\ndraft: true\n---\n", "8:1 error"),
        ("draft: true # nháp\n---\n", "6:1 error"), ("Source: Reuters\nLocation: Hanoi\n\n", nil),
        // A guide that shows front matter in a code block, under a rule and a paragraph.
        ("\nHướng dẫn viết bài:\n\n```yaml\ntitle: Bài\ndraft: true\n```\n\n---\n", nil),
        // A value going on to a line of its own, an HTML comment first: still the header's; code
        // indented right under the rule is Markdown's.
        ("title: \"Hội nghị\ntổng kết\"\ndraft: true\n---\n", "8:1 error"), ("<!-- cũ -->\ndraft: true\n---\n", "7:1 error"),
        ("    title: Bài\n    draft: true\n", nil),
    ])
    func aDraftInASecondFrontMatterIsAnError(second: String, told: String?) throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\n")
        try site.write("content/articles/a.md", "---\ntitle: Bài\ndate: 2023-05-20\n---\n---\n" + second + "Thân bài.\n")
        let refused = told?.hasSuffix("error") == true
        let found = (refused ? site.failingBuild() : try site.build(strict: told == nil).diagnostics).filter { $0.message.contains("second front matter") }
        #expect(found.map { "\($0.line):\($0.column) \($0.severity)" } == (told.map { [$0] } ?? []), "\(found)")
    }

    /// A field typed under the closing `---` (`draft: true`), or left under a stray `---` that
    /// closed the front matter early, would be published as text and not read: an error at its
    /// line that names the `---` above it. A body that starts with words and a colon is text.
    @Test func aFieldUnderTheClosingDashesIsAnErrorAtItsLine() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", "---\ntitle: \"Bài nháp\"\ndate: 2023-05-20\n---\n\nDraft: true\nThân bài.\n")
        try site.write("content/articles/b.md", "---\ntitle: \"Bài có ảnh\"\ndate: 2023-05-21\n---\nimage: media/anh.jpg\nimage_alt: \"Ảnh\"\n---\nThân bài.\n")
        try site.write("content/articles/c.md", "---\ntitle: \"Bài hỏi đáp\"\ndate: 2023-05-22\n---\nHỏi: chi bộ sinh hoạt thế nào?\n")
        // An English text's first line, a word capitalised as a sentence starts; a line of code.
        try site.write("content/articles/d.md", "---\ntitle: \"Bài dịch\"\ndate: 2023-05-23\n---\nSource: Reuters, 12 May 2023\n")
        try site.write("content/articles/e.md", "---\ntitle: \"Bài dịch hai\"\ndate: 2023-05-24\n---\nTitle: \"The Party and the People\" (excerpt)\n")
        try site.write("content/articles/f.md", "---\ntitle: \"Bài có mã\"\ndate: 2023-05-25\n---\n    draft: true\n")
        try site.write("content/articles/g.md", "---\ntitle: \"Bài có mã hai\"\ndate: 2023-05-25\n---\n\tdraft: true\n")
        // Capitalised, but read as the field: a date of ten characters, `yes` for a draft.
        try site.write("content/articles/h.md", "---\ntitle: \"Bài hẹn ngày\"\ndate: 2023-05-26\n---\nDate: 2023-06-01\nThân bài.\n")
        try site.write("content/articles/i.md", "---\ntitle: \"Bài nháp hai\"\ndate: 2023-05-27\n---\nDraft: yes\nThân bài.\n")
        try site.write("content/articles/j.md", "---\ntitle: \"Bài bàn\"\ndate: 2023-05-28\n---\nDraft: chưa xong, cần bàn thêm\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map { "\($0.file):\($0.line):\($0.column)" } == [
            "content/articles/a.md:6:1", "content/articles/b.md:5:1", "content/articles/h.md:5:1", "content/articles/i.md:5:1",
        ], "\(errors)")
        #expect(errors.first?.message.hasPrefix("`Draft:` is a field of the front matter, but it is under the `---` of line 4") == true, "\(errors)")
        #expect(errors.dropFirst().first?.message.hasPrefix("`image:` is a field of the front matter, but it is under the `---` of line 4") == true, "\(errors)")
        #expect(!site.exists("public/index.html"))
    }

    /// A heading more than one level below the one before it (the title first) skips a level:
    /// a warning at it; fenced code and a closing `##` are no headings of their own.
    @Test func aHeadingThatSkipsALevelIsAWarningAtItsLine() throws {
        let site = try TestSite()
        let body = "### Mở đầu\n\n## Phần một\n\n#### Chi tiết\n\n```\n#### trong mã\n```\n\n## Phần hai ##\n\n### Đúng\n"
        try site.write("content/articles/a.md", article(title: "Bài", body: body))
        let warnings = try site.build().diagnostics.filter { $0.message.contains("skips a level") }
        #expect(warnings.map { "\($0.line): \($0.message)" } == [
            "5: a `###` heading right after the title skips a level, which screen readers move through: write `##`",
            "9: a `####` heading after a level-2 heading skips a level, which screen readers move through: write `###`",
        ], "\(warnings)")
        // A heading underlined with `---` is one; code, HTML blocks and code inline are none.
        let others = "Phần một\n--------\n\n### Ba\n\n```\n```js\n#### trong mã\n```\n\n<!--\n#### ghi chú\n-->\n\n<pre>\n#### sẵn\n</pre>\n\n``` mã ``` trong dòng\n\n##### Năm\n"
        try site.write("content/articles/a.md", article(title: "Bài", body: others))
        let more = try site.build().diagnostics.filter { $0.message.contains("skips a level") }.map { "\($0.line)" }
        #expect(more == ["25"], "only `#####` after `###`: \(more)")
        // In a quote or a list item a `#` heading is one all the same; a thematic break is none.
        try site.write("content/articles/a.md", article(title: "Bài", body: "> #### Điều 1\n\n- - -\n\n1. # Một\n\n* > ## Hai\n"))
        let contained = try site.build().diagnostics.filter { $0.file == "content/articles/a.md" }.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(contained == [
            "5:3 a `####` heading right after the title skips a level, which screen readers move through: write `##`",
            "9:4 a `#` heading is a second title on the article's page, whose title is the only one: write `##` for a section (`###` below it)",
        ], "\(contained)")
        // Code and HTML in a quote are no headings; a number other than 1 after a paragraph's
        // line starts no list; a quote's text four spaces in and a list item after a tab are.
        let more2 = "> ```sh\n> # tải bản cập nhật\n> ```\n\n> <div>\n> # x\n> </div>\n\nKết quả xếp hạng năm\n2023. # 1 toàn tỉnh\n\n>    # Trong trích dẫn\n\n-\t# Trong danh sách\n"
        try site.write("content/articles/a.md", article(title: "Bài", body: more2))
        let quoted = try site.build().diagnostics.filter { $0.file == "content/articles/a.md" && $0.message.contains("heading") }.map { "\($0.line):\($0.column)" }
        #expect(quoted == ["16:6", "18:3"], "\(quoted)")
        // A table whose header row is empty (pasted from Word): its columns have no names.
        let tables = "| | |\n|---|:--:|\n| 1 | Chi bộ |\n\n| STT | Đơn vị |\n| --- | --- |\n| | |\n\n```\n| | |\n|---|---|\n```\n"
        try site.write("content/articles/a.md", article(title: "Bài", body: tables))
        let headers = try site.build().diagnostics.filter { $0.file == "content/articles/a.md" }.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(headers == ["5:1 a table's first row, its header, is empty: a screen reader names each column by it; write the columns' names there (`| STT | Đơn vị | Ghi chú |`)"], "\(headers)")
        // A directive's and a theme's texts are read so too, on their own pages.
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"01-KL/TW\"]\nthemes: [2023]\n"))
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\n---\n# Toàn văn\n\nNội dung.\n")
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: Chuyên đề\n---\n### Mục một\n")
        let described = try site.build().diagnostics.filter { $0.message.contains("heading") }.map { "\($0.file):\($0.line) \($0.message)" }
        #expect(described.sorted() == [
            "content/directives/01-kl-tw.md:4 a `#` heading is a second title on the directive's page, whose title is the only one: write `##` for a section (`###` below it)",
            "content/themes/2023.md:5 a `###` heading right after the title skips a level, which screen readers move through: write `##`",
        ], "\(described)")
    }

    /// `TƯ` (Trung ương) typed for `TW` is `TW`, in front matter, bodies and directive files:
    /// never the `TU` of a provincial committee (Tỉnh ủy), whose page it shared.
    @Test func aCodeTypedWithTƯIsTheCentralCodeNeverAProvincialOne() throws {
        let site = try TestSite()
        try site.write("content/directives/12-nq-tu.md", "---\ncode: 12-NQ/TU\nkind: Nghị quyết\ntitle: Nghị quyết của Tỉnh ủy về chuyển đổi số\n---\n")
        try site.write("content/directives/12-nq-tw.md", "---\ncode: 12-NQ/TW\nkind: Nghị quyết\ntitle: Nghị quyết của Trung ương\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"12-NQ/TƯ\", \"05-CT/TW\"]\n", body: "Thực hiện Chỉ thị 05-CT/TƯ và Nghị quyết 12-NQ/TƯ của Trung ương.\n"))
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.file == "content/articles/a.md" && ($0.message.contains("TƯ") || $0.message.contains("12-")) }, "listed as TW: \(report.diagnostics)")
        let page = try site.read("public/bai-viet/bai/index.html")
        #expect(page.contains("van-ban/12-nq-tw/index.html\">12-NQ/TƯ</a>") && page.contains("van-ban/05-ct-tw/index.html\">05-CT/TƯ</a>"), "mentions link to the central pages")
        #expect(!page.contains("12-nq-tu"))
        #expect(try site.read("public/van-ban/12-nq-tw/index.html").contains("bai-viet/bai/index.html"))
        #expect(!(try site.read("public/van-ban/12-nq-tu/index.html")).contains("bai-viet/bai/index.html"), "the Tỉnh ủy's page does not list it")
        // Not listed at all: the advice is the code as codes are written.
        try site.write("content/articles/b.md", article(title: "Bài hai", body: "Theo Kết luận 21-KL/TƯ của Bộ Chính trị.\n"))
        let unlisted = try site.build().diagnostics.filter { $0.file == "content/articles/b.md" }.map(\.message)
        #expect(unlisted == ["21-KL/TƯ is mentioned but not listed in `directives`; codes are written with TW: write it 21-KL/TW here and add \"21-KL/TW\" to directives (`directives: [\"21-KL/TW\"]`)"], "\(unlisted)")
        #expect(try NewArticleCommand.check(NewArticleRequest(title: "Bài ba", directives: ["21-KL/TƯ", "35-nq/tw", "12-nq/tư"])).directives.map(\.text) == ["21-KL/TW", "35-NQ/TW", "12-NQ/TW"])
        #expect(DirectiveCode("12-nq/tư")?.text == "12-NQ/TW" && DirectiveCode("12-NQ/Tư")?.slug.value == "12-nq-tw", "typed in lower case, shown as codes are")
        // A directive file written with `TƯ` and named so is the central code's, and told the name.
        try site.write("content/directives/01-kl-tu.md", "---\ncode: 01-KL/TƯ\nkind: Kết luận\ntitle: Về học tập\n---\nx\n")
        let file = try site.build().diagnostics.filter { $0.file == "content/directives/01-kl-tu.md" }.map(\.message)
        #expect(file == ["`code` is read as 01-KL/TW: `TƯ` (Trung ương) is written TW in codes, and `TU` is a provincial committee's (Tỉnh ủy); rename the file 01-kl-tw.md"], "\(file)")
        #expect(site.exists("public/van-ban/01-kl-tw/index.html") && !site.exists("public/van-ban/01-kl-tu/index.html"))
        let path = try NewArticleCommand.run(NewArticleRequest(title: "Bài bốn", directives: ["01-KL/TƯ", "21-KL/TƯ"]), content: site.content, contentName: "content", now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try site.read(path).contains("directives: [\"01-KL/TW\", \"21-KL/TW\"]"))
    }

    /// A code's number with or without its leading zero (`1-KL/TW`, `01-KL/TW`, `001-KL/TW`) is
    /// one document, with one page.
    @Test func aCodesNumberWithOrWithoutItsLeadingZeroIsOneDocument() throws {
        let site = try TestSite()
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\nkind: Kết luận\ntitle: Về học tập\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài một", extra: "directives: [\"01-KL/TW\"]\n", body: "Theo Kết luận số 1-KL/TW của Bộ Chính trị.\n"))
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "directives: [\"1-KL/TW\", \"005-CT/TW\"]\n", body: "Theo Chỉ thị 5-CT/TW.\n"))
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.message.contains("1-KL/TW") || $0.message.contains("5-CT/TW is mentioned") }, "\(report.diagnostics)")
        let page = try site.read("public/van-ban/01-kl-tw/index.html")
        #expect(page.contains("bai-viet/bai-mot/index.html") && page.contains("bai-viet/bai-hai/index.html"))
        #expect(!site.exists("public/van-ban/1-kl-tw/index.html") && site.exists("public/van-ban/05-ct-tw/index.html") && !site.exists("public/van-ban/005-ct-tw/index.html"))
        #expect(try site.read("public/bai-viet/bai-mot/index.html").contains("van-ban/01-kl-tw/index.html\">1-KL/TW</a>"), "the mention links to its page")
        #expect(DirectiveCode("144-QĐ/TW")?.slug.value == "144-qd-tw" && DirectiveCode("0144-QĐ/TW")?.slug.value == "144-qd-tw")
        // A file named as its code is written, without the zero, is no copy of another code's.
        try site.write("content/directives/5-ct-tw.md", "---\ncode: 5-CT/TW\nkind: Chỉ thị\ntitle: Về đẩy mạnh học tập\n---\n")
        #expect(!(try site.build().diagnostics.contains { $0.file == "content/directives/5-ct-tw.md" }))
        try site.remove("content/directives/5-ct-tw.md")
        // A code with no file is spelt as most articles citing it spell it, whatever the files' names.
        for (file, code) in [("a-truoc", "08-QĐI/TW"), ("c", "08-QĐi/TW"), ("d", "08-QĐi/TW"), ("e", "05-CT/TW"), ("f", "05-CT/TW")] {
            try site.write("content/articles/\(file).md", article(title: "Bài \(file)", extra: "directives: [\"\(code)\"]\n"))
        }
        try site.build()
        let list = try site.read("public/van-ban/index.html")
        #expect(list.contains("08-QĐi/TW") && !list.contains("08-QĐI/TW"), "most write 08-QĐi/TW")
        #expect(list.contains(">05-CT/TW<") && !list.contains("005-CT/TW"), "two write 05-CT/TW, one (b) 005-CT/TW")
    }

    /// Notes or a draft saved beside an article are published like any file: a warning says so
    /// for a file under articles/ that no text links to (an attachment linked is no warning).
    @Test func aFileBesideTheArticlesThatNothingLinksIsAWarning() throws {
        let site = try TestSite()
        try site.write("content/articles/2026/12/ghi-chu.txt", "ý chính: …\n")
        try site.write("content/articles/2026/12/chuong-trinh.pdf", "%PDF-1.4\n")
        try site.write("content/articles/2026/12/a.md", article(title: "Bài", body: "[Chương trình](chuong-trinh.pdf)\n"))
        let report = try site.build()
        let warned = report.diagnostics.filter { $0.message.contains("though no article links to it") }
        #expect(warned.map(\.file) == ["content/articles/2026/12/ghi-chu.txt"], "\(report.diagnostics)")
        #expect(warned.first?.message == "published as articles/2026/12/ghi-chu.txt, though no article links to it; if it is notes or a draft, keep it outside content/")
    }

    /// HTML written in a body is left out of the page (cmark's safe default): the editor is told
    /// once per article, at the first tag. With `unsafe_html` it is published, but for the tags
    /// GFM's filter shows as text (`<iframe>`), still told. Comments, closing tags and HTML
    /// inside code are no tags to warn of.
    @Test func htmlWrittenInAnArticleThatThePageDoesNotShowIsAWarning() throws {
        let site = try TestSite()
        let body = "Mở đầu.\n\n<!-- ghi chú của biên tập -->\n\n`<b>` trong mã.\n\n```\n<table>\n```\n\nChữ <b>đậm</b> và <B>nữa</B>.\n\nXem   <iframe src=\"https://video.example/x\"></iframe>\n"
        try site.write("content/articles/a.md", article(title: "Bài có HTML", body: body))
        try site.write("content/articles/b.md", article(title: "Bài chỉ có ghi chú", body: "Nội dung.\n\n<!-- bỏ đoạn này -->\n"))
        func warned(_ report: BuildReport) -> [String] {
            report.diagnostics.filter { $0.message.hasPrefix("HTML written in the article") }.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
        }
        let left = warned(try site.build())
        #expect(left.count == 1 && left[0].hasPrefix("content/articles/a.md:15:5: HTML written in the article (`<b>`, `<iframe>`; 3 in all, the first here) is left out of its page: "), "\(left)")
        #expect(try !site.read("public/bai-viet/bai-co-html/index.html").contains("<b>"))

        try site.write("content/site.yml", "title: Bản tin\nunsafe_html: true\n")
        let filtered = warned(try site.build())
        #expect(filtered.count == 1 && filtered[0].hasPrefix("content/articles/a.md:17:7: HTML written in the article (`<iframe>`) is shown on its page as text: "), "\(filtered)")
        let page = try site.read("public/bai-viet/bai-co-html/index.html")
        #expect(page.contains("<b>đậm</b>") && page.contains("&lt;iframe"))
    }

    /// The warning for a footnote `[^label]` without note, at `place` (`line:column`).
    private static func noNote(_ label: String, at place: String) -> String {
        "\(place): footnote `[^\(label)]` has no note, so it is shown as written: add a line `[^\(label)]: …` (usually at the end of the article)"
    }

    /// The warning for a note `[^label]:` no footnote names, at `place` (`line:column`).
    private static func unusedNote(_ label: String, at place: String) -> String {
        "\(place): note `[^\(label)]:` is left out of the page: no `[^\(label)]` in the text refers to it"
    }

    /// The same, the site publishing HTML written in its texts (`unsafe_html`) or not: the article's diagnostics.
    private static func build(_ site: TestSite, withArticleBody body: String, unsafeHTML: Bool) throws -> [String] {
        try site.write("content/site.yml", "title: Bản tin\n" + (unsafeHTML ? "unsafe_html: true\n" : ""))
        return try build(site, withArticleBody: body).1
    }

    /// Builds `site` with one article, `a.md`, whose body is `body`: the report, and the
    /// article's diagnostics as `line:column: message`.
    private static func build(_ site: TestSite, withArticleBody body: String) throws -> (BuildReport, [String]) {
        try site.write("content/articles/a.md", article(title: "Bài", body: body))
        let report = try site.build()
        return (report, report.diagnostics.filter { $0.file == "content/articles/a.md" }.map { "\($0.line):\($0.column): \($0.message)" })
    }

    /// With `unsafe_html`, an `<img>` written in HTML is told as a Markdown image is: without
    /// `alt` (its attribute missing, in any case), or with a file's name for it. `alt=""` (a picture
    /// that only decorates), `alt` written bare, an `aria-label` or `role="presentation"` and other
    /// tags' are none; without `unsafe_html`
    /// the HTML is left out, and only that is told.
    @Test func anImageInHTMLWithoutAltIsAWarning() throws {
        let site = try TestSite()
        let body = """
            Hội nghị sơ kết.

            <img src="https://example.com/a.png">

            <p><IMG SRC="https://example.com/b.png" ALT='IMG_2034.JPG'> và <img alt="Quang cảnh" src="https://example.com/c.png"></p>

            <img src="https://example.com/d.png" alt=""> <img alt src="https://example.com/e.png"> <video src="https://example.com/f.mp4"></video>

            <img src="https://example.com/g.png" aria-label="Sơ đồ tổ chức"> <img src="https://example.com/h.png" role="presentation">

            """
        let told = try Self.build(site, withArticleBody: body, unsafeHTML: true).filter { $0.contains("`<img>`") }
        let write = "write what it shows (`alt=\"Quang cảnh hội nghị\"`), or `alt=\"\"` for a picture that only decorates"
        #expect(told == [
            "7:1: `<img>` in HTML written in the article has no `alt`: a screen reader reads out its address, or nothing of what it shows; \(write)",
            "9:4: `<img>` in HTML written in the article has a file's name for its `alt` (`IMG_2034.JPG`), which a screen reader reads out as it is: \(write)",
        ], "\(told)")
        #expect(try Self.build(site, withArticleBody: body, unsafeHTML: false).filter { $0.contains("`<img>`") && $0.contains("alt") }.isEmpty)
    }

    /// With `unsafe_html`, HTML written in the article that runs a script in readers' browsers
    /// (a `javascript:` address, an `on…` attribute) is published as written, with a warning at its
    /// tag; `data-on…` and `one=` are no script.
    @Test func scriptInHTMLWrittenInTheArticleIsAWarning() throws {
        let site = try TestSite()
        let body = """
            <a href="javascript:alert(2)">js</a> <img src="https://example.com/a.png" onerror="alert(1)" alt="x">

            <div onClick="x()" data-on="1" one="2">a</div> <a href=" VBScript:msgbox(1)">v</a>

            """
        // (The image from another site is told as such: `anImageFromAnotherSiteInHTMLIsWarnedAsInMarkdown`.)
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true).filter { !$0.contains("image from another site") }
        #expect(warned == [
            "5:1: unsafe link `javascript:` in HTML written in the article (`<a>`) is published as written: it runs in the reader's browser (from Markdown it would be shown as text); link to a web page instead",
            "5:38: `onerror` in HTML written in the article (`<img>`) is published as written: it runs a script in the reader's browser; take it out",
            "7:1: `onclick` in HTML written in the article (`<div>`) is published as written: it runs a script in the reader's browser; take it out",
            "7:48: unsafe link `vbscript:` in HTML written in the article (`<a>`) is published as written: it runs in the reader's browser (from Markdown it would be shown as text); link to a web page instead",
        ], "\(warned)")
    }

    /// Script hidden from a reading of tags that is not the browser's is found all the same: a
    /// tag inside quotes after `</noscript>` (which the browser, reading a `<noscript>`'s content
    /// as text, takes as its end), in a paragraph or a block; an SVG link's `xlink:href`; an
    /// address an SVG animation sets. After a `<textarea>`, which is published as text, a tag is
    /// a tag; inside quotes after its `</textarea>`, a value.
    @Test func scriptHiddenFromAReadingOfTagsIsAWarning() throws {
        let site = try TestSite()
        let body = """
            Mở <noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript> đầu.

            <div><noscript><b title="</NOSCRIPT><svg onload=alert(2)>"></b></noscript></div>

            <svg><a xlink:href="javascript:alert(3)"><text>a</text></a><a><animate attributeName="href" values="#a;javascript:alert(4)"/></a></svg>

            <p><textarea><img src=y onerror=alert(5)><b title="</textarea><i onclick=x()>"></b></textarea> <set to="5" /></p>

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true).filter {
            !$0.contains("neither checks it") && !$0.contains("shown on its page as text") && !$0.contains("has no `alt`")
        }
        #expect(warned == [
            "5:35: `onerror` in HTML written in the article (`<img>`) is published as written: it runs a script in the reader's browser; take it out",
            "7:37: `onload` in HTML written in the article (`<svg>`) is published as written: it runs a script in the reader's browser; take it out",
            "9:6: unsafe link `javascript:` in HTML written in the article (`<a>`) is published as written: it runs in the reader's browser (from Markdown it would be shown as text); link to a web page instead",
            "9:63: unsafe link `javascript:` in HTML written in the article (`<animate>`) is published as written: it runs in the reader's browser (from Markdown it would be shown as text); link to a web page instead",
            "11:14: `onerror` in HTML written in the article (`<img>`) is published as written: it runs a script in the reader's browser; take it out",
        ], "\(warned)")
    }

    /// A picture written into the text as its address (`data:image/jpeg;base64,…`, what some
    /// editors paste) would be published as it is, metadata and all, in every page, feed and
    /// print edition that shows the text: an error at its place, as an image or a link in
    /// Markdown and in HTML the site publishes. An SVG with one written in is published with a
    /// warning at its line. In HTML, a picture is found wherever it is written (a comment, a
    /// style's `url(…)`, after a line break in an attribute); words about one are none. A
    /// `data:text/html` link is still only unsafe (shown as text).
    @Test func aPictureWrittenIntoTheTextIsAnError() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\nunsafe_html: true\n")
        let body = """
            Ảnh dán: ![Hội nghị](data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==)

            [Xem ảnh]( DATA:image/png;base64,iVBORw0KGgo=) và [trang](data:text/html,x).

            <p><img src="data:image/webp;base64,UklGRg==" alt="Ảnh"></p>

            <!-- ![Ảnh cũ](data:image/jpeg;base64,/9j/4AAQ) -->

            <div style="background-image:url(data:image/png;base64,iVBORw0KGgo=)">Nền <img alt="x" src="
            data:image/gif;base64,R0lGODlh"></div>

            """
        try site.write("content/articles/a.md", article(title: "Bài", body: body))
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<rect width=\"4\" height=\"4\"/>\n"
        try site.write("content/media/so-do.svg", svg + "<image xlink:href=\"data:image/jpeg;base64,/9j/4AAQ\" width=\"4\" height=\"4\"/>\n</svg>\n")
        try site.write("content/media/hinh.svg", svg + "<!-- the data:image/png was removed; data:image/svg+xml;utf8, is not a photo -->\n</svg>\n")
        let told = site.failingBuild().map { "\($0.severity) \($0.file):\($0.line):\($0.column) \($0.message.prefix(70))" }
        #expect(told == [
            "error content/articles/a.md:5:10 a picture written into the text (`data:image/jpeg…`, as some editors p",
            "error content/articles/a.md:7:1 a picture written into the text (`DATA:image/png…`, as some editors pa",
            "warning content/articles/a.md:7:51 unsafe link `data:` is not allowed: its text is shown without a link",
            "error content/articles/a.md:9:14 a picture written into the text (`data:image/webp…`, as some editors p",
            "error content/articles/a.md:11:16 a picture written into the text (`data:image/jpeg…`, as some editors p",
            "error content/articles/a.md:13:34 a picture written into the text (`data:image/png…`, as some editors pa",
            "error content/articles/a.md:14:1 a picture written into the text (`data:image/gif…`, as some editors pa",
            "warning content/media/so-do.svg:3:0 this file holds a picture written into it (`data:image/jpeg`), publish",
        ], "\(told)")
        try site.write("content/articles/a.md", article(title: "Bài", body: "Ảnh: ![Sơ đồ](../media/hinh.svg)\n"))
        try site.remove("content/media/so-do.svg")
        #expect(try site.build().diagnostics.isEmpty)
    }

    /// A `<noscript>`'s content is read both ways, as browsers with and without scripts read it:
    /// a photo in it by a path is told as anywhere else; one never closed hides the rest of the
    /// page from browsers that run scripts, and is told at its tag.
    @Test func aNoscriptIsReadAsBrowsersWithAndWithoutScriptsReadIt() throws {
        let site = try TestSite()
        let body = """
            <noscript><img src="../media/ban-do.jpg" alt="Bản đồ"></noscript>

            Xem bản đồ <noscript>(cần bật JavaScript)

            Đoạn cuối.

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true)
        #expect(warned.count == 2, "\(warned)")
        #expect(warned.first?.hasPrefix("5:11: `../media/ban-do.jpg` in HTML written in the article (`<img>`) is published as written") == true, "\(warned)")
        #expect(warned.last?.hasPrefix("7:12: `<noscript>` in HTML written in the article is not closed: a browser that runs scripts reads all the page after it as its content") == true, "\(warned)")
    }

    /// A migrated post's shortcodes (WordPress's, Joomla's) are shown as written: one warning at
    /// the first, with their count; a link's text that starts like one is none.
    @Test func shortcodesOfAnOldSiteAreAWarningAtTheFirst() throws {
        let site = try TestSite()
        let body = """
            Xem [video clip](https://example.com/v) và [gallery](https://example.com/g).

            Ảnh: [caption id="attachment_12" align="aligncenter"]![Hội nghị](https://example.com/a.jpg) Hội nghị[/caption]

            [embed]https://www.youtube.com/watch?v=abc[/embed] {youtube}abc{/youtube}

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: false).filter { $0.contains("shortcode") }
        #expect(warned.count == 1 && warned[0].hasPrefix("7:6: `[caption…` is a shortcode of the site this text was copied from (3 in all, the first here), which Markdown shows as written"), "\(warned)")
        // Reference links' labels and definitions, and code, are none.
        let links = "Xem [toàn cảnh hội nghị][video] và [video].\n\nMã `[gallery ids=\"1,2\"]` và:\n\n```\n[embed]https://x[/embed]\n```\n\n    [caption id=\"1\"]Ảnh[/caption]\n\n[video]: https://example.com/v\n"
        #expect(try Self.build(site, withArticleBody: links, unsafeHTML: false).filter { $0.contains("shortcode") } == [])
    }

    /// What other tools write that Markdown shows as written, from a migration (Hugo's shortcodes,
    /// Jekyll's Liquid, any WordPress shortcode with attributes or a closing, pandoc's attributes,
    /// grid tables, divs and citations from Word): one warning for each kind at its first, with
    /// how many, each pair of an opening and its closing counted once; a Liquid tag in a link's
    /// address is told as Liquid, not as an address with a space. Text and code that only look
    /// alike are none.
    @Test func markupOfOtherToolsIsAWarningForEachKind() throws {
        let site = try TestSite()
        let body = """
            Đoạn mở đầu.

            {{< figure src="anh.jpg" title="Hội nghị" >}} và {{% notice %}}Ghi chú{{% /notice %}}

            Xem [bài trước]({% post_url 2021-03-01-bai-truoc %}) và {{ site.baseurl }}/lien-he/.

            [table id=3 /] [button link="https://example.com/nq.pdf"]Tải về[/button] [tabs]A[/tabs]

            Đây là [chữ gạch chân]{.underline} và ![Sơ đồ](https://example.com/a.png){width="6.5in"}.

            ## Mục một {#muc-1 .unnumbered}

            +--------+--------+
            | Đơn vị | Kết quả|
            +========+========+
            | Chi bộ | Tốt    |
            +--------+--------+

            ::: {custom-style="Body Text"}
            Đoạn trong khối.
            :::

            Như đã nêu [@nguyen2020, tr. 5].

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: false).filter { !$0.contains("image from another site") }
            .sorted { Int($0.prefix { $0 != ":" })! < Int($1.prefix { $0 != ":" })! }
        let expected = [
            "7:1: `{{< figure…` is a Hugo shortcode (2 in all, the first here), which Markdown shows as written",
            "9:17: `{% post_url…` is Jekyll's Liquid (2 in all, the first here), which bantin does not run",
            "11:1: `[table…` is a shortcode of the site this text was copied from (3 in all, the first here)",
            "13:23: `{.underline}` is an attribute list of pandoc's (a text converted from Word) (3 in all, the first here)",
            "17:1: `+--------+---` begins a grid table of pandoc's",
            "23:1: `::: {custom-style=\"Body Text\"}` opens a div of pandoc's (a style from Word), which",
            "27:12: `[@nguyen2020, tr. 5]` is a citation of pandoc's, which Markdown shows as written",
        ]
        #expect(warned.count == expected.count && zip(warned, expected).allSatisfy { $0.hasPrefix($1) }, "\(warned)")
        #expect(!warned.contains { $0.contains("has a space") }, "\(warned)")
        // Words in brackets or braces, task lists, a list of `+`, a table of `|`, and code are none.
        let alike = """
            Xem [thêm ở đây] và [x] hay [a] {a, b} {.} [@] [xem trang](https://example.com "Trang").

            - [x] Việc đã làm
            + Mục một

            | Đơn vị | Kết quả |
            | --- | --- |
            | Chi bộ | Tốt |

            Mã `{{< figure >}}` và `{% raw %}`:

            ```
            {{ site.baseurl }} [table id=3 /] [@x]
            +---+---+
            :::
            ```

                {% include a.html %}

            Xem [@thongtanxa](https://example.com/thongtanxa), mã ``{{ title }}`` và [xem https://baochinhphu.vn/] hay [Video].

            <!-- bản cũ: {{< figure src="a.jpg" >}} -->

            ````
            ```
            {{ site.baseurl }}
            ```
            ````

            > ```
            > {% raw %}
            > ```

            - ```
              # không phải tiêu đề
              {{< figure src="x" >}}
              ```

            - a
              - b

                ```
                {{< figure src="x" >}}
                ```

            - ```
            \t{{< figure src="x" >}}
            \t```

            - ```bash
            \tcd content
              # tạo bài mới
              ```

            -\t```
            \t{{< figure src="x" >}}
            \t```

            [video]: https://example.com/v

            """
        #expect(try Self.build(site, withArticleBody: alike, unsafeHTML: false) == [])
        // Liquid with whitespace control, a shortcode in a list item's indented line, and one
        // whose attributes go on to the next line, told at its opening.
        let more = "Đoạn.\n\n- Mục một\n    {%- include footer.html -%}\n\n[caption id=\"1\"\nalign=\"center\"]Ảnh[/caption]\n"
        let told = try Self.build(site, withArticleBody: more, unsafeHTML: false).map { $0.prefix { $0 != "…" } }
        #expect(told.sorted() == ["10:1: `[caption", "8:5: `{% include"], "\(told)")
        // Backticks with a backtick after them on their line open no code block (CommonMark):
        // what follows is shown, and told.
        let notAFence = "Đoạn.\n\n``` mã`lạ\n\n{{< figure src=\"a.jpg\" >}}\n"
        let shown = try Self.build(site, withArticleBody: notAFence, unsafeHTML: false).map { $0.prefix { $0 != "…" } }
        #expect(shown == ["9:1: `{{< figure"], "\(shown)")
        // A block fenced on a list item's line ends with its fence, indented as the item's text,
        // or with the item: what follows is read (and told).
        let listFence = "10. ```\n    git pull\n    ```\n\nXem {{< youtube a >}}\n\n- ```\n  mã\n\nCòn {{% notice %}}\n"
        let after = try Self.build(site, withArticleBody: listFence, unsafeHTML: false)
        #expect(after.count == 1 && after[0].hasPrefix("9:5: `{{< youtube…` is a Hugo shortcode (2 in all, the first here)"), "\(after)")
        // In a quote, a tab after its `>` counts from the line's start: here it ends the item.
        let quoted = try Self.build(site, withArticleBody: "> -  ```\n>\t{{< youtube a >}}\n", unsafeHTML: false)
        #expect(quoted.count == 1 && quoted[0].hasPrefix("6:"), "\(quoted)")
    }

    /// A migrated post written all in HTML would be published empty: without `unsafe_html`, an
    /// error, not the warning HTML among Markdown gets.
    @Test func aBodyThatIsAllHTMLIsAnErrorWithoutUnsafeHTML() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\n")
        try site.write("content/articles/a.md", article(title: "Bài", body: "<p>Hội nghị đã diễn ra.</p>\n\n<div class=\"wp\"><p>Đoạn hai.</p></div>\n"))
        let told = site.failingBuild().filter { $0.file == "content/articles/a.md" }
        #expect(told.count == 1 && told[0].severity == .error && told[0].message.contains("and it is all the text has: its page would be empty"), "\(told)")
        // A photo written in HTML alone is left out too: the page would be as empty.
        try site.write("content/articles/a.md", article(title: "Bài", body: "<p><img src=\"https://example.com/hoi-nghi.jpg\" alt=\"Hội nghị\"></p>\n"))
        #expect(site.failingBuild().contains { $0.file == "content/articles/a.md" && $0.severity == .error && $0.message.contains("its page would be empty") })
        // Text besides, a photo besides, or HTML that shows nothing: a warning.
        for body in ["Đoạn đầu.\n\n<p>Hội nghị đã diễn ra.</p>\n", "![](https://example.com/anh.jpg)\n<br>\n", "<p>&nbsp;</p>\n"] {
            try site.write("content/articles/a.md", article(title: "Bài", body: body))
            #expect(try site.build().diagnostics.contains { $0.file == "content/articles/a.md" && $0.severity == .warning && $0.message.hasPrefix("HTML written in the article") }, "\(body)")
        }
    }

    /// With `unsafe_html`, a page's head element saved into the article with a web page (`<base>`,
    /// a `<meta>` refresh) is a warning at its tag, and `bantin check` names it in the page.
    @Test func aBaseOrMetaRefreshWrittenInTheArticleIsAWarningAndFailsCheck() throws {
        let site = try TestSite()
        let body = """
            <base href="http://evil.example/">

            Đoạn.

            <meta http-equiv="refresh" content="1;url=https://example.com/">

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true)
        #expect(warned.count == 2 && warned[0].hasPrefix("5:1: `<base>` in HTML written in the article (`<base>`) is published as written: it makes every relative link")
            && warned[1].hasPrefix("9:1: `<meta>` in HTML written in the article (`<meta>`) is published as written"), "\(warned)")
        // Words in a text are no element; a stub kept to redirect an old address (no `<main>`) is meant to.
        try site.write("content/articles/b.md", article(title: "Bảo mật", date: "2023-04-01", body: "Thẻ `<meta http-equiv=refresh content=\"0\">` và `<base href=\"x\">` chuyển trang.\n"))
        try site.write("content/tin-cu/123.html", "<!doctype html><meta http-equiv=\"refresh\" content=\"0;url=../bai-viet/bai/index.html\"><title>Chuyển trang</title>\n")
        // Where a stub sends the reader is checked as a link.
        try site.write("content/tin-cu/124.html", "<!doctype html><meta http-equiv=\"Refresh\" content=\"0; URL=../bai-viet/bai-khong-co/index.html\"><title>Chuyển trang</title>\n")
        try site.build()
        // On the article's page and in its month's print edition.
        let broken = LinkChecker.check(folder: site.output).broken
        #expect(Set(broken.map { "\($0.page) \($0.target)" }) == Set(["bai-viet/bai/index.html", "luu-tru/2023/05/ban-in/index.html"].flatMap { ["\($0) <base>", "\($0) <meta http-equiv=\"refresh\">"] }
            + ["tin-cu/124.html ../bai-viet/bai-khong-co/index.html"]), "\(broken)")
    }

    /// A script address written with character references (`java&#x73;cript:`), or in a form's
    /// `action` or an object's `data`, is read as the browser reads it: a warning too.
    @Test func scriptAddressesHiddenInReferencesOrOtherAttributesAreWarnings() throws {
        let site = try TestSite()
        let body = """
            <a href="java&#x73;cript:alert(1)">a</a>

            <form action="javascript:alert(2)"><button>b</button></form>

            <object data="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;"></object>

            <a href="java&#115cript:alert(4)">b</a> <a href="java&#x0000000073;cript:alert(5)">c</a>

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true).filter { $0.contains("unsafe link") }
        #expect(warned.map { String($0.prefix(30)) } == [
            "5:1: unsafe link `javascript:`", "7:1: unsafe link `javascript:`", "9:1: unsafe link `data:` in HT",
            "11:1: unsafe link `javascript:", "11:41: unsafe link `javascript",
        ], "\(warned)")
    }

    /// With `unsafe_html`, an address in HTML written in the article that bantin would resolve
    /// in Markdown (another article's file, a photo beside it) is published as written, so it
    /// breaks: a warning at its HTML, quoted values holding `>` read whole. Addresses on other
    /// sites and anchors in the page are fine; without `unsafe_html` the HTML is not published.
    @Test func anAddressInHTMLWrittenInTheArticleIsAWarning() throws {
        let site = try TestSite()
        let body = """
            <p>Xem <a href="khac.md">bài khác</a>, <a href="https://example.com/x">trang ngoài</a>, <a href='#muc'>mục</a> và <img alt="ảnh > đẹp" src=../media/anh.jpg>.</p>

            Đoạn <A HREF = khac.md>x</a> văn, <a href="?q=1">tìm</a> <a href=" ">trống</a>.

            - <div>
              <img src="https://example.com/a.jpg" srcset="a.jpg 1x, b.jpg 2x"> <video poster=p.jpg></video>
              </div>

            """
        // (The image from another site is told as such: `anImageFromAnotherSiteInHTMLIsWarnedAsInMarkdown`;
        // its missing `alt` too: `anImageInHTMLWithoutAltIsAWarning`.)
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true).filter { !$0.contains("image from another site") && !$0.contains("has no `alt`") }
        #expect(warned.map { String($0.prefix { $0 != "(" }) } == [
            "5:8: `khac.md` in HTML written in the article ", "5:115: `../media/anh.jpg` in HTML written in the article ",
            "7:6: `khac.md` in HTML written in the article ",
            "10:3: `a.jpg` in HTML written in the article ", "10:3: `b.jpg` in HTML written in the article ", "10:69: `p.jpg` in HTML written in the article ",
        ], "\(warned)")
        #expect(warned[1].hasSuffix("(`<img>`) is published as written: bantin neither checks it nor makes it lead to the page or file it names, as it does for Markdown; write it in Markdown (`![mô tả](../media/anh.jpg)`)"), "\(warned)")
        // A file that is no picture is suggested as a link: as an image, Markdown refuses it.
        let pdf = try Self.build(site, withArticleBody: "<img src=\"../media/ke-hoach.pdf\" alt=\"Kế hoạch\">\n", unsafeHTML: true)
        #expect(pdf.count == 1 && pdf[0].hasSuffix("write it in Markdown (`[chữ](../media/ke-hoach.pdf)`)"), "\(pdf)")
        // A directive's description is read the same way.
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\n---\nXem <a href=\"../articles/a.md\">bài</a>.\n")
        let described = try site.build().diagnostics.filter { $0.file == "content/directives/01-kl-tw.md" }.map { "\($0.line):\($0.column): \($0.message)" }
        #expect(described.count == 1 && described[0].hasPrefix("4:5: `../articles/a.md` in HTML written in the description (`<a>`) is published as written"), "\(described)")
        let without = try Self.build(site, withArticleBody: body, unsafeHTML: false)
        #expect(without.count == 1 && without[0].contains("is left out of its page"), "\(without)")
        // A quote inside a value without quotes is part of it, as a browser reads it: the tag
        // ends at its `>`, and the next tag is read (its address was lost in the first's).
        let quoted = try Self.build(site, withArticleBody: "<p><a title=a\"b href=khac.md>a</a> và <img src=\"../media/anh.jpg\" alt=\"\"></p>\n", unsafeHTML: true)
        #expect(quoted.map { String($0.prefix { $0 != "(" }) } == [
            "5:4: `khac.md` in HTML written in the article ", "5:39: `../media/anh.jpg` in HTML written in the article ",
        ], "\(quoted)")
    }

    /// A block is looked at whole: a video's `<iframe>` inside a `<div>` (shown as text even
    /// with `unsafe_html`, told at its line), and the text of a block that opens with a comment
    /// (left out with it).
    @Test func htmlInsideABlockIsLookedAtWhole() throws {
        let site = try TestSite()
        let body = "Mở đầu.\n\n<div class=\"video\">\n<iframe src=\"https://video.example/x\"></iframe>\n</div>\n\n<!-- ghi chú --> Đoạn văn bị mất.\n"
        let published = try Self.build(site, withArticleBody: body, unsafeHTML: true)
        // Told at the `<iframe>` itself, on the block's second line.
        #expect(published.count == 1 && published[0].hasPrefix("8:1: HTML written in the article (`<iframe>`) is shown on its page as text"), "\(published)")
        let left = try Self.build(site, withArticleBody: body, unsafeHTML: false)
        #expect(left.count == 1 && left[0].hasPrefix("7:1: HTML written in the article (`<div>`, `<iframe>`, the text of an HTML block; 3 in all, the first here) is left out of its page: write"), "\(left)")
    }

    /// Footnotes cmark-gfm cannot pair lose what the editor meant without a word: a `[^9]` with
    /// no note is shown as written, a note no footnote names is left out of the page. Both are
    /// warned at their place; footnotes in code are not. An image from another site is warned too.
    @Test func aFootnoteWithoutNoteANoteWithoutFootnoteAndABorrowedImageAreWarnings() throws {
        let site = try TestSite()
        let body = """
            Có chú thích[^1] và [^9] và *nhấn [^x]*.

            `[^c]` trong mã không tính.

            ```
            [^k]: trong khối mã
            ```

            Đoạn văn
            [^3]: Ghi chú ba không dùng.

            ![](https://example.com/anh.jpg) và ![Ảnh](//cdn.example.com/b.png) và [liên kết](https://example.com).

            Cú pháp là \\[^1] hoặc [^2\\]. A[^8] b[^8], Điều 5[^7]: quy định.

            [^1]: Ghi chú một.
            [^1]: Ghi chú một lần nữa.
            """
        let (report, warned) = try Self.build(site, withArticleBody: body)
        #expect(warned == [
            Self.noNote("9", at: "5:21"),
            Self.noNote("x", at: "5:35"),
            Self.noNote("8", at: "18:31"),
            Self.noNote("8", at: "18:37"),
            Self.noNote("7", at: "18:49"),
            Self.unusedNote("3", at: "14:1"),
            "21:1: note `[^1]:` is left out of the page: an earlier note has its label, and only that one is shown; give this one a label of its own",
            "16:1: image from another site (https://example.com/anh.jpg): every reader's browser fetches it from there, and it is gone when that site moves it or is out of reach; save it under content/media/ and link to it there, with what it shows between the brackets",
            "16:37: image from another site (//cdn.example.com/b.png): every reader's browser fetches it from there, and it is gone when that site moves it or is out of reach; save it under content/media/ and link to it there",
        ], "\(report.diagnostics)")
        // What the warnings say of the page.
        let page = try site.read("public/bai-viet/bai/index.html")
        #expect(page.contains("[^9]") && page.contains("Ghi chú một") && !page.contains("Ghi chú ba"))
    }

    /// An image by the full address of the bulletin's own site (`base_url`, by any scheme) is
    /// not from another site: it is told so, with what it costs (not shown from disk), and
    /// checked as a link by that address is: one the site does not have is an error, in Markdown
    /// and in HTML. A host that only begins like the site's is another site.
    @Test func anImageOnTheSitesOwnAddressIsToldAsSuch() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\nbase_url: \"https://bantin.example.vn/\"\n")
        try PhotoTests.photo(site, "content/media/a.jpg", width: 64, height: 48)
        try PhotoTests.photo(site, "content/b.jpg", width: 64, height: 48)
        let body = "![Ảnh](http://Bantin.example.vn/media/a.jpg) ![Ảnh](//bantin.example.vn/b.jpg) ![Ảnh](https://bantin.example.vn.khac.com/c.jpg)\n"
        let (_, warned) = try Self.build(site, withArticleBody: body)
        let own = "image on this bulletin's own site by its full address"
        let starts = ["5:1: " + own, "5:46: " + own, "5:80: image from another site (https://bantin.example.vn.khac.com/c.jpg)"]
        #expect(warned.count == 3 && zip(warned, starts).allSatisfy { $0.hasPrefix($1) }, "\(warned)")
        #expect(warned.first?.hasSuffix("(http://Bantin.example.vn/media/a.jpg): it does not show when the site is opened from disk or before it is published; save it under content/media/ and link to it there") == true, "\(warned)")
        // One the site does not have, in Markdown or in HTML: an error, as `bantin check` would reject it.
        try site.write("content/site.yml", "title: Bản tin\nbase_url: \"https://bantin.example.vn/\"\nunsafe_html: true\n")
        try site.write("content/articles/a.md", article(title: "Bài", body: "![Ảnh](https://bantin.example.vn/media/khong-co.jpg)\n\n<p><img src=\"https://bantin.example.vn/media/khong-co-2.jpg\" alt=\"Ảnh\"></p>\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.line):\($0.column): \($0.message.prefix(60))" }
        #expect(errors == [
            "5:1: `https://bantin.example.vn/media/khong-co.jpg` is an address", "7:4: `https://bantin.example.vn/media/khong-co-2.jpg` is an addre",
        ], "\(errors)")
        try PhotoTests.photo(site, "content/media/khong-co.jpg", width: 64, height: 48)
        try PhotoTests.photo(site, "content/media/khong-co-2.jpg", width: 64, height: 48)
        #expect(try site.build().diagnostics.allSatisfy { $0.severity == .warning })
        try site.write("content/articles/a.md", article(title: "Bài", body: body))
        // The address `--base-url` gives is the site's own too, over `site.yml`'s.
        try site.write("content/site.yml", "title: Bản tin\n")
        let report = try site.build(baseURL: "https://bantin.example.vn/")
        let byOption = report.diagnostics.filter { $0.file == "content/articles/a.md" }.map { "\($0.line):\($0.column): \($0.message)" }
        #expect(byOption == warned, "\(byOption)")
    }

    /// With `unsafe_html`, an image from another site in HTML written in the article (a migrated
    /// post's `<img src>`, each of its `srcset`) is warned as one in Markdown is; a link to another
    /// site, a video or a sound is no image; without `unsafe_html` the HTML is not published.
    @Test func anImageFromAnotherSiteInHTMLIsWarnedAsInMarkdown() throws {
        let site = try TestSite()
        let body = """
            <figure><img src="https://old.example.vn/wp-content/uploads/a.jpg" srcset="https://old.example.vn/a-300.jpg 300w" alt="Ảnh"></figure>

            <p><a href="https://example.com/trang">Trang</a> <video src="//cdn.example.com/v.mp4" controls></video> <audio src="https://example.com/a.mp3"></audio></p>

            Đoạn văn của bài.

            """
        let warned = try Self.build(site, withArticleBody: body, unsafeHTML: true).filter { $0.contains("image from another site") }.map { $0.prefix { $0 != ")" } }
        #expect(warned == [
            "5:9: image from another site (https://old.example.vn/wp-content/uploads/a.jpg", "5:9: image from another site (https://old.example.vn/a-300.jpg",
        ], "\(warned)")
        #expect(try Self.build(site, withArticleBody: body, unsafeHTML: false).filter { $0.contains("image from another site") } == [])
    }

    /// A note no footnote names is left out of the page in a quote or a list item too (nested
    /// too); a line that only looks like a note inside a paragraph (indented four spaces, so no
    /// block starts there) is shown as written, and told as a footnote without note instead.
    @Test func aNoteWithoutFootnoteInAQuoteOrAListItemIsAWarning() throws {
        let site = try TestSite()
        let body = "Có chú thích[^1].\n\n> Trích dẫn.\n>\n> [^2]: Ghi chú trong trích dẫn.\n\n- Mục một\n\n  [^3]: Ghi chú trong mục.\n1. [^4]: Mục là ghi chú.\n\n> - Mục trong trích dẫn\n>   [^5]: Ghi chú sâu.\n\nĐoạn văn\n    [^6]: Dòng của đoạn văn.\n\n[^1]: Ghi chú một.\n"
        let (_, warned) = try Self.build(site, withArticleBody: body)
        #expect(warned == [
            Self.noNote("6", at: "20:5"),
            Self.unusedNote("2", at: "9:3"),
            Self.unusedNote("3", at: "13:3"),
            Self.unusedNote("4", at: "14:4"),
            Self.unusedNote("5", at: "17:5"),
        ], "\(warned)")
        let page = try site.read("public/bai-viet/bai/index.html")
        #expect(page.contains("Ghi chú một") && page.contains("[^6]: Dòng của đoạn văn") && !page.contains("Ghi chú sâu"))
    }

    /// A footnote without a note in a heading or a link's text is shown as written there too.
    @Test func aFootnoteWithoutNoteInAHeadingOrALinksTextIsAWarning() throws {
        let site = try TestSite()
        let (_, warned) = try Self.build(site, withArticleBody: "## Tiêu đề[^9]\n\nXem [văn bản[^8]](https://example.com) và [^1].\n\n[^1]: Có ghi chú.\n")
        #expect(warned.map { String($0.prefix(while: { $0 != " " })) } == ["5:11:", "7:13:"], "\(warned)")
        #expect(warned.allSatisfy { $0.contains("has no note, so it is shown as written") }, "\(warned)")
    }

    /// Places on one line are counted in characters each from the line's start, also when they
    /// are counted on from the one before (decomposed letters and an emoji between them), as the
    /// file is saved (its decomposed `ộ` is two characters there).
    @Test func footnotesWithoutNotesOnOneLineAreToldAtTheirColumns() throws {
        let site = try TestSite()
        let (_, warned) = try Self.build(site, withArticleBody: "Đảng[^a] bô\u{0323}[^b] 👍🏽 x[^a] và [^c]\nDòng hai[^a]\n")
        #expect(warned.map { String($0.prefix(while: { $0 != " " })) } == ["5:5:", "5:13:", "5:21:", "5:29:", "6:9:"], "\(warned)")
    }

    /// A footnote's label with a space makes no footnote: the reference and its note are both
    /// shown as written. Each is told, with a label to write instead.
    @Test func aFootnoteLabelWithASpaceIsToldALabelWithout() throws {
        let site = try TestSite()
        let (_, warned) = try Self.build(site, withArticleBody: "Theo nghị quyết[^ghi chú 1].\n\n[^ghi chú 1]: Nghị quyết số 4.\n")
        #expect(warned == [
            "5:16: `[^ghi chú 1]` is shown as written: a footnote's label has no spaces; write `[^ghi-chu-1]`, here and in its note",
            "7:1: `[^ghi chú 1]` is shown as written: a footnote's label has no spaces; write `[^ghi-chu-1]`, here and in its note",
        ])
    }

    /// A table whose line of dashes has another number of columns than its headers is no table
    /// for GFM: its rows show as one paragraph of `|`s. Told at the dashes, with the line to
    /// write; a sound table, escaped pipes and tables in code are not.
    @Test func aTableWhoseDashesDoNotMatchItsHeadersIsAWarning() throws {
        let site = try TestSite()
        let body = "Bảng:\n\n| a | b |\n|---|\n| 1 | 2 |\n\n| x | y |\n| :-- | --: |\n| 1 | 2 |\n\nBa cột\na | b \\| c | d\n--- | ---\n1 | 2 | 3\n\n```\n| a | b |\n|---|\n```\n\n- | a | b | c |\n  |---|---|\n\n> | a | b | c |\n> |---|---|\n"
        let (report, warned) = try Self.build(site, withArticleBody: body)
        #expect(warned == [
            "8:1: this table is shown as text: its line of dashes has 1 column for 2 headers above it; write as many as there are headers (`|---|---|`, with any `:` of alignment), and a `|` inside a cell as `\\|`",
            "17:1: this table is shown as text: its line of dashes has 2 columns for 3 headers above it; write as many as there are headers (`|---|---|---|`, with any `:` of alignment), and a `|` inside a cell as `\\|`",
            "26:3: this table is shown as text: its line of dashes has 2 columns for 3 headers above it; write as many as there are headers (`|---|---|---|`, with any `:` of alignment), and a `|` inside a cell as `\\|`",
            "29:3: this table is shown as text: its line of dashes has 2 columns for 3 headers above it; write as many as there are headers (`|---|---|---|`, with any `:` of alignment), and a `|` inside a cell as `\\|`",
        ], "\(report.diagnostics)")
        let page = try site.read("public/bai-viet/bai/index.html")
        #expect(page.components(separatedBy: "<table").count == 2, "the sound table only")
    }

    /// Codes typed all in lower case are shown as codes are written; a code with a capital is kept.
    @Test func aCodeTypedInLowerCaseIsShownInCapitals() throws {
        let site = try TestSite()
        try site.write("content/directives/35-nq-tw.md", "---\ncode: 35-nq/tw\ntitle: Nghị quyết về bảo vệ nền tảng tư tưởng của Đảng\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"35-nq/tw\", \"08-QĐi/TW\"]\n"))
        try site.build()
        let page = try site.read("public/van-ban/35-nq-tw/index.html")
        #expect(page.contains("35-NQ/TW") && !page.contains("35-nq/tw"))
        #expect(try site.read("public/bai-viet/bai/index.html").contains("08-QĐi/TW"))
    }

    /// A directive or theme file copied and not changed enough: the copy is the one refused (not
    /// the file named after the code), and a theme's year must be its file's name.
    @Test func aCopiedDirectiveOrThemeFileIsTheOneBlamed() throws {
        let site = try TestSite()
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\ntitle: Chỉ thị về đẩy mạnh học tập và làm theo Bác\n---\n")
        try site.write("content/directives/05-ct-tw-ban-sao.md", "---\ncode: 05-CT/TW\ntitle: Bản sao\n---\n")
        try site.write("content/themes/2025.md", "---\nyear: 2024\ntitle: Chuyên đề năm 2024\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"05-CT/TW\"]\n", body: "Xem [chỉ thị](../directives/05-ct-tw.md).\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(errors == [
            "content/directives/05-ct-tw-ban-sao.md:1: directive 05-CT/TW is already described in content/directives/05-ct-tw.md: keep one of the two files (move what this one adds into it)",
            "content/themes/2025.md:2: `year` is 2024, but the file is named after 2025: a theme's file is named after its year; fix `year` or rename the file 2024.md",
        ], "\(errors)")
    }

    /// A directive file named after another code (copied, its `code` not changed) is a warning at
    /// its code, and an article citing the code of its name is not told to add the file that is
    /// there; an article citing a theme whose file has errors is not told there is no file. A
    /// directive file with a name of its own (`ket-luan-ve-dan-van.md`, a code then words) is no copy.
    @Test func aTermFileNamedAfterAnotherCodeOrWithErrorsIsNamedAsItIs() throws {
        let site = try TestSite()
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 05-CT/TW\ntitle: Chỉ thị\n---\n")
        try site.write("content/directives/ket-luan-ve-dan-van.md", "---\ncode: 21-KL/TW\ntitle: Kết luận\n---\n")
        try site.write("content/directives/35-nq-tw-bao-ve-nen-tang-tu-tuong.md", "---\ncode: 35-NQ/TW\ntitle: Nghị quyết\n---\n")
        try site.write("content/directives/2016-chi-thi-bo-chinh-tri.md", "---\ncode: 06-CT/TW\ntitle: Chỉ thị\n---\n")
        try site.write("content/directives/2017-chi-thi.md", "---\ncode: 07-CT/TW\ntitle: Chỉ thị\n---\n")
        try site.write("content/directives/36-nq-tw-moi.md", "---\ncode: 36-NQ/TW\ntitle: Nghị quyết\n---\n")
        // Named with the number as its other spelling writes it: one document, no copy.
        try site.write("content/directives/1-nq-tw.md", "---\ncode: 01-NQ/TW\ntitle: Nghị quyết\n---\n")
        try site.write("content/directives/02-nq-tw.md", "---\ncode: 2-NQ/TW\ntitle: Nghị quyết\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"01-KL/TW\", \"21-KL/TW\"]\n"))
        let report = try site.build()
        let told = report.diagnostics.filter { !$0.file.hasSuffix("site.yml") }.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
        #expect(told.sorted() == [
            "content/articles/a.md:4:14: directive 01-KL/TW has no file; its page is made from the code alone (content/directives/01-kl-tw.md describes another code or has errors (told there))",
            "content/directives/01-kl-tw.md:2:7: `code` is 05-CT/TW, but the file is named after another code (01-kl-tw): copied from it, and its code not changed? Fix `code`, or rename the file 05-ct-tw.md",
        ], "\(told)")

        try site.write("content/themes/2026.md", "---\nyear: 2025\ntitle: Chuyên đề\n---\n")
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "themes: [2026]\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(errors.contains("content/articles/b.md:4: unknown theme year 2026: content/themes/2026.md could not be read (its errors are told there)"), "\(errors)")
    }

    /// `year: 0` written in a theme file is no year (an absent `year` reads as 0 too, and is told
    /// as missing): it was published as "Năm 0".
    @Test func aThemeOfYearZeroIsAnError() throws {
        let site = try TestSite()
        try site.write("content/themes/x.md", "---\nyear: 0\ntitle: Chuyên đề\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(errors == ["content/themes/x.md:2: `year` must be a whole number from 1900 to 2200"], "\(errors)")
    }

    /// A copy with a mistake of its own is told both: its mistake and that its code is described
    /// already, in one build.
    @Test func aCopiedDirectiveFileWithAnErrorIsToldBothInOneBuild() throws {
        let site = try TestSite()
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\ntitle: Chỉ thị về đẩy mạnh học tập và làm theo Bác\n---\n")
        try site.write("content/directives/x.md", "---\ncode: 05-CT/TW\ntitle: Bản sao\nissued: 2023-13-01\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài", extra: "directives: [\"05-CT/TW\"]\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/directives/x.md:4: ") && $0.contains("issued") }, "\(errors)")
        #expect(errors.contains("content/directives/x.md:1: directive 05-CT/TW is already described in content/directives/05-ct-tw.md: keep one of the two files (move what this one adds into it)"), "\(errors)")
    }

    /// `image:` written from the article's folder, as a body's links are: the message gives the path to write.
    @Test func anImageWrittenFromTheArticlesFolderIsToldThePathFromContent() throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/2026/so-do.png", width: 64, height: 48)
        try site.write("content/articles/2026/12/a.md", article(title: "Bài", extra: "image: ../../../media/2026/so-do.png\nimage_alt: Sơ đồ\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors == ["image `../../../media/2026/so-do.png` must be a path inside content/, like `media/2023/anh.jpg`: `image` is written from content/, not from the article's folder as a body's links are; write `media/2026/so-do.png`"], "\(errors)")
        // Too few `..` from the article's folder: the path told is the photo's, never one that
        // does not exist (`articles/2026/media/2026/so-do.png`).
        try site.write("content/articles/2026/12/a.md", article(title: "Bài", extra: "image: ../media/2026/so-do.png\nimage_alt: Sơ đồ\n"))
        let fewer = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(fewer == ["image `../media/2026/so-do.png` must be a path inside content/, like `media/2023/anh.jpg`: write `media/2026/so-do.png`, its path from content/"], "\(fewer)")
    }

    /// `./media/anh.jpg` or `media/../media/anh.jpg` is inside content/, but not plainly: the
    /// message says so and gives the path to write.
    @Test(arguments: ["./media/2026/so-do.png", "media/../media/2026/so-do.png", "media/2026/./so-do.png"])
    func anImagePathWithDotPartsIsToldThePlainPath(written: String) throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/2026/so-do.png", width: 64, height: 48)
        try site.write("content/articles/2026/12/a.md", article(title: "Bài", extra: "image: \(written)\nimage_alt: Sơ đồ\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors == ["image `\(written)` must be a path inside content/, like `media/2023/anh.jpg`: write it without `.` or `..` parts, `media/2026/so-do.png`"], "\(errors)")
    }

    /// A photo's path written in another case than its file's, or with Windows's `\`, is told
    /// the path to write.
    @Test func anImagePathInAnotherCaseOrWithBackslashesIsToldThePath() throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/IMG_1234.JPG", width: 64, height: 48)
        try site.write("content/articles/2026/12/a.md", article(title: "Bài a", extra: "image: media/img_1234.jpg\nimage_alt: Ảnh\n"))
        try site.write("content/articles/2026/12/b.md", article(title: "Bài b", extra: "image: \"media\\\\IMG_1234.JPG\"\nimage_alt: Ảnh\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file): \($0.message)" }
        #expect(errors.contains { $0.hasPrefix("content/articles/2026/12/a.md: image `media/img_1234.jpg` not found") && $0.hasSuffix("; did you mean `media/IMG_1234.JPG`? (names are told apart by case)") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/articles/2026/12/b.md: image `media\\IMG_1234.JPG`") && $0.contains("write `/` between folders, `media/IMG_1234.JPG`") }, "\(errors)")

        // More files in other cases: the first by name is named (it was any of them, by the order
        // of a set, which changes from one run to the next).
        for name in ["Img_1234.jpg", "iMG_1234.Jpg", "img_1234.JPG"] { try PhotoTests.photo(site, "content/media/\(name)", width: 64, height: 48) }
        let cased = site.failingBuild().filter { $0.file.hasSuffix("a.md") }.map(\.message)
        #expect(cased.count == 1 && cased[0].hasSuffix("; did you mean `media/IMG_1234.JPG`? (names are told apart by case)"), "\(cased)")
    }

    /// A photo's address on another site is told to be saved under content/, not given a
    /// "plain path" made of its address (`https:/example.org/a.jpg`).
    @Test(arguments: ["https://example.org/a.jpg", "//example.org/a.jpg"])
    func anImageOnAnotherSiteIsToldToBeSavedUnderContent(written: String) throws {
        let site = try TestSite()
        try site.write("content/articles/2026/12/a.md", article(title: "Bài", extra: "image: \(written)\nimage_alt: Ảnh\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors == ["image `\(written)` must be a path inside content/, like `media/2023/anh.jpg`: a photo on another site is not published from there; save it under content/ (`media/2023/anh.jpg`) and write that path"], "\(errors)")
    }

    @Test func aPhotoFromContentsRootAndFieldsThatShowNothingAreSaidSo() throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/anh.jpg", width: 320, height: 240)
        try site.write("content/articles/a.md", article(
            title: "Bài một", extra: "slug: bai-mot\nimage: /media/anh.jpg\nimage_alt: Ảnh\nrelated: [bai-mot, bai-hai]\n"))
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "slug: bai-hai\nimage_caption: Chú thích không có ảnh\n"))
        let report = try site.build()
        #expect(try site.read("public/bai-viet/bai-mot/index.html").contains("../../media/anh.jpg"))
        let warnings = report.diagnostics.filter { $0.severity == .warning }.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(warnings.contains("content/articles/b.md:5: `image_caption` is shown only with a photo: add `image:` (the photo's path under content/), or remove it"), "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("content/articles/a.md:7: `bai-mot` is this article itself") }, "\(warnings)")
    }

    /// Two photos that make files of the same name, and a file where bantin writes an asset:
    /// each error names what it would overwrite.
    @Test func aFileThatWouldOverwriteAnotherNamesIt() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết"))
        try PhotoTests.photo(site, "content/media/anh.jpg", width: 640, height: 480)
        try PhotoTests.photo(site, "content/media/anh.png", width: 640, height: 480)
        try site.write("content/assets/style.css", "body {}\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.contains { $0.file == "content/media/anh.png" && $0.message.hasPrefix("this photo's media/anh-480.webp would overwrite what content/media/anh.jpg makes (its media/anh-480.webp); rename one of them") }, "\(errors)")
        #expect(errors.contains { $0.file == "content/assets/style.css" && $0.message == "this file would overwrite the page or asset bantin writes at assets/style.css; rename it" }, "\(errors)")
        #expect(errors.filter { $0.file == "content/media/anh.png" }.count == 1, "one error for the two photos, not one per width: \(errors)")
    }

    /// A file of content/ named like a folder bantin writes (`van-ban`, where the directives'
    /// pages go), or inside a file it writes (`404.html/`) or in the search index's folder: an
    /// error naming the file, on a rebuild as on a first build, and the site is left as it was.
    @Test func aFileWhereBantinWritesAFolderNamesIt() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài viết", extra: "directives: [\"05-CT/TW\"]\n"))
        try site.build()
        let before = try site.read("public/van-ban/05-ct-tw/index.html")
        try site.write("content/van-ban", "x\n")
        try site.write("content/bai-viet/bai-viet", "x\n")
        try site.write("content/404.html/a.txt", "x\n")
        try site.write("content/tim-kiem/chi-muc/bai/0.js", "x\n")
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file): \($0.message)" }
        #expect(errors.contains("content/van-ban: this file would stand where bantin writes the folder van-ban/ (its pages and files); rename it"), "\(errors)")
        #expect(errors.contains("content/bai-viet/bai-viet: this file would stand where bantin writes the folder bai-viet/bai-viet/ (its pages and files); rename it"), "\(errors)")
        #expect(errors.contains("content/404.html/a.txt: this file would be inside 404.html, which is a page or file bantin writes; rename it"), "\(errors)")
        #expect(errors.contains("content/tim-kiem/chi-muc/bai/0.js: this file would be inside tim-kiem/chi-muc/, the folder of the search index bantin writes; rename it"), "\(errors)")
        #expect(errors.count == 4, "\(errors)")
        #expect(try site.read("public/van-ban/05-ct-tw/index.html") == before, "the site is left as it was")
    }

    /// A heading's id never takes an id the page's template uses for itself (`main_content`,
    /// `related_heading`: template ids hold `_`, which heading ids never do).
    @Test func aHeadingNeverTakesAnIDOfThePage() throws {
        let site = try TestSite()
        let body = ["Main", "Main content", "Related heading", "Terms heading", "Xem thêm"].map { "## \($0)\n\nĐoạn.\n" }.joined(separator: "\n")
        try site.write("content/articles/a.md", article(title: "Bài một", extra: "slug: bai-mot\n", body: body))
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "slug: bai-hai\n"))
        try site.build()
        let page = try site.read("public/bai-viet/bai-mot/index.html")
        let ids = LinkChecker.attributeValues(in: page, names: ["id"])
        #expect(ids.contains("main") && ids.contains("main_content") && ids.contains("related_heading"))
        #expect(Set(ids).count == ids.count, "repeated ids: \(ids)")
    }
}
