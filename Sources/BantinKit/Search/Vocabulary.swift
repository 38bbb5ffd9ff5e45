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
                HugePages.advise(postings)
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
            HugePages.advise(articles)
            fieldsMade = [UInt8](unsafeUninitializedCapacity: total) { fields, initialized in
                HugePages.advise(fields)
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
            table.word(id) { VietnameseFolding.appendFoldedWord($0, to: &scratch) }
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

/// Distinct words (bytes), each numbered in the order first interned: an open-addressing table
/// whose slots hold each word's first eight bytes and its length, so that a word of eight bytes
/// or fewer (most Vietnamese syllables: `người`, `nghiệp`) is found by its slot alone, and a
/// longer one compares only the bytes after its first eight.
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

    /// What a word is looked up by: its hash, and its first eight bytes as a number
    /// (little-endian, zero past its end).
    struct Key {
        let hash: UInt64
        let head: UInt64
    }

    private struct Slot {
        var head: UInt64 = 0
        /// The word's number + 1 (0: an empty slot).
        var id: Int32 = 0
        var length: Int32 = 0
    }

    private var starts: [Int32] = [0]
    private var slots = [Slot](repeating: Slot(), count: 1 << 12)

    var count: Int { starts.count - 1 }

    func length(of id: Int) -> Int { Int(starts[id + 1] - starts[id]) }

    func word<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[Int(starts[id])..<Int(starts[id + 1])])) }
    }

    /// Calls `body` with every word's bytes one after another, and where each starts (word `w`
    /// is `bytes[starts[w]..<starts[w + 1]]`).
    func withStorage<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int32>) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in starts.withUnsafeBufferPointer { body(bytes, $0) } }
    }

    /// The key of a word, read byte by byte.
    static func key(_ word: UnsafeRawBufferPointer) -> Key {
        var head: UInt64 = 0
        for k in (0..<min(word.count, 8)).reversed() { head = head &<< 8 | UInt64(word[k]) }
        return key(word, head: head) { at in
            var tail: UInt64 = 0
            for k in (at..<word.count).reversed() { tail = tail &<< 8 | UInt64(word[k]) }
            return tail
        }
    }

    /// The same, for a word followed by at least seven bytes that can be read: its bytes are
    /// read eight at a time, the bytes after the word masked off.
    @inline(__always)
    static func key(readingPast word: UnsafeRawBufferPointer) -> Key {
        if word.isEmpty { return key(word) }
        @inline(__always) func group(at offset: Int) -> UInt64 {
            let bytes = UInt64(littleEndian: word.baseAddress!.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let count = word.count &- offset
            return count >= 8 ? bytes : bytes & (1 &<< (8 &* UInt64(truncatingIfNeeded: count)) &- 1)
        }
        return key(word, head: group(at: 0), tail: group(at:))
    }

    /// The rounds of `key`: a word of one to eight bytes by its head alone, a longer one by its
    /// whole groups of eight bytes, then `tail`, given where its last bytes (fewer than eight) start.
    @inline(__always)
    private static func key(_ word: UnsafeRawBufferPointer, head: UInt64, tail: (Int) -> UInt64) -> Key {
        if word.count >= 1, word.count <= 8 { return key(head: head, count: word.count) }
        var hash = seed ^ UInt64(truncatingIfNeeded: word.count)
        var at = 0
        while at &+ 8 <= word.count {
            hash = mix(hash ^ UInt64(littleEndian: word.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
            at &+= 8
        }
        if at < word.count { hash = mix(hash ^ tail(at)) }
        return Key(hash: hash ^ (hash >> 32), head: head)
    }

    /// The key of a word of one to eight bytes, given as a number (`head`, little-endian, zero
    /// past its end): what `SearchWords` keeps of a word as it reads it, without reading it back.
    @inline(__always)
    static func key(head: UInt64, count: Int) -> Key {
        let hash = mix(seed ^ UInt64(truncatingIfNeeded: count) ^ head)
        return Key(hash: hash ^ (hash >> 32), head: head)
    }

    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        let x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 27)
    }

    /// The number of `word`, if the table has it.
    func id(of word: UnsafeRawBufferPointer) -> Int? { find(word, key: Self.key(word), readingPast: false).0 }

    /// The same, read eight bytes at a time.
    func id(of word: Padded) -> Int? { find(word.bytes, key: Self.key(readingPast: word.bytes), readingPast: true).0 }

    /// The number of `word`, given one if it is new.
    mutating func intern(_ word: UnsafeRawBufferPointer) -> Int { intern(word, key: Self.key(word), readingPast: false) }

    /// The same, read eight bytes at a time.
    mutating func intern(_ word: Padded) -> Int { intern(word.bytes, key: Self.key(readingPast: word.bytes), readingPast: true) }

    /// The same, for a word whose key is known.
    @inline(__always)
    mutating func intern(_ word: Padded, key: Key) -> Int { intern(word.bytes, key: key, readingPast: true) }

    /// `readingPast`: at least seven bytes after the word can be read.
    @inline(__always)
    private mutating func intern(_ word: UnsafeRawBufferPointer, key: Key, readingPast: Bool) -> Int {
        let (found, slot) = find(word, key: key, readingPast: readingPast)
        if let found { return found }
        let id = count
        slots[slot] = Slot(head: key.head, id: Int32(id + 1), length: Int32(word.count))
        bytes.removeLast(Self.padding)
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: repeatElement(0, count: Self.padding))
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The number of `word` if the table has it, else the empty slot where it would go. Read
    /// through pointers: this runs for every word of every article.
    @inline(__always)
    private func find(_ word: UnsafeRawBufferPointer, key: Key, readingPast: Bool) -> (Int?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count &- 1
            var slot = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let held = slots[slot]
                if held.id == 0 { return (nil, slot) }
                if held.head == key.head, Int(held.length) == word.count {
                    let id = Int(held.id) &- 1
                    if word.count <= 8 || sameAfterHead(id, word, readingPast: readingPast) { return (id, slot) }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Whether word `id` of the table, of `word.count` bytes (more than eight), has `word`'s
    /// bytes after the first eight: eight at a time when `word` can be read past, else one by one.
    private func sameAfterHead(_ id: Int, _ word: UnsafeRawBufferPointer, readingPast: Bool) -> Bool {
        bytes.withUnsafeBytes { bytes in
            let stored = bytes.baseAddress! + Int(starts[id]) + 8
            let probe = word.baseAddress! + 8
            let count = word.count &- 8
            guard readingPast else {
                var k = 0
                while k < count, stored.load(fromByteOffset: k, as: UInt8.self) == probe.load(fromByteOffset: k, as: UInt8.self) { k &+= 1 }
                return k == count
            }
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
        var grown = [Slot](repeating: Slot(), count: slots.count * 2)
        let mask = grown.count - 1
        bytes.withUnsafeBytes { bytes in
            for id in 0..<count {
                let start = Int(starts[id])
                let key = Self.key(readingPast: UnsafeRawBufferPointer(rebasing: bytes[start..<Int(starts[id + 1])]))
                var slot = Int(truncatingIfNeeded: key.hash) & mask
                while grown[slot].id != 0 { slot = (slot + 1) & mask }
                grown[slot] = Slot(head: key.head, id: Int32(id + 1), length: starts[id + 1] - starts[id])
            }
        }
        slots = grown
    }
}
