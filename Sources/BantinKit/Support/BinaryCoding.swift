/// A compact, sequential binary form of any `Codable` value: what the article cache stores and
/// what fingerprints hash. Derived from the type's own `Codable` conformance, so a field added to
/// a model is stored, read back and fingerprinted without another edit.
///
/// The form has no keys: values follow in the order the type encodes them (declaration order,
/// for synthesised conformances), optionals after a presence byte, collections after their count,
/// numbers as 8 little-endian bytes, text as its length and UTF-8 bytes. It is read back only by
/// the same executable (the cache is keyed by it), so it needs no versioning of its own.
public enum BinaryCoding {
    public static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = BinaryEncoder()
        // Encoding into memory cannot fail: the encoder throws nothing itself.
        try? value.encode(to: encoder)
        return encoder.output.bytes
    }

    /// The value in `bytes`, or `nil` when they do not hold exactly one (short, long, or nonsense).
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeBufferPointer<UInt8>) -> T? {
        let decoder = BinaryDecoder(input: BinaryInput(bytes: bytes))
        guard let value = try? T(from: decoder), decoder.input.offset == bytes.count else { return nil }
        return value
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        bytes.withUnsafeBufferPointer { decode(type, from: $0) }
    }
}

/// Where encoded bytes accumulate (shared by the containers of one encoding).
final class BinaryOutput {
    var bytes: [UInt8] = []

    func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }
    func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}

/// The bytes being decoded and how far reading got; every read checks its bounds.
final class BinaryInput {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func int() throws -> Int64 {
        guard offset + 8 <= bytes.count else { throw BinaryCodingError.truncated }
        let value = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: Int64.self)
        offset += 8
        return Int64(littleEndian: value)
    }

    func flag() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw BinaryCodingError.truncated }
        offset += 1
        return bytes[offset - 1] == 1
    }

    func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw BinaryCodingError.truncated }
        return Int(n)
    }

    /// Bytes after their count.
    func byteString() throws -> [UInt8] {
        let n = try count()
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }

    func text() throws -> String {
        let n = try count()
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + n)])
        offset += n
        guard let text = String(validating: slice, as: UTF8.self) else { throw BinaryCodingError.truncated }
        return text
    }
}

enum BinaryCodingError: Error { case truncated }

// MARK: Encoding

struct BinaryEncoder: Encoder {
    let output: BinaryOutput
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(output: BinaryOutput = BinaryOutput()) { self.output = output }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedBinaryEncoding<Key>(output: output))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedBinaryEncoding(output: output) }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleBinaryEncoding(output: output) }
}

/// Writes one value of any kind; shared by the three container kinds. Plain types are told
/// apart by their type, not by a dynamic cast (this runs for every field of every article).
private func write<T: Encodable>(_ value: T, to output: BinaryOutput) throws {
    if T.self == String.self {
        output.text(unsafeBitCast(value, to: String.self))
    } else if T.self == Bool.self {
        output.flag(unsafeBitCast(value, to: Bool.self))
    } else if T.self == Int.self {
        output.int(Int64(unsafeBitCast(value, to: Int.self)))
    } else if T.self == Int64.self {
        output.int(unsafeBitCast(value, to: Int64.self))
    } else if T.self == UInt64.self {
        output.int(Int64(bitPattern: unsafeBitCast(value, to: UInt64.self)))
    } else if T.self == [UInt8].self {
        let bytes = unsafeBitCast(value, to: [UInt8].self)
        output.int(Int64(bytes.count))
        output.bytes += bytes
    } else {
        try value.encode(to: BinaryEncoder(output: output))
    }
}

private struct KeyedBinaryEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let output: BinaryOutput
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { output.flag(false) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { try write(value, to: output) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

    private func present(_ value: (some Encodable)?) throws {
        output.flag(value != nil)
        if let value { try write(value, to: output) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedBinaryEncoding<NestedKey>(output: output))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { UnkeyedBinaryEncoding(output: output) }
    mutating func superEncoder() -> any Encoder { BinaryEncoder(output: output) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { BinaryEncoder(output: output) }
}

/// A list: its count (patched as items are added), then its items.
private struct UnkeyedBinaryEncoding: UnkeyedEncodingContainer {
    let output: BinaryOutput
    let countAt: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    init(output: BinaryOutput) {
        self.output = output
        countAt = output.bytes.count
        output.int(0)
    }

    private mutating func added() {
        count += 1
        let value = Int64(count).littleEndian
        output.bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: countAt, as: Int64.self) }
    }

    mutating func encodeNil() throws {
        added()
        output.flag(false)
    }
    mutating func encode(_ value: some Encodable) throws {
        added()
        try write(value, to: output)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        added()
        return KeyedEncodingContainer(KeyedBinaryEncoding<NestedKey>(output: output))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        added()
        return UnkeyedBinaryEncoding(output: output)
    }
    mutating func superEncoder() -> any Encoder { BinaryEncoder(output: output) }
}

private struct SingleBinaryEncoding: SingleValueEncodingContainer {
    let output: BinaryOutput
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { output.flag(false) }
    mutating func encode(_ value: some Encodable) throws { try write(value, to: output) }
}

// MARK: Decoding

struct BinaryDecoder: Decoder {
    let input: BinaryInput
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(input: BinaryInput) { self.input = input }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedBinaryDecoding<Key>(input: input))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedBinaryDecoding(input: input) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleBinaryDecoding(input: input) }
}

/// Reads one value of any kind; shared by the three container kinds.
private func read<T: Decodable>(_ type: T.Type, from input: BinaryInput) throws -> T {
    if T.self == String.self { return unsafeBitCast(try input.text(), to: T.self) }
    if T.self == Bool.self { return unsafeBitCast(try input.flag(), to: T.self) }
    if T.self == Int.self { return unsafeBitCast(Int(try input.int()), to: T.self) }
    if T.self == Int64.self { return unsafeBitCast(try input.int(), to: T.self) }
    if T.self == UInt64.self { return unsafeBitCast(UInt64(bitPattern: try input.int()), to: T.self) }
    if T.self == [UInt8].self {
        let n = try input.count()
        let bytes = Array(UnsafeBufferPointer(rebasing: input.bytes[input.offset..<(input.offset + n)]))
        input.offset += n
        return unsafeBitCast(bytes, to: T.self)
    }
    return try T(from: BinaryDecoder(input: input))
}

private struct KeyedBinaryDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let input: BinaryInput
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { try !input.flag() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try read(type, from: input) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(type) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(type) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(type) }

    private func present<T: Decodable>(_ type: T.Type) throws -> T? {
        try input.flag() ? try read(type, from: input) : nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedBinaryDecoding<NestedKey>(input: input))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try UnkeyedBinaryDecoding(input: input) }
    func superDecoder() throws -> any Decoder { BinaryDecoder(input: input) }
    func superDecoder(forKey key: Key) throws -> any Decoder { BinaryDecoder(input: input) }
}

private struct UnkeyedBinaryDecoding: UnkeyedDecodingContainer {
    let input: BinaryInput
    let count: Int?
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(input: BinaryInput) throws {
        self.input = input
        count = try input.count()
    }

    private mutating func next() throws {
        guard !isAtEnd else { throw BinaryCodingError.truncated }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        // Only optionals in lists ask; they were written with a presence byte only when nil.
        false
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next()
        return try read(type, from: input)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next()
        return KeyedDecodingContainer(KeyedBinaryDecoding<NestedKey>(input: input))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next()
        return try UnkeyedBinaryDecoding(input: input)
    }
    mutating func superDecoder() throws -> any Decoder { BinaryDecoder(input: input) }
}

private struct SingleBinaryDecoding: SingleValueDecodingContainer {
    let input: BinaryInput
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try read(type, from: input) }
}
