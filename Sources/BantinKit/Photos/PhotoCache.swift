import Foundation

/// Where the encoded variants of photos are kept between builds: `.public.bantin/photos/`, one
/// entry per photo, named by a key made of the photo's bytes and everything that decides the
/// variants (settings, libvips version). An entry is its variant files (`<key>-480.webp`, …)
/// and, written last, its index (`<key>.txt`: each variant's width, height, format, size and
/// checksum, then `end` and a checksum of the lines before it). An entry whose index is missing
/// or damaged, or whose files do not match it, is not used: the photo is encoded again.
struct PhotoCache: Sendable {
    let folder: URL
    /// Where what the last build learnt by reading photos and this cache's files is kept (`PhotoKeys`).
    var keysURL: URL? = nil
    /// Told of a file of the cache, or of the keys, that could not be saved (a full disk).
    var unsaved: @Sendable (URL) -> Void = { _ in }

    /// One variant as stored: the width it was asked for (its name), what it is, where it is.
    struct Stored: Sendable {
        var name: Int
        var width: Int
        var height: Int
        var format: PhotoFormat
        var contents: PhotoBytes
    }

    private static let format = "bantin-photo-3"

    private func file(_ key: String, _ suffix: String) -> String { folder.path + "/" + key + suffix }

    /// What the last build learnt (none when it kept nothing, or under other settings).
    func keys(_ settings: ImageSettings) -> PhotoKeys {
        let context = PhotoKeys.context(settings)
        return keysURL.map { PhotoKeys.load(from: $0, context: context) } ?? PhotoKeys(context: context)
    }

    /// Saves `keys` unless `last` already trusts all they list.
    func save(_ keys: PhotoKeys, over last: PhotoKeys) {
        if let keysURL, !last.settles(keys), !keys.save(to: keysURL) { unsaved(keysURL) }
    }

    /// The files of `entries` (as loaded or saved) as they are now: whole, as checked or written.
    func whole(_ entries: [[Stored]]) -> [PhotoKeys.Whole] {
        entries.joined().compactMap { variant in
            guard case .file(let url) = variant.contents, let info = Directory.linkStatus(url.path) else { return nil }
            return PhotoKeys.Whole(name: url.lastPathComponent, file: FileKey(info))
        }
    }

    /// The entry of `key`, when it is whole and every file is as it was written (`known`: the
    /// files the last build found whole, not read again while their `FileKey` is the same).
    func load(_ key: String, known: PhotoKeys? = nil) -> [Stored]? {
        guard Directory.isFolder(atPath: folder.path), let index = Directory.contents(of: file(key, ".txt")) else { return nil }
        let text = String(decoding: index, as: UTF8.self)
        let lines = text.split(separator: "\n")
        // Whole and as written: the format first, `end` and the checksum of the lines before it last.
        guard lines.first == Substring(Self.format), lines.count > 2, let end = lines.last,
            end == Self.endLine(of: text.utf8.dropLast(end.utf8.count + 1))
        else { return nil }
        var stored: [Stored] = []
        for line in lines.dropFirst().dropLast() {
            let words = line.split(separator: " ")
            guard words.count == 6, let name = Int(words[0]), let width = Int(words[1]), let height = Int(words[2]),
                let format = PhotoFormat(rawValue: String(words[3])), let size = Int(words[4]), let sum = UInt64(words[5], radix: 16)
            else { return nil }
            let path = file(key, "-\(name).\(format.fileExtension)")
            guard let info = Directory.linkStatus(path), Directory.isRegularFile(info), Int(info.st_size) == size else { return nil }
            if known?.isWhole((path as NSString).lastPathComponent, FileKey(info)) != true {
                guard let mapped = MappedFile(path: path), mapped.size == size, mapped.withBytes(Self.checksum) == sum else { return nil }
            }
            stored.append(Stored(name: name, width: width, height: height, format: format, contents: .file(URL(fileURLWithPath: path))))
        }
        return stored
    }

    /// Saves the variants of `key` (each file, then the index through a temporary file renamed
    /// into place). A failure is not an error: the photo will be encoded again next time, and
    /// this build publishes the bytes it holds.
    func save(_ key: String, _ variants: [(name: Int, encoded: PhotoCodec.Encoded)]) -> [Stored] {
        // Never written through a link (or over a file) in its place: the folder is bantin's own.
        if !Directory.isFolder(atPath: folder.path) { unlink(folder.path) }
        guard OutputFolder.makeFolder(folder.path) == 0, Directory.isFolder(atPath: folder.path) else { return unsaved(variants) }
        var index = [Self.format]
        var stored: [Stored] = []
        for (name, encoded) in variants {
            let path = file(key, "-\(name).\(encoded.format.fileExtension)")
            do {
                try OutputFolder.writeFile(encoded.bytes, to: path, replacing: true)
            } catch {
                return unsaved(variants)
            }
            let sum = encoded.bytes.withUnsafeBufferPointer(Self.checksum)
            index.append("\(name) \(encoded.width) \(encoded.height) \(encoded.format.rawValue) \(encoded.bytes.count) \(String(sum, radix: 16))")
            stored.append(Stored(name: name, width: encoded.width, height: encoded.height, format: encoded.format, contents: .file(URL(fileURLWithPath: path))))
        }
        let lines = Array((index.joined(separator: "\n") + "\n").utf8)
        guard OutputFolder.replaceFile(parts: [lines, Array((Self.endLine(of: lines[...]) + "\n").utf8)], at: file(key, ".txt")) else {
            return unsaved(variants)
        }
        return stored
    }

    /// `variants` kept in memory for this build, the cache told that it could not keep them.
    private func unsaved(_ variants: [(name: Int, encoded: PhotoCodec.Encoded)]) -> [Stored] {
        unsaved(folder)
        return variants.map(Self.inMemory)
    }

    /// The index's last line: `end` and a checksum of the `lines` before it.
    private static func endLine<Lines: Collection<UInt8>>(of lines: Lines) -> String {
        "end " + String(Array(lines).withUnsafeBytes(StableHasher.hash(of:)), radix: 16)
    }

    static func inMemory(_ variant: (name: Int, encoded: PhotoCodec.Encoded)) -> Stored {
        Stored(name: variant.name, width: variant.encoded.width, height: variant.encoded.height, format: variant.encoded.format, contents: .bytes(variant.encoded.bytes))
    }

    /// Removes the entries no photo of this build uses (of photos changed or removed).
    func removeAll(except keys: Set<String>) {
        // Not through a link: only the files of bantin's own folder are removed.
        let fd = Glibc.open(folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        let names = Directory.names(ofOpen: fd) ?? []
        Glibc.close(fd)
        for name in names {
            let key = String(name.prefix { $0 != "-" && $0 != "." })
            if !keys.contains(key) { unlink(folder.path + "/" + name) }
        }
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { StableHasher.hash(of: UnsafeRawBufferPointer(bytes)) }
}

/// Where a variant's bytes are: in the photo cache, or in memory (a build that keeps nothing).
enum PhotoBytes: Sendable {
    case file(URL)
    case bytes([UInt8])
}
