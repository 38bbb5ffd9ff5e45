/// Which articles are published at a given "now": those dated at or before it. A scheduled
/// article (dated after now) waits, left out of every page, feed and index, until a build runs
/// at or after its date. The schedule says how many wait, when the next is due, and so for
/// which values of "now" a build would publish exactly the same articles.
public struct PublicationSchedule: Sendable, Equatable {
    /// Articles dated after now, left out until their time (none with `--future`).
    public var waiting = 0
    /// Articles dated after now that `--future` published all the same.
    public var publishedEarly = 0
    /// The date of the first article dated after now.
    public var nextDue: LocalDateTime?
    /// The latest date, at or before now, of an article.
    public var latestPublished: Int64?

    public init(waiting: Int = 0, publishedEarly: Int = 0, nextDue: LocalDateTime? = nil, latestPublished: Int64? = nil) {
        self.waiting = waiting
        self.publishedEarly = publishedEarly
        self.nextDue = nextDue
        self.latestPublished = latestPublished
    }

    /// The articles published at `now` (all of them with `includeFuture`), and the schedule.
    static func split(_ articles: [Article], now: Int64, includeFuture: Bool) -> (published: [Article], schedule: PublicationSchedule) {
        var schedule = PublicationSchedule()
        var published: [Article] = []
        published.reserveCapacity(articles.count)
        for article in articles {
            let date = article.date
            if date.instant <= now {
                schedule.latestPublished = max(schedule.latestPublished ?? date.instant, date.instant)
                published.append(article)
                continue
            }
            if schedule.nextDue.map({ date < $0 }) ?? true { schedule.nextDue = date }
            if includeFuture {
                schedule.publishedEarly += 1
                published.append(article)
            } else {
                schedule.waiting += 1
            }
        }
        return (published, schedule)
    }

    /// True when a build at `now` publishes the same articles as the build this schedule describes:
    /// no article's date lies between the two "now"s.
    public func publishesSame(at now: Int64) -> Bool {
        (latestPublished.map { $0 <= now } ?? true) && (nextDue.map { now < $0.instant } ?? true)
    }
}
