import Foundation

/// The photos of a build, by their path under `content/`.
public struct PhotoSet: Sendable {
    public var photos: [String: Photo] = [:]
    /// How many photos this build encoded (the others came from the photo cache), and how many
    /// it read to find their keys (the others were read by an earlier build as they are now).
    public var encoded = 0
    public var read = 0
    /// What pages show of each photo and GIF (its files and sizes), by path under `content/`: a
    /// page's fingerprint holds those of the photos it shows, so a photo added or changed
    /// renders again only the pages that show it.
    private var prints: [String: UInt64] = [:]
    /// The GIFs, SVG drawings and BMPs, which are published as they are, by path under `content/`:
    /// their size, read from their start, so that pages give them a `width` and a `height` too
    /// (nothing jumps as they load) and load them as they load photos.
    var asIsSizes: [String: (width: Int, height: Int)] = [:]

    public init() {}

    /// Reads the size of each picture published as it is among `entries` whose start says it
    /// (`sizeReaders`); one whose size cannot be read is left out: a page shows it without a size.
    mutating func addPicturesAsTheyAre(_ entries: [TreeEntry]) {
        for entry in entries {
            guard let reader = Self.sizeReaders[PhotoNaming.fileExtension(of: entry.relativePath)],
                  let start = PosixFiles.start(of: entry.path, count: reader.bytes), let size = reader.size(start) else { continue }
            asIsSizes[entry.relativePath] = size
            var print = StableHasher()
            print.add("\(entry.relativePath) \(size.width) \(size.height)")
            prints[entry.relativePath] = print.value
        }
    }

    /// The pictures published as they are whose size is read from their start, by extension: how
    /// many bytes of it, and how.
    private static let sizeReaders: [String: (bytes: Int, size: @Sendable ([UInt8]) -> (width: Int, height: Int)?)] = [
        "gif": (10, gifSize), "svg": (4096, svgSize), "bmp": (26, bmpSize),
    ]

    /// An SVG drawing's size in CSS pixels, from its root element: its `width` and `height` in an
    /// absolute unit (none, `px`, `pt`, `mm`…), else its `viewBox`'s; `nil` when neither says.
    static func svgSize(ofFileStart bytes: [UInt8]) -> (width: Int, height: Int)? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let open = text.range(of: "<svg"), let end = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = text[open.upperBound..<end]
        func attribute(_ name: String) -> String? {
            var from = tag.startIndex
            while let found = tag[from...].range(of: name + "=") {
                from = found.upperBound
                // A whole attribute name (not `stroke-width=`).
                guard found.lowerBound == tag.startIndex || tag[tag.index(before: found.lowerBound)].isWhitespace,
                      let quote = tag[found.upperBound...].first, quote == "\"" || quote == "'" else { continue }
                let value = tag[tag.index(after: found.upperBound)...].prefix { $0 != quote }
                return String(value)
            }
            return nil
        }
        let units: [String: Double] = ["": 1, "px": 1, "pt": 4.0 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4]
        func length(_ value: String?) -> Int? {
            guard let value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
            let number = value.prefix { $0.isNumber || $0 == "." }
            guard let amount = Double(number), let unit = units[String(value.dropFirst(number.count))] else { return nil }
            let pixels = (amount * unit).rounded()
            return pixels >= 1 && pixels <= 100_000 ? Int(pixels) : nil
        }
        if let width = length(attribute("width")), let height = length(attribute("height")) { return (width, height) }
        let box = (attribute("viewBox") ?? "").split { $0 == " " || $0 == "," }.compactMap { Double($0) }
        guard box.count == 4, box[2] >= 1, box[3] >= 1, box[2] <= 100_000, box[3] <= 100_000 else { return nil }
        return (Int(box[2].rounded()), Int(box[3].rounded()))
    }

    /// Adds `photo`, published from the file at `path` under `content/`.
    mutating func add(_ photo: Photo, at path: String) {
        photos[path] = photo
        var print = StableHasher()
        print.add(path)
        for variant in photo.variants { print.add("\(variant.path) \(variant.width) \(variant.height)") }
        prints[path] = print.value
    }

    /// What a page shows of the photo or GIF at `path` under `content/` (as written, composed or
    /// not); 0 when there is none.
    func print(of path: String) -> UInt64 { prints[Self.key(path)] ?? 0 }

    /// The published photo at `path` under `content/` (as an article's `image` writes it, composed or not).
    func photo(at path: String) -> Photo? { photos[Self.key(path)] }

    /// Photos are kept by their path composed (NFC), as `content/` is read.
    private static func key(_ path: String) -> String {
        SourceDecoder.isKnownNFC(path) ? path : path.precomposedStringWithCanonicalMapping
    }

    /// A GIF's logical screen size: after `GIF87a` or `GIF89a`, two little-endian 16-bit numbers.
    static func gifSize(ofFileStart bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)), bytes[5] == UInt8(ascii: "a") else { return nil }
        let width = Int(bytes[6]) | Int(bytes[7]) << 8, height = Int(bytes[8]) | Int(bytes[9]) << 8
        return width > 0 && height > 0 ? (width, height) : nil
    }

    /// A BMP's size, from its header: 16-bit in an OS/2 header of 12 bytes, else 32-bit (a height
    /// below zero is a picture stored top row first).
    static func bmpSize(ofFileStart bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 26, bytes.starts(with: Array("BM".utf8)) else { return nil }
        func little(_ at: Int, _ count: Int) -> UInt32 { (0..<count).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        let core = little(14, 4) == 12
        let width = core ? Int(little(18, 2)) : Int(Int32(bitPattern: little(18, 4)))
        let height = core ? Int(little(20, 2)) : abs(Int(Int32(bitPattern: little(22, 4))))
        return width > 0 && height > 0 ? (width, height) : nil
    }

    /// The output path of the file at `path` under `content/`: `.jpg` for a HEIC, TIFF or AVIF photo (`PhotoNaming.published`), else its own.
    func published(_ path: String) -> String { photos[path]?.published ?? path }
}

/// A photo that could not be published, and why, in plain words.
struct PhotoFailure: Sendable {
    var source: TreeEntry
    var reason: String
}

/// Publishes every photo of `content/`: each decoded once and encoded at every width, on every
/// core, unless the photo cache already holds what its bytes and the settings give.
enum PhotoLibrary {
    /// A decompression bomb: a small file that would need gigabytes to decode.
    static let maxPixels = 100_000_000

    struct Outcome: Sendable {
        var set = PhotoSet()
        /// Every file to write, with the photo it is made from.
        var files: [(file: PlannedFile, source: String)] = []
        var failures: [PhotoFailure] = []
        /// The photos of several pictures, published in part (`PhotoAnimation`), by path under `content/`.
        var inPart: [(path: String, part: PhotoAnimation.InPart)] = []
        /// The cache's entries this build's photos use, when every photo published: the others
        /// are removed once the build has put its site in place (`PhotoCache.removeAll(except:)`);
        /// a build that fails keeps those of the site that stays.
        var keysInUse: Set<String>? = nil
    }

    /// `entries` are the photos (`PhotoNaming.isPhoto`); `cache`, where variants are kept
    /// between builds (`nil`: in memory, for this build only).
    ///
    /// Each photo's key is found on every core; each distinct key is then taken from the cache or
    /// encoded once (two files with the same bytes share it). Photos are encoded one per core,
    /// each photo's variants one after another, which keeps one decoded photo and one encoder per
    /// core in memory; with fewer photos than cores, a photo's variants are made on every core.
    static func publish(_ entries: [TreeEntry], settings: ImageSettings, cache: PhotoCache?) -> Outcome {
        guard !entries.isEmpty else { return Outcome() }
        PhotoCodec.start()
        // A photo read by the last build as it is now is not read again, nor its variants.
        let known = cache?.keys(settings)
        // Taken before any photo is read.
        let readSince = FileKey.now
        let recalled = entries.map { known?.known($0) }
        let read = Array(zip(entries, recalled)).parallelMap { entry, recalled in
            Result { () throws(PhotoCodec.Failure) in
                if let recalled { return recalled }
                return try key(of: entry, settings: settings)
            }
        }
        let keys = read.map { $0.map(\.key) }
        var first: [String: Int] = [:]
        for (index, key) in keys.enumerated() {
            if case .success(let key) = key, first[key] == nil { first[key] = index }
        }
        let distinct = first.sorted { $0.value < $1.value }.map { (key: $0.key, entry: entries[$0.value]) }
        let kept = distinct.parallelMap { cache?.load($0.key, known: known) }
        let missing = zip(distinct, kept).filter { $1 == nil }.map(\.0)
        let variantsInParallel = missing.count < ProcessInfo.processInfo.activeProcessorCount
        let made = missing.parallelMap { photo in
            Result { () throws(PhotoCodec.Failure) in
                let encoded = try encode(photo.entry, settings: settings, variantsInParallel: variantsInParallel)
                PhotoCodec.returnFreedMemory()
                return cache?.save(photo.key, encoded) ?? encoded.map(PhotoCache.inMemory)
            }
        }
        var stored: [String: Result<[PhotoCache.Stored], PhotoCodec.Failure>] = [:]
        for (photo, kept) in zip(distinct, kept) { if let kept { stored[photo.key] = .success(kept) } }
        for (photo, made) in zip(missing, made) { stored[photo.key] = made }

        var outcome = Outcome()
        outcome.inPart = zip(entries, read).compactMap { entry, read in (try? read.get())?.inPart.map { (entry.relativePath, $0) } }
        outcome.set.encoded = made.count { if case .success = $0 { true } else { false } }
        outcome.set.read = recalled.count { $0 == nil }
        for (entry, key) in zip(entries, keys) {
            switch key.flatMap({ stored[$0]! }) {
            case .failure(let failure):
                outcome.failures.append(PhotoFailure(source: entry, reason: failure.reason))
            case .success(let variants):
                let (photo, files) = published(entry, variants)
                if let name = PhotoNaming.tooLongName(among: files.map(\.path)) {
                    outcome.failures.append(PhotoFailure(source: entry, reason: Self.tooLong(name, of: entry)))
                    continue
                }
                outcome.set.add(photo, at: entry.relativePath)
                outcome.files += files.map { (file: $0, source: entry.relativePath) }
            }
        }
        if outcome.failures.isEmpty { outcome.keysInUse = Set(first.keys) }
        if let cache, let known {
            let sources = zip(entries, read).compactMap { entry, read -> PhotoKeys.Source? in
                guard let file = entry.fileKey, case .success(let found) = read else { return nil }
                return PhotoKeys.Source(path: entry.relativePath, file: file, key: found.key, inPart: found.inPart)
            }
            let whole = cache.whole(stored.values.compactMap { try? $0.get() })
            cache.save(PhotoKeys(context: known.context, readAt: readSince, sources: sources, whole: whole), over: known)
        }
        return outcome
    }

    /// The photo at `entry` as its stored variants publish it, and the files to write.
    private static func published(_ entry: TreeEntry, _ stored: [PhotoCache.Stored]) -> (Photo, [PlannedFile]) {
        let widest = stored.map(\.name).max() ?? 0
        let order: [PhotoFormat: Int] = [.webp: 0, .jpeg: 1, .png: 2]
        var variants: [PhotoVariant] = []
        var files: [PlannedFile] = []
        for variant in stored.sorted(by: { ($0.name, order[$0.format]!) < ($1.name, order[$1.format]!) }) {
            let path = PhotoNaming.path(of: entry.relativePath, width: variant.name, format: variant.format, widest: variant.name == widest)
            variants.append(PhotoVariant(width: variant.width, height: variant.height, format: variant.format, path: path))
            switch variant.contents {
            case .file(let url): files.append(.copy(path: path, source: url))
            case .bytes(let bytes): files.append(.bytes(path: path, bytes))
            }
        }
        return (Photo(source: entry.relativePath, published: PhotoNaming.published(entry.relativePath), variants: variants), files)
    }

    /// Why the photo at `entry`, one of whose files would be named `name`, cannot be published.
    private static func tooLong(_ name: String, of entry: TreeEntry) -> String {
        let own = String(entry.relativePath.split(separator: "/").last ?? "")
        let excess = name.utf8.count - PhotoNaming.maxNameBytes
        return "its name is too long: one of its copies would be named `\(name)`, \(name.utf8.count) bytes, and a file name may have "
            + "\(PhotoNaming.maxNameBytes); shorten its name (\(own.utf8.count) bytes; a Vietnamese letter takes two or three) by at least "
            + "\(excess) byte\(excess == 1 ? "" : "s"), and the links to it"
    }

    /// A GIF, a drawing or a PDF under a photo's name (a phone's or a chat program's download):
    /// what it is and the name that publishes it as it is; `nil` for anything else.
    static func misnamed(_ path: String, fileStart bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let start = String(decoding: bytes.prefix(256), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        let kind: (name: String, fileExtension: String)
        if PhotoNaming.isGIF(fileStart: Array(bytes.prefix(8))) {
            kind = ("a GIF", "gif")
        } else if start.hasPrefix("%PDF") {
            kind = ("a PDF document", "pdf")
        } else if start.hasPrefix("<svg") || (start.hasPrefix("<") && String(decoding: bytes.prefix(4096), as: UTF8.self).contains("<svg")) {
            // After an XML declaration, a comment (`<!-- Created with Inkscape -->`) or a DOCTYPE: no photo starts with `<`.
            kind = ("an SVG drawing", "svg")
        } else {
            return nil
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        return "it is \(kind.name), though its name says it is a photo: name it \(stem.isEmpty ? name : stem).\(kind.fileExtension) (and the links to it) to publish it as it is"
    }

    /// The photo's header checked (a photo libvips reads, of at most `maxPixels`), then decoded once
    /// and encoded at every width it is published at.
    private static func encode(_ entry: TreeEntry, settings: ImageSettings, variantsInParallel: Bool) throws(PhotoCodec.Failure) -> [(name: Int, encoded: PhotoCodec.Encoded)] {
        let published = { (header: PhotoCodec.Header) in ["jpeg", "png", "webp", "heif", "tiff"].contains(where: header.loader.lowercased().contains) }
        var header = try PhotoCodec.header(of: entry.path)
        // A read of the file that failed once (a disk's or a network folder's fault) makes libvips
        // take a photo for an image of another kind: it is looked at once more before it is told.
        if !published(header) { header = try PhotoCodec.header(of: entry.path) }
        guard published(header) else {
            throw PhotoCodec.Failure(reason: "it is not a JPEG, PNG, WebP, HEIC, AVIF or TIFF photo (libvips reads it with \(header.loader))")
        }
        let pixels = header.width * header.height
        guard pixels <= maxPixels else {
            throw PhotoCodec.Failure(
                reason: "it is \(header.width) × \(header.height) pixels (\(megapixels(pixels)) megapixels), more than the \(maxPixels / 1_000_000) megapixels bantin decodes; make it smaller first")
        }
        // Every variant is also WebP, which holds at most 16,383 pixels on a side: a strip taller
        // than that many times its width fits at no width.
        guard header.uprightHeight <= PhotoNaming.maxSide * header.uprightWidth else {
            throw PhotoCodec.Failure(
                reason: "it is \(header.uprightWidth) × \(header.uprightHeight) pixels upright, more than \(PhotoNaming.maxSide) times as tall as it is wide: a WebP photo holds at most \(PhotoNaming.maxSide) pixels on a side, so no width of it can be published; cut it into parts or add margins to its sides")
        }
        let widths = PhotoNaming.widths(for: header.uprightWidth, height: header.uprightHeight, settings: settings)
        let wanted = PhotoNaming.wanted(entry.relativePath, widths: widths)
        let encoded = try PhotoCodec.encode(
            entry.path, header: header, largest: widths.last ?? 1, wanted: wanted, quality: settings.quality, inParallel: variantsInParallel)
        return zip(wanted, encoded).map { ($0.width, $1) }
    }

    /// Megapixels as a whole number, or rounded up to hundredths: just over the limit never reads as the limit.
    static func megapixels(_ pixels: Int) -> String {
        if pixels % 1_000_000 == 0 { return String(pixels / 1_000_000) }
        let hundredths = (pixels + 9_999) / 10_000
        return "\(hundredths / 100)." + String(hundredths % 100 + 100).dropFirst()
    }

    /// The photo cache's key: the photo's bytes, the settings, how it is named, and libvips's version.
    private static func key(of entry: TreeEntry, settings: ImageSettings) throws(PhotoCodec.Failure) -> (key: String, inPart: PhotoAnimation.InPart?) {
        // Read, not mapped: a photo another program rewrites meanwhile (a copy over it, a sync
        // client) would end a mapping under the reader's feet, and the process with SIGBUS.
        errno = 0
        guard let bytes = Directory.contents(of: entry.path) else {
            throw PhotoCodec.Failure(reason: "it cannot be read: " + FileFault.told(errno == 0 ? EIO : errno))
        }
        guard !bytes.isEmpty else { throw PhotoCodec.Failure(reason: "it is empty") }
        if let misnamed = bytes.withUnsafeBufferPointer({ Self.misnamed(entry.relativePath, fileStart: $0) }) { throw PhotoCodec.Failure(reason: misnamed) }
        if let refused = PhotoAnimation.refusal(bytes) { throw PhotoCodec.Failure(reason: refused) }
        var hasher = StableHasher()
        hasher.add(PhotoCodec.identity)
        hasher.add("\(settings.widths) \(settings.quality) \(PhotoNaming.family(of: entry.relativePath).rawValue)")
        // Read once: hashed for the key, and looked at for frames or pages after the first.
        let inPart = bytes.withUnsafeBufferPointer { bytes in
            hasher.add(bytes: UnsafeRawBufferPointer(bytes))
            return PhotoAnimation.inPart(bytes)
        }
        let hex = String(hasher.value, radix: 16)
        return (String(repeating: "0", count: 16 - hex.count) + hex, inPart)
    }
}
