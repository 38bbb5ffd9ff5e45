import Foundation

/// A moment with the site's timezone, shown the Vietnamese way.
public struct LocalDateTime: Sendable, Equatable, Comparable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var instant: Int64
    /// Offset of the site timezone at that instant, in seconds east of UTC.
    public var offset: Int

    public init(instant: Int64, offset: Int) {
        self.instant = instant
        self.offset = offset
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.instant < rhs.instant }

    /// Wall-clock fields in the site timezone.
    public var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let local = instant + Int64(offset)
        let days = Int(floorDiv(local, 86_400))
        let secondsOfDay = Int(local - Int64(days) * 86_400)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        // 1970-01-01 was a Thursday (weekday index 4 with Sunday = 0).
        let weekday = ((days % 7) + 7 + 4) % 7
        return (y, m, d, secondsOfDay / 3600, secondsOfDay % 3600 / 60, secondsOfDay % 60, weekday)
    }

    /// `Thứ Ba, 09/05/2023 17:00`; `Thứ Ba, 09/05/2023` at midnight, which is what a date
    /// written without a time (`date: 2023-05-09`) gives: no made-up `00:00` is shown.
    public var vietnameseDisplay: String {
        let f = fields
        let day = "\(VietnameseDate.weekdays[f.weekday]), \(pad(f.day))/\(pad(f.month))/\(f.year)"
        return f.hour == 0 && f.minute == 0 && f.second == 0 ? day : day + " \(pad(f.hour)):\(pad(f.minute))"
    }

    /// `09/05/2023`
    public var vietnameseShort: String {
        let f = fields
        return "\(pad(f.day))/\(pad(f.month))/\(f.year)"
    }

    /// `2023-05-09T17:00:00+07:00`
    /// An offset with seconds (local mean time before 1906 in Hanoi and Saigon, +07:06:30) cannot
    /// be written: the instant is written in UTC instead (`Z`), exactly.
    public var iso8601: String {
        if offset % 60 != 0 { return LocalDateTime(instant: instant, offset: 0).iso8601.dropLast(6) + "Z" }
        let f = fields
        let sign = offset < 0 ? "-" : "+"
        let off = abs(offset)
        // Four digits always: 1000-01-01 in Hà Nội is still 0999 in UTC, where a year before 1906 is written (its old offset had seconds).
        let year = f.year < 1000 ? String(String(f.year + 10_000).dropFirst()) : String(f.year)
        return "\(year)-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))\(sign)\(pad(off / 3600)):\(pad(off % 3600 / 60))"
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

public enum VietnameseDate {
    /// Index 0 is Sunday. `Chủ nhật` has a capital on its first syllable only, as Vietnamese
    /// writes it; the others keep one on the number they name (`Thứ Hai`, `Thứ Ba`), as the SPEC's.
    public static let weekdays = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]

    /// The weekday (0 is Sunday) a name as editors write it gives: `Thứ Ba`, `thứ 3`, `Thứ Bẩy`,
    /// `Chủ nhật`, `CN`; `nil` for any other text.
    static func weekday(named text: String) -> Int? {
        let name = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name == "chủ nhật" || name == "cn" { return 0 }
        guard name.hasPrefix("thứ ") else { return nil }
        let rest = String(name.dropFirst("thứ ".count))
        let names = ["hai": 1, "ba": 2, "tư": 3, "năm": 4, "sáu": 5, "bảy": 6, "bẩy": 6]
        return Int(rest).flatMap { (2...7).contains($0) ? $0 - 1 : nil } ?? names[rest]
    }

    /// `Tháng 5/2023`: `monthInText` as a heading starts it.
    public static func monthName(year: Int, month: Int) -> String {
        let text = monthInText(year: year, month: month)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// `tháng 5/2023`: the month as a sentence names it (`Về trang tháng 5/2023`).
    public static func monthInText(year: Int, month: Int) -> String { "tháng \(month)/\(year)" }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithm),
/// so dates never depend on the build machine's calendar or locale.
public enum CivilCalendar {
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        let next = month == 12 ? days(year: year + 1, month: 1, day: 1) : days(year: year, month: month + 1, day: 1)
        return next - days(year: year, month: month, day: 1)
    }
}
