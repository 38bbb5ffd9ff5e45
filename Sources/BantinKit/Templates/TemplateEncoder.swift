/// A model's fields as templates see them, derived from its `Encodable` conformance: each field
/// under its front-matter key (`{{article.image_alt}}`), empty text and lists absent (so
/// `{{#x}}…{{/x}}` shows nothing for them; over a list it repeats for each item), numbers as text, dates as `DateView`s. A field added to
/// `ArticleFields` is in every template that shows an article, with no other edit.
public final class TemplateFields: TemplateObject, @unchecked Sendable {
    // Filled while the model is encoded, then only read: no run-time exclusivity checks.
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var values: [TemplateValue] = []

    init() {
        names.reserveCapacity(20)
        values.reserveCapacity(20)
    }

    /// The fields of `model`. One it leaves empty (`nil`, empty text or list) is there all the
    /// same, as an empty list: inside a section of another object (a directive's in an
    /// article's), `{{#title}}` then stops at this one, rather than showing the outer object's
    /// `title`. Names as templates see them (`image_caption`), found once per model type.
    convenience init<Model: FrontMatterFields>(_ model: Model) {
        self.init()
        try? model.encode(to: TemplateValueEncoder(into: .fields(self)))
        for name in FieldDefaults.names(of: Model.self) where value(named: name) == nil {
            names.append(name)
            values.append(.list([]))
        }
    }

    fileprivate func set(_ name: String, _ value: TemplateValue?) {
        guard let value else { return }
        if let index = names.firstIndex(of: name) {
            values[index] = value
        } else {
            names.append(name)
            values.append(value)
        }
    }

    /// Its names and their values, in the order they were first set.
    var entries: Zip2Sequence<[String], [TemplateValue]> { zip(names, values) }

    public func value(named name: String) -> TemplateValue? {
        // A dozen or two names: a scan is faster than hashing the name. Names of another length
        // are passed over without comparing their bytes (most are short, and their length is at hand).
        let length = name.utf8.count
        for index in names.indices where names[index].utf8.count == length && names[index] == name { return values[index] }
        return nil
    }
}

/// A value that templates show in a form of its own (a date formatted three ways, a code as its text).
protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension LocalDateTime: TemplateRepresentable {
    var templateValue: TemplateValue { .object(DateView(date: self)) }
}

extension DirectiveCode: TemplateRepresentable {
    var templateValue: TemplateValue { .text(text) }
}

extension SiteTimeZone: TemplateRepresentable {
    var templateValue: TemplateValue { .text(identifier) }
}

extension IssueMonth: TemplateRepresentable {
    var templateValue: TemplateValue { .text(description) }
}

/// The template value of any encodable value; `nil` for what templates treat as absent.
func templateValue<T: Encodable>(of value: T) -> TemplateValue? {
    // Plain types told apart by their type, without a dynamic cast.
    if T.self == String.self {
        let text = unsafeBitCast(value, to: String.self)
        return text.isEmpty ? nil : .text(text)
    }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == Int.self { return .text(String(unsafeBitCast(value, to: Int.self))) }
    switch value {
    case let special as any TemplateRepresentable: return special.templateValue
    default:
        let list = TemplateList()
        let encoder = TemplateValueEncoder(into: .undecided(list))
        try? value.encode(to: encoder)
        return encoder.result ?? (list.items.isEmpty ? nil : .list(list.items))
    }
}

/// Items of a list being encoded.
private final class TemplateList {
    var items: [TemplateValue] = []
}

/// Where an encoder's value goes.
private enum TemplateTarget {
    case fields(TemplateFields)
    /// Not known until the value asks for a container: a list, fields, or a single value.
    case undecided(TemplateList)
}

private final class TemplateValueEncoder: Encoder {
    let target: TemplateTarget
    var result: TemplateValue?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(into target: TemplateTarget) { self.target = target }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let fields: TemplateFields
        switch target {
        case .fields(let existing): fields = existing
        case .undecided:
            fields = TemplateFields()
            result = .object(fields)
        }
        return KeyedEncodingContainer(TemplateKeyedEncoding<Key>(fields: fields))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .undecided(let list) = target { return TemplateUnkeyedEncoding(list: list) }
        return TemplateUnkeyedEncoding(list: TemplateList())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { TemplateSingleEncoding(encoder: self) }
}

private struct TemplateKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let fields: TemplateFields
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) {}
    mutating func encode(_ value: some Encodable, forKey key: Key) {
        fields.set(FieldDecoding.key(key.stringValue), templateValue(of: value))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = TemplateFields()
        fields.set(FieldDecoding.key(key.stringValue), .object(nested))
        return KeyedEncodingContainer(TemplateKeyedEncoding<NestedKey>(fields: nested))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { TemplateUnkeyedEncoding(list: TemplateList()) }
    mutating func superEncoder() -> any Encoder { TemplateValueEncoder(into: .fields(fields)) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TemplateValueEncoder(into: .fields(fields)) }
}

private struct TemplateUnkeyedEncoding: UnkeyedEncodingContainer {
    let list: TemplateList
    var codingPath: [any CodingKey] { [] }
    var count: Int { list.items.count }

    mutating func encodeNil() {}
    mutating func encode(_ value: some Encodable) {
        if let item = templateValue(of: value) { list.items.append(item) }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = TemplateFields()
        list.items.append(.object(nested))
        return KeyedEncodingContainer(TemplateKeyedEncoding<NestedKey>(fields: nested))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { TemplateUnkeyedEncoding(list: TemplateList()) }
    mutating func superEncoder() -> any Encoder { TemplateValueEncoder(into: .undecided(list)) }
}

private struct TemplateSingleEncoding: SingleValueEncodingContainer {
    let encoder: TemplateValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() {}
    mutating func encode(_ value: some Encodable) { encoder.result = templateValue(of: value) }
}
