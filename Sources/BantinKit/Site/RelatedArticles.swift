/// "Xem thêm": for each article, hand-picked `related` first, then the articles sharing
/// the most directives and themes, newest first, then the newest of all (as SPEC.md says).
///
/// Articles are grouped by their exact set of directives and themes, so the work grows with
/// articles × distinct sets, never articles²: a bulletin has thousands of articles but few sets.
public enum RelatedArticles {
    public static func compute(_ articles: [Article], limit: Int = 5) -> [[Int]] {
        guard articles.count > 1 else { return articles.map { _ in [] } }
        let order = DateOrder(articles)
        let groups = TermGroups(articles, order: order)
        let slugIndex = Dictionary(articles.enumerated().map { ($0.element.slug.value, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return order.instant.withUnsafeBufferPointer { instant in
            order.rank.withUnsafeBufferPointer { rank in
                let keys = DateKeys(instant: instant, rank: rank)
                // For each group and level of shared terms, the newest articles of that level's
                // groups, as many as one pick may pass over (the article itself, its hand-picked
                // ones, those taken) and take: not the groups themselves, which a term most
                // articles cite makes groups² numbers.
                let keep = 3 * limit + 1
                let levels = Array(groups.signatures.indices).parallelMap { group in
                    groups.othersBySharedTerms(group).map { level in
                        var newest = Newest(target: -1, limit: keep, keys: keys)
                        for g in level.groups { newest.offer(groups.members[g], excluding: []) }
                        return (level: level.level, newestAscending: Array(newest.items.reversed()))
                    }
                }
                let picker = Picker(limit: limit, keys: keys, groups: groups, levels: levels, everyone: order.ascending)
                return Array(articles.indices).parallelMap { index in
                    picker.related(of: index, handPicked: articles[index].related.compactMap { slugIndex[$0] })
                }
            }
        }
    }

    /// Articles grouped by the exact set of their terms (directives and themes), each group by
    /// date: articles with the same terms rank alike, so groups are compared, not articles.
    struct TermGroups: Sendable {
        /// Each article's terms, as sorted numbers.
        let ofArticle: [[Int]]
        /// The group of each set of terms, each group's articles (oldest first) and its terms.
        let groupOf: [[Int]: Int]
        let members: [[Int]]
        let signatures: [[Int]]
        /// The groups that have each term.
        let withTerm: [[Int]]

        init(_ articles: [Article], order: DateOrder) {
            var termIDs: [String: Int] = [:]
            func id(_ key: String) -> Int {
                if let existing = termIDs[key] { return existing }
                termIDs[key] = termIDs.count
                return termIDs.count - 1
            }
            ofArticle = articles.map { article in
                (article.directives.map { id("d:" + $0.slug.value) } + article.themes.map { id("t:\($0)") }).sorted()
            }
            var groupOf: [[Int]: Int] = [:]
            var members: [[Int]] = []
            var signatures: [[Int]] = []
            for (index, signature) in ofArticle.enumerated() where !signature.isEmpty {
                if let g = groupOf[signature] {
                    members[g].append(index)
                } else {
                    groupOf[signature] = members.count
                    members.append([index])
                    signatures.append(signature)
                }
            }
            self.groupOf = groupOf
            self.members = members.map { $0.sorted { order.rank[$0] < order.rank[$1] } }
            self.signatures = signatures
            var withTerm = [[Int]](repeating: [], count: termIDs.count)
            for (g, signature) in signatures.enumerated() {
                for term in signature { withTerm[term].append(g) }
            }
            self.withTerm = withTerm
        }

        /// The other groups sharing terms with `group`, most shared first: counted through the
        /// groups of each term, never by comparing every pair of groups.
        @Sendable func othersBySharedTerms(_ group: Int) -> [(level: Int, groups: [Int])] {
            var shared = [Int](repeating: 0, count: signatures.count)
            var touched: [Int] = []
            for term in signatures[group] {
                for g in withTerm[term] {
                    if shared[g] == 0 { touched.append(g) }
                    shared[g] += 1
                }
            }
            var byLevel = [[Int]](repeating: [], count: signatures[group].count + 1)
            for g in touched.sorted() { byLevel[shared[g]].append(g) }
            return byLevel.indices.reversed().filter { !byLevel[$0].isEmpty }.map { ($0, byLevel[$0]) }
        }
    }

    /// Picks one article's "Xem thêm": hand-picked first, then by most shared terms, newest first.
    struct Picker: @unchecked Sendable {
        let limit: Int
        let keys: DateKeys
        let groups: TermGroups
        /// For each group, each level's newest articles, oldest first.
        let levels: [[(level: Int, newestAscending: [Int])]]
        let everyone: [Int]

        func related(of index: Int, handPicked: [Int]) -> [Int] {
            var picked: [Int] = []
            var excluded: [Int] = [index]  // a handful: a list is faster than a set
            for other in handPicked where !excluded.contains(other) && picked.count < limit {
                picked.append(other)
                excluded.append(other)
            }
            if let g = groups.groupOf[groups.ofArticle[index]] {
                for (_, sameLevel) in levels[g] where picked.count < limit {
                    let newest = self.newest(besides: index, among: [sameLevel], room: limit - picked.count, excluding: excluded)
                    picked += newest
                    excluded += newest
                }
            }
            if picked.count < limit {
                picked += newest(besides: index, among: [everyone], room: limit - picked.count, excluding: excluded)
            }
            return picked
        }

        private func newest(besides index: Int, among lists: [[Int]], room: Int, excluding: [Int]) -> [Int] {
            var best = Newest(target: index, limit: room, keys: keys)
            for list in lists { best.offer(list, excluding: excluding) }
            return best.items
        }
    }

    /// Articles by date, oldest first, ties by slug: as plain numbers, so comparing two is cheap.
    struct DateOrder {
        let instant: [Int64]
        /// Position of each article in `ascending`.
        let rank: [Int]
        let ascending: [Int]

        init(_ articles: [Article]) {
            instant = articles.map { Int64($0.date.instant) }
            ascending = articles.indices.sorted { a, b in
                let x = articles[a].date.instant, y = articles[b].date.instant
                return x != y ? x < y : articles[a].slug < articles[b].slug
            }
            var rank = [Int](repeating: 0, count: articles.count)
            for (position, index) in ascending.enumerated() { rank[index] = position }
            self.rank = rank
        }

    }

    /// `DateOrder`'s numbers as raw buffers: compared millions of times, with no reference counting.
    struct DateKeys: @unchecked Sendable {
        let instant: UnsafeBufferPointer<Int64>
        let rank: UnsafeBufferPointer<Int>

        /// Does `a` come before `b`, newest first? On the same date, by slug.
        func newer(_ a: Int, _ b: Int) -> Bool {
            if instant[a] != instant[b] { return instant[a] > instant[b] }
            return rank[a] < rank[b]
        }
    }

    /// The `limit` newest articles among those offered, besides `target`, newest first.
    struct Newest {
        let target: Int
        let limit: Int
        let keys: DateKeys
        private(set) var items: [Int] = []

        init(target: Int, limit: Int, keys: DateKeys) {
            self.target = target
            self.limit = limit
            self.keys = keys
            items.reserveCapacity(limit + 1)
        }

        /// Offers the newest members of `sorted` (ascending by date): walking back from its end,
        /// `limit` of them and any of the same date as the last (which come in the reverse of
        /// their order by slug).
        mutating func offer(_ sorted: [Int], excluding: [Int]) {
            var taken = 0
            var lastInstant: Int64? = nil
            for candidate in sorted.reversed() {
                let instant = keys.instant[candidate]
                if taken >= limit, instant != lastInstant { break }
                if candidate != target, !excluding.contains(candidate) {
                    insert(candidate)
                    taken += 1
                    lastInstant = instant
                }
            }
        }

        /// Keeps `items` sorted newest first and no longer than `limit`.
        private mutating func insert(_ candidate: Int) {
            var at = items.count
            while at > 0, keys.newer(candidate, items[at - 1]) { at -= 1 }
            guard at < limit else { return }
            items.insert(candidate, at: at)
            if items.count > limit { items.removeLast() }
        }
    }
}
