/// The print edition page of a month (`luu-tru/<yyyy>/<mm>/ban-in/`): a cover, a numbered table of
/// contents, then every article of the month in full, oldest first.
extension PageRenderer {
    func printEditionPage(_ index: Int, route: Route, link: LinkBuilder) -> [UInt8] {
        let month = graph.months[index]
        let name = VietnameseDate.monthName(year: month.year, month: month.month)
        let inText = VietnameseDate.monthInText(year: month.year, month: month.month)
        let issue = graph.issueNumber(ofMonth: index)
        let title = ["Bản in", graph.issueLabel(ofMonth: index), name].compactMap { $0 }.joined(separator: " · ")
        let monthRoute = Route.month(year: month.year, month: month.month)
        var ctx = context(
            for: route, kind: .print, title: title, description: "Bản tin \(inText) để in cho sinh hoạt chi bộ", feed: nil,
            crumbs: [("Lưu trữ", .archiveIndex), (name, monthRoute), ("Bản in", nil)])
        let order = graph.issueOrder(ofMonth: index)
        // Each body asked for once (the article's page asks for it once more: `SharedBodies` keeps
        // it until then, and a third ask would keep it for good).
        let bodies = order.map(articleBody)
        let edition = Dictionary(uniqueKeysWithValues: zip(order, bodies).enumerated().map { position, article in
            (graph.articles[article.0].slug.value, PrintBody.EditionArticle(anchor: PrintArticleView.anchor(position + 1), hasTopID: PrintBody.hasTopID(article.1)))
        })
        let articles = zip(order, bodies).enumerated().map { position, article in
            printArticle(article.0, body: article.1, number: position + 1, total: order.count, edition: edition, link: link)
        }
        let cover = articles.lazy.compactMap(\.card.image).first
        // Shared, the edition shows its cover.
        if let first = order.first(where: { graph.articles[$0].image != nil }) { _ = share(photoOf: graph.articles[first], on: &ctx.page, link: link) }
        let view = PrintEditionView(
            issue: issue, label: graph.issueLabel(ofMonth: index), month: name, monthInText: inText, siteTitle: graph.config.title, cover: cover, articles: articles, monthURL: link.href(monthRoute))
        return render(ctx, .printEdition(view), template: .print)
    }

    /// Article `index` (whose body as its page shows it is `raw`) as the print edition shows it,
    /// `number`th of `total`. `edition`: each article of the edition, by slug.
    private func printArticle(
        _ index: Int, body raw: [UInt8], number: Int, total: Int, edition: [String: PrintBody.EditionArticle], link: LinkBuilder
    ) -> PrintArticleView {
        let article = graph.articles[index]
        let adapter = PrintBody(anchor: PrintArticleView.anchor(number), articleFolder: ["bai-viet", article.slug.value], root: link.root, edition: edition, baseURL: baseURL)
        return PrintArticleView(
            number: number, total: total, card: card(index, link: link), body: adapter.adapt(raw),
            directives: directiveLinks(of: article, link: link), themes: themeLinks(of: article, link: link))
    }

    /// The link to month `index`'s print edition: `Bản in số 17`.
    func printEditionLink(_ index: Int, link: LinkBuilder) -> LinkView {
        let month = graph.months[index]
        let label = graph.issueLabel(ofMonth: index).map { "Bản in \($0.lowercased())" } ?? "Bản in"
        return LinkView(label: label, url: link.href(.printEdition(year: month.year, month: month.month)))
    }
}
