import Foundation

/// What the last build learnt by reading files it did not encode: each photo's cache key (its
/// bytes hashed, `PhotoLibrary`) and whether it moves, and which variant files of the cache it
/// found whole (or wrote), each under the `FileKey` the file had then. A file whose `FileKey` is
/// unchanged holds the same bytes (as the article cache takes it), so a build after an edit of an
/// article's text reads no photo and checks no cached variant again: without it, every build read
/// and hashed every photo under `content/` and every variant (about 0.75 s a gigabyte).
///
/// A file that could have changed again unseen (`FileKey.mayChangeUnseen`: times kept to the
/// second, changed in the seconds before it was read) is read again by the next build.
///
/// Kept beside the photo cache (`photo-keys` in the state folder), with a checksum; missing,
/// damaged, or made under other settings or by another executable, it is not used, and every
/// photo is read again.
struct PhotoKeys: Sendable {
    struct Source: Codable, Sendable, Equatable {
        /// Relative to the content folder.
        var path: String
        var file: FileKey
        var key: String
        var inPart: PhotoAnimation.InPart?
    }

    struct Whole: Codable, Sendable, Equatable {
        /// A file's name in the photo cache's folder.
        var name: String
        var file: FileKey
    }

    /// What decides a key besides a photo's bytes and name (`PhotoCodec.identity`, the widths and
    /// quality), and the executable that reads this.
    let context: String
    private let sources: [String: Source]
    private let whole: [String: FileKey]
    /// A time taken before the files were read (or written): nanoseconds since 1970.
    let readAt: Int64

    /// As saved: the lists in order, so the same keys are the same bytes.
    private struct Saved: Codable {
        var context: String
        var readAt: Int64
        var sources: [Source]
        var whole: [Whole]
    }

    init(context: String, readAt: Int64 = 0, sources: [Source] = [], whole: [Whole] = []) {
        self.context = context
        self.readAt = readAt
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.whole = Dictionary(whole.map { ($0.name, $0.file) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether a file that had `file` as its `FileKey` when read still has the bytes read.
    private func trusts(_ file: FileKey, now: FileKey?) -> Bool {
        file == now && !file.mayChangeUnseen(readSince: readAt)
    }

    /// Whether these keys trust every file `newer` lists as it is listed there: when they do,
    /// saving `newer` would tell the next build nothing more.
    func settles(_ newer: PhotoKeys) -> Bool {
        context == newer.context
            && sources.count == newer.sources.count && newer.sources.allSatisfy { path, source in sources[path].map { $0.key == source.key && $0.inPart == source.inPart && trusts($0.file, now: source.file) } ?? false }
            && whole.count == newer.whole.count && newer.whole.allSatisfy { name, file in whole[name].map { trusts($0, now: file) } ?? false }
    }

    static func context(_ settings: ImageSettings) -> String {
        "\(PhotoCodec.identity) \(settings.widths) \(settings.quality)\n" + InputStamp.executable
    }

    /// The key of the photo at `entry`, and what of it is published, when the last build read it as it is now.
    func known(_ entry: TreeEntry) -> (key: String, inPart: PhotoAnimation.InPart?)? {
        guard let source = sources[entry.relativePath], trusts(source.file, now: entry.fileKey) else { return nil }
        return (source.key, source.inPart)
    }

    /// Whether the cache's file `name` was whole when its `FileKey` was `file`.
    func isWhole(_ name: String, _ file: FileKey) -> Bool { whole[name].map { trusts($0, now: file) } ?? false }

    /// The keys kept at `url` when made in `context`; none otherwise.
    static func load(from url: URL, context: String) -> PhotoKeys {
        guard let bytes = Directory.contents(of: url.path), bytes.count > 8 else { return PhotoKeys(context: context) }
        let body = Array(bytes.dropLast(8))
        let sum = bytes.suffix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard body.withUnsafeBytes(StableHasher.hash(of:)) == sum, let saved = BinaryCoding.decode(Saved.self, from: body), saved.context == context
        else { return PhotoKeys(context: context) }
        return PhotoKeys(context: context, readAt: saved.readAt, sources: saved.sources, whole: saved.whole)
    }

    /// Saves the keys at `url` (written beside, then renamed over the last ones); whether it could.
    @discardableResult
    func save(to url: URL) -> Bool {
        let saved = Saved(
            context: context, readAt: readAt, sources: sources.values.sorted { $0.path < $1.path },
            whole: whole.map { Whole(name: $0.key, file: $0.value) }.sorted { $0.name < $1.name })
        let body = BinaryCoding.encode(saved)
        let sum = body.withUnsafeBytes(StableHasher.hash(of:))
        return OutputFolder.replaceFile(parts: [body, withUnsafeBytes(of: sum.littleEndian, Array.init)], at: url.path)
    }
}
