import Foundation
import Testing

@testable import BantinKit

/// The slug grammar of the spec, checked independently of `Slug.isValid`.
private func matchesSlugGrammar(_ text: String) -> Bool {
    (try? #/[a-z0-9]+(-[a-z0-9]+)*/#.wholeMatch(in: text)) != nil
        && text.unicodeScalars.allSatisfy { $0.isASCII }
}

/// Slugs protect URLs: lower-case ASCII, diacritics removed, `đ` → `d`,
/// every other run of non-alphanumerics one hyphen, none at the ends.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Học và làm theo Bác: Tiền Giang nhân rộng điển hình tiên tiến", "hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien"),
        ("Đảng bộ Đồng Tháp", "dang-bo-dong-thap"),
        ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
        ("01-KL/TW", "01-kl-tw"),
        ("144-QĐ/TW", "144-qd-tw"),
        ("05-CT/TW", "05-ct-tw"),
        ("Chuyên đề năm 2023", "chuyen-de-nam-2023"),
        ("ươ ỳ Ặ", "uo-y-a"),
        ("  --Tin mới!!!  ", "tin-moi"),
        ("...Hà Nội: A, B & C?", "ha-noi-a-b-c"),
        ("Quyết định…số 5 — “mới”", "quyet-dinh-so-5-moi"),
        ("Tin 🇻🇳 mới 🎉", "tin-moi"),
        ("Họp chi bộ qua Zalo và Zoom", "hop-chi-bo-qua-zalo-va-zoom"), ("ABCXYZ", "abcxyz"),
        ("a\t\n\r b", "a-b"),
        ("Ｈà Ｎội ２０２３", "ha-noi-2023"), ("Đại hội ﬁnal: ﬂash ﬀ", "dai-hoi-final-flash-ff"),
        // A soft hyphen, a zero-width space or joiner inside a word (from Word, a web page) is nothing.
        ("Tiền Gi\u{00AD}ang", "tien-giang"), ("Xây dựng Đ\u{200B}ảng", "xay-dung-dang"), ("Hội\u{200D} nghị\u{FEFF}", "hoi-nghi"),
        // A mark of writing direction parts two words, as it always has: addresses made so do not move.
        ("Hà\u{200F}Nội", "ha-noi"), ("Đại hội\u{200E}Chi bộ\u{202C}", "dai-hoi-chi-bo"),
        // Letters Unicode does not decompose are their base letters, not dropped.
        ("Ƀuôn Kơ", "buon-ko"), ("Søren, Łukasz và Straße", "soren-lukasz-va-strasse"), ("Ærø, Œuvre, İstanbul", "aero-oeuvre-istanbul"),
        ("ØRESUND KØBENHAVN ẞ", "oresund-kobenhavn-ss"), ("Þingvellir, ı, Ħamrun", "thingvellir-i-hamrun"),
    ])
    func slugOf(_ input: String, _ expected: String) {
        #expect(Slug(from: input)?.value == expected)
    }

    /// Decomposed Unicode (as typed with some keyboards) must give the same slug as precomposed.
    @Test(arguments: [
        "Học và làm theo Bác: Tiền Giang nhân rộng điển hình tiên tiến",
        "Đảng bộ Đồng Tháp",
        "Người tốt việc tốt",
        "Nghị quyết Trung ương 4 khóa XII",
    ])
    func decomposedInputGivesSameSlug(_ text: String) {
        let nfc = text.precomposedStringWithCanonicalMapping
        let nfd = text.decomposedStringWithCanonicalMapping
        // Guard against a vacuous test: the two forms really are different scalars.
        #expect(Array(nfc.unicodeScalars) != Array(nfd.unicodeScalars))
        #expect(Slug(from: nfd) != nil)
        #expect(Slug(from: nfd) == Slug(from: nfc))
    }

    @Test(arguments: ["", "   ", "!!!", "-/-", "—…“”", "🇻🇳🎉👨‍👩‍👧", "\u{0301}\u{0323}", "…🎉!?"])
    func nothingUsableGivesNil(_ input: String) {
        #expect(Slug(from: input) == nil)
    }

    @Test(arguments: ["a", "0", "01-kl-tw", "hoc-va-lam-theo-bac", "tin-2023-moi"])
    func validSlugs(_ text: String) {
        #expect(Slug.isValid(text))
    }

    @Test(arguments: ["", "-", "-a", "a-", "a--b", "Tin", "tin moi", "tin_moi", "tin/moi", "../etc", "học", "a.b", "ｔｉｎ"])
    func invalidSlugs(_ text: String) {
        #expect(!Slug.isValid(text))
    }

    /// For any text at all, a slug is either absent or well-formed, and slugging it again changes nothing.
    @Test func anyTextGivesNilOrAWellFormedSlug() {
        let pieces: [String] = [
            "a", "Z", "q", "7", "0", "ă", "Â", "đ", "Đ", "ơ", "Ư", "ế", "Ặ", "ỹ", "Ỷ", "ọ",
            "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}", "\u{0302}", "\u{0306}", "\u{031B}",
            " ", "  ", "\t", "\n", "\r\n", "-", "--", "/", ":", ".", ",", "!", "?", "\"", "'", "(", ")", "&", "_", "#", "%",
            "🎉", "🇻🇳", "👨‍👩‍👧", "👍🏽", "中", "文", "日本", "한", "İ", "ß", "ﬁ", "Ｋ", "\u{212A}", "٣", "\u{200B}", "\u{FEFF}", "—", "…",
        ]
        var rng = SeededGenerator(seed: 0x00C0_FFEE_2023)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...14, using: &rng)
            let text = (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
            guard let slug = Slug(from: text) else { continue }
            #expect(matchesSlugGrammar(slug.value), "slug \(slug.value.debugDescription) of \(text.debugDescription)")
            #expect(Slug.isValid(slug.value), "slug \(slug.value.debugDescription) of \(text.debugDescription)")
            #expect(Slug(from: slug.value) == slug, "slugging \(slug.value.debugDescription) again changed it")
        }
    }

    /// `Slug.isValid` agrees with the grammar `^[a-z0-9]+(-[a-z0-9]+)*$` on arbitrary short strings.
    @Test func isValidAgreesWithGrammar() {
        let alphabet: [String] = ["a", "z", "0", "9", "-", "-", "A", "ă", " ", "_", "é"]
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            #expect(Slug.isValid(text) == matchesSlugGrammar(text), "\(text.debugDescription)")
        }
    }
}

/// Folding is what makes search diacritic-insensitive (`hoc tap` finds `học tập`, `dang` finds `Đảng`).
@Suite struct FoldingTests {
    @Test(arguments: [
        ("Đảng bộ Đồng Tháp", "dang bo dong thap"),
        ("Học tập", "hoc tap"),
        ("ươ ỳ Ặ", "uo y a"),
        ("ĐẢNG", "dang"),
        ("Kết luận 01-KL/TW", "ket luan 01-kl/tw"),
        ("Ăn Âm Ê Ô Ơ Ư", "an am e o o u"),
        ("\u{D0}ảng \u{F0}ồng \u{189}ảng \u{256}ồng", "dang dong dang dong"),  // look-alikes of Đ and đ
        // Every ASCII capital, the first and last too (`Zalo`, `An`): each byte's own rule.
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZ @[{", "abcdefghijklmnopqrstuvwxyz @[{"),
        // Letters Unicode does not decompose into a letter and a mark: their base letters.
        ("Ƀuôn Kơ ƀuôn", "buon ko buon"), ("Søren Łukasz Straße ẞ", "soren lukasz strasse ss"), ("Ærø Œuvre İstanbul ı", "aero oeuvre istanbul i"),
        ("Þór Ðoàn Ɓamako Ɗakar Ǿ", "thor doan bamako dakar o"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(VietnameseFolding.fold(input) == expected)
        #expect(VietnameseFolding.fold(input.decomposedStringWithCanonicalMapping) == expected)
    }

    /// The search page folds a query and the records it shows as the index folds words: its table
    /// of letters Unicode does not decompose (`BASE_LETTERS` in `search.js`) is this one.
    @Test func theSearchPageReadsLettersWithoutDecompositionAsTheIndexDoes() throws {
        let script = try String(contentsOf: Repo.templates.appendingPathComponent("assets/search.js"), encoding: .utf8)
        let table = try #require(script.firstMatch(of: #/var BASE_LETTERS = \{([^}]*)\}/#)).1
        var read: [Unicode.Scalar: String] = [:]
        for pair in table.matches(of: #/"(.)": "([a-z]+)"/#) {
            let letter = try #require(pair.1.unicodeScalars.first)
            #expect(read.updateValue(String(pair.2), forKey: letter) == nil, "\(letter) twice")
        }
        #expect(read == VietnameseFolding.baseLetters)
        // Each is the lower-case form a capital is lowered to, and one decomposing leaves whole.
        for letter in VietnameseFolding.baseLetters.keys {
            #expect(String(letter).lowercased() == String(letter) && String(letter).decomposedStringWithCanonicalMapping == String(letter), "\(letter)")
        }
    }

    @Test func foldedTextIsPlainASCIIForVietnamese() {
        let text = "Học và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; ỷ ỹ ỵ ữ ự ằ ẳ ẵ ặ ậ ẩ ẫ ấ ầ"
        let folded = VietnameseFolding.fold(text)
        #expect(folded.unicodeScalars.allSatisfy { $0.isASCII }, "\(folded)")
        #expect(folded == folded.lowercased())
    }
}

/// Names (directive kinds, places) sort in Vietnamese alphabetical order, not code-point order.
@Suite struct CollationTests {
    static let alphabet = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s",
        "t", "u", "ư", "v", "x", "y",
    ]

    private func shuffledSort(_ expected: [String], seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        var items = expected
        // Make sure the input really is out of order.
        repeat { items.shuffle(using: &rng) } while items == expected
        return VietnameseCollation.sorted(items) { $0 }
    }

    @Test(arguments: [1, 2, 3, 2023] as [UInt64])
    func lettersInAlphabetOrder(seed: UInt64) {
        #expect(shuffledSort(Self.alphabet, seed: seed) == Self.alphabet)
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func wordsInAlphabetOrder(seed: UInt64) {
        let expected = ["an", "ăn", "ân", "bé", "cơm", "dê", "đi", "em", "ếch", "gà", "ô", "ơi", "ư"]
        #expect(shuffledSort(expected, seed: seed) == expected)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func toneBreaksTies(seed: UInt64) {
        // ngang < huyền < hỏi < ngã < sắc < nặng
        let expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
        #expect(shuffledSort(expected, seed: seed) == expected)
    }

    /// Syllable by syllable, each with its tone, as a dictionary orders names: the tone of the
    /// first syllable decides before the letters of the second are looked at.
    @Test(arguments: [31, 32, 33] as [UInt64])
    func namesOfSeveralSyllablesSortSyllableBySyllable(seed: UInt64) {
        let places = ["Hà Nam", "Hà Nội", "Hà Tây", "Hạ Hòa", "Hạ Long", "Hải Phòng"]
        #expect(shuffledSort(places, seed: seed) == places)
        let names = ["Ba Đình", "Bà Rịa", "Bả Lề", "Bã Đậu", "Bá Thước", "Bạ Hạ", "Bác Ái"]
        #expect(shuffledSort(names, seed: seed) == names)
        let shorterFirst = ["An", "An Biên", "An Khê", "Anh Sơn", "Ân Thi"]
        #expect(shuffledSort(["Quận 1", "Quận 2", "Quận 9", "Quận 10", "Quận 12", "Quận Bình Thạnh"], seed: seed) == ["Quận 1", "Quận 2", "Quận 9", "Quận 10", "Quận 12", "Quận Bình Thạnh"])
        #expect(shuffledSort(shorterFirst, seed: seed) == shorterFirst)
        // A number and letters written against it: the number first (`Ấp 3A` after `Ấp 3`, before
        // `Ấp 12`); a number written with leading zeros, or with dots between thousands, by its value.
        let numbered = ["Ấp 3", "Ấp 3A", "Ấp 3B", "Ấp 12", "Khu phố 0", "Khu phố 03", "Khu phố 5", "Khu phố 012", "Khu phố 999", "Khu phố 1.000", "Khu phố 1.000.001", "Tổ 2B", "Tổ 9", "Tổ 9A", "Tổ 10", "Tổ 10A", "Tổ A1"]
        #expect(shuffledSort(numbered, seed: seed) == numbered)
    }

    /// A syllable has one tone wherever it is typed (old style `hoà`, `thuỵ`; new style `hòa`,
    /// `thụy`): two correspondents' spellings sort as one.
    @Test(arguments: [41, 42, 43] as [UInt64])
    func aSyllablesToneCountsWhereverItIsTyped(seed: UInt64) {
        let places = ["Hòa Bình", "Hoà Vang", "Hóa An", "Hoạ Mi", "Thủy Ba", "Thuỷ Nguyên", "Thụy Anh", "Thuỵ Khuê"]
        #expect(shuffledSort(places, seed: seed) == ["Hòa Bình", "Hoà Vang", "Hóa An", "Hoạ Mi", "Thủy Ba", "Thuỷ Nguyên", "Thụy Anh", "Thuỵ Khuê"])
        let oldFirst = ["Hoá An", "Hòa Bình", "Khoẻ Đẹp", "Khỏe Mạnh", "Uỷ Ban", "Ủy Viên"]
        #expect(shuffledSort(oldFirst, seed: seed) == ["Hòa Bình", "Hoá An", "Khoẻ Đẹp", "Khỏe Mạnh", "Uỷ Ban", "Ủy Viên"])
    }

    @Test(arguments: [21, 22] as [UInt64])
    func directiveKinds(seed: UInt64) {
        let expected = ["Chỉ thị", "Hướng dẫn", "Kết luận", "Nghị quyết", "Quy định", "Thông báo"]
        #expect(shuffledSort(expected, seed: seed) == expected)
    }

    /// A letter Unicode does not decompose sorts as its base letters (`Ƀuôn Kơ` among the `Buôn`s),
    /// not after `y`.
    @Test(arguments: [51, 52, 53] as [UInt64])
    func lettersWithoutDecompositionSortAsTheirBaseLetters(seed: UInt64) {
        let expected = ["Bình Định", "Buôn Đôn", "Ƀuôn Kơ", "Buôn Ma Thuột", "Kon Tum", "Lào Cai", "Łódź", "Long An", "Strand", "Straße", "Yên Bái"]
        #expect(shuffledSort(expected, seed: seed) == expected)
    }

    @Test func caseDoesNotChangeOrder() {
        let expected = ["an", "Ăn", "Bé", "dê", "Đi", "em", "Ếch"]
        #expect(shuffledSort(expected, seed: 5) == expected)
    }

    @Test func decomposedAndPrecomposedSortAlike() {
        let words = ["ơi", "ô", "đi", "dê", "ân", "ăn", "an", "ư", "mạ", "má"]
        let expected = ["an", "ăn", "ân", "dê", "đi", "má", "mạ", "ô", "ơi", "ư"]
        let mixed = words.enumerated().map { $0.offset.isMultiple(of: 2) ? $0.element.decomposedStringWithCanonicalMapping : $0.element }
        let sorted = VietnameseCollation.sorted(mixed) { $0 }.map(\.precomposedStringWithCanonicalMapping)
        #expect(sorted == expected)
    }

    @Test func sortsItemsByTheirName() {
        struct Kind { var name: String; var id: Int }
        let items = [Kind(name: "Quy định", id: 1), Kind(name: "Chỉ thị", id: 2), Kind(name: "Kết luận", id: 3)]
        #expect(VietnameseCollation.sorted(items, by: \.name).map(\.id) == [2, 3, 1])
    }
}

/// Dates are read and shown in the site timezone, never the build machine's, with Vietnamese weekdays.
@Suite struct DateTests {
    static let vietnam = SiteTimeZone.vietnam
    /// 2023-05-09T10:00:00Z
    static let instant: Int64 = 1_683_626_400

    @Test func displaysTheVietnameseWay() throws {
        let date = try #require(DateParser.parse("2023-05-09T17:00:00+07:00", in: Self.vietnam))
        #expect(date.vietnameseDisplay == "Thứ Ba, 09/05/2023 17:00")
        #expect(date.vietnameseShort == "09/05/2023")
        #expect(date.iso8601 == "2023-05-09T17:00:00+07:00")
        #expect(date.instant == Self.instant)
        #expect(date.offset == 7 * 3600)
    }

    /// Every way of writing the same moment is the same instant, shown in Vietnam time.
    @Test(arguments: [
        "2023-05-09T17:00:00+07:00", "2023-05-09T10:00:00Z", "2023-05-09t10:00:00z", "2023-05-09 17:00", "2023-05-09T17:00",
        "2023-05-09 17:00:00", "2023-05-09T12:00:00+02:00", "2023-05-09T05:00:00-05:00", "2023-05-09T17:00:00+0700",
        "2023-05-09T17:00:00.250+07:00", "  2023-05-09 17:00  ",
    ])
    func sameMoment(_ text: String) throws {
        let date = try #require(DateParser.parse(text, in: Self.vietnam))
        #expect(date.instant == Self.instant)
        #expect(date.iso8601 == "2023-05-09T17:00:00+07:00")
        #expect(date.vietnameseDisplay == "Thứ Ba, 09/05/2023 17:00")
    }

    @Test func bareDateIsMidnightInSiteZone() throws {
        let date = try #require(DateParser.parse("2023-05-09", in: Self.vietnam))
        #expect(date.iso8601 == "2023-05-09T00:00:00+07:00")
        #expect(date.instant == 1_683_565_200)  // 2023-05-08T17:00:00Z
        #expect(date.vietnameseDisplay == "Thứ Ba, 09/05/2023", "no made-up time")
    }

    @Test(arguments: [
        ("2023-05-07", "Chủ nhật"), ("2023-05-08", "Thứ Hai"), ("2023-05-09", "Thứ Ba"), ("2023-05-10", "Thứ Tư"),
        ("2023-05-11", "Thứ Năm"), ("2023-05-12", "Thứ Sáu"), ("2023-05-13", "Thứ Bảy"), ("2024-01-01", "Thứ Hai"),
        ("2000-02-29", "Thứ Ba"), ("1970-01-01", "Thứ Năm"), ("1969-12-31", "Thứ Tư"), ("1945-09-02", "Chủ nhật"),
    ])
    func weekdays(_ text: String, _ weekday: String) throws {
        let date = try #require(DateParser.parse(text, in: Self.vietnam))
        let parts = text.split(separator: "-")
        let short = "\(parts[2])/\(parts[1])/\(parts[0])"
        #expect(date.vietnameseShort == short)
        #expect(date.vietnameseDisplay == "\(weekday), \(short)")
    }

    /// Late evening UTC is already the next day in Vietnam.
    @Test(arguments: [
        ("2023-05-09T16:59:59Z", "Thứ Ba, 09/05/2023 23:59", "2023-05-09T23:59:59+07:00"),
        ("2023-05-09T17:00:00Z", "Thứ Tư, 10/05/2023", "2023-05-10T00:00:00+07:00"),
        ("2023-12-31T17:30:00Z", "Thứ Hai, 01/01/2024 00:30", "2024-01-01T00:30:00+07:00"),
        ("2024-02-28T20:00:00Z", "Thứ Năm, 29/02/2024 03:00", "2024-02-29T03:00:00+07:00"),
    ])
    func nextDayInVietnam(_ text: String, _ display: String, _ iso: String) throws {
        let date = try #require(DateParser.parse(text, in: Self.vietnam))
        #expect(date.vietnameseDisplay == display)
        #expect(date.iso8601 == iso)
    }

    @Test(arguments: [
        "2023-02-30", "2023-02-29", "2024-02-30", "2023-04-31", "2023-13-01", "2023-00-10", "2023-05-00", "09/05/2023",
        "2023-5-9", "2023-05-09T25:00", "2023-05-09T24:00", "2023-05-09T17:60", "2023-05-09T17", "2023-05-09T17:00+15:00",
        "2023-05-09 17:00 giờ", "2023-05-09x", "hôm nay", "", "   ",
    ])
    func invalidDatesAreRejected(_ text: String) {
        #expect(DateParser.parse(text, in: Self.vietnam) == nil)
    }

    @Test func leapDayIsAccepted() throws {
        let date = try #require(DateParser.parse("2024-02-29", in: Self.vietnam))
        #expect(date.vietnameseDisplay == "Thứ Năm, 29/02/2024")
    }

    /// The same text gives the same moment and display whatever the process timezone is.
    @Test func machineTimezoneIsIgnored() throws {
        let inputs = ["2023-05-09", "2023-05-09 17:00", "2023-05-09T10:00:00Z", "2023-12-31T17:30:00Z"]
        func render(_ zone: SiteTimeZone) -> [String] {
            inputs.map { input in
                guard let d = DateParser.parse(input, in: zone) else { return "nil" }
                return "\(d.instant) \(d.iso8601) \(d.vietnameseDisplay)"
            }
        }
        let before = (render(.vietnam), render(SiteTimeZone(identifier: "Europe/Paris")!))

        let saved = getenv("TZ").map { String(cString: $0) }
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
            NSTimeZone.resetSystemTimeZone()
        }
        for machine in ["America/New_York", "Pacific/Kiritimati", "Asia/Tokyo"] {
            setenv("TZ", machine, 1)
            tzset()
            NSTimeZone.resetSystemTimeZone()
            // The process timezone really changed, so code consulting it would give other results.
            #expect(TimeZone.current.identifier == machine)
            #expect(render(.vietnam) == before.0, "machine timezone \(machine)")
            #expect(render(SiteTimeZone(identifier: "Europe/Paris")!) == before.1, "machine timezone \(machine)")
        }
        #expect(before.0[1] == "\(Self.instant) 2023-05-09T17:00:00+07:00 Thứ Ba, 09/05/2023 17:00")
    }

    /// A site in a zone with daylight saving gets the offset in force on that day.
    @Test func siteZoneWithDaylightSaving() throws {
        let paris = try #require(SiteTimeZone(identifier: "Europe/Paris"))
        let summer = try #require(DateParser.parse("2023-07-01 12:00", in: paris))
        #expect(summer.iso8601 == "2023-07-01T12:00:00+02:00")
        #expect(summer.offset == 7200)
        #expect(summer.instant == 1_688_205_600)  // 2023-07-01T10:00:00Z
        let winter = try #require(DateParser.parse("2023-01-15 12:00", in: paris))
        #expect(winter.iso8601 == "2023-01-15T12:00:00+01:00")
        #expect(winter.offset == 3600)
        // An explicit offset is converted to the site zone for display.
        let converted = try #require(DateParser.parse("2023-05-09T17:00:00+07:00", in: paris))
        #expect(converted.iso8601 == "2023-05-09T12:00:00+02:00")
        #expect(converted.instant == Self.instant)
    }

    @Test func unknownZoneIsRejected() {
        #expect(SiteTimeZone(identifier: "Asia/Hanoi_City") == nil)
        #expect(SiteTimeZone(identifier: "") == nil)
    }

    @Test func orderFollowsTheInstant() throws {
        let a = try #require(DateParser.parse("2023-05-09T17:00:00+07:00", in: Self.vietnam))
        let b = try #require(DateParser.parse("2023-05-09T11:00:00Z", in: Self.vietnam))
        #expect(a < b)
    }
}

/// Calendar arithmetic that does not depend on the machine's calendar.
@Suite struct CivilCalendarTests {
    @Test(arguments: [
        (2024, 2, 29), (2023, 2, 28), (2000, 2, 29), (1900, 2, 28), (2100, 2, 28), (2023, 1, 31), (2023, 4, 30),
        (2023, 12, 31), (2023, 11, 30),
    ])
    func daysInMonth(_ year: Int, _ month: Int, _ days: Int) {
        #expect(CivilCalendar.daysInMonth(year: year, month: month) == days)
    }

    @Test func knownDayNumbers() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2023, month: 5, day: 9) == 19_486)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
    }

    /// Every day from 1900 to 2100 round-trips and follows the previous one.
    @Test func roundTripsConsecutiveDays() {
        var expected = CivilCalendar.days(year: 1900, month: 1, day: 1)
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...CivilCalendar.daysInMonth(year: year, month: month) {
                    let n = CivilCalendar.days(year: year, month: month, day: day)
                    guard n == expected else {
                        Issue.record("\(year)-\(month)-\(day) is day \(n), expected \(expected)")
                        return
                    }
                    let back = CivilCalendar.civil(fromDays: n)
                    guard back == (year, month, day) else {
                        Issue.record("day \(n) gives \(back), expected \((year, month, day))")
                        return
                    }
                    expected += 1
                }
            }
        }
        #expect(expected - CivilCalendar.days(year: 1900, month: 1, day: 1) == 73_414)
    }
}

/// Counts are written as Vietnamese writes numbers, thousands set apart with dots.
@Suite struct VietnameseNumberTests {
    @Test func thousandsAreSetApartWithDots() {
        #expect([0, 7, 999, 1000, 1003, 12_345, 1_234_567, -4500].map(\.vietnamese) == ["0", "7", "999", "1.000", "1.003", "12.345", "1.234.567", "-4.500"])
    }

    /// Every count a page shows: the categories' index, the month's page and its print edition.
    @Test func pagesWriteCountsSo() throws {
        let site = try TestSite()
        for n in 0..<1000 {
            try site.write("content/articles/2023/05/b\(n).md", article(title: "Bài số \(n)", date: "2023-05-09T\(String(format: "%02d", n % 24)):\(String(format: "%02d", n % 60)):00+07:00", extra: "category: Tin tức\n"))
        }
        try site.build()
        #expect(try site.read("public/chuyen-muc/index.html").contains("1.000 bài viết"))
        #expect(try site.read("public/luu-tru/2023/05/index.html").contains("1.000"))
        #expect(try site.read("public/luu-tru/2023/05/ban-in/index.html").contains("1.000 bài viết"))
    }
}
