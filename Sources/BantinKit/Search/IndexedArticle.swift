import Foundation

/// What search keeps of one article: the record its results show (address, title, date, sapo,
/// the body's plain text with the photo's caption above it, the author, place, category,
/// codes and themes in one line, then the subtitle and the source when there are, as JSON) and
/// its distinct words, each with the fields it occurs in.
/// Made on every core, one article at a time (each core with its `WordCache`), and kept between
/// builds (`SearchMemo`) so that a rebuild reads again only the articles that changed.
///
/// As bytes: the record's length (4 bytes, little-endian), the record, the number of its
/// `PhrasePairs` buckets (4 bytes) and the buckets (2 bytes each, in the order first met), the
/// number of words (4 bytes), for each word its fields (1 byte: `Field` bits) and its length
/// (1 byte), then the words' lower-cased UTF-8, one after another, and eight zero bytes (so
/// that every word can be read eight bytes at a time: `WordTable.Padded`).
struct IndexedArticle {
    /// Where a word occurs: ranking puts title before sapo before the rest.
    struct Field: OptionSet {
        let rawValue: UInt8
        static let title = Field(rawValue: 1)
        static let sapo = Field(rawValue: 2)
        static let body = Field(rawValue: 4)
        /// Byline, category, place, directive codes and kinds, theme years.
        static let meta = Field(rawValue: 8)
    }

    static func make(_ article: Article, context: SearchContext, words: inout WordCache) -> [UInt8] {
        var out: [UInt8] = []
        append(article, context: context, words: &words, to: &out)
        return out
    }

    /// A fingerprint of everything `make` reads of an article: its card, its body (and whether
    /// the HTML in it is published), and the kinds of its directives.
    static func key(_ article: Article, context: SearchContext) -> UInt64 {
        var h = StableHasher()
        h.add(Int64(bitPattern: article.cardHash))
        h.add(Int64(bitPattern: article.bodyHash))
        h.add(context.unsafeHTML ? "raw HTML published" : "")
        for code in article.directives { h.add(code.text + "\u{1F}" + (context.kinds[code] ?? "")) }
        return h.value
    }

    /// Appends an article's bytes (`make`'s) to `out`, a run of several articles' bytes.
    static func append(_ article: Article, context: SearchContext, words: inout WordCache, to out: inout [UInt8]) {
        var plainBody = article.bodyText.readOnce { MarkdownPlainText.text(of: $0, rawHTML: context.unsafeHTML) }
        // The photo's caption is read above the body.
        if let caption = article.image?.caption, !caption.isEmpty { plainBody = Array(caption.utf8) + [0x0A] + plainBody }
        let codes = article.directives.map { code in (code, context.kinds[code]) }
        let themes = article.themes.map(Theme.name)
        // The byline's texts that say what the article is about (who wrote it, where, under which
        // category), searched and shown on a result's line of what else was read. Its source
        // (where it was taken from: often the bulletin's own name, on every article) is searched
        // as the body is, and kept apart in the record.
        let byline = [article.author, article.location, article.category]
        // Made in place: the record's length is filled in once the record is written. An article
        // usually takes less than twice its plain text.
        let start = out.count
        out += [0, 0, 0, 0, UInt8(ascii: "[")]
        let room = start + plainBody.count * 2 + 1024
        if out.capacity < room { out.reserveCapacity(max(room, 2 * out.capacity)) }
        for field in [Route.article(article.slug).outputPath, article.title, article.date.vietnameseShort, article.summary ?? ""] {
            Escape.appendJSONString(field, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(UInt8(ascii: "\""))
        plainBody.withUnsafeBufferPointer { Escape.appendJSONContent($0, to: &out) }
        out += "\",".utf8
        // What else was read for search, shown when a query's word is found only there.
        // A directive by its kind and code (`Kết luận 01-KL/TW`), as both are searched.
        let about = byline.compactMap { $0 }
            + codes.map { code, kind in kind.map { "\($0) \(code.text)" } ?? code.text } + themes
        Escape.appendJSONString(about.filter { !$0.isEmpty }.joined(separator: " · "), to: &out)
        // The subtitle, read with the title, when there is one; then the source, when there is one
        // (after an empty subtitle when there is none).
        let subtitle = article.subtitle ?? "", source = article.source ?? ""
        if !subtitle.isEmpty || !source.isEmpty {
            out.append(UInt8(ascii: ","))
            Escape.appendJSONString(subtitle, to: &out)
        }
        if !source.isEmpty {
            out.append(UInt8(ascii: ","))
            Escape.appendJSONString(source, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        withUnsafeBytes(of: UInt32(out.count - start - 4).littleEndian) { length in
            for k in 0..<4 { out[start + k] = length[k] }
        }

        var texts: [(bytes: [UInt8], field: Field)] = [(plainBody, .body)]
        func add(_ text: String?, _ field: Field) {
            if let text { texts.append((Array(text.utf8), field)) }
        }
        add(article.title, .title)
        add(article.subtitle, .title)
        add(article.summary, .sapo)
        for text in byline { add(text, .meta) }
        add(article.source, .body)
        for (code, kind) in codes {
            add(code.text, .meta)
            add(code.numberSpellings, .meta)
            add(kind, .meta)
        }
        for theme in themes { add(theme, .meta) }

        words.append(texts, to: &out)
    }

    /// The record of an article's bytes (`make`'s output).
    static func record(in blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let length = Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        return UnsafeRawBufferPointer(rebasing: blob[4..<(4 + length)])
    }

    /// Calls `bucket` with each of an article's `PhrasePairs` buckets, in the order first met
    /// (read where they are, aligned or not).
    @inline(__always)
    static func forEachPairBucket(in blob: UnsafeRawBufferPointer, _ bucket: (Int) -> Void) {
        let pairsAt = 4 + Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        let count = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: pairsAt, as: UInt32.self)))
        let start = blob.baseAddress! + pairsAt + 4
        for k in 0..<count { bucket(Int(UInt16(littleEndian: start.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self)))) }
    }

    /// How many distinct words an article's bytes hold.
    static func wordCount(in blob: UnsafeRawBufferPointer) -> Int {
        Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: wordCountAt(in: blob), as: UInt32.self)))
    }

    /// Where an article's bytes say how many words they hold.
    private static func wordCountAt(in blob: UnsafeRawBufferPointer) -> Int {
        let pairsAt = 4 + Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        return pairsAt + 4 + 2 * Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: pairsAt, as: UInt32.self)))
    }

    /// Calls `word` with each distinct word of an article's bytes and the fields it occurs in
    /// (each followed by at least eight bytes that can be read).
    static func forEachWord(in blob: UnsafeRawBufferPointer, _ word: (WordTable.Padded, Field) -> Void) {
        let countAt = wordCountAt(in: blob)
        let count = wordCount(in: blob)
        var header = countAt + 4
        var start = header + 2 * count
        for _ in 0..<count {
            let length = Int(blob[header + 1])
            word(WordTable.Padded(UnsafeRawBufferPointer(rebasing: blob[start..<(start + length)])), Field(rawValue: blob[header]))
            header += 2
            start += length
        }
    }
}

/// What search reads of a bulletin besides its articles, known before the site's graph is made
/// (the index is made meanwhile): whether the HTML in bodies is published, and each directive's
/// kind by its code.
struct SearchContext: Sendable {
    var unsafeHTML: Bool
    /// A code no directive file describes, or whose kind is not known, is not here.
    var kinds: [DirectiveCode: String]

    init(config: SiteConfig, directives: [Directive]) {
        unsafeHTML = config.unsafeHTML
        kinds = Dictionary(directives.compactMap { directive in directive.kind.map { (directive.code, $0) } }) { first, _ in first }
    }

    init(_ graph: SiteGraph) {
        self.init(config: graph.config, directives: graph.directives.map(\.directive))
    }
}

/// The words one indexing worker has met, kept from one article to the next so that each is
/// folded once however many articles have it, and the memory each article is read with.
/// Not shared: every worker has its own (`SearchIndex.articleMaker`).
struct WordCache {
    private var table = WordTable()
    /// What is known of each word of `table` (and room for the words an article may add).
    private var seen: [Seen] = []
    /// The article being read, numbered from 1 (in `Seen.mark`); after `lastStamp` (2^28 − 1
    /// articles, fewer in tests) every mark is cleared and the numbers start again.
    private var articleStamp: UInt32 = 0
    private let lastStamp: UInt32
    /// Scratch for one article: its words in the order first seen, and its `PhrasePairs` buckets
    /// in the order first met, with a bit for each bucket listed.
    private var distinct: [Int32] = []
    private var buckets: [UInt16] = []
    private var bucketBits = [UInt64](repeating: 0, count: PhrasePairs.buckets / 64)

    init(lastStamp: UInt32 = UInt32.max >> Seen.fieldBits) {
        precondition(lastStamp <= UInt32.max >> Seen.fieldBits, "a stamp must fit above the fields")
        self.lastStamp = lastStamp
    }

    private struct Seen {
        /// `VietnameseFolding.foldedHash` of the word.
        var folded: UInt32 = 0
        /// The last article that had it (`articleStamp`) above `fieldBits`, and the fields it had
        /// there below: one number, so that a word's record is eight bytes and read and written
        /// once per word (`marked`).
        var mark: UInt32 = 0

        /// Room for every `IndexedArticle.Field` bit.
        static let fieldBits: UInt32 = 4

        /// `mark` once the article stamped `stamp` (shifted above the fields) has the word in
        /// `field`: the stamp only grows, so the larger of the two is the article's stamp for a
        /// word new to it, and the word's mark with the fields met so far otherwise. Without a
        /// branch: whether a word is new to the article is as likely as not.
        @inline(__always)
        static func marked(_ mark: UInt32, stamp: UInt32, field: IndexedArticle.Field) -> UInt32 {
            // A field past `fieldBits` would be read as a later article's stamp.
            assert(UInt32(field.rawValue) >> fieldBits == 0, "IndexedArticle.Field needs more than Seen.fieldBits")
            return max(mark, stamp) | UInt32(field.rawValue)
        }
    }

    /// Appends to `out` what `IndexedArticle` keeps of the words of `texts`: the number of
    /// `PhrasePairs` buckets of their neighbouring words (twos and threes, within each text) and
    /// the buckets, then the number of distinct words, each one's fields and length, and their
    /// bytes, in the order first seen.
    mutating func append(_ texts: [(bytes: [UInt8], field: IndexedArticle.Field)], to out: inout [UInt8]) {
        if articleStamp == lastStamp {
            for k in seen.indices { seen[k].mark = 0 }
            articleStamp = 0
        }
        articleStamp += 1
        let stamp = articleStamp << Seen.fieldBits
        // Room made first for all the words the texts can have (one per two bytes, at most), so
        // that each word is handled with pointers alone.
        let most = texts.reduce(0) { $0 + $1.bytes.count / 2 + 1 }
        if seen.count < table.count + most { seen += repeatElement(Seen(), count: table.count + most - seen.count + 1024) }
        if distinct.count < most + 1 { distinct = [Int32](repeating: 0, count: most + 1) }
        let bucketRoom = min(2 * most, PhrasePairs.buckets) + 1
        if buckets.count < bucketRoom { buckets = [UInt16](repeating: 0, count: bucketRoom) }
        var knownCount = table.count, distinctCount = 0, bucketCount = 0
        seen.withUnsafeMutableBufferPointer { seen in
            distinct.withUnsafeMutableBufferPointer { distinct in
                buckets.withUnsafeMutableBufferPointer { buckets in
                    bucketBits.withUnsafeMutableBufferPointer { bits in
                        // Without branches (whether a word or bucket is new is as likely as
                        // not): written in any case, counted only when new (room for one more).
                        // The count is passed, not captured: a variable a local function captures
                        // is checked for exclusive access at run time once `SearchWords` calls out
                        // of line with the words' closure.
                        @inline(__always) func insert(_ b: Int, counted count: inout Int) {
                            let bit: UInt64 = 1 &<< UInt64(b & 63)
                            let held = bits[b >> 6]
                            bits[b >> 6] = held | bit
                            buckets[count] = UInt16(truncatingIfNeeded: b)
                            count &+= held & bit == 0 ? 1 : 0
                        }
                        for (text, field) in texts {
                            text.withUnsafeBufferPointer { text in
                                // Neighbours within a block (a line of the plain text) only.
                                for range in text.lineRanges() {
                                    let line = UnsafeBufferPointer(rebasing: text[range])
                                    // The folded hash of the word before, in this block, the mix of
                                    // the two before, and how many words of it came before.
                                    var previous: UInt32 = 0, previousPair: UInt32 = 0, before = 0
                                    SearchWords.forEach(in: line) { bytes, key in
                                        let word = UnsafeRawBufferPointer(bytes)
                                        let id = table.intern(WordTable.Padded(word), key: key)
                                        let known = seen.baseAddress! + id
                                        if id == knownCount {
                                            known.pointee.folded = VietnameseFolding.foldedHash(word)
                                            knownCount &+= 1
                                        }
                                        let mark = known.pointee.mark
                                        let isNew = mark < stamp
                                        known.pointee.mark = Seen.marked(mark, stamp: stamp, field: field)
                                        distinct[distinctCount] = Int32(truncatingIfNeeded: id)
                                        distinctCount &+= isNew ? 1 : 0
                                        let folded = known.pointee.folded
                                        if before > 0 {
                                            let pair = PhrasePairs.mix(previous, folded)
                                            insert(PhrasePairs.bucket(ofMix: pair), counted: &bucketCount)
                                            if before > 1 { insert(PhrasePairs.bucket(ofMix: PhrasePairs.mix(previousPair, folded)), counted: &bucketCount) }
                                            previousPair = pair
                                        }
                                        previous = folded
                                        before &+= 1
                                    }
                                }
                            }
                        }
                        // Emptied for the next article.
                        for b in buckets[0..<bucketCount] { bits[Int(b) >> 6] = 0 }
                    }
                }
            }
        }
        Self.appendLittleEndian(UInt32(bucketCount), to: &out)
        var at = out.count
        out.append(contentsOf: repeatElement(0, count: 2 * bucketCount))
        out.withUnsafeMutableBytes { raw in
            for bucket in buckets[0..<bucketCount] {
                raw.storeBytes(of: bucket.littleEndian, toByteOffset: at, as: UInt16.self)
                at += 2
            }
        }
        Self.appendLittleEndian(UInt32(distinctCount), to: &out)
        // The headers and the bytes, in room made at once.
        let headers = out.count
        let words = distinct[0..<distinctCount]
        at = headers + 2 * distinctCount
        let end = words.reduce(at) { $0 + table.length(of: Int($1)) }
        out.append(contentsOf: repeatElement(0, count: end + WordTable.padding - headers))
        out.withUnsafeMutableBufferPointer { out in
            table.withStorage { bytes, starts in
                for (k, id) in words.enumerated() {
                    let start = Int(starts[Int(id)]), length = Int(starts[Int(id) + 1]) - start
                    out[headers + 2 * k] = UInt8(truncatingIfNeeded: seen[Int(id)].mark & (1 << Seen.fieldBits - 1))
                    out[headers + 2 * k + 1] = UInt8(truncatingIfNeeded: length)
                    (out.baseAddress! + at).update(from: bytes.baseAddress! + start, count: length)
                    at += length
                }
            }
        }
    }

    private static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}
