import Foundation

/// What the search index's shards and pair lists were made of at the last build
/// (`SearchShards.Contents`: every folded word with its entry, every pair bucket's list), beside
/// the output with the articles' search keys it was made for (site order). A build whose
/// articles give the same keys (after an edit of the templates, for one) takes the contents as
/// they are; after an edit of a few articles, only the words and buckets those changed are
/// worked out again (`SearchShards.updated`), instead of everything from every article's words.
struct SearchShardMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5432  // "bantinT2"

    /// Contents are read by this executable's code: another one's are not reused.
    static let executableKey: UInt64 = {
        var hasher = StableHasher()
        hasher.add("search shards")
        hasher.add(InputStamp.executable)
        return hasher.value
    }()

    /// The keys and contents saved; `nil` when the memo is missing, from another executable, or
    /// does not read whole.
    func load() -> (keys: [UInt64], contents: SearchShards.Contents)? {
        guard let file = MappedFile(path: url.path) else { return nil }
        return file.withBytes { bytes in
            var reader = Reader(bytes: UnsafeRawBufferPointer(bytes))
            guard reader.word() == Self.magic, reader.word() == Self.executableKey,
                let keys = reader.words(), let wordCount = reader.count()
            else { return nil }
            var words: [Vocabulary.ShardWord] = []
            words.reserveCapacity(wordCount)
            for _ in 0..<wordCount {
                guard let folded = reader.string(), let formCount = reader.count() else { return nil }
                var forms: [[UInt8]] = []
                for _ in 0..<formCount {
                    guard let form = reader.string() else { return nil }
                    forms.append(form)
                }
                guard let size = reader.word(), let entry = reader.string() else { return nil }
                words.append(Vocabulary.ShardWord(folded: folded, forms: forms, entrySize: Int(truncatingIfNeeded: size), entry: entry))
            }
            // The pair buckets that have articles, each as `bucket << 32 | length`, ascending.
            guard let pairBytes = reader.string(), let lengths = reader.words(), reader.atEnd else { return nil }
            var ends = [Int](repeating: 0, count: PhrasePairs.buckets)
            var next = 0, end = 0
            for entry in lengths {
                let bucket = Int(entry >> 32)
                guard bucket >= next, bucket < PhrasePairs.buckets else { return nil }
                for b in next..<bucket { ends[b] = end }
                end += Int(entry & 0xFFFF_FFFF)
                ends[bucket] = end
                next = bucket + 1
            }
            for b in next..<PhrasePairs.buckets { ends[b] = end }
            guard end == pairBytes.count else { return nil }
            return (keys, SearchShards.Contents(words: words, pairs: PhrasePairs.Lists(bytes: pairBytes, ends: ends)))
        }
    }

    /// Saves `contents` for `keys` (written beside, then renamed over the last memo).
    func save(_ contents: SearchShards.Contents, keys: [UInt64]) {
        OutputFolder.replaceFile(at: url.path) { out in
            Self.append([Self.magic, Self.executableKey, UInt64(keys.count)] + keys, to: &out)
            Self.append([UInt64(contents.words.count)], to: &out)
            for word in contents.words {
                Self.append(string: word.folded, to: &out)
                Self.append([UInt64(word.forms.count)], to: &out)
                for form in word.forms { Self.append(string: form, to: &out) }
                Self.append([UInt64(word.entrySize)], to: &out)
                Self.append(string: word.entry, to: &out)
            }
            Self.append(string: contents.pairs.bytes, to: &out)
            let lengths = (0..<PhrasePairs.buckets).compactMap { b -> UInt64? in
                let length = contents.pairs.list(b).count
                return length == 0 ? nil : UInt64(b) << 32 | UInt64(length)
            }
            Self.append([UInt64(lengths.count)] + lengths, to: &out)
        }
    }

    private static func append(_ words: [UInt64], to out: inout FileAppender) {
        words.map(\.littleEndian).withUnsafeBytes { out.append($0) }
    }

    private static func append(string bytes: [UInt8], to out: inout FileAppender) {
        append([UInt64(bytes.count)], to: &out)
        bytes.withUnsafeBytes { out.append($0) }
    }

    /// Little-endian 64-bit numbers, and byte strings and lists of numbers each after its
    /// length, read with bounds checked.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        var atEnd: Bool { at == bytes.count }

        mutating func word() -> UInt64? {
            guard bytes.count - at >= 8 else { return nil }
            defer { at += 8 }
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }

        /// A count of things that each take at least 8 bytes, so never more than there is room for.
        mutating func count() -> Int? {
            guard let count = word(), count <= UInt64((bytes.count - at) / 8) else { return nil }
            return Int(count)
        }

        mutating func string() -> [UInt8]? {
            guard let length = word(), length <= UInt64(bytes.count - at) else { return nil }
            defer { at += Int(length) }
            return Array(bytes[at..<(at + Int(length))])
        }

        mutating func words() -> [UInt64]? {
            guard let count = count() else { return nil }
            return (0..<count).map { _ in word()! }
        }
    }
}
