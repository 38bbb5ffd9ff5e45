/// "Xem thêm": for each article, hand-picked `related` first, then the articles sharing
/// the most directives and themes, nearest in date first (newer on a tie), then nearest in date.
///
/// Articles are grouped by their exact set of directives and themes, so the work grows with
/// articles × distinct sets, never articles²: a bulletin has thousands of articles but few sets.
public enum RelatedArticles {
    public static func compute(_ articles: [Article], limit: Int = 5) -> [[Int]] {
        guard articles.count > 1 else { return articles.map { _ in [] } }
        var termIDs: [String: Int] = [:]
        func id(_ key: String) -> Int {
            if let existing = termIDs[key] { return existing }
            termIDs[key] = termIDs.count
            return termIDs.count - 1
        }
        let signatures: [[Int]] = articles.map { article in
            (article.directives.map { id("d:" + $0.slug.value) } + article.themes.map { id("t:\($0)") }).sorted()
        }
        var groupOf: [[Int]: Int] = [:]
        var groups: [[Int]] = []  // article indices, sorted by date ascending
        var groupSignatures: [[Int]] = []
        for (index, signature) in signatures.enumerated() where !signature.isEmpty {
            if let g = groupOf[signature] {
                groups[g].append(index)
            } else {
                groupOf[signature] = groups.count
                groups.append([index])
                groupSignatures.append(signature)
            }
        }
        let byDate = { (a: Int, b: Int) in keyLess(articles, a, b) }
        groups = groups.map { $0.sorted(by: byDate) }
        let everyone = Array(articles.indices).sorted(by: byDate)
        let slugIndex = Dictionary(articles.enumerated().map { ($0.element.slug.value, $0.offset) }, uniquingKeysWith: { a, _ in a })

        // For each group, the other groups by how many terms they share (computed on every core).
        let signaturesOfGroups = groupSignatures
        let groupOfSignature = groupOf
        let groupSets = signaturesOfGroups.map { Set($0) }
        let levelsByGroup: [[(level: Int, groups: [Int])]] = Array(signaturesOfGroups.indices).parallelMap { group in
            var byLevel: [Int: [Int]] = [:]
            for (g, signature) in signaturesOfGroups.enumerated() {
                let shared = signature.reduce(0) { $0 + (groupSets[group].contains($1) ? 1 : 0) }
                if shared > 0 { byLevel[shared, default: []].append(g) }
            }
            return byLevel.keys.sorted(by: >).map { ($0, byLevel[$0]!) }
        }

        let sortedGroups = groups
        return Array(articles.indices).parallelMap { index in
            let article = articles[index]
            var picked: [Int] = []
            var excluded: Set<Int> = [index]
            for slug in article.related {
                if let other = slugIndex[slug], excluded.insert(other).inserted, picked.count < limit { picked.append(other) }
            }
            if picked.count < limit, let g = groupOfSignature[signatures[index]] {
                for (_, sameLevel) in levelsByGroup[g] where picked.count < limit {
                    let candidates = sameLevel.flatMap { nearest(in: sortedGroups[$0], to: index, count: limit - picked.count, excluding: excluded, articles) }
                    for c in candidates.sorted(by: { nearer(articles, index, $0, $1) }).prefix(limit - picked.count) {
                        picked.append(c)
                        excluded.insert(c)
                    }
                }
            }
            if picked.count < limit {
                picked += nearest(in: everyone, to: index, count: limit - picked.count, excluding: excluded, articles)
            }
            return picked
        }
    }

    /// Up to `count` members of `sorted` (ascending by date) nearest in date to `target`.
    static func nearest(in sorted: [Int], to target: Int, count: Int, excluding: Set<Int>, _ articles: [Article]) -> [Int] {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if keyLess(articles, sorted[mid], target) { low = mid + 1 } else { high = mid }
        }
        var left = low - 1, right = low
        var out: [Int] = []
        while out.count < count, left >= 0 || right < sorted.count {
            let takeRight: Bool
            if left < 0 { takeRight = true } else if right >= sorted.count { takeRight = false } else {
                takeRight = nearer(articles, target, sorted[right], sorted[left])
            }
            let candidate = takeRight ? sorted[right] : sorted[left]
            if takeRight { right += 1 } else { left -= 1 }
            if !excluding.contains(candidate) { out.append(candidate) }
        }
        return out
    }

    /// Is `a` a better "nearest in date" to `target` than `b`? Closer first, newer on a tie, then slug.
    static func nearer(_ articles: [Article], _ target: Int, _ a: Int, _ b: Int) -> Bool {
        let t = articles[target].date.instant
        let da = abs(articles[a].date.instant - t), db = abs(articles[b].date.instant - t)
        if da != db { return da < db }
        if articles[a].date.instant != articles[b].date.instant { return articles[a].date.instant > articles[b].date.instant }
        return articles[a].slug < articles[b].slug
    }

    static func keyLess(_ articles: [Article], _ a: Int, _ b: Int) -> Bool {
        let x = articles[a], y = articles[b]
        return x.date.instant != y.date.instant ? x.date.instant < y.date.instant : x.slug < y.slug
    }
}
