// View models of list and index pages (see ViewModels.swift).

/// A link with its text.
final class LinkView: NamedView, Sendable {
    let label: String
    let url: String

    init(label: String, url: String) {
        self.label = label
        self.url = url
    }

    enum Name: String, CaseIterable { case label, url }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .label: .text(label)
        case .url: .text(url)
        }
    }
}

final class FactView: NamedView, Sendable {
    let label: String
    let value: String

    init(label: String, value: String) {
        self.label = label
        self.value = value
    }

    /// How many articles a list has, the fact every list of a directive, theme, category, place
    /// or month shows.
    static func articleCount(_ count: Int) -> FactView { FactView(label: "Số bài viết", value: count.vietnamese) }

    enum Name: String, CaseIterable { case label, value }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .label: .text(label)
        case .value: .text(value)
        }
    }
}

final class PageNumberView: NamedView, Sendable {
    let number: Int
    let url: String
    let current: Bool
    /// Stands for the pages left out between two shown numbers.
    let gap: Bool

    init(number: Int, url: String, current: Bool, gap: Bool = false) {
        self.number = number
        self.url = url
        self.current = current
        self.gap = gap
    }

    enum Name: String, CaseIterable { case number, url, current, gap }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .number: gap ? nil : .text(String(number))
        case .url: gap ? nil : .text(url)
        case .current: .bool(current)
        case .gap: .bool(gap)
        }
    }
}

final class PaginationView: NamedView, Sendable {
    let label: String
    let prev: String?
    let next: String?
    let pages: [PageNumberView]

    init(label: String, prev: String?, next: String?, pages: [PageNumberView]) {
        self.label = label
        self.prev = prev
        self.next = next
        self.pages = pages
    }

    enum Name: String, CaseIterable { case label, prev, next, pages }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .label: .text(label)
        case .prev: prev.map { .text($0) }
        case .next: next.map { .text($0) }
        case .pages: .list(pages.map { .object($0) })
        }
    }
}

final class ListingView: NamedView, Sendable {
    let kicker: String?
    let heading: String
    let subtitle: String?
    let facts: [FactView]
    let description: String?
    let lead: CardView?
    let articles: [CardView]
    let pagination: PaginationView?
    /// The month's print edition, on a month page.
    let printEdition: LinkView?
    /// Articles that mention a directive without listing it (its first page only).
    let mentions: [CardView]

    /// `description`: rendered for this page (its first image, if any, the page's first).
    init(
        kicker: String?, heading: String, subtitle: String?, facts: [FactView], description: RenderedMarkdown?, lead: CardView?, articles: [CardView],
        pagination: PaginationView?, printEdition: LinkView? = nil, mentions: [CardView] = []
    ) {
        self.printEdition = printEdition
        self.kicker = kicker
        self.heading = heading
        self.subtitle = subtitle
        self.facts = facts
        self.description = description?.html
        // The first photo of a page is loaded at once (unless the description above the list
        // shows one); the others when they come into view.
        var cards = (lead.map { [$0] } ?? []) + articles
        if description?.images ?? 0 == 0, let first = cards.firstIndex(where: { $0.image != nil }) { cards[first] = cards[first].withFirstImage() }
        self.lead = lead == nil ? nil : cards.first
        self.articles = Array(cards.dropFirst(lead == nil ? 0 : 1))
        self.pagination = pagination
        self.mentions = mentions
    }

    enum Name: String, CaseIterable {
        case kicker, heading, subtitle, facts, description, lead, articles, empty, pagination, mentions
        case printEdition = "print_edition", hasMentions = "has_mentions", leadOnly = "lead_only"
    }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .kicker: TemplateValue.nonEmpty(kicker)
        case .heading: .text(heading)
        case .subtitle: TemplateValue.nonEmpty(subtitle)
        case .facts: TemplateValue.nonEmpty(facts)
        case .description: TemplateValue.nonEmpty(description)
        case .lead: lead.map { .object($0) }
        case .articles: TemplateValue.nonEmpty(articles)
        case .empty: .bool(articles.isEmpty && lead == nil)
        // The lead is the page's one article (a bulletin of one): no list to head.
        case .leadOnly: .bool(articles.isEmpty && lead != nil)
        case .pagination: pagination.map { .object($0) }
        case .printEdition: printEdition.map { .object($0) }
        case .mentions: TemplateValue.nonEmpty(mentions)
        case .hasMentions: .bool(!mentions.isEmpty)
        }
    }
}

final class TermItemView: NamedView, Sendable {
    let label: String
    let sublabel: String?
    let meta: String?
    let url: String
    let count: Int
    /// A second link of the item: a month's print edition, in the archive.
    let printEdition: LinkView?

    init(label: String, sublabel: String?, meta: String?, url: String, count: Int, printEdition: LinkView? = nil) {
        self.printEdition = printEdition
        self.label = label
        self.sublabel = sublabel
        self.meta = meta
        self.url = url
        self.count = count
    }

    enum Name: String, CaseIterable { case label, sublabel, meta, url, count, printEdition = "print_edition" }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .label: .text(label)
        case .sublabel: TemplateValue.nonEmpty(sublabel)
        case .meta: TemplateValue.nonEmpty(meta)
        case .url: .text(url)
        case .count: .text(count.vietnamese)
        case .printEdition: printEdition.map { .object($0) }
        }
    }
}

final class TermGroupView: NamedView, Sendable {
    let heading: String
    let items: [TermItemView]

    init(heading: String, items: [TermItemView]) {
        self.heading = heading
        self.items = items
    }

    /// Items under their headings, a group for each run of items with the same heading.
    static func grouped(_ items: [(heading: String, item: TermItemView)]) -> [TermGroupView] {
        var runs: [(heading: String, items: [TermItemView])] = []
        for (heading, item) in items {
            if runs.last?.heading == heading { runs[runs.count - 1].items.append(item) } else { runs.append((heading, [item])) }
        }
        return runs.map { TermGroupView(heading: $0.heading, items: $0.items) }
    }

    enum Name: String, CaseIterable { case heading, items }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .heading: TemplateValue.nonEmpty(heading)
        case .items: .list(items.map { .object($0) })
        }
    }
}

final class TermsView: NamedView, Sendable {
    let heading: String
    let intro: String?
    let groups: [TermGroupView]

    init(heading: String, intro: String?, groups: [TermGroupView]) {
        self.heading = heading
        self.intro = intro
        self.groups = groups
    }

    enum Name: String, CaseIterable { case heading, intro, groups, empty }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .heading: .text(heading)
        case .intro: TemplateValue.nonEmpty(intro)
        case .groups: TemplateValue.nonEmpty(groups)
        case .empty: .bool(groups.isEmpty)
        }
    }
}
