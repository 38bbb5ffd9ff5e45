import Foundation

extension SearchShards {
    /// The contents for articles with search keys `keys` (site order) and bytes `blobs`, made
    /// from `before`, the contents for the articles with keys `keysBefore`: only the folded
    /// words and pair buckets whose articles changed are worked out again, from every article's
    /// words and buckets scanned for those alone. Articles are compared by number (oldest
    /// first), so a new article or an edited one changes only its own. `earlier` gives an
    /// article's bytes from before by its key (and says whether it had them). `nil` when too
    /// many articles changed for this to be worth it, or an earlier article's bytes are missing:
    /// the contents are then made from nothing (`contents(blobs:)`), with the same result.
    static func updated(
        _ before: Contents, keysBefore: [UInt64], keys: [UInt64], blobs: ArticleBlobs,
        earlier: (UInt64, (UnsafeRawBufferPointer) -> Void) -> Bool
    ) -> Contents? {
        let oldCount = keysBefore.count, newCount = keys.count
        let changed = (0..<max(oldCount, newCount)).filter { n in
            n >= oldCount || n >= newCount || keysBefore[oldCount - 1 - n] != keys[newCount - 1 - n]
        }
        guard changed.count <= max(16, newCount / 64) else { return nil }
        // The exact words whose articles or fields changed, and the buckets whose articles did.
        var changedWords = Set<[UInt8]>()
        var changedBuckets = Set<Int>()
        for n in changed {
            var old = ArticleTerms(), new = ArticleTerms()
            if n < oldCount, !earlier(keysBefore[oldCount - 1 - n], { old = ArticleTerms($0) }) { return nil }
            if n < newCount { blobs.withBlob(numbered: n) { new = ArticleTerms($0) } }
            for (word, fields) in old.words where new.words[word] != fields { changedWords.insert(word) }
            for (word, fields) in new.words where old.words[word] != fields { changedWords.insert(word) }
            changedBuckets.formUnion(old.buckets.symmetricDifference(new.buckets))
        }
        // The pair lists on another core meanwhile.
        let pairs = Background { [changedBuckets] in updatedPairs(before.pairs, changed: changedBuckets, blobs: blobs) }
        let words = updatedWords(before.words, changed: changedWords, blobs: blobs)
        return Contents(words: words, pairs: pairs.value)
    }

    /// An article's distinct words with their fields, and its pair buckets.
    private struct ArticleTerms {
        var words: [[UInt8]: UInt8] = [:]
        var buckets = Set<Int>()

        init() {}

        init(_ blob: UnsafeRawBufferPointer) {
            IndexedArticle.forEachWord(in: blob) { word, fields in words[Array(word.bytes)] = fields.rawValue }
            IndexedArticle.forEachPairBucket(in: blob) { buckets.insert($0) }
        }
    }

    /// `words` with every folded word that one of `changed` folds to made again (or left out
    /// when no article has it any more).
    private static func updatedWords(_ words: [Vocabulary.ShardWord], changed: Set<[UInt8]>, blobs: ArticleBlobs) -> [Vocabulary.ShardWord] {
        guard !changed.isEmpty else { return words }
        let folded = Set(changed.map { $0.withUnsafeBytes(VietnameseFolding.foldedWordUTF8) })
        // Every exact form of those: the ones they had, and the changed ones.
        var wanted = WordTable()
        for word in changed { word.withUnsafeBytes { _ = wanted.intern($0) } }
        for word in words where folded.contains(word.folded) {
            for form in word.forms { form.withUnsafeBytes { _ = wanted.intern($0) } }
        }
        var table = WordTable()
        var postings: [UInt64] = []
        for number in 0..<blobs.count {
            blobs.withBlob(numbered: number) { blob in
                IndexedArticle.forEachWord(in: blob) { word, fields in
                    guard wanted.id(of: word) != nil else { return }
                    postings.append(UInt64(table.intern(word)) << 32 | UInt64(number) << 8 | UInt64(fields.rawValue))
                }
            }
        }
        let remade = Vocabulary(parts: [(table, postings)]).shardWords()
        return merged(words.filter { !folded.contains($0.folded) }, remade)
    }

    /// Two lists of words sorted by their folded bytes, and with none in common, as one.
    private static func merged(_ a: [Vocabulary.ShardWord], _ b: [Vocabulary.ShardWord]) -> [Vocabulary.ShardWord] {
        var out: [Vocabulary.ShardWord] = []
        out.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if a[i].folded.lexicographicallyPrecedes(b[j].folded) {
                out.append(a[i])
                i += 1
            } else {
                out.append(b[j])
                j += 1
            }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// `lists` with the lists of the `changed` buckets made again.
    private static func updatedPairs(_ lists: PhrasePairs.Lists, changed: Set<Int>, blobs: ArticleBlobs) -> PhrasePairs.Lists {
        guard !changed.isEmpty else { return lists }
        var wanted = [Bool](repeating: false, count: PhrasePairs.buckets)
        for b in changed { wanted[b] = true }
        var found: [Int: [Int32]] = [:]
        for number in 0..<blobs.count {
            blobs.withBlob(numbered: number) {
                IndexedArticle.forEachPairBucket(in: $0) { b in if wanted[b] { found[b, default: []].append(Int32(number)) } }
            }
        }
        var updated = PhrasePairs.Lists(bytes: [], ends: [])
        updated.bytes.reserveCapacity(lists.bytes.count + 1024)
        updated.ends.reserveCapacity(PhrasePairs.buckets)
        for b in 0..<PhrasePairs.buckets {
            if wanted[b] { DocList.append(found[b] ?? [], to: &updated.bytes) } else { updated.bytes += lists.list(b) }
            updated.ends.append(updated.bytes.count)
        }
        return updated
    }
}
