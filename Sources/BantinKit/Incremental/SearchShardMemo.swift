import Foundation

/// The search index's shards, pair lists and table of contents as the last build made them,
/// beside the output under a fingerprint of every article's search key in site order. They are
/// made from nothing else, so a build whose articles give the same keys (after an edit of the
/// templates, for one) takes them from here instead of working them out again from every
/// article's words.
struct SearchShardMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5431  // "bantinT1"

    /// The fingerprint of the shards of articles with these search keys, in this order, as this
    /// executable makes them.
    static func fingerprint(keys: [UInt64]) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        keys.map(\.littleEndian).withUnsafeBytes { hasher.add(bytes: $0) }
        return hasher.value
    }

    /// The files saved for `keys`; `nil` when the memo is missing, for other keys, or does not
    /// read whole.
    func files(for keys: [UInt64]) -> [SearchShards.File]? {
        guard let file = MappedFile(path: url.path) else { return nil }
        return file.withBytes { bytes -> [SearchShards.File]? in
            var reader = Reader(bytes: UnsafeRawBufferPointer(bytes))
            guard reader.word() == Self.magic, reader.word() == Self.fingerprint(keys: keys), let count = reader.word(),
                count <= UInt64(bytes.count / 16)
            else { return nil }
            var files: [SearchShards.File] = []
            files.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let path = reader.string(), let contents = reader.string() else { return nil }
                files.append(SearchShards.File(path: String(decoding: path, as: UTF8.self), bytes: contents))
            }
            return reader.atEnd ? files : nil
        }
    }

    /// Saves `files` under `keys` (written beside, then renamed over the last memo).
    func save(_ files: [SearchShards.File], keys: [UInt64]) {
        OutputFolder.replaceFile(at: url.path) { out in
            Self.append([Self.magic, Self.fingerprint(keys: keys), UInt64(files.count)], to: &out)
            for file in files {
                let path = Array(file.path.utf8)
                Self.append([UInt64(path.count)], to: &out)
                path.withUnsafeBytes { out.append($0) }
                Self.append([UInt64(file.bytes.count)], to: &out)
                file.bytes.withUnsafeBytes { out.append($0) }
            }
        }
    }

    private static func append(_ words: [UInt64], to out: inout FileAppender) {
        words.map(\.littleEndian).withUnsafeBytes { out.append($0) }
    }

    /// Little-endian 64-bit numbers and byte strings (each after its length), read with bounds checked.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        var atEnd: Bool { at == bytes.count }

        mutating func word() -> UInt64? {
            guard bytes.count - at >= 8 else { return nil }
            defer { at += 8 }
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }

        mutating func string() -> [UInt8]? {
            guard let length = word(), length <= UInt64(bytes.count - at) else { return nil }
            defer { at += Int(length) }
            return Array(bytes[at..<(at + Int(length))])
        }
    }
}
