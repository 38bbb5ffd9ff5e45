import Foundation

/// What the search index's shards and pair lists were made of at the last build
/// (`SearchShards.Contents`: every folded word with its entry, every pair bucket's list), beside
/// the output with the articles' search keys it was made for (site order). A build whose
/// articles give the same keys (after an edit of the templates, for one) takes the contents as
/// they are; after an edit of a few articles, only the words and buckets those changed are
/// worked out again (`SearchShards.updated`), instead of everything from every article's words.
struct SearchShardMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5433  // "bantinT3"

    /// The keys and contents saved; `nil` when the memo is missing, from another executable,
    /// does not read whole, or is not what was saved (its checksum: a bit turned on disk would
    /// otherwise be published in a shard).
    func load() -> (keys: [UInt64], contents: SearchShards.Contents)? {
        guard let file = MappedFile(path: url.path) else { return nil }
        return file.withBytes { bytes in
            let input = BinaryInput(bytes: bytes)
            guard let loaded = try? Self.read(input), input.offset == bytes.count else { return nil }
            return loaded
        }
    }

    private static func read(_ input: BinaryInput) throws -> (keys: [UInt64], contents: SearchShards.Contents)? {
        func word() throws -> UInt64 { UInt64(bitPattern: try input.int()) }
        func numbers() throws -> [UInt64] { try (0..<input.count()).map { _ in try word() } }
        guard try word() == magic, try word() == SearchMemo.executableKey else { return nil }
        let keys = try numbers()
        let words = try (0..<input.count()).map { _ in
            let folded = try input.byteString()
            let forms = try (0..<input.count()).map { _ in try input.byteString() }
            return Vocabulary.ShardWord(folded: folded, forms: forms, entrySize: Int(try input.int()), entry: try input.byteString())
        }
        // The pair buckets that have articles, each as `bucket << 32 | length`, ascending.
        let pairBytes = try input.byteString()
        var ends = [Int](repeating: 0, count: PhrasePairs.buckets)
        var next = 0, end = 0
        for entry in try numbers() {
            let bucket = Int(entry >> 32)
            guard bucket >= next, bucket < PhrasePairs.buckets else { return nil }
            for b in next..<bucket { ends[b] = end }
            end += Int(entry & 0xFFFF_FFFF)
            ends[bucket] = end
            next = bucket + 1
        }
        for b in next..<PhrasePairs.buckets { ends[b] = end }
        guard end == pairBytes.count else { return nil }
        let contents = SearchShards.Contents(words: words, pairs: PhrasePairs.Lists(bytes: pairBytes, ends: ends))
        guard try word() == checksum(contents, keys: keys) else { return nil }
        return (keys, contents)
    }

    /// A checksum of what a memo holds, saved after it.
    private static func checksum(_ contents: SearchShards.Contents, keys: [UInt64]) -> UInt64 {
        var hasher = StableHasher()
        keys.withUnsafeBytes { hasher.add(bytes: $0) }
        for word in contents.words {
            for bytes in [word.folded, word.entry] + word.forms { bytes.withUnsafeBytes { hasher.add(bytes: $0) } }
            hasher.add(Int64(word.entrySize))
        }
        contents.pairs.bytes.withUnsafeBytes { hasher.add(bytes: $0) }
        for bucket in 0..<PhrasePairs.buckets { hasher.add(Int64(contents.pairs.list(bucket).count)) }
        return hasher.value
    }

    /// Saves `contents` for `keys` (written beside, then renamed over the last memo).
    @discardableResult
    func save(_ contents: SearchShards.Contents, keys: [UInt64]) -> Bool {
        OutputFolder.replaceFile(at: url.path) { out in
            for number in [Self.magic, SearchMemo.executableKey, UInt64(keys.count)] + keys { out.append(number: number) }
            out.append(number: UInt64(contents.words.count))
            for word in contents.words {
                Self.append(string: word.folded, to: &out)
                out.append(number: UInt64(word.forms.count))
                for form in word.forms { Self.append(string: form, to: &out) }
                out.append(number: UInt64(word.entrySize))
                Self.append(string: word.entry, to: &out)
            }
            Self.append(string: contents.pairs.bytes, to: &out)
            let lengths = (0..<PhrasePairs.buckets).compactMap { b -> UInt64? in
                let length = contents.pairs.list(b).count
                return length == 0 ? nil : UInt64(b) << 32 | UInt64(length)
            }
            out.append(number: UInt64(lengths.count))
            for length in lengths { out.append(number: length) }
            out.append(number: Self.checksum(contents, keys: keys))
        }
    }

    private static func append(string bytes: [UInt8], to out: inout FileAppender) {
        out.append(number: UInt64(bytes.count))
        bytes.withUnsafeBytes { out.append($0) }
    }
}
