import Foundation

/// Every distinct word of the bulletin (exact, lower-case form) with the articles it occurs in
/// and where (`IndexedArticle.Field`). Made from articles' bytes on two cores (each half of the
/// articles interns its words, then the halves are joined), and stored flat: a word's articles
/// are one ascending run of `articles`.
struct Vocabulary: Sendable {
    private var table = WordTable()
    /// Word `w`'s articles are `articles[runs[w]..<runs[w + 1]]`, with their fields in `fields`.
    private var runs: [Int32] = []
    private var articles: [Int32] = []
    private var fields: [UInt8] = []

    /// `blobs` in site order (newest first); articles are numbered oldest first.
    init(blobs: ArticleBlobs) {
        let count = blobs.count
        let middle = count / 2
        let halves = [0..<middle, middle..<count].parallelMap { range -> (WordTable, [UInt64]) in
            var table = WordTable()
            // Counted first, then written in place.
            let total = range.reduce(0) { total, number in total + blobs.withBlob(numbered: number, IndexedArticle.wordCount(in:)) }
            let postings = [UInt64](unsafeUninitializedCapacity: total) { postings, initialized in
                var at = 0
                for number in range {
                    blobs.withBlob(numbered: number) { blob in
                        IndexedArticle.forEachWord(in: blob) { word, field in
                            let id = table.intern(word)
                            postings[at] = UInt64(id) << 32 | UInt64(number) << 8 | UInt64(field.rawValue)
                            at &+= 1
                        }
                    }
                }
                initialized = total
            }
            return (table, postings)
        }
        self.init(parts: halves)
    }

    /// The words of `parts` (each a table and postings `word << 32 | number << 8 | fields`, the
    /// parts' articles in ascending order one after another) joined into one.
    init(parts: [(WordTable, [UInt64])]) {
        guard let first = parts.first else { return }
        table = first.0
        let remaps: [[Int]] = parts.indices.map { k in
            k == 0 ? Array(0..<first.0.count) : (0..<parts[k].0.count).map { id in parts[k].0.word(id) { table.intern($0) } }
        }
        var counts = [Int32](repeating: 0, count: table.count + 1)
        for (part, remap) in zip(parts, remaps) {
            for posting in part.1 { counts[remap[Int(posting >> 32)] + 1] += 1 }
        }
        for w in 0..<table.count { counts[w + 1] += counts[w] }
        runs = counts
        let total = Int(counts[table.count])
        var next = counts
        // Every place of both is written below: no need to clear them first.
        var fieldsMade: [UInt8] = []
        articles = [Int32](unsafeUninitializedCapacity: total) { articles, initialized in
            fieldsMade = [UInt8](unsafeUninitializedCapacity: total) { fields, initialized in
                for (part, remap) in zip(parts, remaps) {
                    for posting in part.1 {
                        let word = remap[Int(posting >> 32)]
                        let at = Int(next[word])
                        next[word] += 1
                        articles[at] = Int32((posting >> 8) & 0xFF_FFFF)
                        fields[at] = UInt8(truncatingIfNeeded: posting)
                    }
                }
                initialized = total
            }
            initialized = total
        }
        fields = fieldsMade
    }

    /// A word without diacritics and the exact forms that fold to it, most used first.
    struct FoldedWord: Sendable {
        var folded: [UInt8]
        var forms: [Int]
        /// About how many bytes its entry takes in a shard.
        var entrySize: Int
    }

    private func run(_ word: Int) -> Range<Int> { Int(runs[word])..<Int(runs[word + 1]) }

    /// What the shards need of a folded word: its bytes, its exact forms, its entry and about
    /// how many bytes the entry takes. Kept between builds (`SearchShardMemo`).
    struct ShardWord: Sendable, Equatable {
        var folded: [UInt8]
        var forms: [[UInt8]]
        var entrySize: Int
        var entry: [UInt8]
    }

    /// Every folded word with its entry, sorted bytewise (the entries made on every core).
    func shardWords() -> [ShardWord] {
        foldedWords().parallelMap { word in
            ShardWord(folded: word.folded, forms: word.forms.map { id in table.word(id) { Array($0) } }, entrySize: word.entrySize, entry: entry(for: word))
        }
    }

    /// The folded words, sorted bytewise, each with its forms most used first. Done per
    /// distinct word without a dictionary or a copy of the vocabulary: a bulletin's codes,
    /// numbers and names can make hundreds of thousands of them.
    func foldedWords() -> [FoldedWord] {
        // Each word's folded form, numbered in a table of its own.
        var folded = WordTable()
        var foldedOf = [Int32](repeating: 0, count: table.count)
        var scratch: [UInt8] = []
        for id in 0..<table.count {
            scratch.removeAll(keepingCapacity: true)
            table.word(id) { VietnameseFolding.appendFolded($0, to: &scratch) }
            foldedOf[id] = Int32(scratch.withUnsafeBytes { folded.intern($0) })
        }
        // Each folded word's forms, in the order of their numbers.
        var formStarts = [Int](repeating: 0, count: folded.count + 1)
        for f in foldedOf { formStarts[Int(f) + 1] += 1 }
        for f in 0..<folded.count { formStarts[f + 1] += formStarts[f] }
        var next = formStarts
        var forms = [Int](repeating: 0, count: table.count)
        for (id, f) in foldedOf.enumerated() {
            forms[next[Int(f)]] = id
            next[Int(f)] += 1
        }
        let runs = runs, articles = articles, table = table
        func uses(_ id: Int) -> Int { Int(runs[id + 1] - runs[id]) }
        // A word that folds to nothing (were there one) has no place in any shard.
        return folded.sortedBytewise().compactMap { f in
            if folded.length(of: f) == 0 { return nil }
            var group = Array(forms[formStarts[f]..<formStarts[f + 1]])
            if group.count > 1 {
                group.sort { a, b in
                    let (ua, ub) = (uses(a), uses(b))
                    return ua != ub ? ua > ub : table.word(a) { x in table.word(b) { x.lexicographicallyPrecedes($0) } }
                }
            }
            let bytes = folded.word(f) { Array($0) }
            let size = group.reduce(bytes.count + 16) { total, id in
                total + table.length(of: id) + 6 + Self.estimate(Int(runs[id])..<Int(runs[id + 1]), articles: articles)
            }
            return FoldedWord(folded: bytes, forms: group, entrySize: size)
        }
    }

    /// About how many bytes the `DocList` of the articles `articles[run]` takes.
    private static func estimate(_ run: Range<Int>, articles: [Int32]) -> Int {
        guard let last = run.last else { return 0 }
        return min(run.count * 2, Int(articles[last]) / 6 + 2)
    }

    /// `"folded":[title,sapo,about,form,articles,…]`, as it is written in a shard.
    func entry(for word: FoldedWord) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out += word.folded
        out += "\":[\"".utf8
        DocList.append(articles(of: word.forms, with: .title), to: &out)
        out += "\",\"".utf8
        DocList.append(articles(of: word.forms, with: .sapo), to: &out)
        out += "\",\"".utf8
        DocList.append(articles(of: word.forms, with: .meta), to: &out)
        out.append(UInt8(ascii: "\""))
        for form in word.forms {
            out += ",\"".utf8
            table.word(form) { raw in raw.withMemoryRebound(to: UInt8.self) { Escape.appendJSONContent($0, to: &out) } }
            out += "\",\"".utf8
            articles.withUnsafeBufferPointer { DocList.append(UnsafeBufferPointer(rebasing: $0[run(form)]), to: &out) }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// The articles where any of `forms` occurs in `field`, ascending.
    private func articles(of forms: [Int], with field: IndexedArticle.Field) -> [Int32] {
        var found: [Int32] = []
        for form in forms {
            for at in run(form) where fields[at] & field.rawValue != 0 { found.append(articles[at]) }
        }
        guard forms.count > 1, found.count > 1 else { return found }
        // Each form's run is ascending; of several forms' runs, sorted together, each article once.
        found.sort()
        var kept = 1
        for at in 1..<found.count where found[at] != found[kept - 1] {
            found[kept] = found[at]
            kept += 1
        }
        found.removeLast(found.count - kept)
        return found
    }
}

/// Distinct words (bytes), each numbered in the order first interned: an open-addressing table.
struct WordTable: Sendable {
    /// The words one after another, then `padding` zero bytes: every word can be read eight
    /// bytes at a time.
    private var bytes = [UInt8](repeating: 0, count: padding)
    static let padding = 8

    /// A word's bytes followed by at least seven more that can be read: hashed and compared
    /// eight bytes at a time, the bytes past its end masked off.
    struct Padded {
        let bytes: UnsafeRawBufferPointer
        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
    }
    private var starts: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: 0, count: 1 << 14)

    var count: Int { hashes.count }

    func length(of id: Int) -> Int { Int(starts[id + 1] - starts[id]) }

    func word<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[Int(starts[id])..<Int(starts[id + 1])])) }
    }

    /// Calls `body` with every word's bytes one after another, and where each starts (word `w`
    /// is `bytes[starts[w]..<starts[w + 1]]`).
    func withStorage<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int32>) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in starts.withUnsafeBufferPointer { body(bytes, $0) } }
    }

    /// A hash of the word's bytes, eight at a time (a word is a few bytes: one or two rounds),
    /// little-endian.
    @inline(__always)
    static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
        hash(word) { at in
            var tail: UInt64 = 0
            var k = word.count
            while k > at {
                k &-= 1
                tail = tail &<< 8 | UInt64(word[k])
            }
            return tail
        }
    }

    /// The same, for a word followed by at least seven bytes that can be read: its last bytes are
    /// read as a whole group, the bytes after the word masked off.
    @inline(__always)
    static func hash(readingPast word: UnsafeRawBufferPointer) -> UInt64 {
        hash(word) { at in
            let group = UInt64(littleEndian: word.baseAddress!.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            return group & (1 &<< (8 &* UInt64(truncatingIfNeeded: word.count &- at)) &- 1)
        }
    }

    /// The rounds of `hash`: whole groups of eight bytes, then `tail`, given where the last
    /// bytes (fewer than eight) start.
    @inline(__always)
    private static func hash(_ word: UnsafeRawBufferPointer, tail: (Int) -> UInt64) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: word.count)
        var at = 0
        while at &+ 8 <= word.count {
            hash = mix(hash ^ UInt64(littleEndian: word.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
            at &+= 8
        }
        if at < word.count { hash = mix(hash ^ tail(at)) }
        return hash ^ (hash >> 32)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        let x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 27)
    }

    /// The number of `word`, if the table has it.
    func id(of word: UnsafeRawBufferPointer) -> Int? { find(word, hash: Self.hash(word)).0 }

    /// The same, read eight bytes at a time.
    func id(of word: Padded) -> Int? { find(word.bytes, hash: Self.hash(readingPast: word.bytes), readingPast: true).0 }

    /// The number of `word`, given one if it is new.
    mutating func intern(_ word: UnsafeRawBufferPointer) -> Int { intern(word, hash: Self.hash(word), readingPast: false) }

    /// The same, read eight bytes at a time.
    mutating func intern(_ word: Padded) -> Int { intern(word, hash: Self.hash(readingPast: word.bytes)) }

    /// The same, for a word whose `hash` is known.
    @inline(__always)
    mutating func intern(_ word: Padded, hash: UInt64) -> Int { intern(word.bytes, hash: hash, readingPast: true) }

    /// `readingPast`: at least seven bytes after the word can be read.
    @inline(__always)
    private mutating func intern(_ word: UnsafeRawBufferPointer, hash: UInt64, readingPast: Bool) -> Int {
        let (found, slot) = find(word, hash: hash, readingPast: readingPast)
        if let found { return found }
        let id = hashes.count
        slots[slot] = Int32(id + 1)
        hashes.append(hash)
        bytes.removeLast(Self.padding)
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: repeatElement(0, count: Self.padding))
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    /// The number of `word` if the table has it, else the empty slot where it would go. Read
    /// through pointers: this runs for every word of every article.
    @inline(__always)
    private func find(_ word: UnsafeRawBufferPointer, hash: UInt64, readingPast: Bool = false) -> (Int?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                starts.withUnsafeBufferPointer { starts in
                    bytes.withUnsafeBufferPointer { bytes in
                        let mask = slots.count &- 1
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let held = Int(slots[slot])
                            if held == 0 { return (nil, slot) }
                            let id = held &- 1
                            let start = Int(starts[id])
                            if hashes[id] == hash, Int(starts[id &+ 1]) &- start == word.count,
                                Self.same(UnsafeRawPointer(bytes.baseAddress! + start), word, readingPast: readingPast) {
                                return (id, slot)
                            }
                            slot = (slot &+ 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// Whether the `word.count` bytes at `stored` (a word of the table, padded) are `word`'s:
    /// eight at a time when `word` can be read past, else one by one.
    @inline(__always)
    private static func same(_ stored: UnsafeRawPointer, _ word: UnsafeRawBufferPointer, readingPast: Bool) -> Bool {
        let count = word.count
        guard readingPast else {
            var k = 0
            while k < count, stored.load(fromByteOffset: k, as: UInt8.self) == word[k] { k &+= 1 }
            return k == count
        }
        let probe = word.baseAddress!
        var k = 0
        while k &+ 8 <= count {
            if stored.loadUnaligned(fromByteOffset: k, as: UInt64.self) != probe.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k &+= 8
        }
        guard k < count else { return true }
        let difference = stored.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ probe.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        // The bytes past the word's end (the high ones, read little-endian) are not compared.
        return UInt64(littleEndian: difference) & (1 &<< (8 &* UInt64(truncatingIfNeeded: count &- k)) &- 1) == 0
    }

    /// The words' numbers, their bytes in ascending order (a shorter word before the longer
    /// ones it starts). Compared by their first eight bytes as one number, then byte by byte.
    func sortedBytewise() -> [Int] {
        bytes.withUnsafeBytes { bytes in
            starts.withUnsafeBufferPointer { starts in
                let heads = (0..<count).map { id -> UInt64 in
                    let start = Int(starts[id])
                    let length = Int(starts[id + 1]) - start
                    let group = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
                    return length >= 8 ? group : group & ~(UInt64.max >> (8 * UInt64(length)))
                }
                return (0..<count).sorted { a, b in
                    if heads[a] != heads[b] { return heads[a] < heads[b] }
                    let (sa, sb) = (Int(starts[a]), Int(starts[b]))
                    let (la, lb) = (Int(starts[a + 1]) - sa, Int(starts[b + 1]) - sb)
                    let common = min(la, lb)
                    var k = 8
                    while k < common {
                        if bytes[sa + k] != bytes[sb + k] { return bytes[sa + k] < bytes[sb + k] }
                        k += 1
                    }
                    return la < lb
                }
            }
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
