import Foundation

/// The full-text index, as the small scripts the search page loads from disk (`<script>`, no
/// `fetch`), under `tim-kiem/chi-muc/`:
/// - `muc-luc.js`: `BANTIN_SEARCH_INDEX({"format":V,"docs":N,"build":"…","pairs":{"buckets":B,"perFile":F},"shards":[keys]})`:
///   the format (`format`), how many articles, which articles in which order (`numbering`: the
///   page reads every other file under it, and drops what it read under another), how the
///   `PhrasePairs` files are cut, and the key of every shard;
/// - `p-<k>.js`: the articles of `PhrasePairs` buckets `k·F` to `k·F + F − 1`;
/// - `t-<key>.js`: `BANTIN_SEARCH_SHARD("key",{word: entry, …})`: the folded words (no
///   diacritics, `đ` → `d`) whose longest shard key is a prefix of them. An entry is
///   `[title, sapo, about, form, articles, form, articles, …]`: the articles with the word in their
///   title, in their sapo, in their author, place, category, codes or themes (`about`), and for
///   each exact (lower-case) form, the articles it occurs in, as
///   `DocList`s. A query word loads the shards whose key is a prefix of it or starts with it;
/// - `bai/<n>.js`: `BANTIN_SEARCH_DOC(n,[url,title,date,sapo,body,about(,subtitle(,source))])`: what a result shows.
/// Articles are numbered oldest first, so a new article leaves the others' numbers alone.
/// A shard key is a folded word's first character, then letters and digits, split further
/// wherever a shard would pass `shardLimit` bytes.
enum SearchShards {
    static let folder = "tim-kiem/chi-muc/"
    static let shardLimit = 16_000
    /// What the files above hold and how, as a number: the table says it, and the search page's
    /// script reads only the format it names (`var INDEX_FORMAT = 6;` in `assets/search.js`). Raised
    /// with every change of what a script of the index holds.
    static let format = 6

    /// The line of a search page's script that says it reads this format.
    static var formatLine: String { "var INDEX_FORMAT = \(format);" }

    struct File: Sendable {
        var path: String
        var bytes: [UInt8]
    }

    /// What the shards and pair lists are made of: every folded word with its entry, and every
    /// pair bucket's list. Kept between builds (`SearchShardMemo`), and updated there after an
    /// edit rather than made again (`updated`).
    struct Contents: Sendable, Equatable {
        var words: [Vocabulary.ShardWord]
        var pairs: PhrasePairs.Lists
    }

    /// The shards and table of contents of the index of articles whose `IndexedArticle` bytes
    /// are `blobs`, in site order (newest first). The records are files of their own (`record`).
    static func files(blobs: ArticleBlobs, numbering: String) -> [File] {
        files(contents(blobs: blobs), docs: blobs.count, numbering: numbering)
    }

    /// Which articles the index numbers, in its order (their addresses, oldest first), as a short
    /// text: the same for two builds whose files name the same articles by the same numbers, and
    /// another once an article is added, deleted, redated or moved.
    static func numbering(_ articles: [Article]) -> String {
        var hasher = StableHasher()
        for article in articles.reversed() { hasher.add(article.slug.value) }
        return String(hasher.value, radix: 36)
    }

    /// The contents of the index of `blobs`.
    static func contents(blobs: ArticleBlobs) -> Contents {
        // The pair lists are made on another core meanwhile.
        let pairs = Background { PhrasePairs.lists(blobs: blobs) }
        let words = Vocabulary(blobs: blobs).shardWords()
        return Contents(words: words, pairs: pairs.value)
    }

    /// The shards, pair files and table of contents of `contents`, for `count` articles
    /// (`numbering`: see `numbering(_:)`, of the articles in site order).
    static func files(_ contents: Contents, docs count: Int, numbering: String) -> [File] {
        let words = contents.words
        var files: [File] = []
        var keys: [String] = []
        partition(words.indices, depth: nil, words: words) { key, members in
            keys.append(key)
            var out = Array("BANTIN_SEARCH_SHARD(".utf8)
            Escape.appendJSONString(key, to: &out)
            out += ",{".utf8
            for (k, index) in members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out += words[index].entry
            }
            out += "});\n".utf8
            files.append(File(path: folder + shardFileName(key), bytes: out))
        }
        let (pairFiles, perFile) = PhrasePairs.files(contents.pairs, folder: folder)
        files += pairFiles
        var table = Array("BANTIN_SEARCH_INDEX({\"format\":\(format),\"docs\":\(count),\"build\":\"\(numbering)\",\"pairs\":{\"buckets\":\(PhrasePairs.buckets),\"perFile\":\(perFile)},\"shards\":[".utf8)
        for (k, key) in keys.enumerated() {
            if k > 0 { table.append(UInt8(ascii: ",")) }
            Escape.appendJSONString(key, to: &table)
        }
        table += "]});\n".utf8
        files.append(File(path: folder + "muc-luc.js", bytes: table))
        return files
    }

    /// The position in site order (newest first) of the article numbered `number` (oldest first)
    /// among `count`; the same the other way round.
    static func siteIndex(ofNumber number: Int, count: Int) -> Int { count - 1 - number }

    /// Where the record of article `number` (oldest first) is written.
    static func recordPath(_ number: Int) -> String { folder + "bai/\(number).js" }

    /// The record file of article `number` (oldest first), from its `IndexedArticle` bytes.
    static func record(_ number: Int, blob: UnsafeRawBufferPointer) -> [UInt8] {
        let record = IndexedArticle.record(in: blob)
        var out = recordStart(number)
        out.reserveCapacity(out.count + record.count + recordEnd.count)
        out += record
        out += recordEnd
        return out
    }

    /// The length of `record(number, blob:)`, without making it.
    static func recordLength(_ number: Int, blob: UnsafeRawBufferPointer) -> Int {
        recordStart(number).count + IndexedArticle.record(in: blob).count + recordEnd.count
    }

    private static func recordStart(_ number: Int) -> [UInt8] { Array("BANTIN_SEARCH_DOC(\(number),".utf8) }
    private static let recordEnd = Array(");\n".utf8)

    /// `t-` and the key, every character but `a`–`z` and `0`–`9` written `_` and its code point in hex.
    static func shardFileName(_ key: String) -> String {
        var name = "t-"
        for scalar in key.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else {
                name += "_" + String(scalar.value, radix: 16)
            }
        }
        return name + ".js"
    }

    /// Splits sorted words into shards: a group of words sharing a key of `depth` bytes becomes
    /// one shard when small enough, else its words longer than the key by a letter or digit are
    /// grouped by that byte (recursively), and the rest stay under the key.
    private static func partition(
        _ range: Range<Int>, depth: Int?, words: [Vocabulary.ShardWord], shard: (String, [Int]) -> Void
    ) {
        guard let depth else {
            // The first level: by first character (whole, even when it is not ASCII).
            var start = range.lowerBound
            while start < range.upperBound {
                let first = words[start].folded.prefix(utf8Width(words[start].folded[0]))
                var end = start + 1
                while end < range.upperBound, words[end].folded.starts(with: first) { end += 1 }
                partition(start..<end, depth: first.count, words: words, shard: shard)
                start = end
            }
            return
        }
        let key = String(decoding: words[range.lowerBound].folded.prefix(depth), as: UTF8.self)
        let size = range.reduce(0) { $0 + words[$1].entrySize }
        let splittable = range.contains { words[$0].folded.count > depth && isKeyByte(words[$0].folded[depth]) }
        guard size > shardLimit, splittable else {
            shard(key, Array(range))
            return
        }
        // Sorted bytewise, so the words that stay under the key (ending here, or going on with a
        // byte that is not a letter or digit) may sit on both sides of the groups.
        var stay: [Int] = []
        var groups: [(UInt8, Range<Int>)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let word = words[i].folded
            guard word.count > depth, isKeyByte(word[depth]) else {
                stay.append(i)
                i += 1
                continue
            }
            var end = i + 1
            while end < range.upperBound, words[end].folded.count > depth, words[end].folded[depth] == word[depth] { end += 1 }
            groups.append((word[depth], i..<end))
            i = end
        }
        if !stay.isEmpty { shard(key, stay) }
        for (_, group) in groups { partition(group, depth: depth + 1, words: words, shard: shard) }
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }

    private static func utf8Width(_ lead: UInt8) -> Int { lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2 }
}
