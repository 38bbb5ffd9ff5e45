/// Animated WebP and PNG (APNG) files: the photo pipeline publishes their first frame only, so
/// the build says so where the file is (a GIF is published as it is).
enum PhotoAnimation {
    /// How many bytes of a file's start `isAnimated` looks at: an APNG's `acTL` chunk comes
    /// before its image data, after a few small chunks.
    static let headerSize = 4096

    /// Whether the start of a WebP or PNG file (`header`, up to `headerSize` bytes) says it is
    /// animated: a WebP's extended header with its animation flag, a PNG's `acTL` chunk.
    static func isAnimated(_ header: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(header)
        if bytes.count >= 21, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8),
            bytes[12..<16].elementsEqual("VP8X".utf8)
        {
            return bytes[20] & 0x02 != 0
        }
        guard bytes.count >= 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return false }
        var at = 8
        while at + 8 <= bytes.count {
            let size = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            let name = bytes[(at + 4)..<(at + 8)]
            if name.elementsEqual("acTL".utf8) { return true }
            if name.elementsEqual("IDAT".utf8) { return false }
            at += 12 + size
        }
        return false
    }

    /// Whether the WebP or PNG file at `path` is animated.
    static func isAnimated(path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".webp") || lower.hasSuffix(".png") else { return false }
        guard let header = Directory.contents(upTo: headerSize, of: path) else { return false }
        return isAnimated(header[...])
    }
}
