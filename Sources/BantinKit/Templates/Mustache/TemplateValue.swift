/// What a Mustache name resolves to. A closed set of cases, so rendering never needs a
/// dynamic cast: that is where most of a generic engine's time goes.
public enum TemplateValue: Sendable {
    /// Shown as is by `{{{x}}}`, HTML-escaped by `{{x}}`; a section over it renders once, with it on top of the stack.
    case text(String)
    /// Text already as UTF-8 bytes (a rendered Markdown body): shown like `.text`, never re-validated.
    case utf8([UInt8])
    /// A section renders its content when true, with it on top of the stack (the spec's "single-element list").
    case bool(Bool)
    /// A section renders its content once per item, with the item on top of the stack.
    case list([TemplateValue])
    /// Names are looked up in it; a section renders once with it on top of the stack.
    case object(any TemplateObject)

    /// The value of `name` inside this one (only objects have children).
    @inline(__always)
    func child(_ name: String) -> TemplateValue? {
        if case .object(let object) = self { return object.value(named: name) }
        return nil
    }

    /// False for what makes a section skip and an inverted section render: false and the empty list.
    var isTruthy: Bool {
        switch self {
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .text, .utf8, .object: true
        }
    }
}

/// A view model: answers the names its template uses, and nothing else. A class, so that the
/// engine copies a reference (the stack holds one per section), not a value of any size.
public protocol TemplateObject: AnyObject, Sendable {
    /// The value of `name`, or `nil` when this object does not have it (the lookup then
    /// continues down the context stack, as Mustache specifies).
    func value(named name: String) -> TemplateValue?
}

extension TemplateObject {
    /// Whether the value of `name` is there and not empty (what `{{#name}}` renders for).
    func has(_ name: String) -> Bool { value(named: name)?.isTruthy == true }
}

extension TemplateValue {
    /// A name a view has but no value for: shows nothing, and is false in a section, where it
    /// stops the lookup (`nil` would go on down the context stack and find an outer view's value,
    /// as a related article without a photo would show the page's article's).
    static let absent = TemplateValue.list([])

    /// `.text`, or `nil` when the text is empty, so that `{{#x}}…{{/x}}` tests for presence.
    static func nonEmpty(_ text: String?) -> TemplateValue? {
        guard let text, !text.isEmpty else { return nil }
        return .text(text)
    }

    /// `.list`, or `nil` when there is nothing in it.
    static func nonEmpty(_ items: [some TemplateObject]) -> TemplateValue? {
        items.isEmpty ? nil : .list(items.map { .object($0) })
    }
}
