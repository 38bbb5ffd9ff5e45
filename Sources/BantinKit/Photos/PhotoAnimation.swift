/// Animated WebP and PNG (APNG) files: the photo pipeline publishes their first frame only, so
/// the build says so where the file is (a GIF is published as it is). Looked at while each
/// photo's bytes are read for its cache key (`PhotoLibrary`).
enum PhotoAnimation {
    /// How many bytes of a file's start `isAnimated` looks at: an APNG's `acTL` chunk comes
    /// before its image data, after a few small chunks.
    static let headerSize = 4096

    /// The warning at an animated photo's file.
    static let warning = "an animated photo is published as its first frame only (photos are resized and stripped); save it as a GIF to publish the animation as it is"

    /// Whether the start of a WebP or PNG file (`header`, up to `headerSize` bytes) says it is
    /// animated: a WebP's extended header with its animation flag, a PNG's `acTL` chunk.
    static func isAnimated<Bytes: Collection<UInt8>>(_ header: Bytes) -> Bool where Bytes.Index == Int {
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
}
