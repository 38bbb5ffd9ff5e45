import Foundation

/// The last search index, kept beside the output with one key per record (a fingerprint of all
/// that the record shows), so that a rebuild makes again only the records of articles that changed.
struct SearchMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5331  // "bantinS1"

    /// The index's bytes: a saved record wherever its key is one of `keys`, otherwise made by `make`.
    /// Saved again when anything was made or the order changed.
    func json(keys: [UInt64], make: @Sendable (Int) -> [UInt8]) -> [UInt8] {
        let saved = load()
        let missing = keys.indices.filter { saved?.places[keys[$0]] == nil }
        let made = Dictionary(uniqueKeysWithValues: zip(missing, missing.parallelMap(make)))
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity((saved?.bytes.count ?? 0) + made.values.reduce(16) { $0 + $1.count + 2 })
        var places: [Range<Int>] = []
        places.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            let start = out.count
            if let record = made[index] {
                out += record
            } else if let saved, let place = saved.places[key] {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: saved.bytes[place]))
            }
            places.append(start..<out.count)
        }
        out += "]\n".utf8
        if !missing.isEmpty || saved?.keys != keys { save(out, keys: keys, places: places) }
        return out
    }

    private struct Saved {
        var keys: [UInt64]
        var places: [UInt64: Range<Int>]
        /// The file, mapped; `places` are ranges of it.
        var file: MappedFile

        var bytes: UnsafeBufferPointer<UInt8> { file.bytes }
    }

    /// The file: magic, the executable's fingerprint, count, `count` × (key, start, length), then
    /// the index itself; little-endian 64-bit numbers. `nil` for anything that does not fit.
    private func load() -> Saved? {
        guard let file = MappedFile(path: url.path), file.size >= 24 else { return nil }
        defer { withExtendedLifetime(file) {} }  // `raw` points into it
        let raw = UnsafeRawBufferPointer(file.bytes)
        func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at * 8, as: UInt64.self)) }
        guard word(0) == Self.magic, word(1) == Self.executableKey, word(2) <= UInt64(raw.count / 24) else { return nil }
        let count = Int(word(2))
        let blobStart = 24 + count * 24
        guard blobStart <= raw.count else { return nil }
        let blobCount = raw.count - blobStart
        var saved = Saved(keys: [], places: [:], file: file)
        saved.keys.reserveCapacity(count)
        saved.places.reserveCapacity(count)
        for i in 0..<count {
            let key = word(3 + i * 3), start = word(4 + i * 3), length = word(5 + i * 3)
            guard start <= UInt64(blobCount), length <= UInt64(blobCount) - start else { return nil }
            saved.keys.append(key)
            saved.places[key] = (blobStart + Int(start))..<(blobStart + Int(start + length))
        }
        return saved
    }

    private func save(_ json: [UInt8], keys: [UInt64], places: [Range<Int>]) {
        var words: [UInt64] = [Self.magic, Self.executableKey, UInt64(keys.count)]
        words.reserveCapacity(3 + keys.count * 3)
        for (key, place) in zip(keys, places) { words += [key, UInt64(place.lowerBound), UInt64(place.count)] }
        let header = words.map(\.littleEndian).withUnsafeBytes { Array($0) }
        OutputFolder.replaceFile(parts: [header, json], at: url.path)
    }

    /// Records are made by this executable's code: another one's are not reused.
    static let executableKey: UInt64 = {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        return hasher.value
    }()
}
