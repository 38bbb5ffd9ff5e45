/// Which articles have two or three folded words next to each other: what lets search put an
/// article with the query's words in order first, however many articles have those words apart.
///
/// Each pair and each run of three neighbouring words of a text (in the same title, sapo, block
/// of the body — a paragraph, heading, list item or table row — or other field) is hashed from the words' folded forms into one of `buckets`; an article
/// keeps the set of its buckets (about 1.5 % of them for a long article), and the index lists,
/// for each bucket, the articles that have it. An article with every pair and run of three of
/// a query's words in its buckets probably has the phrase: the page ranks those first and
/// checks them on their records. Runs of three tell apart a phrase of common pairs (a name such
/// as `Nguyễn Văn An`) from the many articles that have both pairs somewhere.
/// Files `p-<k>.js` (`BANTIN_SEARCH_PAIRS(k, [list, …])`) each hold `perFile` buckets'
/// `DocList`s (an empty one as a hole: `[,"…",,"…"]`), `perFile` chosen so that a file stays
/// near `fileTarget` bytes.
enum PhrasePairs {
    /// As many as an article's bucket numbers (`UInt16`) can say: the fewer of them an article
    /// has, the rarer it is that one has all of a query's by chance.
    static let buckets = 65_536
    static let fileTarget = 12_000

    /// The bucket of the folded words whose `VietnameseFolding.foldedHash` are `first` and
    /// `second`, in this order (as `search.js` works it out).
    @inline(__always)
    static func bucket(_ first: UInt32, _ second: UInt32) -> Int { bucket(ofMix: mix(first, second)) }

    /// The bucket of three folded words in this order: the first two mixed, then the third.
    @inline(__always)
    static func bucket(_ first: UInt32, _ second: UInt32, _ third: UInt32) -> Int {
        bucket(ofMix: mix(mix(first, second), third))
    }

    /// The bucket of a pair's or a run's `mix`: a run of three mixes its first two words' mix
    /// with the third, so a text read word by word mixes each word once with the pair before.
    @inline(__always)
    static func bucket(ofMix mix: UInt32) -> Int { Int(mix) & (buckets - 1) }

    @inline(__always)
    static func mix(_ first: UInt32, _ second: UInt32) -> UInt32 {
        var x = (first &* 0x9E37_79B1) ^ second
        x ^= x >> 16
        x = x &* 0x85EB_CA6B
        x ^= x >> 13
        return x
    }

    /// Every bucket's `DocList`, one after another: bucket `b`'s is `bytes[ends[b - 1]..<ends[b]]`
    /// (from 0 for the first). Kept between builds (`SearchShardMemo`).
    struct Lists: Sendable, Equatable {
        var bytes: [UInt8]
        var ends: [Int]

        func list(_ b: Int) -> ArraySlice<UInt8> { bytes[(b == 0 ? 0 : ends[b - 1])..<ends[b]] }
    }

    /// The buckets' lists of articles whose `IndexedArticle` bytes are `blobs`. Every article
    /// of every bucket is held at once (an article has about 1.5 % of the buckets): as two bytes
    /// each while the bulletin's numbers fit, half the memory of four.
    static func lists(blobs: ArticleBlobs) -> Lists {
        blobs.count <= Int(UInt16.max) + 1 ? lists(blobs: blobs, as: UInt16.self) : lists(blobs: blobs, as: Int32.self)
    }

    static func lists<Number: FixedWidthInteger & Sendable>(blobs: ArticleBlobs, as _: Number.Type) -> Lists {
        let count = blobs.count
        // Each bucket's articles, ascending: counted, then placed.
        var starts = [Int32](repeating: 0, count: buckets + 1)
        var articles: [Number] = []
        starts.withUnsafeMutableBufferPointer { starts in
            for number in 0..<count {
                blobs.withBlob(numbered: number) { IndexedArticle.forEachPairBucket(in: $0) { starts[$0 + 1] += 1 } }
            }
            for b in 0..<buckets { starts[b + 1] += starts[b] }
            var next = Array(starts)
            // Every place is written below: no need to clear them first.
            let total = Int(starts[buckets])
            articles = [Number](unsafeUninitializedCapacity: total) { articles, initialized in
                HugePages.advise(articles)
                next.withUnsafeMutableBufferPointer { next in
                    for number in 0..<count {
                        blobs.withBlob(numbered: number) {
                            IndexedArticle.forEachPairBucket(in: $0) { b in
                                articles[Int(next[b])] = Number(truncatingIfNeeded: number)
                                next[b] += 1
                            }
                        }
                    }
                }
                initialized = total
            }
        }
        // Every bucket's `DocList`, made on every core a group of buckets at a time, one after
        // another in the group's bytes.
        let group = 256
        let groups: [(bytes: [UInt8], ends: [Int])] = Array(stride(from: 0, to: buckets, by: group)).parallelMap { [articles, starts] first in
            var bytes: [UInt8] = []
            var ends: [Int] = []
            ends.reserveCapacity(group)
            articles.withUnsafeBufferPointer { articles in
                for b in first..<(first + group) {
                    DocList.append(UnsafeBufferPointer(rebasing: articles[Int(starts[b])..<Int(starts[b + 1])]), to: &bytes)
                    ends.append(bytes.count)
                }
            }
            return (bytes, ends)
        }
        var lists = Lists(bytes: [], ends: [])
        lists.bytes.reserveCapacity(groups.reduce(0) { $0 + $1.bytes.count })
        lists.ends.reserveCapacity(buckets)
        for (bytes, ends) in groups {
            let base = lists.bytes.count
            lists.bytes += bytes
            lists.ends += ends.map { base + $0 }
        }
        return lists
    }

    /// The name of pair file `k` (buckets `k × perFile` and on).
    static func fileName(_ k: Int) -> String { "p-\(k).js" }

    /// The pair files of `lists`, and how many buckets each holds.
    static func files(_ lists: Lists, folder: String) -> (files: [SearchShards.File], perFile: Int) {
        let list = lists.list
        let total = (0..<buckets).reduce(0) { total, b in
            let length = list(b).count
            return total + (length == 0 ? 1 : length + 3)
        }
        var perFile = buckets
        while perFile > 1, total / (buckets / perFile) > fileTarget { perFile /= 2 }
        let files = stride(from: 0, to: buckets, by: perFile).map { first -> SearchShards.File in
            let k = first / perFile
            var out = Array("BANTIN_SEARCH_PAIRS(\(k),[".utf8)
            // A bucket no article has is a hole of the array (a comma alone).
            for b in first..<(first + perFile) {
                if b > first { out.append(UInt8(ascii: ",")) }
                let list = list(b)
                if list.isEmpty { continue }
                out.append(UInt8(ascii: "\""))
                out += list
                out.append(UInt8(ascii: "\""))
            }
            out += "]);\n".utf8
            return SearchShards.File(path: folder + fileName(k), bytes: out)
        }
        return (files, perFile)
    }
}
