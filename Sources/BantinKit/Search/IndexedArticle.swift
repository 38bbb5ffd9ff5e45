import Foundation

/// What search keeps of one article: the record its results show (address, title, date, sapo
/// and the body's plain text, as JSON) and its distinct words, each with the fields it occurs in.
/// Made on every core, one article at a time, and kept between builds (`SearchMemo`) so that a
/// rebuild reads again only the articles that changed.
///
/// As bytes: the record's length (4 bytes, little-endian), the record, the number of its
/// `PhrasePairs` buckets (4 bytes) and the buckets (2 bytes each, ascending), the number of words
/// (4 bytes), for each word its fields (1 byte: `Field` bits) and its length (1 byte), then the
/// words' lower-cased UTF-8, one after another.
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

    static func make(_ article: Article, graph: SiteGraph) -> [UInt8] {
        let plainBody = article.bodyText.utf8.withUnsafeBufferPointer { MarkdownPlainText.text(of: $0) }
        // Made in place: the record's length is filled in once the record is written. An article
        // usually takes less than twice its plain text.
        var out: [UInt8] = [0, 0, 0, 0, UInt8(ascii: "[")]
        out.reserveCapacity(plainBody.count * 2 + 1024)
        for field in [Route.article(article.slug).outputPath, article.title, article.date.vietnameseShort, article.summary ?? ""] {
            Escape.appendJSONString(field, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(UInt8(ascii: "\""))
        plainBody.withUnsafeBufferPointer { Escape.appendJSONContent($0, to: &out) }
        out += "\"]".utf8
        withUnsafeBytes(of: UInt32(out.count - 4).littleEndian) { length in
            for k in 0..<4 { out[k] = length[k] }
        }

        var texts: [(bytes: [UInt8], field: Field)] = [(plainBody, .body)]
        func add(_ text: String?, _ field: Field) {
            if let text { texts.append((Array(text.utf8), field)) }
        }
        add(article.title, .title)
        add(article.subtitle, .title)
        add(article.summary, .sapo)
        for text in [article.author, article.source, article.category, article.location] { add(text, .meta) }
        for code in article.directives {
            add(code.text, .meta)
            add(graph.directiveIndex[code].flatMap { graph.directives[$0].directive.kind }, .meta)
        }
        for year in article.themes { add("chuyên đề \(year)", .meta) }

        WordSet.distinctWords(of: texts) { count, headers, bytes, pairs in
            out.reserveCapacity(out.count + 8 + 2 * pairs.count + headers.count + bytes.count)
            withUnsafeBytes(of: UInt32(pairs.count).littleEndian) { out += $0 }
            for bucket in pairs { withUnsafeBytes(of: bucket.littleEndian) { out += $0 } }
            withUnsafeBytes(of: UInt32(count).littleEndian) { out += $0 }
            out += headers
            out += bytes
        }
        return out
    }

    /// The record of an article's bytes (`make`'s output).
    static func record(in blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let length = Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        return UnsafeRawBufferPointer(rebasing: blob[4..<(4 + length)])
    }

    /// Calls `body` with an article's `PhrasePairs` buckets, ascending (copied out when the bytes
    /// are not aligned for them).
    static func withPairBuckets(in blob: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt16>) -> Void) {
        let pairsAt = 4 + Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        let count = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: pairsAt, as: UInt32.self)))
        let start = blob.baseAddress! + pairsAt + 4
        if Int(bitPattern: start) % MemoryLayout<UInt16>.alignment == 0, UInt16(littleEndian: 1) == 1 {
            body(UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt16.self), count: count))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(count, 1)) { copy in
            for k in 0..<count { copy[k] = UInt16(littleEndian: start.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self)) }
            body(UnsafeBufferPointer(rebasing: copy[0..<count]))
        }
    }

    /// Calls `word` with each distinct word of an article's bytes and the fields it occurs in.
    static func forEachWord(in blob: UnsafeRawBufferPointer, _ word: (UnsafeRawBufferPointer, Field) -> Void) {
        let pairsAt = 4 + Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        let countAt = pairsAt + 4 + 2 * Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: pairsAt, as: UInt32.self)))
        let count = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: countAt, as: UInt32.self)))
        var header = countAt + 4
        var start = header + 2 * count
        for _ in 0..<count {
            let length = Int(blob[header + 1])
            word(UnsafeRawBufferPointer(rebasing: blob[start..<(start + length)]), Field(rawValue: blob[header]))
            header += 2
            start += length
        }
    }
}

/// Distinct words, in the order first seen, each with the fields it was seen in: an
/// open-addressing table over one article's words, in memory allocated once for the article
/// (a text of `n` bytes has at most `n / 2 + 1` words).
enum WordSet {
    private struct Entry {
        var hash: UInt64
        var start: Int32
        /// `VietnameseFolding.foldedHash` of the word.
        var folded: UInt32
        var length: UInt8
        var fields: UInt8
    }

    /// FNV-1a over the word's bytes, its halves mixed at the end (`step` per byte, then `finish`).
    static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
        var hash = hashSeed
        for byte in word { hash = step(hash, byte) }
        return finish(hash)
    }

    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    @inline(__always) static func finish(_ hash: UInt64) -> UInt64 { hash ^ (hash >> 32) }

    /// Calls `words` once with the distinct words of `texts`, in the order first seen: how many,
    /// each one's fields and length (two bytes a word), their bytes one after another, and the
    /// `PhrasePairs` buckets of the neighbouring words (twos and threes) of each text.
    static func distinctWords(
        of texts: [(bytes: [UInt8], field: IndexedArticle.Field)],
        _ words: (Int, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt16>) -> Void
    ) {
        let total = texts.reduce(16) { $0 + $1.bytes.count }
        // At most one word per two bytes; the table is grown by doubling while under half full.
        let capacity = total / 2 + 2
        var slotCount = 1024
        while slotCount < 2 * capacity { slotCount <<= 1 }
        PhrasePairs.withBucketSet { pairs in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: slotCount) { slotSpace in
                withUnsafeTemporaryAllocation(of: Entry.self, capacity: capacity) { entrySpace in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { arenaSpace in
                        let slots = slotSpace.baseAddress!, entries = entrySpace.baseAddress!, arena = arenaSpace.baseAddress!
                        var size = 1024
                        var mask = size - 1
                        slots.initialize(repeating: 0, count: size)
                        var count = 0
                        var used = 0
                        func grow() {
                            size <<= 1
                            mask = size - 1
                            slots.initialize(repeating: 0, count: size)
                            for index in 0..<count {
                                var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
                                while slots[slot] != 0 { slot = (slot &+ 1) & mask }
                                slots[slot] = Int32(index + 1)
                            }
                        }
                        for (text, field) in texts {
                            // The folded hashes of the two words before, in this text.
                            var previous: UInt32? = nil, beforePrevious: UInt32? = nil
                            text.withUnsafeBufferPointer { text in
                                SearchWords.forEach(in: text) { bytes, hash in
                                    let length = bytes.count
                                    let word = bytes.baseAddress!
                                    var slot = Int(truncatingIfNeeded: hash) & mask
                                    while slots[slot] != 0 {
                                        let entry = entries + Int(slots[slot] &- 1)
                                        if entry.pointee.hash == hash, Int(entry.pointee.length) == length {
                                            let held = arena + Int(entry.pointee.start)
                                            var k = 0
                                            while k < length, held[k] == word[k] { k &+= 1 }
                                            if k == length {
                                                entry.pointee.fields |= field.rawValue
                                                pairs.insert(entry.pointee.folded, after: previous, beforePrevious)
                                                beforePrevious = previous
                                                previous = entry.pointee.folded
                                                return
                                            }
                                        }
                                        slot = (slot &+ 1) & mask
                                    }
                                    let folded = VietnameseFolding.foldedHash(UnsafeRawBufferPointer(bytes))
                                    (entries + count).initialize(to: Entry(hash: hash, start: Int32(used), folded: folded, length: UInt8(length), fields: field.rawValue))
                                    pairs.insert(folded, after: previous, beforePrevious)
                                    beforePrevious = previous
                                    previous = folded
                                    count &+= 1
                                    slots[slot] = Int32(count)
                                    (arena + used).update(from: word, count: length)
                                    used &+= length
                                    if count * 2 > size { grow() }
                                }
                            }
                        }
                        // The headers, written over the slots (no longer needed; at least 2 bytes a word).
                        let headers = UnsafeMutableRawPointer(slots).assumingMemoryBound(to: UInt8.self)
                        for index in 0..<count {
                            headers[2 * index] = entries[index].fields
                            headers[2 * index + 1] = entries[index].length
                        }
                        pairs.withSorted { pairs in
                            words(count, UnsafeBufferPointer(start: headers, count: 2 * count), UnsafeBufferPointer(start: arena, count: used), pairs)
                        }
                    }
                }
            }
        }
    }
}
