import Foundation

/// The last "Xem thêm" ranking, kept beside the output with a fingerprint of everything it was
/// computed from (each article's slug, date, directives, themes and hand-picked related
/// articles, in site order, and the bantin executable). An edit that changes none of these, such
/// as a new title, summary or body, reuses it instead of ranking every article again.
struct RelatedMemo: Sendable {
    let url: URL
    let limit: Int

    init(url: URL, limit: Int = 5) {
        self.url = url
        self.limit = limit
    }

    /// The ranking of `articles`: the saved one when its fingerprint matches, otherwise computed and saved.
    func related(_ articles: [Article]) -> [[Int]] {
        let key = Self.key(articles, limit: limit)
        if let saved = load(key: key, count: articles.count) { return saved }
        let related = RelatedArticles.compute(articles, limit: limit)
        save(related, key: key)
        return related
    }

    static let magic: UInt64 = 0x6261_6e74_696e_5231  // "bantinR1"

    static func key(_ articles: [Article], limit: Int) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        hasher.add(Int64(limit))
        hasher.add(Int64(articles.count))
        for article in articles {
            hasher.add(article.slug.value)
            hasher.add(Int64(article.date.instant))
            hasher.add(Int64(article.directives.count))
            for code in article.directives { hasher.add(code.slug.value) }
            hasher.add(Int64(article.themes.count))
            for year in article.themes { hasher.add(Int64(year)) }
            hasher.add(Int64(article.related.count))
            for slug in article.related { hasher.add(slug) }
        }
        return hasher.value
    }

    /// The file: magic, key, article count, then for each article its count and indices, all
    /// little-endian 32- or 64-bit numbers. Anything that does not fit `count` articles is refused.
    func load(key: UInt64, count: Int) -> [[Int]]? {
        guard let bytes = Directory.contents(of: url.path), bytes.count >= 24, bytes.count % 4 == 0 else { return nil }
        return bytes.withUnsafeBytes { raw -> [[Int]]? in
            func word(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at * 4, as: UInt32.self)) }
            func wide(_ at: Int) -> UInt64 { UInt64(word(at)) | UInt64(word(at + 1)) << 32 }
            guard wide(0) == Self.magic, wide(2) == key, wide(4) == UInt64(count) else { return nil }
            let words = raw.count / 4
            var at = 6
            var related: [[Int]] = []
            related.reserveCapacity(count)
            for _ in 0..<count {
                guard at < words else { return nil }
                let n = Int(word(at))
                guard n <= limit, at + 1 + n <= words else { return nil }
                var list: [Int] = []
                list.reserveCapacity(n)
                for i in 0..<n {
                    let index = Int(word(at + 1 + i))
                    guard index < count else { return nil }
                    list.append(index)
                }
                related.append(list)
                at += 1 + n
            }
            return at == words ? related : nil
        }
    }

    /// Saved through a temporary file renamed into place, so a reader never sees half of it.
    func save(_ related: [[Int]], key: UInt64) {
        var words: [UInt32] = []
        words.reserveCapacity(6 + related.count * (limit + 1))
        for wide in [Self.magic, key, UInt64(related.count)] { words += [UInt32(truncatingIfNeeded: wide).littleEndian, UInt32(wide >> 32).littleEndian] }
        for list in related {
            words.append(UInt32(list.count).littleEndian)
            words += list.map { UInt32($0).littleEndian }
        }
        let bytes = words.withUnsafeBytes { Array($0) }
        OutputFolder.replaceFile(parts: [bytes], at: url.path)
    }
}
