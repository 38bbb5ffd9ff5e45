/// A 64-bit hash that takes eight bytes per step (a multiply-xorshift mix, FNV's constants):
/// stable across runs and machines, unlike `Hasher`, and fast enough to run over every article body.
struct StableHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Adds `raw` and an end mark, so that `ab` + `c` and `a` + `bc` differ.
    mutating func add(bytes raw: UnsafeRawBufferPointer) {
        var hash = value
        var i = 0
        while i + 8 <= raw.count {
            hash ^= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            hash &*= Self.prime
            hash ^= hash >> 29
            i += 8
        }
        while i < raw.count {
            hash ^= UInt64(raw[i])
            hash &*= Self.prime
            i += 1
        }
        hash ^= 0xFF
        hash &*= Self.prime
        value = hash
    }

    /// The hash of `bytes` alone: a checksum kept beside them.
    static func hash(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(bytes: bytes)
        return hasher.value
    }

    /// Adds the eight bytes of `number`.
    mutating func add(_ number: Int64) {
        value ^= UInt64(bitPattern: number)
        value &*= Self.prime
        value ^= value >> 29
    }

    /// Adds the binary encoding of `value` (see `BinaryCoding`): every stored property of a
    /// `Codable` model, so a field added to it is fingerprinted without another edit.
    mutating func add(encoding value: some Encodable) {
        let bytes = BinaryCoding.encode(value)
        bytes.withUnsafeBytes { add(bytes: $0) }
    }
}
