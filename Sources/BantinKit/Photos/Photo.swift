import Foundation

/// An encoding bantin publishes photos in.
public enum PhotoFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg, webp, png

    /// The file extension of a variant: `anh-480.jpg`.
    var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    var name: String { self == .jpeg ? "JPEG" : self == .png ? "PNG" : "WebP" }
}

/// One published file of a photo.
public struct PhotoVariant: Sendable, Hashable {
    /// Its width and height in pixels.
    public var width: Int
    public var height: Int
    public var format: PhotoFormat
    /// Where it is written, relative to the output root.
    public var path: String
}

/// A photo of `content/` as published: upright, sRGB, without metadata, at each width of
/// `images.widths` it is wide enough for, as JPEG and WebP (and, for a PNG, the largest as PNG).
public struct Photo: Sendable, Hashable {
    /// Its path under `content/`.
    public var source: String
    /// The file at the original's path (`.jpg` for a HEIC, TIFF or AVIF original: `PhotoNaming.published`).
    public var published: String
    /// Every file written for it, narrowest first.
    public var variants: [PhotoVariant]

    /// The variants in `format`, narrowest first.
    public func variants(_ format: PhotoFormat) -> [PhotoVariant] { variants.filter { $0.format == format } }

    /// The widest JPEG: what print, feeds, Open Graph and browsers without `srcset` get.
    public var largest: PhotoVariant { variants(.jpeg).last! }

    /// `anh-480.webp 480w, anh-960.webp 960w`, each file's address given by `address`.
    func srcset(_ format: PhotoFormat, address: (String) -> String) -> String {
        variants(format).map { "\(Self.candidate(address($0.path))) \($0.width)w" }.joined(separator: ", ")
    }

    /// An address as a `srcset` candidate: a space or comma in it would end the candidate.
    static func candidate(_ url: String) -> String {
        url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// Which files of `content/` are photos, and the names of what is published for them.
enum PhotoNaming {
    /// The extensions of photos (compared in lower case); every other file is copied as it is.
    static let extensions = Set(["jpg", "jpeg", "png", "webp"]).union(publishedAsJPG)

    /// Photos published as `.jpg`: JPEG under the other names cameras and Windows give it, and
    /// formats that browsers cannot all show (HEIC from phones, TIFF from scanners, AVIF).
    static let publishedAsJPG: Set<String> = ["jfif", "jpe", "heic", "heif", "hif", "avif", "tif", "tiff"]

    /// The photo a file is by its first bytes (`fileStart`, 64 are enough), whatever its name:
    /// how a photo saved without a photo's extension (`anh`, `anh.jpg_large`, `anh.jpeg.1`) is
    /// found before it is published as it is, GPS position and all. The format's name and the
    /// extension to give it.
    static func photoKind(ofFileStart bytes: [UInt8]) -> (name: String, fileExtension: String)? {
        func has(_ text: String, at k: Int) -> Bool {
            bytes.count >= k + text.utf8.count && bytes[k..<(k + text.utf8.count)].elementsEqual(text.utf8)
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return ("JPEG", "jpg") }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return ("PNG", "png") }
        if has("RIFF", at: 0), has("WEBP", at: 8) { return ("WebP", "webp") }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return ("TIFF", "tif") }
        // HEIF and AVIF: an `ftyp` box whose brands (the major one, then the compatible ones) name an image.
        guard has("ftyp", at: 4) else { return nil }
        let boxEnd = min(bytes.count, bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) })
        let brands = ([8] + Array(stride(from: 16, to: boxEnd - 3, by: 4))).map { String(decoding: bytes[$0..<min($0 + 4, bytes.count)], as: UTF8.self) }
        if brands.contains(where: { ["avif", "avis"].contains($0) }) { return ("AVIF", "avif") }
        if brands.contains(where: { ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"].contains($0) }) { return ("HEIC", "heic") }
        return nil
    }

    /// Extensions of cameras' raw files (`.dng`, Nikon's `.nef`, Canon's `.cr2`…): sensor data
    /// with the camera's metadata, its GPS position too, which bantin does not make into photos.
    static let cameraRaw: Set<String> = [
        "dng", "nef", "nrw", "cr2", "cr3", "crw", "arw", "srf", "sr2", "orf", "rw2", "raf", "pef", "srw", "3fr", "erf", "kdc", "mef", "mos", "iiq", "rwl", "x3f",
    ]

    /// The image a file is by its first bytes when it is one bantin does not make into a photo,
    /// which would be published as it is, metadata and all: a JPEG 2000 image (its `jP` box, or a
    /// bare codestream), a JPEG XL one (its box, or a bare codestream), a Photoshop document.
    static func unprocessedImage(fileStart bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]) || bytes.starts(with: [0xFF, 0x4F, 0xFF, 0x51]) {
            return "a JPEG 2000 image"
        }
        if bytes.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A]) || bytes.starts(with: [0xFF, 0x0A]) {
            return "a JPEG XL image"
        }
        // `8BPS`, its version (1, or 2 for a large document), six bytes kept zero.
        if bytes.count >= 12, bytes.starts(with: Array("8BPS".utf8)), bytes[4] == 0, [1, 2].contains(bytes[5]), bytes[6..<12].allSatisfy({ $0 == 0 }) {
            return "a Photoshop document (PSD)"
        }
        return nil
    }

    /// Whether a file starts as a web page does (`<!doctype html`, `<html`, `<head`), after white space.
    static func isWebPage(fileStart bytes: [UInt8]) -> Bool {
        let start = String(decoding: bytes, as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        return ["<!doctype html", "<html", "<head"].contains { start.hasPrefix($0) }
    }

    /// Whether a file starts as a GIF does.
    static func isGIF(fileStart bytes: [UInt8]) -> Bool { bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) }

    static func isPhoto(_ path: String) -> Bool { extensions.contains(fileExtension(of: path)) }

    /// Pictures published as they are, which every browser shows in an `<img>`: GIF, SVG, BMP, icons.
    static let picturesAsTheyAre: Set<String> = ["gif", "svg", "bmp", "ico"]

    /// Whether a page can show the file at `path` as an image: a photo, or a picture browsers show as it is.
    static func isPicture(_ path: String) -> Bool { isPhoto(path) || picturesAsTheyAre.contains(fileExtension(of: path)) }

    /// Whether a photo's alt text is a file's name (`IMG_2034.jpg`, `DSC_0012`, as a camera or an
    /// editor's upload names it), which a screen reader reads out as it is: no description.
    static func isFileName(alt text: String) -> Bool {
        let alt = text.trimmingWhitespace
        guard !alt.isEmpty, !alt.contains(" ") || isPicture(alt) else { return false }
        if isPicture(alt) { return true }
        // A camera's: a few capitals, `_`, `-` or nothing, then four digits or more (`IMG_2034`,
        // `DSC-0012`, `DSCN0012`, `PXL_20230509_…`); not a name and its year (`APEC-2017`).
        let letters = alt.prefix { $0.isASCII && $0.isUppercase }
        var rest = alt.dropFirst(letters.count)
        let separator = rest.first.flatMap { $0 == "_" || $0 == "-" ? $0 : nil }
        if separator != nil { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let year = separator == "-" && digits.count == 4 && (digits.hasPrefix("19") || digits.hasPrefix("20"))
        return (1...4).contains(letters.count) && digits.count >= 4 && !year
            && rest.dropFirst(digits.count).allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The format the file at the original's path keeps: PNG or WebP for those, else JPEG.
    static func family(of path: String) -> PhotoFormat {
        switch fileExtension(of: path) {
        case "png": return .png
        case "webp": return .webp
        default: return .jpeg
        }
    }

    /// The path the photo is published at: its own, but `.jpg` for those `publishedAsJPG`.
    static func published(_ path: String) -> String {
        publishedAsJPG.contains(fileExtension(of: path)) ? stem(of: path) + ".jpg" : path
    }

    /// The path of one variant: the original's path for the widest in the original's family,
    /// otherwise beside it with its width (`anh-480.webp`).
    static func path(of source: String, width: Int, format: PhotoFormat, widest: Bool) -> String {
        if widest, format == family(of: source) { return published(source) }
        return stem(of: source) + "-\(width)." + format.fileExtension
    }

    /// The widths a photo `width` × `height` pixels (upright) is published at: each of `widths`
    /// it is wider than, and then its own width or the largest of `widths`, whichever is smaller.
    /// A photo is never enlarged, and no variant is taller than WebP allows (`maxSide`): a long
    /// infographic's widest is narrower.
    static func widths(for width: Int, height: Int, settings: ImageSettings) -> [Int] {
        let sorted = Set(settings.widths).sorted()
        guard let largest = sorted.last, width > 0, height > 0 else { return [] }
        let fitting = max(1, maxSide * width / height)
        let widest = min(width, largest, fitting)
        return sorted.filter { $0 < widest } + [widest]
    }

    /// The most pixels a WebP file has on a side.
    static let maxSide = 16_383

    /// The most bytes a file's name may have (Linux's and macOS's file systems, and most hosts').
    static let maxNameBytes = 255

    /// The longest file name of `paths` (a photo's published files) when it is longer than
    /// `maxNameBytes`: the photo's own name may fit while its variants' (`…-1600.webp`) do not.
    static func tooLongName(among paths: [String]) -> String? {
        let longest = paths.map { String($0.split(separator: "/").last ?? "") }.max { $0.utf8.count < $1.utf8.count } ?? ""
        return longest.utf8.count > maxNameBytes ? longest : nil
    }

    /// The variants made for a photo at `widths`: WebP and JPEG at each, and a PNG's widest as PNG.
    static func wanted(_ source: String, widths: [Int]) -> [(width: Int, format: PhotoFormat)] {
        var wanted = widths.flatMap { [($0, PhotoFormat.webp), ($0, PhotoFormat.jpeg)] }
        if family(of: source) == .png, let widest = widths.last { wanted.append((widest, .png)) }
        return wanted
    }

    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static func stem(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") ?? Optional(path.startIndex),
            let dot = path[slash...].lastIndex(of: "."), dot > path.startIndex
        else { return path }
        return String(path[..<dot])
    }
}
