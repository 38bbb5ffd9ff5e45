/// Animated WebP and PNG (APNG) files and TIFF files of several pages (a scanner's document):
/// the photo pipeline publishes their first frame or page only, so the build says so where the
/// file is (a GIF is published as it is). Looked at while each photo's bytes are read for its
/// cache key (`PhotoLibrary`).
enum PhotoAnimation {
    /// What of a photo of several pictures is published.
    enum InPart: String, Codable, Sendable {
        case firstFrame, firstPage

        /// The warning at the photo's file.
        var warning: String {
            switch self {
            case .firstFrame:
                "an animated photo is published as its first frame only (photos are resized and stripped); save it as a GIF to publish the animation as it is"
            case .firstPage:
                "a TIFF of several pages (a scanned document) is published as its first page only (photos are resized and stripped): publish the document as a PDF and link to it, or save each page as a photo of its own"
            }
        }
    }

    /// What of the photo whose bytes are `bytes` is published, when it holds several pictures.
    static func inPart<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> InPart? where Bytes.Index == Int {
        if isAnimated(bytes) { return .firstFrame }
        if hasSeveralPages(bytes) { return .firstPage }
        return nil
    }

    /// Whether a TIFF's bytes hold more than one page: more than one image in its chain of image
    /// directories, a reduced copy of another (a preview, `NewSubfileType` 1) aside.
    static func hasSeveralPages<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let start = bytes.startIndex, count = bytes.count
        guard count >= 8 else { return false }
        let little = bytes[start] == 0x49 && bytes[start + 1] == 0x49
        guard little || (bytes[start] == 0x4D && bytes[start + 1] == 0x4D) else { return false }
        func number(_ k: Int, _ size: Int) -> Int? {
            guard k >= 0, k + size <= count else { return nil }
            return (0..<size).reduce(0) { $0 << 8 | Int(bytes[start + k + (little ? size - 1 - $1 : $1)]) }
        }
        guard number(2, 2) == 42, var directory = number(4, 4) else { return false }
        var pages = 0
        var seen: Set<Int> = []
        // A chain that loops or goes on past 64 directories is not followed further (a damaged file).
        while directory != 0, seen.count < 64, seen.insert(directory).inserted, let listed = number(directory, 2) {
            let entries = min(listed, (count - directory - 2) / 12)
            var reduced = false
            for entry in 0..<entries {
                let at = directory + 2 + 12 * entry
                guard number(at, 2) == 254 else { continue }
                let value = number(at + 2, 2) == 3 ? number(at + 8, 2) : number(at + 8, 4)
                reduced = (value ?? 0) & 1 != 0
            }
            if !reduced { pages += 1 }
            if pages > 1 { return true }
            guard let next = number(directory + 2 + 12 * entries, 4) else { return false }
            directory = next
        }
        return false
    }

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
