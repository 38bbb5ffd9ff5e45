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
                let numbers = items.compactMap(\.int)
                guard !numbers.isEmpty, numbers.count == items.count, numbers.allSatisfy(Self.widthRange.contains) else { return nil }
                widths = numbers
            case "quality":
                guard let number = value.int, Self.qualityRange.contains(number) else { return nil }
                quality = number
            default:
                return nil
            }
        }
    }

    static let expected =
        "`widths` (a list of widths in pixels, each \(widthRange.lowerBound) to \(widthRange.upperBound)) and `quality` (\(qualityRange.lowerBound) to \(qualityRange.upperBound)), e.g. `images: {widths: [480, 960, 1600], quality: 80}`"
}
