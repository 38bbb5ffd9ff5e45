/// A month of the calendar (`2022-01`), as `site.yml` names the month of issue number 1 of
/// the print edition (`first_issue`).
public struct IssueMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Any month of the years a date can be in (`DateParser.years`): an article from before 1900
    /// (warned) still has its issue, numbered as every other; `0023-05` is a slip (for `2023`).
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), DateParser.years.contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// `2022-01` (a single-digit month is accepted too: `2022-1`).
    public init?(_ text: String) {
        let parts = text.trimmingSpaces.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// Months since the start of year 0: consecutive months differ by one.
    var ordinal: Int { year * 12 + month - 1 }

    /// The issue number of `month` when this month is issue number 1 (below 1 for a month before it).
    func issueNumber(of month: IssueMonth) -> Int { month.ordinal - ordinal + 1 }

    public static func < (lhs: IssueMonth, rhs: IssueMonth) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `2022-01`
    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}

extension IssueMonth: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = IssueMonth(text) else {
            throw FieldError(message: "`\(decoder.fieldName)` is not a month: `\(text)`; write the year and month of issue number 1, e.g. `2022-01`")
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(description)
    }
}
