/// The monthly print edition (*bản in*): every month with articles is an issue, numbered from
/// `site.yml`'s `first_issue` (issue 1), or else from the month of the first published article.
extension SiteGraph {
    /// The month of issue number 1: `first_issue`, or the oldest month with an article that is
    /// no draft (a preview with `--drafts` numbers the issues as the published site does).
    public var firstIssue: IssueMonth? {
        config.firstIssue
            ?? (months.last { $0.articles.contains { !articles[$0].draft } } ?? months.last).flatMap { IssueMonth(year: $0.year, month: $0.month) }
    }

    /// The issue number of month `index` (of `months`); `nil` for a month before `first_issue`.
    public func issueNumber(ofMonth index: Int) -> Int? {
        guard let first = firstIssue, let month = IssueMonth(year: months[index].year, month: months[index].month) else { return nil }
        let number = first.issueNumber(of: month)
        return number >= 1 ? number : nil
    }

    /// The articles of month `index` in the order its issue prints them: by date, oldest first.
    public func issueOrder(ofMonth index: Int) -> [Int] {
        months[index].articles.reversed()
    }

    /// `Số 17`, or `nil` for a month without an issue number.
    func issueLabel(ofMonth index: Int) -> String? {
        issueNumber(ofMonth: index).map { "Số \($0)" }
    }

    /// How many months have an edition without a number (before `first_issue`).
    var unnumberedIssues: Int {
        months.indices.count { issueNumber(ofMonth: $0) == nil }
    }
}
