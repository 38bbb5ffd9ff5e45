import Foundation

/// What the article cache keeps of one article file: the file's identity, what reading it gave,
/// and where its body is. Stored through `BinaryCoding`, so every field of `ArticleFields` is
/// kept and read back without an edit here.
struct CacheEntry: Codable {
    var path: String
    var key: FileKey
    var diagnostics: [Diagnostic]
    var article: StoredArticle?

    /// An article as stored: its body is not, only where to find it.
    struct StoredArticle: Codable {
        var file: String
        /// `ArticleFields` in `BinaryCoding`'s form, as the article keeps it.
        var fields: [UInt8]
        var slug: String
        var bodyLine: Int
        var bodyHash: UInt64
        var positions: FieldPositions
        /// Where the body starts at the end of its content file; `nil` when it follows the entry in the cache.
        var bodyOffsetInSource: Int?
        var bodyCount: Int
        var references: BodyReferences
    }
}

extension CacheWriter {
    /// One file's entry: its encoding's length, the encoding, a checksum of both, then the
    /// body's bytes when they are kept here (a body that is the end of its file is read from there).
    mutating func entry(_ path: String, _ entry: ArticleCache.Entry) {
        var inline: [UInt8]? = nil
        var stored = CacheEntry(path: path, key: entry.key, diagnostics: entry.diagnostics, article: nil)
        if let article = entry.article {
            var offsetInSource: Int? = nil
            let count: Int
            if case .source(let source, let offset, let length, _) = article.bodyText.place, source == path {
                offsetInSource = offset
                count = length
            } else {
                let body = article.bodyText.utf8
                inline = body
                count = body.count
            }
            stored.article = CacheEntry.StoredArticle(
                file: article.file, fields: article.encodedFields, slug: article.slug.value, bodyLine: article.bodyLine,
                bodyHash: article.bodyHash, positions: article.positions, bodyOffsetInSource: offsetInSource, bodyCount: count,
                references: article.references)
        }
        let encoded = BinaryCoding.encode(stored)
        let start = bytes.count
        withUnsafeBytes(of: Int64(encoded.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += encoded
        let check = bytes.withUnsafeBufferPointer { Self.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        withUnsafeBytes(of: check.littleEndian) { bytes.append(contentsOf: $0) }
        if let inline { bytes += inline }
    }
}

extension ArticleCache {
    /// The entry at `place` of the mapped cache `file`, as `CacheWriter.entry` wrote it; `nil`
    /// unless its checksum holds and it decodes whole (the file is then read again: a miss).
    static func entry(at place: Range<Int>, of file: MappedFile) -> (String, Entry)? {
        let bytes = file.bytes
        guard place.count >= 16, place.upperBound <= bytes.count else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[place])
        let length = Int(Int64(littleEndian: raw.loadUnaligned(as: Int64.self)))
        guard length >= 0, length <= place.count - 16 else { return nil }
        let encodedEnd = place.lowerBound + 8 + length
        let check = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 + length, as: Int64.self))
        guard check == CacheWriter.checksum(UnsafeBufferPointer(rebasing: bytes[place.lowerBound..<encodedEnd])),
            let stored = BinaryCoding.decode(CacheEntry.self, from: UnsafeBufferPointer(rebasing: bytes[(place.lowerBound + 8)..<encodedEnd]))
        else { return nil }
        let inlineStart = encodedEnd + 8
        var article: Article? = nil
        if let kept = stored.article {
            guard let fields = BinaryCoding.decode(ArticleFields.self, from: kept.fields) else { return nil }
            let body: BodyText
            if let offset = kept.bodyOffsetInSource {
                guard inlineStart == place.upperBound else { return nil }
                body = BodyText(at: .source(path: stored.path, offset: offset, count: kept.bodyCount, hash: kept.bodyHash))
            } else {
                // A body kept here must still be the one read: its hash is the article's.
                guard inlineStart + kept.bodyCount == place.upperBound,
                    StableHasher.hash(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[inlineStart..<place.upperBound])) == kept.bodyHash
                else { return nil }
                body = BodyText(at: .cache(file, offset: inlineStart, count: kept.bodyCount))
            }
            article = Article(
                file: kept.file, fields: fields, slug: Slug(checked: kept.slug), bodyText: body, bodyLine: kept.bodyLine,
                positions: kept.positions, bodyHash: kept.bodyHash, encodedFields: kept.fields, references: kept.references)
        } else if inlineStart != place.upperBound {
            return nil
        }
        return (stored.path, Entry(key: stored.key, article: article, diagnostics: stored.diagnostics, stored: place))
    }
}
