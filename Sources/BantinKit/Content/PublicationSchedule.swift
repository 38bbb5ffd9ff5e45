/// Which articles are published at a given "now": those dated at or before it. A scheduled
/// article (dated after now) waits, left out of every page, feed and index, until a build runs
/// at or after its date. The schedule says how many wait, when the next is due, and so for
/// which values of "now" a build would publish exactly the same articles (and warn of the same
/// `updated` dates later than now).
public struct PublicationSchedule: Sendable, Equatable {
    /// Articles dated after now, left out until their time (none with `--future`).
    public var waiting = 0
    /// Articles dated after now that `--future` published all the same.
    public var publishedEarly = 0
    /// The date of the first article dated after now.
    public var nextDue: LocalDateTime?
    /// The latest date, at or before now, of an article.
    public var latestPublished: Int64?
    /// Files of `content/` that wait with the articles (`filesWaiting`).
    public var waitingFiles = 0
    /// Of the articles dated at or before now, the latest `updated` at or before now, and the
    /// first one after it (a warning until then: `CatalogValidator.updatedLater`).
    public var latestUpdated: Int64?
    public var nextUpdated: Int64?
    /// The latest article's date at most a year after now, and the first one past it (a warning:
    /// `CatalogValidator.unlikelyYears`).
    public var latestWithinAYear: Int64?
    public var firstPastAYear: Int64?
    /// Every waiting article's date and every later `updated` of a published one, in order: the
    /// moments past the next one at which a build would publish otherwise, so that a `watch`
    /// whose build at the next one fails (a full disk, a link to an article not due yet) still
    /// builds at those after it.
    public var waitingDates: [LocalDateTime] = []
    public var laterUpdates: [Int64] = []

    public init(
        waiting: Int = 0, publishedEarly: Int = 0, nextDue: LocalDateTime? = nil, latestPublished: Int64? = nil, waitingFiles: Int = 0,
        latestUpdated: Int64? = nil, nextUpdated: Int64? = nil, latestWithinAYear: Int64? = nil, firstPastAYear: Int64? = nil
    ) {
        self.waiting = waiting
        self.publishedEarly = publishedEarly
        self.nextDue = nextDue
        self.latestPublished = latestPublished
        self.waitingFiles = waitingFiles
        self.latestUpdated = latestUpdated
        self.nextUpdated = nextUpdated
        self.latestWithinAYear = latestWithinAYear
        self.firstPastAYear = firstPastAYear
    }

    /// A year after `now` (the most a date may be ahead without a warning), no further than time goes.
    static func aYearAfter(_ now: Int64) -> Int64 {
        now > Int64.max - CatalogValidator.aYear ? Int64.max : now + CatalogValidator.aYear
    }

    /// The articles published at `now` (all of them with `includeFuture`), and the schedule.
    static func split(_ articles: [Article], now: Int64, includeFuture: Bool) -> (published: [Article], schedule: PublicationSchedule) {
        var schedule = PublicationSchedule()
        var published: [Article] = []
        published.reserveCapacity(articles.count)
        let yearAhead = aYearAfter(now)
        for article in articles {
            let date = article.date
            if date.instant <= yearAhead {
                schedule.latestWithinAYear = max(schedule.latestWithinAYear ?? date.instant, date.instant)
            } else {
                schedule.firstPastAYear = min(schedule.firstPastAYear ?? date.instant, date.instant)
            }
            if date.instant <= now {
                schedule.latestPublished = max(schedule.latestPublished ?? date.instant, date.instant)
                if let updated = article.updated?.instant {
                    if updated <= now {
                        schedule.latestUpdated = max(schedule.latestUpdated ?? updated, updated)
                    } else {
                        schedule.nextUpdated = min(schedule.nextUpdated ?? updated, updated)
                        schedule.laterUpdates.append(updated)
                    }
                }
                published.append(article)
                continue
            }
            if schedule.nextDue.map({ date < $0 }) ?? true { schedule.nextDue = date }
            if includeFuture {
                schedule.publishedEarly += 1
                published.append(article)
            } else {
                schedule.waiting += 1
                schedule.waitingDates.append(date)
            }
        }
        schedule.waitingDates = Self.inOrder(schedule.waitingDates, by: \.instant)
        schedule.laterUpdates = Self.inOrder(schedule.laterUpdates, by: { $0 })
        return (published, schedule)
    }

    /// `moments` in time order, each instant once.
    static func inOrder<T>(_ moments: [T], by instant: (T) -> Int64) -> [T] {
        var seen: Set<Int64> = []
        return moments.sorted { instant($0) < instant($1) }.filter { seen.insert(instant($0)).inserted }
    }

    /// The files of `content/` that only articles not published use (waiting, or drafts), as
    /// their `image` or through a body's link (`links`, by text): they wait with them, so that
    /// nothing of an article shows before its time (a photo's address is easily guessed). They
    /// are still read and processed, so that a problem shows before the date. A file no text
    /// uses is published as always; what a directive's or theme's description (`described`, always
    /// published) uses too, and what the site shows on every page (`siteShows`: its share image).
    /// HTML written in a published text names a file for a reader only when the site publishes
    /// HTML (`unsafeHTML`); a waiting text's always counts.
    static func filesWaiting(
        with waiting: [Article], published: [Article], described: [(file: String, references: BodyReferences)] = [], links: BodyLinkMap,
        contentRoot: String, unsafeHTML: Bool, siteShows: [String] = []
    ) -> Set<String> {
        guard !waiting.isEmpty else { return [] }
        let waitingTexts = Set(waiting.map(\.file))
        var used: Set<String> = [], usedByWaiting: Set<String> = []
        for (text, targets) in links {
            for link in targets.values {
                guard case .file(let path) = link.target else { continue }
                if waitingTexts.contains(text) { usedByWaiting.insert(path) } else { used.insert(path) }
            }
        }
        func path(_ image: ArticleImage) -> String { image.path.precomposedStringWithCanonicalMapping }
        used.formUnion(published.compactMap { $0.image.map(path) })
        used.formUnion(siteShows.map(\.precomposedStringWithCanonicalMapping))
        usedByWaiting.formUnion(waiting.compactMap { $0.image.map(path) })
        // What their HTML names (`<img src>`, `<a href>`), published as written or not.
        if unsafeHTML {
            used.formUnion(published.flatMap { rawHTMLFiles(of: $0.file, $0.references, contentRoot: contentRoot) })
            used.formUnion(described.flatMap { rawHTMLFiles(of: $0.file, $0.references, contentRoot: contentRoot) })
        }
        usedByWaiting.formUnion(waiting.flatMap { rawHTMLFiles(of: $0.file, $0.references, contentRoot: contentRoot) })
        return usedByWaiting.subtracting(used)
    }

    /// The paths under `content/` that the HTML written in a text's body (`file`, with its
    /// `references`) names, read as a Markdown link's would be (relative to the text, or from
    /// `content/` after a `/`).
    static func rawHTMLFiles(of file: String, _ references: BodyReferences, contentRoot: String) -> [String] {
        let document = ContentIndex.path(of: file, under: contentRoot)
        return references.rawHTML.flatMap(\.localAddresses).compactMap { address in
            let parts = LinkParts(address)
            return parts.path.isEmpty ? nil : ContentPath.resolve(parts.path, from: document)
        }
    }

    /// The first moment after `now` (seconds since 1970) at which a build would publish otherwise:
    /// a waiting article's time comes, or the `updated` of a published one. `bantin watch` builds
    /// again by itself then. `nil` when nothing is due (with `--future`, nothing waits).
    public func nextChange(after now: Int64) -> Int64? {
        ([waiting > 0 ? nextDue?.instant : nil, nextUpdated].compactMap { $0 } + waitingDates.map(\.instant) + laterUpdates).filter { $0 > now }.min()
    }

    /// The waiting article's date that comes at `instant`, if one does (else a published one's
    /// `updated` does).
    public func waitingDate(at instant: Int64) -> LocalDateTime? {
        guard waiting > 0 else { return nil }
        return nextDue?.instant == instant ? nextDue : waitingDates.first { $0.instant == instant }
    }

    /// True when a build at `now` publishes the same articles as the build this schedule describes,
    /// and tells the same warnings: no article's date, nor any `updated` of a published one, lies
    /// between the two "now"s, nor any date between a year after each.
    public func publishesSame(at now: Int64) -> Bool {
        let yearAhead = Self.aYearAfter(now)
        return (latestPublished.map { $0 <= now } ?? true) && (nextDue.map { now < $0.instant } ?? true)
            && (latestUpdated.map { $0 <= now } ?? true) && (nextUpdated.map { now < $0 } ?? true)
            && (latestWithinAYear.map { $0 <= yearAhead } ?? true) && (firstPastAYear.map { yearAhead < $0 } ?? true)
    }
}
