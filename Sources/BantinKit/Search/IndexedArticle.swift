import Foundation

/// What search keeps of one article: the record its results show (address, title, date, sapo
/// and the body's plain text, as JSON) and its distinct words, each with the fields it occurs in.
/// Made on every core, one article at a time, and kept between builds (`SearchMemo`) so that a
/// rebuild reads again only the articles that changed.
///
/// As bytes: the record's length (4 bytes, little-endian), the record, then for each word its
/// fields (1 byte: `Field` bits), its length (1 byte) and its lower-cased UTF-8.
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
        let plainBody = MarkdownPlainText.text(of: article.body)
        var record: [UInt8] = [UInt8(ascii: "[")]
        for (i, field) in [Route.article(article.slug).outputPath, article.title, article.date.vietnameseShort, article.summary ?? "", plainBody].enumerated() {
            if i > 0 { record.append(UInt8(ascii: ",")) }
            Escape.appendJSONString(field, to: &record)
        }
        record.append(UInt8(ascii: "]"))

        var words = WordSet()
        func add(_ text: String?, _ field: Field) {
            guard let text else { return }
            SearchWords.forEach(in: text) { words.insert($0, field: field) }
        }
        add(article.title, .title)
        add(article.subtitle, .title)
        add(article.summary, .sapo)
        add(plainBody, .body)
        for text in [article.author, article.source, article.category, article.location] { add(text, .meta) }
        for code in article.directives {
            add(code.text, .meta)
            add(graph.directiveIndex[code].flatMap { graph.directives[$0].directive.kind }, .meta)
        }
        for year in article.themes { add("chuyên đề \(year)", .meta) }

        var out: [UInt8] = []
        out.reserveCapacity(4 + record.count + words.bytes.count + 2 * words.count)
        withUnsafeBytes(of: UInt32(record.count).littleEndian) { out += $0 }
        out += record
        words.forEach { bytes, field in
            out.append(field.rawValue)
            out.append(UInt8(bytes.count))
            out += bytes
        }
        return out
    }

    /// The record of an article's bytes (`make`'s output).
    static func record(in blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let length = Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        return UnsafeRawBufferPointer(rebasing: blob[4..<(4 + length)])
    }

    /// Calls `word` with each distinct word of an article's bytes and the fields it occurs in.
    static func forEachWord(in blob: UnsafeRawBufferPointer, _ word: (UnsafeRawBufferPointer, Field) -> Void) {
        var i = 4 + Int(UInt32(littleEndian: blob.loadUnaligned(as: UInt32.self)))
        while i + 2 <= blob.count {
            let length = Int(blob[i + 1])
            word(UnsafeRawBufferPointer(rebasing: blob[(i + 2)..<(i + 2 + length)]), Field(rawValue: blob[i]))
            i += 2 + length
        }
    }
}

/// Distinct words, in the order first seen, each with the fields it was seen in: an
/// open-addressing table over one byte buffer (an article has a few hundred distinct words).
struct WordSet {
    private(set) var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [UInt8] = []
    private var fields: [UInt8] = []
    private var hashes: [UInt64] = []
    /// Slots hold an index into the arrays above plus one; 0 is empty.
    private var slots = [Int32](repeating: 0, count: 256)

    var count: Int { starts.count }

    static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 32)
    }

    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, field: IndexedArticle.Field) {
        let hash = Self.hash(UnsafeRawBufferPointer(word))
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if hashes[index] == hash, Int(lengths[index]) == word.count,
                bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(starts[index]), word.baseAddress!, word.count) == 0 })
            {
                fields[index] |= field.rawValue
                return
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(starts.count + 1)
        starts.append(Int32(bytes.count))
        lengths.append(UInt8(word.count))
        fields.append(field.rawValue)
        hashes.append(hash)
        bytes.append(contentsOf: word)
        if starts.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index + 1)
        }
    }

    func forEach(_ body: (ArraySlice<UInt8>, IndexedArticle.Field) -> Void) {
        for index in starts.indices {
            let start = Int(starts[index])
            body(bytes[start..<(start + Int(lengths[index]))], IndexedArticle.Field(rawValue: fields[index]))
        }
    }
}
