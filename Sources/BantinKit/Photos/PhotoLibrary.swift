import Foundation

/// The photos of a build, by their path under `content/`.
public struct PhotoSet: Sendable {
    public var photos: [String: Photo] = [:]
    /// How many photos this build encoded (the others came from the photo cache).
    public var encoded = 0
    /// A fingerprint of all that pages show of the photos (their files and sizes).
    var fingerprint: UInt64 = 0

    public init() {}

    /// The output path of the file at `path` under `content/`: a HEIC photo's `.jpg`, else its own.
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
    }

    /// `entries` are the photos (`PhotoNaming.isPhoto`); `cache`, where variants are kept
    /// between builds (`nil`: in memory, for this build only).
    static func publish(_ entries: [TreeEntry], settings: ImageSettings, cache: PhotoCache?) -> Outcome {
        guard !entries.isEmpty else { return Outcome() }
        PhotoCodec.start()
        let results = entries.parallelMap { entry in publish(entry, settings: settings, cache: cache) }
        var outcome = Outcome()
        var keys: Set<String> = []
        var print = StableHasher()
        for (entry, result) in zip(entries, results) {
            switch result {
            case .failure(let failure):
                outcome.failures.append(PhotoFailure(source: entry, reason: failure.reason))
            case .success(let made):
                keys.insert(made.key)
                if made.encoded { outcome.set.encoded += 1 }
                outcome.set.photos[entry.relativePath] = made.photo
                outcome.files += made.files.map { (file: $0, source: entry.relativePath) }
                print.add(entry.relativePath)
                for variant in made.photo.variants { print.add("\(variant.path) \(variant.width) \(variant.height)") }
            }
        }
        outcome.set.fingerprint = print.value
        if outcome.failures.isEmpty { cache?.removeAll(except: keys) }
        return outcome
    }

    private struct Made: Sendable {
        var key: String
        var photo: Photo
        var files: [PlannedFile]
        var encoded: Bool
    }

    private static func publish(_ entry: TreeEntry, settings: ImageSettings, cache: PhotoCache?) -> Result<Made, PhotoCodec.Failure> {
        Result { () throws(PhotoCodec.Failure) in
            let key = try self.key(of: entry, settings: settings)
            var encoded = false
            let stored: [PhotoCache.Stored]
            if let kept = cache?.load(key) {
                stored = kept
            } else {
                let made = try encode(entry, settings: settings)
                stored = cache?.save(key, made) ?? made.map(PhotoCache.inMemory)
                encoded = true
            }
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
            let photo = Photo(source: entry.relativePath, published: PhotoNaming.published(entry.relativePath), variants: variants)
            return Made(key: key, photo: photo, files: files, encoded: encoded)
        }
    }

    /// The photo's header checked (a photo libvips reads, of at most `maxPixels`), then decoded once
    /// and encoded at every width it is published at.
    private static func encode(_ entry: TreeEntry, settings: ImageSettings) throws(PhotoCodec.Failure) -> [(name: Int, encoded: PhotoCodec.Encoded)] {
        let header = try PhotoCodec.header(of: entry.path)
        guard ["jpeg", "png", "webp", "heif"].contains(where: header.loader.lowercased().contains) else {
            throw PhotoCodec.Failure(reason: "it is not a JPEG, PNG, WebP or HEIC photo (libvips reads it with \(header.loader))")
        }
        let pixels = header.width * header.height
        guard pixels <= maxPixels else {
            throw PhotoCodec.Failure(
                reason: "it is \(header.width) × \(header.height) pixels (\(pixels / 1_000_000) megapixels), more than the \(maxPixels / 1_000_000) megapixels bantin decodes; make it smaller first")
        }
        let widths = PhotoNaming.widths(for: header.uprightWidth, settings: settings)
        let wanted = PhotoNaming.wanted(entry.relativePath, widths: widths)
        let encoded = try PhotoCodec.encode(entry.path, largest: widths.last ?? 1, wanted: wanted, quality: settings.quality)
        return zip(wanted, encoded).map { ($0.width, $1) }
    }

    /// The photo cache's key: the photo's bytes, the settings, how it is named, and libvips's version.
    private static func key(of entry: TreeEntry, settings: ImageSettings) throws(PhotoCodec.Failure) -> String {
        let fd = Glibc.open(entry.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PhotoCodec.Failure(reason: "it cannot be read: " + FileFault.words(for: errno)) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        Glibc.close(fd)
        guard size > 0 else { throw PhotoCodec.Failure(reason: "it is empty") }
        guard let mapped = MappedFile(path: entry.path) else { throw PhotoCodec.Failure(reason: "it cannot be read: " + FileFault.words(for: errno)) }
        var hasher = StableHasher()
        hasher.add(PhotoCodec.version)
        hasher.add("\(settings.widths) \(settings.quality) \(PhotoNaming.family(of: entry.relativePath).rawValue)")
        hasher.add(bytes: UnsafeRawBufferPointer(mapped.bytes))
        let hex = String(hasher.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
