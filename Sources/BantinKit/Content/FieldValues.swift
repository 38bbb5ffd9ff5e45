import Yams

// How the value types of front matter are read from it (`FieldDecoding`, which gives the site
// timezone in `userInfo`) and stored by bantin (`BinaryCoding`, which gives none).

extension LocalDateTime: Codable {
    public init(from decoder: any Decoder) throws {
        if let zone = decoder.userInfo[.siteTimeZone] as? SiteTimeZone {
            let raw = try decoder.singleValueContainer().decode(String.self)
            guard let date = DateParser.parse(raw, in: zone) else {
                let reason = DateParser.reason(raw, in: zone).map { " (\($0))" } ?? ""
                if let advice = DateParser.advice(raw, in: zone) {
                    throw FieldError(message: "`\(decoder.fieldName)` is not a valid date: `\(raw)` \(advice)")
                }
                throw FieldError(
                    message: "`\(decoder.fieldName)` is not a valid date: `\(raw)`\(reason); write `2023-05-09`, `2023-05-09 17:00` or `2023-05-09T17:00:00+07:00`")
            }
            self = date
        } else {
            var stored = try decoder.unkeyedContainer()
            self.init(instant: try stored.decode(Int64.self), offset: try stored.decode(Int.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var stored = encoder.unkeyedContainer()
        try stored.encode(instant)
        try stored.encode(offset)
    }
}

extension DirectiveCode: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.userInfo[.siteTimeZone] != nil {
            let raw = try decoder.singleValueContainer().decode(String.self)
            guard let code = DirectiveCode(raw) else {
                // An article lists its codes; a directive file's `code` is one.
                let list = decoder.codingPath.first?.stringValue == "directives" ? ", as a list: `directives: [\"01-KL/TW\"]`" : ""
                // `05-CT`: the issuer left out (codes are `<number>-<KIND>/<ISSUER>`).
                if let withIssuer = DirectiveCode(raw.trimmingSpaces + "/TW"), !raw.contains("/") {
                    throw FieldError(message: "`\(raw)` is not a directive code: a code names its issuer after a slash; did you mean `\(withIssuer)`?")
                }
                throw FieldError(message: "`\(raw)` is not a directive code; write codes like `01-KL/TW` or `05-CT/TW`\(list)")
            }
            // It names its page's folder (`van-ban/<code>/`).
            guard code.slug.value.utf8.count <= Slug.maxLength else {
                throw FieldError(message: "`\(raw.prefix(40))…` makes an address \(code.slug.value.utf8.count) characters long, more than the \(Slug.maxLength) a page may have; a code is short, like `01-KL/TW`")
            }
            self = code
        } else {
            // Stored with its slug, so that reading it back folds nothing.
            var stored = try decoder.unkeyedContainer()
            self.init(text: try stored.decode(String.self), slug: Slug(checked: try stored.decode(String.self)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var stored = encoder.unkeyedContainer()
        try stored.encode(text)
        try stored.encode(slug.value)
    }
}

extension SiteTimeZone: Codable {
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let zone = SiteTimeZone(identifier: name) else {
            throw FieldError(message: "unknown timezone `\(name)`; use an IANA name such as `Asia/Ho_Chi_Minh`")
        }
        self = zone
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(identifier)
    }
}

/// A value under `params:` in `site.yml`, handed to templates as it is: `true` and `false`
/// (unquoted) as yes or no, anything else written as text (numbers too), an empty value as
/// empty text.
public enum ParamValue: Sendable, Equatable, Encodable {
    case text(String)
    case flag(Bool)
    case list([ParamValue])
    case map([String: ParamValue])

    /// Text (or a flag) a variable prints, not a list or mapping.
    var isText: Bool {
        switch self {
        case .text, .flag: true
        case .list, .map: false
        }
    }

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar) where scalar.style == .plain && Self.flags[scalar.string] != nil: self = .flag(Self.flags[scalar.string]!)
        case .scalar(let scalar) where scalar.style == .plain && FieldReader.nullWords.contains(scalar.string): self = .text("")
        case .scalar(let scalar): self = .text(SourceDecoder.withoutControls(scalar.string))
        case .sequence(let sequence): self = .list(sequence.map(ParamValue.init))
        case .mapping(let mapping):
            var map: [String: ParamValue] = [:]
            // YAML's merge key (`<<: *chung`, `<<: [*a, *b]`): the fields of those mappings that
            // this one does not write itself, the first mapping's before the next's.
            var merged: [Node] = []
            for (key, value) in mapping {
                if key.scalar?.style == .plain, key.string == "<<" {
                    if case .sequence(let sequence) = value { merged += sequence } else { merged.append(value) }
                    continue
                }
                map[key.string ?? ""] = ParamValue(value)
            }
            for case .map(let fields) in merged.map(ParamValue.init) {
                for (key, value) in fields where map[key] == nil { map[key] = value }
            }
            self = .map(map)
        case .alias: self = .text("")
        }
    }

    /// YAML's core schema: only these are yes or no (`yes`, `no`, `on`, `off` stay text).
    private static let flags = ["true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false]

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .flag(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .list(let items):
            var list = encoder.unkeyedContainer()
            for item in items { try list.encode(item) }
        case .map(let map):
            var fields = encoder.container(keyedBy: FieldName.self)
            for key in map.keys.sorted() { try fields.encode(map[key]!, forKey: FieldName(stringValue: key)) }
        }
    }
}

extension ParamValue: Decodable, NodeDecodable {
    public init(from decoder: any Decoder) throws { throw FieldError(message: "`params` is read from its YAML node") }

    init?(node: Node) {
        guard case .mapping = node else { return nil }
        self.init(node)
    }

    static let expected = "a mapping of names to values"

    /// Its settings written with a no-break space after a key's colon (`  tagline:⟨no-break space⟩…`,
    /// pasted), which YAML reads as one text: the space named.
    static func problem(in node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        let scalars = Array(scalar.string.unicodeScalars)
        guard let at = scalars.indices.first(where: { $0 + 1 < scalars.count && scalars[$0] == ":" && LookAlikes.spaces[scalars[$0 + 1].value] != nil }) else { return nil }
        let name = String(String.UnicodeScalarView(scalars[..<at].reversed().prefix { !$0.properties.isWhitespace }.reversed()))
        return "`\(key)` must be \(expected), but YAML reads it as one text: the space after `\(name):` is \(String(scalars[at + 1]).namingLookAlikes) (pasted from a word processor?), which YAML does not read as one: type an ordinary space"
    }

    /// The value of `name` in a map.
    public subscript(name: String) -> ParamValue? {
        if case .map(let map) = self { return map[name] }
        return nil
    }
}

