import Yams

/// The `Decoder` a model's `init(from:)` sees: the front matter as one keyed container.
struct FieldDocumentDecoder: Decoder {
    let state: FieldDecodingState
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FieldKeyedContainer<Key>(state: state))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw FieldError(message: "front matter must be fields") }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw FieldError(message: "front matter must be fields") }
}

/// Looks each declared key up in the front matter. An absent key gives the field's default (or
/// an error for a required one); a value with a problem is reported and gives the default too.
struct FieldKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let state: FieldDecodingState
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { state.given(FieldDecoding.key(key.stringValue)) == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey codingKey: Key) throws -> T {
        let key = FieldDecoding.key(codingKey.stringValue)
        if let value = state.given(key) {
            if let hint = state.required[key], isEmptyText(value) {
                state.report("`\(key)` is empty: \(hint)", at: value.position)
            } else if let decoded = state.decode(type, value, key: key) {
                return decoded
            }
        } else if let hint = state.required[key] {
            // Written with nothing after it (`date:`, `date: ~`): told at its line.
            if let written = state.reader.value(key) {
                state.report("`\(key)` is empty: \(hint)", at: written.position)
            } else {
                state.diagnostics.append(.error(state.reader.path, line: state.reader.lineOffset + 1, column: 1, "missing `\(key)`: \(hint)" + (key == "date" ? FieldDecoding.dateOfFileName(state.reader.path) : "")))
            }
        }
        guard let fallback = state.defaults[key] as? T else { throw FieldError(message: "`\(key)` has no default") }
        return fallback
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey codingKey: Key) throws -> T? { optional(type, codingKey) }
    // The standard library's own overloads for plain types would skip the checks above.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { optional(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { optional(type, key) }

    private func optional<T: Decodable>(_ type: T.Type, _ codingKey: Key) -> T? {
        let key = FieldDecoding.key(codingKey.stringValue)
        guard let value = state.given(key), !isEmptyText(value) else { return nil }
        return state.decode(type, value, key: key)
    }

    /// Text that is only white space: taken as absent.
    private func isEmptyText(_ value: FieldValue) -> Bool {
        if case .scalar(let scalar) = value.shape { return scalar.string.trimmingWhitespace.isEmpty }
        return false
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw FieldError(message: "`\(key.stringValue)` cannot be nested")
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw FieldError(message: "`\(key.stringValue)` cannot be nested")
    }
    func superDecoder() throws -> any Decoder { FieldDocumentDecoder(state: state) }
    func superDecoder(forKey key: Key) throws -> any Decoder { FieldDocumentDecoder(state: state) }
}

/// One scalar value (a field's, or a list item's), decoded as text, a number or a flag.
extension Node.Scalar {
    /// A whole number as an editor writes one: in tens (`075` is 75, not YAML 1.1's octal 61),
    /// YAML's other forms (`0x4B`) as YAML reads them, and none with a colon (`1:20`, which YAML
    /// 1.1 reads in base 60).
    var wholeNumber: Int? {
        if let number = Int(string) { return number }
        return string.contains(":") ? nil : Node.scalar(self).int
    }
}

struct FieldValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: FieldValue
    let key: String
    let state: FieldDecodingState
    var codingPath: [any CodingKey] { [FieldName(stringValue: key)] }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw notText }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw notText }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private var notText: FieldError { FieldError(message: "`\(key)` must be text, not a list or a mapping") }

    private var scalar: Node.Scalar? {
        if case .scalar(let scalar) = value.shape { return scalar }
        return nil
    }

    func decodeNil() -> Bool { state.reader.isNull(value) }

    func decode(_ type: String.Type) throws -> String {
        guard let scalar else { throw notText }
        let text = scalar.string.trimmingWhitespace
        if let pasted = PastedHTML.problem(in: text, key: key) ?? PastedHTML.markdownProblem(in: text, key: key) { state.warn(pasted, at: value.position) }
        if let word = LegacyVietnamese.garbledWord(in: text) { state.warn("`\(key)` \(LegacyVietnamese.advice(for: word)) (`\(word)`)", at: value.position) }
        return text
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let scalar, let flag = Node.scalar(scalar).bool else { throw FieldError(message: FieldReader.notBoolean(key, scalar)) }
        return flag
    }

    func decode(_ type: Int.Type) throws -> Int {
        guard let scalar else { throw FieldError(message: "`\(key)` must be a whole number") }
        guard let number = scalar.wholeNumber else { throw FieldError(message: "`\(key)` must be a whole number, not `\(scalar.string)`") }
        return number
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

/// A front-matter key as a coding key.
struct FieldName: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
