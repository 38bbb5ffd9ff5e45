import CVips
import Foundation

/// Reads and writes photos with libvips. This is the only file that talks to the library (through
/// the calls written out in `Sources/CVips/shim.h`): the rest of bantin sees Swift values.
///
/// A photo is decoded once, shrunk while it is loaded to the largest width wanted, turned upright
/// by its EXIF orientation and converted to sRGB, and kept in memory; every smaller width is made
/// from that image, and each is encoded without any metadata.
enum PhotoCodec {
    /// What the file says of itself, read without decoding its pixels.
    struct Header: Sendable, Equatable {
        var width: Int
        var height: Int
        /// The EXIF orientation (1 upright; 5–8 turned a quarter).
        var orientation: Int
        /// Which libvips loader reads it (`VipsForeignLoadJpegFile`, …).
        var loader: String
        /// Whether it carries a colour profile (an iPhone's Display P3, Adobe RGB…).
        var profiled = false
        /// Whether its pixels are CMYK (a print shop's photo).
        var cmyk = false

        /// The width once turned upright.
        var uprightWidth: Int { (5...8).contains(orientation) ? height : width }
        /// The height once turned upright.
        var uprightHeight: Int { (5...8).contains(orientation) ? width : height }
    }

    /// One encoded variant.
    struct Encoded: Sendable {
        var width: Int
        var height: Int
        var format: PhotoFormat
        var bytes: [UInt8]
    }

    /// A photo libvips could not read or write, in plain words.
    struct Failure: Error, Sendable {
        var reason: String
    }

    /// What changes the bytes of every variant: the libraries' versions (libvips's, and that of the
    /// libwebp it encodes with, which a system's update can change alone), and how bantin calls them.
    static let version = "libvips \(String(cString: vips_version_string())) libwebp \(webpVersion) bantin-photos-6"

    /// What decides a variant's bytes: `version`, and the shared libraries libvips is linked with
    /// (libjpeg, libpng, libtiff, lcms2, zlib, … as the system's update of one alone changes
    /// them: each file by path, size and modification time, as its package left it). Read before
    /// libvips starts (`started` reads it first), so that every process reads the same libraries
    /// (not the modules libvips then loads, nor their libraries: libheif's update is not seen).
    /// The photo cache's key, and the build's stamp, hold it.
    static let identity = version + "\n" + loadedLibraries()

    /// The shared libraries this process has mapped but Swift's own (which a new toolchain
    /// changes with no photo's bytes), each as `path|size|mtime`, sorted, one per line.
    static func loadedLibraries() -> String {
        guard let maps = Directory.contents(of: "/proc/self/maps") else { return "" }
        var paths = Set<String>()
        // Each mapping's line ends with the file mapped, if any (a library has several).
        for line in maps.split(separator: UInt8(ascii: "\n")) {
            guard let slash = line.firstIndex(of: UInt8(ascii: "/")), line[slash...].firstRange(of: Array(".so".utf8)) != nil else { continue }
            paths.insert(String(decoding: line[slash...], as: UTF8.self))
        }
        let swift = paths.first { $0.hasSuffix("/libswiftCore.so") }.map { String($0.dropLast("libswiftCore.so".count)) }
        // (Not glibc's character sets and name services either, loaded when first used.)
        let linked = paths.filter { (swift == nil || !$0.hasPrefix(swift!)) && !$0.contains("/gconv/") && !$0.contains("/libnss_") }
        return linked.sorted().map { path in
            var info = stat()
            guard stat(path, &info) == 0 else { return path }
            return "\(path)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }.joined(separator: "\n")
    }

    /// As `major.minor.revision`, or `none`.
    private static let webpVersion: String = {
        let packed = bantin_webp_encoder_version()
        guard packed >= 0 else { return "none" }
        return [packed >> 16, packed >> 8 & 0xFF, packed & 0xFF].map(String.init).joined(separator: ".")
    }()

    /// libvips is started once, before any parallel work, with its own threads and operation cache
    /// off (bantin makes variants on every core itself, and keeps nothing it will not reuse), and
    /// with the loaders libvips does not trust for untrusted files (ImageMagick, PDF, …) blocked.
    ///
    /// Decoded photos and encoders' buffers are megabytes each: glibc would soon serve such blocks
    /// from its heaps and keep them (its threshold for mapping a block rises with each one freed);
    /// a fixed threshold of 1 MiB returns them to the system when freed (peak memory for 20 photos
    /// of 4000 × 3000: 185 MB without, 124 MB with).
    private static let started: Void = {
        _ = identity
        mallopt(M_MMAP_THRESHOLD, 1 << 20)
        setenv("VIPS_WARNING", "0", 0)
        guard vips_init("bantin") == 0 else { fatalError("libvips could not start: \(takeError())") }
        vips_concurrency_set(1)
        // libvips's vector code (ORC) compiles itself for the machine, or not at all where the
        // system forbids memory both written and run (SELinux's execmem: libvips then aborts),
        // and its pixels differ from the plain code's by up to 29 levels: the plain code always,
        // so that a photo's bytes are the same on every machine (about a quarter more time).
        vips_vector_set_enabled(0)
        vips_cache_set_max(0)
        vips_block_untrusted_set(1)
    }()

    static func start() { _ = started }

    /// Gives the memory freed by a photo's decoding and encoding back to the system. The blocks of
    /// a decoded photo are mapped and unmapped (see `started`), but an encoder's many smaller ones
    /// stay in the heaps of the threads that made them, one heap per thread, until trimmed (peak
    /// memory for the 60 photos of `bench/photos`: 153 MB without, measured in the commit's message).
    static func returnFreedMemory() { malloc_trim(0) }

    /// The header of the photo at `path`, read without decoding its pixels.
    static func header(of path: String) throws(Failure) -> Header {
        start()
        defer { vips_thread_shutdown() }
        // Its words, if it fails, name the file by its full path: the message does already.
        guard let loader = Calls.alone({ vips_foreign_find_load(path) }).result else {
            let start = PosixFiles.start(of: path, count: 512)
            if start.map(PhotoNaming.isWebPage(fileStart:)) == true {
                throw Failure(reason: "it is a web page (HTML), not a photo: the page the photo was on, or a site's error page, saved under the photo's name; save the photo itself (open it alone in the browser first)")
            }
            if start.map(GitLFSPointer.isPointer(fileStart:)) == true { throw Failure(reason: GitLFSPointer.told) }
            throw Failure(reason: "it is not a JPEG, PNG, WebP, HEIC, AVIF or TIFF photo (libvips knows no image format with its bytes): another kind of file renamed, or a damaged one")
        }
        let name = String(cString: loader)
        // A WebP photo from memory (see `bantin_vips_open_memory`), read while its bytes are
        // there; every other by its path.
        let read = try Self.inMemory(name, path: path) { bytes in
            Calls.alone { () -> Header? in
                guard let image = bytes.map({ bantin_vips_open_memory($0.baseAddress, $0.count) }) ?? bantin_vips_open(path) else { return nil }
                defer { bantin_vips_unref(image) }
                return Header(
                    width: Int(vips_image_get_width(image)), height: Int(vips_image_get_height(image)),
                    orientation: Int(vips_image_get_orientation(image)), loader: name,
                    profiled: vips_image_get_typeof(image, "icc-profile-data") != 0,
                    cmyk: vips_image_guess_interpretation(image) == VIPS_INTERPRETATION_CMYK)
            }
        }
        guard let header = read.result else {
            if let fault = systemFault(in: read.words) { throw Failure(reason: "it cannot be read: " + fault) }
            throw Failure(reason: "its header cannot be read" + detail(read.words, path: path))
        }
        return header
    }

    /// Calls `body` with the photo's bytes, read into memory, when libvips's loader `loader`
    /// maps the file it reads (WebP's); with `nil` for any other. What `body` makes of the bytes
    /// must not refer to them once it returns.
    private static func inMemory<R>(_ loader: String, path: String, _ body: (UnsafeRawBufferPointer?) -> R) throws(Failure) -> R {
        guard loader.lowercased().contains("webp") else { return body(nil) }
        errno = 0
        guard let bytes = Directory.contents(of: path) else {
            throw Failure(reason: "it cannot be read: " + FileFault.told(errno == 0 ? EIO : errno))
        }
        return bytes.withUnsafeBytes { body($0) }
    }

    /// The variants of the photo at `path` (whose `header` was read): decoded once at `largest`
    /// pixels wide (never enlarged), then each of `wanted` made from that image (on every core
    /// when `inParallel`).
    static func encode(
        _ path: String, header: Header, largest: Int, wanted: [(width: Int, format: PhotoFormat)], quality: Int, inParallel: Bool
    ) throws(Failure) -> [Encoded] {
        start()
        do {
            return try encode(path, header: header, profiled: header.profiled, largest: largest, wanted: wanted, quality: quality, inParallel: inParallel)
        } catch {
            // A profile that does not fit the picture (an RGB one in a grey JPEG, a grey one in a
            // colour photo) is passed over, as browsers pass over it: the photo is taken as sRGB,
            // as one without a profile is. Anything else fails again, and is told as it first was.
            guard header.profiled, let unprofiled = try? encode(path, header: header, profiled: false, largest: largest, wanted: wanted, quality: quality, inParallel: inParallel)
            else { throw error }
            return unprofiled
        }
    }

    /// `encode`, through the photo's own colour profile or not (`profiled`).
    private static func encode(
        _ path: String, header: Header, profiled: Bool, largest: Int, wanted: [(width: Int, format: PhotoFormat)], quality: Int, inParallel: Bool
    ) throws(Failure) -> [Encoded] {
        // A JPEG whose data libjpeg warns of is damaged (it shows grey where the data is wrong),
        // unless the warnings are only of stray bytes between its parts, which lose nothing.
        let jpeg = header.loader.hasPrefix("VipsForeignLoadJpeg")
        let shrink = profiled && header.cmyk ? cmykShrink(header, largest: largest) : 0
        var decoded = decode(path, loader: header.loader, largest: largest, profiled: profiled, strict: jpeg, cmykShrink: shrink)
        if case .failure(let error) = decoded, jpeg, error.onlyStrayBytes {
            decoded = decode(path, loader: header.loader, largest: largest, profiled: profiled, strict: false, cmykShrink: shrink)
        }
        let base: UnsafeMutablePointer<VipsImage>
        switch decoded {
        case .success(let image): base = image
        case .failure(let error):
            if let fault = systemFault(in: error.message) { throw Failure(reason: "it cannot be read: " + fault) }
            throw Failure(reason: "it cannot be decoded: the file is damaged or was not copied whole; copy it again from the camera or phone" + detail(error.message, path: path))
        }
        // Stripped here, once, before any variant is made from it: whatever an encoder does with `strip`.
        bantin_vips_remove_metadata(base)
        let shared = SharedImage(pointer: base)
        defer { bantin_vips_unref(base) }
        let make = { @Sendable (variant: (width: Int, format: PhotoFormat)) -> Result<Encoded, Failure> in
            defer { vips_thread_shutdown() }
            return Result { () throws(Failure) in try encode(shared.pointer, width: variant.width, format: variant.format, quality: quality) }
        }
        let results = inParallel ? wanted.parallelMap(make) : wanted.map(make)
        var encoded: [Encoded] = []
        for result in results {
            switch result {
            case .success(let variant): encoded.append(variant)
            case .failure(let failure): throw failure
            }
        }
        return encoded
    }

    /// How much a CMYK photo with its own profile is shrunk while its JPEG is read (1, 2, 4 or 8;
    /// 1 for another format): as much as keeps it at least `largest` wide once upright. It is
    /// then converted through its profile before it is shrunk further (`bantin_vips_thumbnail`).
    static func cmykShrink(_ header: Header, largest: Int) -> Int {
        guard header.loader.hasPrefix("VipsForeignLoadJpeg") else { return 1 }
        return [8, 4, 2].first { header.uprightWidth / $0 >= largest } ?? 1
    }

    /// The photo at `path` decoded into memory (see `bantin_vips_thumbnail`; `cmykShrink`, 0 for
    /// any photo but a CMYK one with its own profile), or libvips's words.
    private static func decode(
        _ path: String, loader: String, largest: Int, profiled: Bool, strict: Bool, cmykShrink: Int
    ) -> Result<UnsafeMutablePointer<VipsImage>, DecodeError> {
        defer { vips_thread_shutdown() }
        // Rendered into memory here, once (while a WebP's bytes are there): this is where the
        // file is actually decoded.
        let made: (result: UnsafeMutablePointer<VipsImage>?, words: String)
        do {
            made = try inMemory(loader, path: path) { bytes in
                Calls.alone { () -> UnsafeMutablePointer<VipsImage>? in
                    var decoded: UnsafeMutablePointer<VipsImage>?
                    let status = bytes.map { bantin_vips_thumbnail_memory($0.baseAddress, $0.count, &decoded, Int32(largest), profiled ? 1 : 0) }
                        ?? bantin_vips_thumbnail(path, &decoded, Int32(largest), profiled ? 1 : 0, strict ? 1 : 0, Int32(cmykShrink))
                    guard status == 0, let lazy = decoded else { return nil }
                    defer { bantin_vips_unref(lazy) }
                    return vips_image_copy_memory(lazy)
                }
            }
        } catch {
            return .failure(DecodeError(message: error.reason))
        }
        guard let memory = made.result else { return .failure(DecodeError(message: made.words)) }
        return .success(memory)
    }

    /// libvips's words when a photo could not be decoded.
    struct DecodeError: Error {
        var message: String

        /// Whether libjpeg's warnings are all of bytes between two parts of the file's header
        /// (`Corrupt JPEG data: 2 extraneous bytes before marker 0xda`), which some cameras and
        /// editors write and which cost no pixel. Bytes left over before the image's end or a
        /// restart marker (`0xd9`, `0xd0`–`0xd7`) come of compressed data read wrong: damage.
        var onlyStrayBytes: Bool {
            let warnings = message.components(separatedBy: "; ").filter { $0.contains("Corrupt JPEG data") || $0.contains("Premature end") }
            return !warnings.isEmpty && warnings.allSatisfy { warning in
                guard let marker = warning.range(of: "extraneous bytes before marker 0x") else { return false }
                let code = UInt8(warning[marker.upperBound...].prefix(2), radix: 16) ?? 0xD9
                return !(0xD0...0xD9).contains(code)
            }
        }
    }

    /// One variant of the decoded image `base`: scaled down to `width` (when narrower), its
    /// transparency laid on white for JPEG, encoded.
    private static func encode(_ base: UnsafeMutablePointer<VipsImage>, width: Int, format: PhotoFormat, quality: Int) throws(Failure) -> Encoded {
        var owned: [UnsafeMutablePointer<VipsImage>] = []
        defer { owned.forEach(bantin_vips_unref) }
        var image = base
        let baseWidth = Int(vips_image_get_width(base))
        if width < baseWidth {
            let resized = Calls.alone { () -> UnsafeMutablePointer<VipsImage>? in
                var scaled: UnsafeMutablePointer<VipsImage>?
                return bantin_vips_resize(base, &scaled, Double(width) / Double(baseWidth)) == 0 ? scaled : nil
            }
            guard let scaled = resized.result else { throw Failure(reason: "it cannot be resized" + detail(resized.words)) }
            owned.append(scaled)
            image = scaled
        }
        if format == .jpeg, vips_image_hasalpha(image) != 0 {
            let flattened = Calls.alone { [image] () -> UnsafeMutablePointer<VipsImage>? in
                var flat: UnsafeMutablePointer<VipsImage>?
                return bantin_vips_flatten_white(image, &flat) == 0 ? flat : nil
            }
            guard let flat = flattened.result else { throw Failure(reason: "its transparency cannot be removed for JPEG" + detail(flattened.words)) }
            owned.append(flat)
            image = flat
        }
        let saved = Calls.alone { [image] () -> (buffer: UnsafeMutableRawPointer, length: Int)? in
            var buffer: UnsafeMutableRawPointer?
            var length = 0
            let status: Int32
            switch format {
            case .jpeg: status = bantin_vips_jpeg(image, &buffer, &length, Int32(quality))
            case .webp: status = bantin_vips_webp(image, &buffer, &length, Int32(quality))
            case .png: status = bantin_vips_png(image, &buffer, &length)
            }
            return status == 0 ? buffer.map { ($0, length) } : nil
        }
        guard let (buffer, length) = saved.result else { throw Failure(reason: "it cannot be encoded as \(format.name)" + detail(saved.words)) }
        defer { g_free(buffer) }
        let encoded = Array(UnsafeRawBufferPointer(start: buffer, count: length))
        let bytes = format == .webp ? WebPChunks.strippingMetadata(encoded) : encoded
        return Encoded(width: Int(vips_image_get_width(image)), height: Int(vips_image_get_height(image)), format: format, bytes: bytes)
    }

    /// An image in memory that the variants read on several cores at once (libvips allows it).
    private struct SharedImage: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<VipsImage>
    }

    /// libvips keeps one buffer of error words for the whole process, which a failing call adds
    /// to and `takeError` empties: photos failing on two cores at once would take each other's
    /// words (a photo with harmless stray bytes then told as damaged, for another's). So every
    /// call that can fail runs beside the others, and one that failed runs again alone, no other
    /// call running, with the buffer emptied first: the words it leaves are its own. A failure is
    /// rare and costs its call twice.
    enum Calls {
        nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_rwlock_t> = {
            let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
            var attributes = pthread_rwlockattr_t()
            pthread_rwlockattr_init(&attributes)
            // A call waiting to run alone goes before new ones, so it is not kept waiting for
            // the end of every photo's work; no call runs inside another, so none can deadlock.
            pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
            pthread_rwlock_init(lock, &attributes)
            return lock
        }()

        /// What `call` made (`nil` when it failed) and, when it failed, libvips's words for it.
        static func alone<R>(_ call: () -> R?) -> (result: R?, words: String) {
            pthread_rwlock_rdlock(lock)
            let made = call()
            pthread_rwlock_unlock(lock)
            if let made { return (made, "") }
            pthread_rwlock_wrlock(lock)
            defer { pthread_rwlock_unlock(lock) }
            vips_error_clear()
            let again = call()
            return (again, again == nil ? takeError() : "")
        }
    }

    /// libvips's last error messages, taken (the buffer is emptied), on one line.
    private static func takeError() -> String {
        guard let copy = vips_error_buffer_copy() else { return "" }
        defer { g_free(copy) }
        return String(cString: copy).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
    }

    /// The system's reason when libvips's words say a read of the file failed (a disk's or a
    /// network folder's fault, `unix error: Input/output error`): the photo may be whole.
    static func systemFault(in words: String) -> String? {
        guard let said = words.range(of: "unix error: ") else { return nil }
        let reason = words[said.upperBound...].prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        return reason.isEmpty ? nil : reason
    }

    /// libvips's words, the photo named by its file name (the message names it by its path already).
    private static func detail(_ message: String, path: String = "") -> String {
        let shown = path.isEmpty ? message : message.replacingOccurrences(of: path, with: (path as NSString).lastPathComponent)
        return shown.isEmpty ? "" : " (libvips: \(shown))"
    }
}
