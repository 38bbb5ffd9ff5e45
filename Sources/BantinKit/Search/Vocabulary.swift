import Foundation

/// Every distinct word of the bulletin (exact, lower-case form) with the articles it occurs in,
/// filled article by article in number order, so each list comes out ascending.
final class Vocabulary: @unchecked Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [UInt8] = []
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: 0, count: 1 << 16)
    /// For each word: the articles it occurs in, and those with it in their title and sapo.
    private var articles: [[Int32]] = []
    private var titles: [[Int32]] = []
    private var sapos: [[Int32]] = []

    func add(_ word: UnsafeRawBufferPointer, field: IndexedArticle.Field, article: Int32) {
        let index = intern(word)
        articles[index].append(article)
        if field.contains(.title) { titles[index].append(article) }
        if field.contains(.sapo) { sapos[index].append(article) }
    }

    private func intern(_ word: UnsafeRawBufferPointer) -> Int {
        let hash = WordSet.hash(word)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if hashes[index] == hash, Int(lengths[index]) == word.count,
                bytes.withUnsafeBytes({ memcmp($0.baseAddress! + Int(starts[index]), word.baseAddress!, word.count) == 0 })
            {
                return index
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        let index = starts.count
        slots[slot] = Int32(index + 1)
        starts.append(Int32(bytes.count))
        lengths.append(UInt8(word.count))
        hashes.append(hash)
        bytes.append(contentsOf: word)
        articles.append([])
        titles.append([])
        sapos.append([])
        if starts.count * 2 > slots.count { grow() }
        return index
    }

    private func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index + 1)
        }
    }

    private func word(_ index: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[index])
        return bytes[start..<(start + Int(lengths[index]))]
    }

    /// A word without diacritics and the exact forms that fold to it, most used first.
    struct FoldedWord: Sendable {
        var folded: [UInt8]
        var forms: [Int]
        /// About how many bytes its entry takes in a shard.
        var entrySize: Int
    }

    /// The folded words, sorted bytewise.
    func foldedWords() -> [FoldedWord] {
        var groups: [[UInt8]: [Int]] = [:]
        for index in starts.indices {
            let folded = VietnameseFolding.foldedUTF8(String(decoding: word(index), as: UTF8.self))
            groups[folded, default: []].append(index)
        }
        return groups.map { folded, forms in
            let sorted = forms.sorted { a, b in
                articles[a].count != articles[b].count ? articles[a].count > articles[b].count : word(a).lexicographicallyPrecedes(word(b))
            }
            let size = forms.reduce(folded.count + 16) { $0 + Int(lengths[$1]) + 6 + estimate(articles[$1]) + (titles[$1].count + sapos[$1].count) * 2 }
            return FoldedWord(folded: folded, forms: sorted, entrySize: size)
        }.sorted { $0.folded.lexicographicallyPrecedes($1.folded) }
    }

    private func estimate(_ list: [Int32]) -> Int {
        guard let last = list.last else { return 0 }
        return min(list.count * 2, Int(last) / 6 + 2)
    }

    /// `"folded":[title,sapo,form,articles,…]`, as it is written in a shard.
    func entry(for word: FoldedWord) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out += word.folded
        out += "\":[\"".utf8
        DocList.append(union(word.forms.map { titles[$0] }), to: &out)
        out += "\",\"".utf8
        DocList.append(union(word.forms.map { sapos[$0] }), to: &out)
        out.append(UInt8(ascii: "\""))
        for form in word.forms {
            out += ",\"".utf8
            Escape.appendJSONContent(String(decoding: self.word(form), as: UTF8.self), to: &out)
            out += "\",\"".utf8
            DocList.append(articles[form], to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private func union(_ lists: [[Int32]]) -> [Int32] {
        let nonEmpty = lists.filter { !$0.isEmpty }
        if nonEmpty.count <= 1 { return nonEmpty.first ?? [] }
        return Array(Set(nonEmpty.joined())).sorted()
    }
}
