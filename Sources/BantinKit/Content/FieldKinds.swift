/// What kind of value each front-matter key holds, for the hints and checks that depend on it:
/// Word's curly quotes taken off (`FieldReader.neverQuoted`), a `#` told as a comment
/// (`FieldReader.notText`), Markdown in prose (`PastedHTML`), a list's item typed on its key's
/// line (`YAMLMistakes`). What a field's type tells is derived from its declaration
/// (`Fields.swift`, reflected once); what only its meaning tells is listed here, and
/// `FieldKindTests` holds every declared field to a kind.
enum FieldKinds {
    /// Readers read them as prose (a title, a sapo, a caption): Markdown's marks are no one's words there.
    static let prose: Set<String> = ["title", "subtitle", "summary", "image_alt", "image_caption", "description"]

    /// Names (a category, a place, an author, a source, a directive's kind or issuer): text that
    /// never holds quotes of its own.
    static let names: Set<String> = ["category", "location", "author", "source", "kind", "issuer"]

    /// Text that is no words (a path, an address, a slug, a language tag), which never holds
    /// quotes or a `#`.
    static let plainText: Set<String> = ["image", "slug", "related", "aliases", "base_url", "language", "share_image"]

    /// The list fields (`directives`, `menu`), by their type.
    static let lists = Set(declared.filter { heldType($0.value) is any FieldList.Type }.map(\.key))

    /// The fields that are no text by their type: a date, a number, a flag, a code, a list of those
    /// (not text, a list of texts, or a mapping, which may hold anything).
    static let typedNotText = Set(declared.filter { !holdsText(heldType($0.value)) }.map(\.key))

    /// Every model's fields at their defaults, by key: a key means one thing in every file (`title`).
    private static var declared: [String: Any] {
        [FieldDefaults.of(ArticleFields.self), FieldDefaults.of(DirectiveFields.self), FieldDefaults.of(ThemeFields.self), FieldDefaults.of(SiteConfig.self)]
            .reduce(into: [:]) { all, model in all.merge(model) { first, _ in first } }
    }

    private static func holdsText(_ type: Any.Type) -> Bool {
        type == String.self || type == [String].self || type is any NodeDecodable.Type
    }

    /// The type of value a field holds, given its default: `String` for a `String?` (an absent
    /// optional's `nil` casts to an optional of any type, so the type is the `Optional`'s own).
    static func heldType(_ value: Any) -> Any.Type {
        let type = type(of: value)
        return (type as? any OptionalField.Type)?.wrapped ?? type
    }
}

/// An `Optional` of any type, which names the type it wraps.
protocol OptionalField {
    static var wrapped: Any.Type { get }
}

extension Optional: OptionalField {
    static var wrapped: Any.Type { Wrapped.self }
}
