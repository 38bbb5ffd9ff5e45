import Foundation
import Testing

@testable import BantinKit

/// "Xem thêm" as computed by grouping must equal its plain definition, computed here by
/// comparing every pair: hand-picked first, then most shared directives and themes, newest
/// first (by slug on the same date), then the newest of all.
@Suite struct RelatedArticlesTests {
    static func article(_ n: Int, instant: Int64, directives: [String], themes: [Int], related: [String]) -> Article {
        var fields = ArticleFields()
        fields.title = "Bài \(n)"
        fields.date = LocalDateTime(instant: instant, offset: 25_200)
        fields.directives = directives.compactMap(DirectiveCode.init)
        fields.themes = themes
        fields.related = related
        return Article(file: "a\(n).md", fields: fields, slug: Slug(from: "bai \(n)")!, body: "")
    }

    /// The definition, quadratic and obvious.
    static func reference(_ articles: [Article], limit: Int) -> [[Int]] {
        func terms(_ a: Article) -> Set<String> { Set(a.directives.map { "d" + $0.slug.value } + a.themes.map { "t\($0)" }) }
        func newer(_ a: Int, _ b: Int) -> Bool {
            if articles[a].date.instant != articles[b].date.instant { return articles[a].date.instant > articles[b].date.instant }
            return articles[a].slug < articles[b].slug
        }
        return articles.indices.map { index in
            var picked: [Int] = []
            for slug in articles[index].related {
                if let other = articles.firstIndex(where: { $0.slug.value == slug }), other != index, !picked.contains(other), picked.count < limit {
                    picked.append(other)
                }
            }
            let mine = terms(articles[index])
            let others = articles.indices.filter { $0 != index && !picked.contains($0) }
            let sharing = others.filter { !mine.isEmpty && !terms(articles[$0]).isDisjoint(with: mine) }
            let ranked = sharing.sorted { a, b in
                let (sa, sb) = (terms(articles[a]).intersection(mine).count, terms(articles[b]).intersection(mine).count)
                return sa != sb ? sa > sb : newer(a, b)
            }
            picked += ranked.prefix(limit - picked.count)
            let rest = others.filter { !picked.contains($0) }.sorted(by: newer)
            picked += rest.prefix(limit - picked.count)
            return picked
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func groupedRankingEqualsThePlainDefinition(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let codes = ["01-KL/TW", "05-CT/TW", "21-KL/TW", "35-NQ/TW", "37-NQ/TW"]
        let count = Int.random(in: 30...90, using: &random)
        let articles = (0..<count).map { n in
            Self.article(
                n, instant: Int64(Int.random(in: 0..<40, using: &random)) * 86_400,
                directives: Array(codes.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                themes: Array([2021, 2022, 2023].shuffled(using: &random).prefix(Int.random(in: 0...1, using: &random))),
                related: Int.random(in: 0..<6, using: &random) == 0 ? ["bai-\(Int.random(in: 0..<count + 3, using: &random))"] : [])
        }
        // As the site graph holds them: newest first, ties by slug.
        let sorted = articles.sorted { $0.date.instant != $1.date.instant ? $0.date.instant > $1.date.instant : $0.slug < $1.slug }
        #expect(RelatedArticles.compute(sorted, limit: 5) == Self.reference(sorted, limit: 5))
    }

    /// The saved ranking is used only for the same slugs, dates and terms; a damaged file is ignored.
    @Test func theSavedRankingIsUsedOnlyForTheSameInputs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("related-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let memo = RelatedMemo(url: folder.appendingPathComponent("related"))
        var articles = (0..<12).map { n in
            Self.article(n, instant: Int64(n % 5) * 86_400, directives: n % 2 == 0 ? ["01-KL/TW"] : ["05-CT/TW"], themes: [2023], related: [])
        }
        let computed = RelatedArticles.compute(articles, limit: 5)
        #expect(memo.related(articles) == computed)
        #expect(memo.load(key: RelatedMemo.key(articles, limit: 5), count: articles.count) == computed, "saved")
        // A new title leaves the ranking's inputs as they were; new terms do not.
        func edited(_ article: Article, _ change: (inout ArticleFields) -> Void) -> Article {
            var fields = article.fields
            change(&fields)
            return Article(file: article.file, fields: fields, slug: article.slug, body: article.body)
        }
        articles[3] = edited(articles[3]) { $0.title = "Tiêu đề mới" }
        #expect(memo.load(key: RelatedMemo.key(articles, limit: 5), count: articles.count) == computed)
        articles[3] = edited(articles[3]) { $0.directives = [DirectiveCode("01-KL/TW")!] }
        #expect(memo.load(key: RelatedMemo.key(articles, limit: 5), count: articles.count) == nil)
        #expect(memo.related(articles) == RelatedArticles.compute(articles, limit: 5))
        // A damaged file is refused, and ranking starts again.
        var bytes = try Data(contentsOf: memo.url)
        bytes[bytes.count - 1] = 0xFF
        try bytes.write(to: memo.url)
        #expect(memo.load(key: RelatedMemo.key(articles, limit: 5), count: articles.count) == nil)
        try bytes.prefix(bytes.count - 4).write(to: memo.url)
        #expect(memo.load(key: RelatedMemo.key(articles, limit: 5), count: articles.count) == nil)
        #expect(memo.related(articles) == RelatedArticles.compute(articles, limit: 5))
    }

}

/// The search index kept between builds (`SearchMemo`).
@Suite struct SearchMemoTests {
    /// What search kept of each article is taken from the saved memo only under its own key; a damaged file is ignored.
    @Test func savedSearchArticlesAreReusedByKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let memo = SearchMemo(url: folder.appendingPathComponent("search"))
        let made = Counter()
        func article(_ version: String) -> @Sendable (Int) -> [UInt8] {
            { index in
                made.add()
                return Array("bài \(index) \(version)".utf8)
            }
        }
        func texts(_ articles: ArticleBlobs) -> [String] {
            (0..<articles.count).map { index in articles.withBlob(index) { String(decoding: $0, as: UTF8.self) } }
        }
        /// The articles under `keys`, saved when they changed (as a build does), and whether they had.
        func articles(_ keys: [UInt64], _ make: @escaping @Sendable (Int) -> [UInt8]) -> (ArticleBlobs, Bool) {
            let (blobs, changed, _) = memo.articles(keys: keys) { indices in indices.map(make) }
            if changed { memo.save(blobs, keys: keys) }
            return (blobs, changed)
        }
        let (first, firstChanged) = articles([1, 2, 3], article("a"))
        #expect(firstChanged)
        #expect(texts(first) == ["bài 0 a", "bài 1 a", "bài 2 a"])
        #expect(made.value == 3)
        // Key 2 changed, key 3 now first: only the new key's article is made again.
        let (second, secondChanged) = articles([3, 1, 9], article("b"))
        #expect(secondChanged)
        #expect(texts(second) == ["bài 2 a", "bài 0 a", "bài 2 b"])
        #expect(made.value == 4)
        let (third, thirdChanged) = articles([3, 1, 9], article("c"))
        #expect(texts(third) == texts(second) && !thirdChanged, "nothing made, nothing to save")
        #expect(made.value == 4)
        // A damaged file is not used.
        let url = folder.appendingPathComponent("search")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(30).write(to: url)
        #expect(texts(articles([3], article("d")).0) == ["bài 0 d"])
        #expect(made.value == 5)
    }

    /// An edit appends the article it changed and a new table to the memo instead of writing
    /// every article again; a memo cut short anywhere after its last table is not used; once
    /// more than half of it is bytes no table lists, it is written anew.
    @Test func anEditAppendsToTheSearchMemo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("search")
        let memo = SearchMemo(url: url)
        let body = String(repeating: "đảng viên ", count: 50)
        func save(_ keys: [UInt64], slack: Int = 1 << 20) -> [String] {
            let memo = SearchMemo(url: url, slack: slack)
            let (blobs, changed, _) = memo.articles(keys: keys) { indices in indices.map { Array("\(keys[$0]) \(body)".utf8) } }
            if changed { memo.save(blobs, keys: keys) }
            return (0..<blobs.count).map { index in blobs.withBlob(index) { String(decoding: $0, as: UTF8.self) } }
        }
        func file() throws -> (inode: Int, size: Int) {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            return ((attributes[.systemFileNumber] as! NSNumber).intValue, (attributes[.size] as! NSNumber).intValue)
        }
        let keys: [UInt64] = Array(1...100)
        _ = save(keys)
        let first = try file()
        var edited = keys
        edited[40] = 1_000
        #expect(save(edited) == edited.map { "\($0) \(body)" })
        let second = try file()
        // One article's bytes and their checksum, and a table (three numbers an article, three
        // more at the end) appended.
        #expect(second.inode == first.inode)
        #expect(second.size == first.size + "1000 \(body)".utf8.count + 8 + 24 * edited.count + 24)
        #expect(save(edited) == edited.map { "\($0) \(body)" }, "read back from the appended table")
        // Cut anywhere in the last table or trailer: not used, every article made again.
        let whole = try Data(contentsOf: url)
        for cut in [1, 8, 24, 25, 24 * edited.count] {
            try whole.prefix(whole.count - cut).write(to: url)
            let (blobs, _, _) = memo.articles(keys: edited) { indices in indices.map { _ in Array("remade".utf8) } }
            #expect(blobs.withBlob(0) { String(decoding: $0, as: UTF8.self) } == "remade", "cut \(cut) bytes")
        }
        // An article's bytes changed in place: that one is made again, the others are kept.
        var damaged = whole
        let at = try #require(damaged.range(of: Data("1000 \(body)".utf8)))
        damaged[at.lowerBound + 2] ^= 0x01
        try damaged.write(to: url)
        let (kept, _, _) = memo.articles(keys: edited) { indices in indices.map { _ in Array("remade".utf8) } }
        #expect((0..<kept.count).filter { kept.withBlob($0) { String(decoding: $0, as: UTF8.self) } == "remade" } == [40])
        try whole.write(to: url)
        // Edits with no slack: written anew once the dead bytes pass the live ones.
        var inodes: Set<Int> = [try file().inode]
        var largest = 0
        for edit in 0..<60 {
            edited[edit % 100] = 2_000 + UInt64(edit)
            #expect(save(edited, slack: 0) == edited.map { "\($0) \(body)" })
            inodes.insert(try file().inode)
            largest = max(largest, try file().size)
        }
        #expect(inodes.count > 1, "written anew at least once")
        #expect(largest <= 2 * 100 * ("2000 \(body)".utf8.count + 8) + 2 * (24 * 100 + 24) + 16 + 600, "\(largest) bytes")
    }
}

/// Counts calls made from many threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
