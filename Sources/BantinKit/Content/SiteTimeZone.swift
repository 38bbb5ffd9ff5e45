import Foundation

/// The site's timezone, from `site.yml` (default `Asia/Ho_Chi_Minh`). Every date is
/// read and shown in it; the build machine's own timezone is never consulted.
public struct SiteTimeZone: Sendable {
    public let identifier: String
    private let zone: TimeZone

    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    public static let vietnam = SiteTimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let utc = SiteTimeZone(identifier: "UTC")!

    /// Offset east of UTC, in seconds, at an instant.
    public func offset(atInstant instant: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// The instant at which the wall clock of this zone shows `localSeconds` (seconds since 1970
    /// in wall time); `nil` for a time the clocks skip (when they go forward for summer time).
    /// A time the clocks show twice (when they go back) is the first of the two, in every zone:
    /// the offset written before the change (`+02:00` for 02:30 on 2024-10-27 in Europe/Prague).
    public func instant(forWallClock localSeconds: Int64) -> LocalDateTime? {
        let before = offset(atInstant: localSeconds - 86_400), after = offset(atInstant: localSeconds + 86_400)
        // The offsets a day on either side of it: both are the one in force but near a change.
        let candidates = before == after ? [before] : [before, after]
        return candidates.map { localSeconds - Int64($0) }.filter { $0 + Int64(offset(atInstant: $0)) == localSeconds }.min()
            .map { LocalDateTime(instant: $0, offset: offset(atInstant: $0)) }
    }

    /// How far the clocks go forward around a wall-clock time they skip (an hour, usually).
    func skip(around localSeconds: Int64) -> Int64 {
        Int64(offset(atInstant: localSeconds + 86_400) - offset(atInstant: localSeconds - 86_400))
    }

    public func localize(_ instant: Int64) -> LocalDateTime {
        LocalDateTime(instant: instant, offset: offset(atInstant: instant))
    }
}

/// Reads the dates editors write: `2023-05-09`, `2023-05-09 17:00`, `2023-05-09T17:00:00+07:00`, `…Z`.
/// A date or time without a zone is in the site timezone.
public enum DateParser {
    /// The years of the dates bantin reads, as written and in the site's timezone: four digits,
    /// as feeds and sitemaps write them (RFC 3339, W3C dates).
    public static let years = 1000...9999

    /// A date pasted from Word or a web page (a no-break space before the time, an en dash or a
    /// non-breaking hyphen between its parts, a zero-width space) is read as typed by hand.
    /// `nil` for a date in a year outside `years` in the site's timezone (`9999-12-31T23:00:00Z`
    /// is the year 10000 in Hà Nội, `1000-01-01T00:00:00+14:00` still 999).
    public static func parse(_ text: String, in zone: SiteTimeZone) -> LocalDateTime? {
        parseAnyYear(text, in: zone).flatMap { years.contains($0.fields.year) ? $0 : nil }
    }

    /// The same, whatever year it is in the site's timezone.
    private static func parseAnyYear(_ text: String, in zone: SiteTimeZone) -> LocalDateTime? {
        let s = Array(LookAlikes.typed(text).trimmingWhitespace.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= s.count else { return nil }
            var n = 0
            for k in i..<(i + width) {
                guard (48...57).contains(s[k]) else { return nil }
                n = n * 10 + Int(s[k] - 48)
            }
            i += width
            return n
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        // A year before 1000 (`0023` for 2023) is a slip: dates are written with four digits.
        guard let year = number(4), year >= years.lowerBound, expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else {
            return nil
        }
        var hour = 0, minute = 0, second = 0
        var zoneOffset: Int? = nil
        let timeWritten = i < s.count
        if timeWritten {
            guard s[i] == 84 || s[i] == 116 || s[i] == 32 else { return nil }  // T, t, space
            i += 1
            guard let h = number(2), expect(58), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(58) {
                guard let sec = number(2) else { return nil }
                second = sec
                if expect(46) {  // fraction: ignored
                    while i < s.count, (48...57).contains(s[i]) { i += 1 }
                }
            }
            while i < s.count, s[i] == 32 { i += 1 }
            if i < s.count {
                if s[i] == 90 || s[i] == 122 {  // Z
                    i += 1
                    zoneOffset = 0
                } else if s[i] == 43 || s[i] == 45 {  // + -
                    let sign = s[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = expect(58)
                    let om = number(2) ?? 0
                    guard oh <= 14, om < 60 else { return nil }
                    zoneOffset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
            guard i == s.count, hour < 24, minute < 60, second < 60 else { return nil }
        }
        let wall = Int64(CivilCalendar.days(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        if let zoneOffset {
            return zone.localize(wall - Int64(zoneOffset))
        }
        // A date alone is its day's first instant: midnight, or, where the clocks go forward at
        // midnight (Chile, Cuba), the time they go to; none when they skip the whole day (Samoa's
        // 30 December 2011).
        if !timeWritten, zone.instant(forWallClock: wall) == nil {
            let skip = zone.skip(around: wall)
            return skip < 86_400 ? zone.instant(forWallClock: wall + skip) : nil
        }
        return zone.instant(forWallClock: wall)
    }

    /// The wall-clock time a date without a zone names, when the site's zone skips it (summer
    /// time): why it is none, in words.
    private static func skipped(_ text: String, in zone: SiteTimeZone) -> String? {
        var trimmed = LookAlikes.typed(text).trimmingWhitespace
        // A fraction of a second (`02:30:00.5`) changes nothing of the time the clocks skip.
        if trimmed.utf8.count > 20, Array(trimmed.utf8)[19] == UInt8(ascii: "."), trimmed.utf8.dropFirst(20).allSatisfy({ (48...57).contains($0) }) {
            trimmed = String(trimmed.prefix(19))
        }
        // A day the clocks skip whole (Samoa's 30 December 2011).
        if trimmed.utf8.count == 10, let day = parse(trimmed + "T00:00:00Z", in: .utc), parse(trimmed, in: zone) == nil,
            zone.instant(forWallClock: day.instant) == nil {
            let next = LocalDateTime(instant: day.instant + zone.skip(around: day.instant), offset: 0).iso8601.prefix(10)
            return "there is no \(trimmed) in \(zone.identifier): the clocks skip that whole day; write \(next)"
        }
        guard trimmed.utf8.count == 16 || trimmed.utf8.count == 19, let written = parse(trimmed + "Z", in: .utc) else { return nil }
        let wall = written.instant
        guard zone.instant(forWallClock: wall) == nil else { return nil }
        let later = wall + zone.skip(around: wall)
        func clock(_ seconds: Int64) -> String {
            let inDay = ((seconds % 86_400) + 86_400) % 86_400
            return String(format: "%02d:%02d", Int(inDay / 3600), Int(inDay % 3600 / 60))
        }
        // A whole day skipped (Samoa's 30 December 2011): the time to write is on another day.
        let laterDay = LocalDateTime(instant: later, offset: 0).iso8601.prefix(10)
        let write = laterDay == trimmed.prefix(10) ? clock(later) : "\(laterDay) \(clock(later))"
        return "there is no \(clock(wall)) on \(trimmed.prefix(10)) in \(zone.identifier): the clocks go forward then; write \(write)"
    }

    /// A date in a shape bantin does not read but can tell apart, and what to write instead, for
    /// a message after the date: day first, as Vietnamese dates are (`18/05/2023 08:00`,
    /// `5/12/2026`, `18.05.2023`, `Thứ Năm, 18/05/2023 08:00` as pages show it, `Thứ ba, 9/5/2023,
    /// 17:00 (GMT+7)` as news sites do, `09/05/2023 17:00:00` as spreadsheets export it), or year
    /// first with a part of one digit, other separators or spaces (`2023-2-3`, `2023/05/09`,
    /// `2023-05-09 7:00`). What it says to write is a date bantin reads in `zone`; when the date
    /// meant is none there (no such day, a time the clocks skip), it says why. A weekday that is
    /// not the date's is told. `nil` for any other text, and for a date year first in bantin's
    /// shape (`reason` tells what is wrong).
    static func advice(_ text: String, in zone: SiteTimeZone) -> String? {
        let trimmed = LookAlikes.typed(text).trimmingWhitespace
        var rest = Substring(trimmed)
        // A weekday's name before it (`Thứ Năm, `, `thứ ba, `, `Chủ nhật, `).
        var weekday: String? = nil
        if let comma = rest.firstIndex(of: ","), ["thứ", "chủ nhật"].contains(where: rest[..<comma].lowercased().hasPrefix) {
            weekday = String(rest[..<comma]).trimmingWhitespace
            rest = rest[rest.index(after: comma)...]
        }
        // The date, then the time and zone, parted by spaces, commas or a dash.
        let parts = rest.split(whereSeparator: { $0 == " " || $0 == "," }).filter { $0 != "-" && $0 != "–" }
        guard let date = parts.first else { return nil }
        let numbers = date.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard numbers.count == 3, numbers.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let dayFirst = numbers[2].count == 4 && numbers[0].count <= 2 && numbers[1].count <= 2
        let yearFirst = numbers[0].count == 4 && numbers[1].count <= 2 && numbers[2].count <= 2
        guard dayFirst || yearFirst, let a = Int(numbers[0]), let m = Int(numbers[1]), let b = Int(numbers[2]) else { return nil }
        let (y, d) = dayFirst ? (b, a) : (a, b)
        guard years.contains(y) else { return nil }
        var time = "", offset = ""
        for part in parts.dropFirst() {
            let piece = Substring(part.trimmingCharacters(in: CharacterSet(charactersIn: "()")))
            if time.isEmpty, offset.isEmpty, let clock = clockTime(piece) {
                time = clock
            } else if offset.isEmpty, let written = zoneOffset(piece) {
                offset = written
            } else {
                return nil
            }
        }
        let shape = dayFirst ? "is written day first" : "is not written as bantin reads dates"
        guard (1...12).contains(m), (1...CivilCalendar.daysInMonth(year: y, month: m)).contains(d) else {
            guard dayFirst else { return nil }
            return "\(shape), and " + ((1...12).contains(m) ? "month \(m) of \(y) has \(CivilCalendar.daysInMonth(year: y, month: m)) days" : "there is no month \(m)")
        }
        let written = String(format: "%04d-%02d-%02d", y, m, d) + (time.isEmpty ? "" : " " + time + offset)
        guard written != trimmed else { return nil }
        // The weekday written, when it is not the date's: one of the two is wrong.
        let actual = LocalDateTime(instant: Int64(CivilCalendar.days(year: y, month: m, day: d)) * 86_400, offset: 0).fields.weekday
        let wrongDay = weekday.flatMap { named in
            VietnameseDate.weekday(named: named).flatMap { $0 == actual ? nil : "; it says \(named), but \(written.prefix(10)) is a \(VietnameseDate.weekdays[actual]): check which is right" }
        } ?? ""
        guard parse(written, in: zone) != nil else {
            return "\(shape); as bantin reads dates, `\(written)`, it is no time either (\(reason(written, in: zone) ?? "none in \(zone.identifier)"))\(wrongDay)"
        }
        return "\(shape); write \(dayFirst ? "the year first, then the month and the day: " : "")`\(written)`\(wrongDay)"
    }

    /// `08:00`, `8h00`, `8h`, `17:00:00`, written `08:00` or `17:00:00`.
    private static func clockTime(_ text: Substring) -> String? {
        let time = text.lowercased().split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "h" })
        guard (1...3).contains(time.count), time.allSatisfy({ $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(time[0]), (0...23).contains(hour) else { return nil }
        let minute = time.count >= 2 ? (time[1].isEmpty && time.count == 2 ? 0 : Int(time[1]) ?? -1) : 0
        let second = time.count == 3 ? Int(time[2]) ?? -1 : 0
        // A bare number (`5`) is no time: an hour is written with `:` or `h`.
        guard time.count > 1, (0...59).contains(minute), (0...59).contains(second), time.count < 3 || text.contains(":") else { return nil }
        return String(format: "%02d:%02d", hour, minute) + (time.count == 3 ? String(format: ":%02d", second) : "")
    }

    /// `GMT+7`, `UTC+07:00`, `+07:00`, written ` +07:00`.
    private static func zoneOffset(_ text: Substring) -> String? {
        var rest = text.uppercased()[...]
        for name in ["GMT", "UTC"] where rest.hasPrefix(name) { rest = rest.dropFirst(name.count) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), hours <= 14, let minutes = parts.count == 2 ? Int(parts[1]) : 0, minutes < 60 else { return nil }
        return String(format: " %@%02d:%02d", String(sign), hours, minutes)
    }

    /// Why a date written in the right shape (`2023-02-30`, `0023-05-09 08:00`) is none, for
    /// messages; `nil` when its shape is wrong or it is a date.
    static func reason(_ text: String, in zone: SiteTimeZone? = nil) -> String? {
        if let zone, let skipped = skipped(text, in: zone) { return skipped }
        if let zone, let date = parseAnyYear(text, in: zone), !years.contains(date.fields.year) {
            let f = date.fields
            let local = String(format: "%04d-%02d-%02d %02d:%02d", f.year, f.month, f.day, f.hour, f.minute)
            return f.year > years.upperBound
                ? "in \(zone.identifier) it is already \(local), after the last day bantin reads, \(years.upperBound)-12-31"
                : "in \(zone.identifier) it is still \(local), before the first day bantin reads, \(years.lowerBound)-01-01"
        }
        let s = Array(LookAlikes.typed(text).trimmingWhitespace.utf8)
        func number(_ at: Int, _ width: Int) -> Int? {
            guard at + width <= s.count, s[at..<(at + width)].allSatisfy({ (48...57).contains($0) }) else { return nil }
            return s[at..<(at + width)].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 45, s[7] == 45, let month = number(5, 2), let day = number(8, 2) else { return nil }
        if year < years.lowerBound {
            return "its year, \(text.trimmingWhitespace.prefix(4)), is before the year \(years.lowerBound), the first bantin reads: write the year in full, e.g. 2023"
        }
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let days = CivilCalendar.daysInMonth(year: year, month: month)
        guard (1...days).contains(day) else { return "month \(month) of \(year) has \(days) days" }
        if s.count >= 16, let hour = number(11, 2), s[13] == 58, let minute = number(14, 2) {
            if hour > 23 { return "there is no hour \(hour): hours go from 00 to 23" }
            if minute > 59 { return "there is no minute \(minute)" }
            if s.count >= 19, s[16] == 58, let second = number(17, 2), second > 59 {
                return "there is no second \(second): seconds go from 00 to 59, and a leap second cannot be written"
            }
        }
        return nil
    }
}
