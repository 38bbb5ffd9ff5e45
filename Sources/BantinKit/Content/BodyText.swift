import Foundation

/// An article body: the text itself, or where its bytes are, read on first use: in the article
/// cache file, or (for a body that is exactly the end of its file, as most are) in the content
/// file itself, so that neither memory nor the cache holds every body of the bulletin.
final class BodyText: @unchecked Sendable {
    enum Place {
        /// `count` bytes at `offset` of an open cache file.
        case cache(MappedFile, offset: Int, count: Int)
        /// The last `count` bytes of the content file at `path`, from `offset`, whose
        /// `StableHasher` hash is `hash` (the article's `bodyHash`) while the file is the one read.
        case source(path: String, offset: Int, count: Int, hash: UInt64)
    }

    private var text: String?
    /// The bytes as the file was read, kept (in `BodyStore`, which is kept with them) for the
    /// search index to read once rather than read the file again (`readOnce`); let go once read,
    /// or when the index does not need them (`letGo`).
    private var held: BodyStore.Kept?
    /// Where the bytes are, when they are read on first use (the article cache says so too).
    let place: Place?
    /// Set when the bytes could not be read (the `errno`, or `changed`): the build then fails
    /// rather than publish a page without its body.
    private(set) var failure: Int32?
    /// The failure of a body whose file was cut short or rewritten since it was read (no `errno`:
    /// the system read it without fault).
    static let changed: Int32 = -1

    init(_ text: String) {
        self.text = text
        place = nil
    }

    init(at place: Place, holding bytes: BodyStore.Kept? = nil) {
        text = nil
        self.place = place
        held = bytes
    }

    var value: String {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        if let text { return text }
        let (bytes, failure) = Self.bytes(at: place)
        self.failure = failure
        let loaded = String(decoding: bytes, as: UTF8.self)
        text = loaded
        return loaded
    }

    /// The bytes at `place`, or none and the reason they could not be read.
    private static func bytes(at place: Place?) -> ([UInt8], failure: Int32?) {
        errno = 0
        if let bytes = read(place) { return (bytes, nil) }
        return ([], errno == 0 ? changed : errno)
    }

    /// The reason the body could not be read, if it could not.
    var unreadable: Int32? {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// The body as UTF-8, without making a string of it when it is not read yet.
    var utf8: [UInt8] {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        if let text {
            lock.unlock()
            return Array(text.utf8)
        }
        lock.unlock()
        let (bytes, failure) = Self.bytes(at: place)
        if let failure {
            lock.lock()
            self.failure = failure
            lock.unlock()
        }
        return bytes
    }

    /// Calls `body` with the body's bytes: those held since the file was read, then let go, or
    /// else read (`utf8`). The search index reads each body this way, and the page later from
    /// its place: no body of the bulletin is kept until its page is made.
    func readOnce<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        let kept = held
        held = nil
        lock.unlock()
        if let kept { return withExtendedLifetime(kept.store) { body(kept.bytes.bindMemory(to: UInt8.self)) } }
        return utf8.withUnsafeBufferPointer(body)
    }

    /// Lets go of the bytes held since the file was read, if no one took them.
    func letGo() {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        held = nil
        lock.unlock()
    }

    /// Where `body` (whose hash is `hash`) is in the content file at `path` holding `bytes`: when
    /// it is exactly the end of the file (no line endings or Unicode forms changed in reading it).
    static func place(of body: String, hash: UInt64, endingFile bytes: [UInt8], at path: String) -> Place? {
        var body = body
        return body.withUTF8 { utf8 in
            guard utf8.count <= bytes.count else { return nil }
            let offset = bytes.count - utf8.count
            let same = bytes.withUnsafeBufferPointer { file in utf8.isEmpty || memcmp(file.baseAddress! + offset, utf8.baseAddress!, utf8.count) == 0 }
            return same ? .source(path: path, offset: offset, count: utf8.count, hash: hash) : nil
        }
    }

    /// The bytes at `place`; `nil` when they cannot be read, with `errno` saying why, or 0 for a
    /// content file cut short or rewritten since it was read (a page would mix two versions of it).
    private static func read(_ place: Place?) -> [UInt8]? {
        switch place {
        case .cache(let file, let offset, let count): return file.read(at: offset, count: count)
        case .source(let path, let offset, let count, let hash):
            guard let bytes = Directory.contents(of: path, at: offset, count: count) else { return nil }
            guard bytes.withUnsafeBytes(StableHasher.hash(of:)) == hash else {
                errno = 0
                return nil
            }
            return bytes
        case nil: return []
        }
    }
}

/// Locks shared by the values read lazily (tens of thousands of them, each too small to own
/// one): a value uses the one its address picks.
enum LazyLocks {
    private static let locks = (0..<64).map { _ in NSLock() }

    static func lock(for object: AnyObject) -> NSLock {
        locks[Int(UInt(bitPattern: ObjectIdentifier(object).hashValue) % UInt(locks.count))]
    }
}
