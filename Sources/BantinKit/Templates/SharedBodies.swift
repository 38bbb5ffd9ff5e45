import Foundation

/// Rendered article bodies handed from one page to another within a build: an article's page and
/// its month's print edition show the same body, which is rendered once. Whichever page comes
/// first renders it and leaves it here; the other takes it away. The print edition is planned
/// right after its month's articles (`PagePlan.all`), so only a month's bodies wait here at a time.
final class SharedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: [UInt8]] = [:]
    /// For each article (in site order), whether both of its pages are rendered in this build.
    private let shared: [Bool]

    /// - Parameters:
    ///   - articlePages: for each article, whether its page is rendered in this build.
    ///   - printEditions: for each month, whether its print edition is rendered in this build.
    init(graph: SiteGraph, articlePages: [Bool], printEditions: [Bool]) {
        var shared = articlePages
        for (month, entry) in graph.months.enumerated() where !printEditions[month] {
            for index in entry.articles { shared[index] = false }
        }
        self.shared = shared
    }

    /// Nothing shared: every page renders its own bodies.
    init() { shared = [] }

    /// The rendered body of article `index`: the one the article's other page left, or `make()`.
    func body(of index: Int, make: () -> [UInt8]) -> [UInt8] {
        guard shared.indices.contains(index), shared[index] else { return make() }
        lock.lock()
        let left = waiting.removeValue(forKey: index)
        lock.unlock()
        if let left { return left }
        let body = make()
        lock.lock()
        waiting[index] = body
        lock.unlock()
        return body
    }
}
