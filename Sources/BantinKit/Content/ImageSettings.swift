import Yams

/// `images:` in `site.yml`: the widths photos are published at and their quality
/// (`images: {widths: [480, 960, 1600], quality: 80}`).
public struct ImageSettings: Sendable, Hashable, Codable {
    /// Widths in pixels; a photo is published at each it is wider than, and at its own width up to the largest.
    public var widths = [480, 960, 1600]
    /// JPEG and WebP quality, 1–100.
    public var quality = 80

    public init() {}

    public init(widths: [Int], quality: Int) {
        self.widths = widths
        self.quality = quality
    }

    static let widthRange = 16...8192
    static let qualityRange = 1...100

    /// A whole number as `per_page`'s is read (`Node.Scalar.wholeNumber`); text in quotes none.
    static func number(_ node: Node) -> Int? {
        guard let scalar = node.scalar, scalar.style == .plain else { return node.int }
        return scalar.wholeNumber
    }
}

extension ImageSettings: NodeDecodable {
    /// A mapping with `widths` (a list, or one width) and `quality`, either may be left out.
    init?(node: Node) {
        guard case .mapping(let mapping) = node else { return nil }
        self.init()
        for (key, value) in mapping {
            switch key.string {
            case "widths":
                let items = value.sequence.map(Array.init) ?? [value]
                let numbers = items.compactMap(Self.number)
                guard !numbers.isEmpty, numbers.count == items.count, numbers.allSatisfy(Self.widthRange.contains) else { return nil }
                widths = numbers
            case "quality":
                guard let number = Self.number(value), Self.qualityRange.contains(number) else { return nil }
                quality = number
            default:
                return nil
            }
        }
    }

    /// Every wrong part of an `images:` value, in one message: an unknown key (with the known one
    /// it looks like), a width or quality that is no whole number or out of range, an empty list.
    static func problem(in node: Node, key: String) -> String? {
        guard case .mapping(let mapping) = node else { return nil }
        let problems = mapping.compactMap { name, value in problem(of: name.string, value: value, key: key) }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// What is wrong with the setting `name` of `images:`, if anything.
    private static func problem(of name: String?, value: Node, key: String) -> String? {
        switch name {
        case "widths":
            let items = value.sequence.map(Array.init) ?? [value]
            if items.isEmpty { return "`\(key).widths` is empty: list the widths photos are published at, e.g. `[480, 960, 1600]`" }
            guard let item = items.first(where: { !(Self.number($0).map(Self.widthRange.contains) ?? false) }) else { return nil }
            let quoted = item.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            let written = quoted ? "`\"\(item.string ?? "")\"`, text in quotes" : "`\(item.string ?? "…")`"
            return "`\(key).widths` has \(written), which is not a width: each is a whole number of pixels from \(widthRange.lowerBound) to \(widthRange.upperBound)" + (quoted ? ", written without quotes" : "")
        case "quality":
            if Self.number(value).map(Self.qualityRange.contains) ?? false { return nil }
            let quoted = value.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            return "`\(key).quality` is " + (quoted ? "`\"\(value.string ?? "")\"`, text in quotes" : "`\(value.string ?? "…")`")
                + ": write a whole number from \(qualityRange.lowerBound) to \(qualityRange.upperBound) (80 by default)" + (quoted ? ", without quotes" : "")
        case "<<":
            return "`\(key)` takes no YAML merge (`<<`), which bantin does not read: write `widths` and `quality` themselves"
        case let other:
            // Always a guess: there are only two.
            let guess = Suggestion.nearest(to: other ?? "", among: ["widths", "quality"], within: .max) ?? "widths"
            return "`\(key)` has no setting `\(other ?? "…")`: did you mean `\(guess)`? (`\(key)` takes `widths` and `quality`)"
        }
    }

    static let expected =
        "`widths` (a list of widths in pixels, each \(widthRange.lowerBound) to \(widthRange.upperBound)) and `quality` (\(qualityRange.lowerBound) to \(qualityRange.upperBound)), e.g. `images: {widths: [480, 960, 1600], quality: 80}`"
}
