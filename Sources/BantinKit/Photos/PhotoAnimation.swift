/// Animated WebP and PNG (APNG) files: the photo pipeline publishes their first frame only, so
/// the build says so where the file is (a GIF is published as it is). Looked at while each
/// photo's bytes are read for its cache key (`PhotoLibrary`).
enum PhotoAnimation {
    /// The warning at an animated photo's file.
    static let warning = "an animated photo is published as its first frame only (photos are resized and stripped); save it as a GIF to publish the animation as it is"

    /// Whether a WebP or PNG file's bytes say it is animated: a WebP's extended header with its
    /// animation flag, a PNG's `acTL` chunk (before its image data, after chunks of any size:
    /// the PNG's chunks are walked, not a fixed number of bytes).
    static func isAnimated<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let start = bytes.startIndex, count = bytes.count
        func byte(_ k: Int) -> UInt8 { bytes[start + k] }
        func equals(_ k: Int, _ text: String) -> Bool { text.utf8.enumerated().allSatisfy { byte(k + $0.offset) == $0.element } }
        if count >= 21, equals(0, "RIFF"), equals(8, "WEBP"), equals(12, "VP8X") {
            return byte(20) & 0x02 != 0
        }
        guard count >= 8, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A].enumerated().allSatisfy({ byte($0.offset) == $0.element }) else { return false }
        var at = 8
        while at + 8 <= count {
            let size = (0..<4).reduce(0) { $0 << 8 | Int(byte(at + $1)) }
            if equals(at + 4, "acTL") { return true }
            if equals(at + 4, "IDAT") { return false }
            at += 12 + size
        }
        return false
    }
}
