/// Animated WebP and PNG (APNG) files and TIFF files of several pages (a scanner's document):
/// the photo pipeline publishes their first frame or page only, so the build says so where the
/// file is (a GIF is published as it is); a TIFF whose first image is no photo (a raw file's
/// preview) is refused. Looked at while each photo's bytes are read for its cache key
/// (`PhotoLibrary`).
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
        if (TIFFLayout(bytes)?.pages ?? 0) > 1 { return .firstPage }
        return nil
    }

    /// Why a TIFF cannot be published, when the image libvips would read from it (its first) is
    /// not the photo: a camera's raw file (DNG), or a preview put before the picture.
    static func refusal<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> String? where Bytes.Index == Int {
        guard let layout = TIFFLayout(bytes), layout.raw || layout.previewFirst else { return nil }
        return "it is a camera's raw file (DNG), or a TIFF whose first image is a small preview of the photo, and the preview is all bantin would publish; export the photo as JPEG (or TIFF) from the camera's or the editor's software"
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

    /// What a TIFF's chain of image directories holds (classic or BigTIFF, either byte order).
    struct TIFFLayout {
        /// Its images that are pages: not a reduced copy of another (`NewSubfileType` 1) or an
        /// Exif thumbnail (`JPEGInterchangeFormat`). Counted up to 2.
        var pages = 0
        /// Whether its first image is such a copy.
        var previewFirst = false
        /// Whether it is a camera's raw file (`DNGVersion`).
        var raw = false

        init?<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) where Bytes.Index == Int {
            let start = bytes.startIndex, count = bytes.count
            guard count >= 8 else { return nil }
            let little = bytes[start] == 0x49 && bytes[start + 1] == 0x49
            guard little || (bytes[start] == 0x4D && bytes[start + 1] == 0x4D) else { return nil }
            func number(_ k: Int, _ size: Int) -> Int? {
                guard k >= 0, size <= 8, k + size <= count else { return nil }
                return (0..<size).reduce(0) { $0 << 8 | Int(bytes[start + k + (little ? size - 1 - $1 : $1)]) }
            }
            // BigTIFF (43) has offsets and counts of eight bytes, and entries of twenty.
            let big: Bool
            switch number(2, 2) {
            case 42: big = false
            case 43: big = true
            default: return nil
            }
            let offset = big ? 8 : 4, counted = big ? 8 : 2, entrySize = big ? 20 : 12
            guard var directory = number(big ? 8 : 4, offset) else { return nil }
            var seen: Set<Int> = []
            // A chain that loops or goes on past 64 directories is not followed further (a damaged file).
            while directory != 0, seen.count < 64, seen.insert(directory).inserted, let listed = number(directory, counted) {
                let entries = min(listed, max(0, count - directory - counted) / entrySize)
                var reduced = false, thumbnail = false
                for entry in 0..<entries {
                    let at = directory + counted + entrySize * entry
                    switch number(at, 2) {
                    case 254:
                        let value = number(at + 2, 2) == 3 ? number(at + 4 + offset, 2) : number(at + 4 + offset, 4)
                        reduced = (value ?? 0) & 1 != 0
                    case 513: thumbnail = true
                    case 50706: if seen.count == 1 { raw = true }
                    default: break
                    }
                }
                if seen.count == 1 { previewFirst = reduced }
                if !reduced && !thumbnail { pages += 1 }
                if pages > 1 { return }
                guard let next = number(directory + counted + entrySize * entries, offset) else { return }
                directory = next
            }
        }
    }
}
