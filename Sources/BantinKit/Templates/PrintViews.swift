// View models of the monthly print edition (`templates/print.mustache`, README "Templates").

/// A month's print edition: the cover, the table of contents and every article in full.
final class PrintEditionView: NamedView, Sendable {
    /// `Số 17`; `nil` for a month before `first_issue`.
    let issue: String?
    let number: Int?
    /// `Tháng 5/2023`, and as a sentence names it, `tháng 5/2023`.
    let month: String
    let monthInText: String
    /// The cover photo: the photo of the first article (in issue order) that has one.
    let cover: ImageView?
    let articles: [PrintArticleView]
    /// The month's page (on screen, the way back).
    let monthURL: String
    /// The running heads printed in the page margins, as CSS strings (for `@page` margin boxes).
    let cssTitle: String
    let cssIssue: String

    /// `label`: the issue's (`Số 17`, `SiteGraph.issueLabel`).
    init(
        issue: Int?, label: String?, month: String, monthInText: String, siteTitle: String, cover: ImageView?, articles: [PrintArticleView], monthURL: String
    ) {
        self.issue = label
        number = issue
        self.month = month
        self.monthInText = monthInText
        self.cover = cover
        self.articles = articles
        self.monthURL = monthURL
        cssTitle = Self.cssString(siteTitle)
        cssIssue = Self.cssString([self.issue, month].compactMap { $0 }.joined(separator: " · "))
    }

    enum Name: String, CaseIterable {
        case issue, number, month, cover, articles, count
        case monthInText = "month_in_text", monthURL = "month_url", cssTitle = "css_title", cssIssue = "css_issue"
    }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .issue: TemplateValue.nonEmpty(issue)
        case .number: number.map { .text(String($0)) }
        case .month: .text(month)
        case .monthInText: .text(monthInText)
        case .cover: cover.map { .object($0) }
        case .articles: TemplateValue.nonEmpty(articles)
        case .count: .text(articles.count.vietnamese)
        case .monthURL: .text(monthURL)
        case .cssTitle: .text(cssTitle)
        case .cssIssue: .text(cssIssue)
        }
    }

    /// `text` as a quoted CSS string that is safe inside `<style>`: quotes, backslashes, `<`, `>`,
    /// `&` and control characters are written as CSS escapes (`\22 `).
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || "\"\\<>&\u{7F}".unicodeScalars.contains(scalar) {
                out += "\\" + String(scalar.value, radix: 16) + " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// One article of a print edition: its card fields and photo, its body made for the edition
/// (`PrintBody`), and the directives and themes it concerns.
final class PrintArticleView: NamedView, Sendable {
    /// 1-based place in the issue (as the contents number it), and how many articles the issue
    /// has (written as counts are: `1.000`).
    let number: Int
    let total: Int
    /// The id of the article's section (`bai-1`), which the table of contents links to.
    let anchor: String
    let card: CardView
    let body: [UInt8]
    let directives: [TermLinkView]
    let themes: [TermLinkView]

    init(number: Int, total: Int, card: CardView, body: [UInt8], directives: [TermLinkView], themes: [TermLinkView]) {
        self.number = number
        self.total = total
        anchor = Self.anchor(number)
        self.card = card
        self.body = body
        self.directives = directives
        self.themes = themes
    }

    /// `bai-3`
    static func anchor(_ number: Int) -> String { "bai-\(number)" }

    enum Name: String, CaseIterable { case number, total, anchor, body, byline, directives, themes, hasTerms = "has_terms" }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .number: .text(String(number))
        case .total: .text(total.vietnamese)
        case .anchor: .text(anchor)
        case .body: .utf8(body)
        case .byline: .bool(card.hasByline)
        case .directives: TemplateValue.nonEmpty(directives)
        case .themes: TemplateValue.nonEmpty(themes)
        case .hasTerms: .bool(!directives.isEmpty || !themes.isEmpty)
        }
    }

    /// Its own names, then its card's.
    func value(named name: String) -> TemplateValue? {
        ownValue(named: name) ?? card.value(named: name)
    }
}
