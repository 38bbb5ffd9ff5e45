import Foundation

/// What search keeps of each article (`IndexedArticle` bytes), in site order, each read where it
/// is: in a mapped file (the memo of the last build, or the one this build writes as the articles
/// are made: `BlobWriter`) or in memory (no file). Nothing is copied out of a file, and what a
/// build makes is held once: on a 10,000-article bulletin, 84 MB that would otherwise be fresh
/// memory and then a copy of it in the memo.
final class ArticleBlobs: @unchecked Sendable {
    /// Where articles' bytes are kept.
    enum Store {
        case file(MappedFile)
        /// Bytes this object owns (and frees).
        case memory(UnsafeMutableRawBufferPointer)
    }

    /// An article's bytes: `count` bytes from `offset` in store `store`.
    struct Place {
        var store: Int32
        var count: Int32
        var offset: Int
    }

    private let stores: [Store]
    /// Where each store's bytes start.
    private let bases: [UnsafeRawPointer]
    private let places: [Place]

    var count: Int { places.count }

    init(stores: [Store], places: [Place]) {
        self.stores = stores
        bases = stores.map { store in
            switch store {
            case .file(let file): UnsafeRawPointer(file.bytes.baseAddress!)
            case .memory(let bytes): UnsafeRawPointer(bytes.baseAddress!)
            }
        }
        self.places = places
    }

    deinit {
        for case .memory(let bytes) in stores { bytes.deallocate() }
    }

    /// Every article made now, in memory.
    convenience init(_ all: [[UInt8]]) {
        let writer = BlobWriter(count: all.count)
        writer.add(all, at: all.indices)
        self.init(made: writer)
    }

    /// The articles `writer` has, in its order.
    convenience init(made writer: BlobWriter) {
        let (stores, places) = writer.finish()
        self.init(stores: stores, places: places.map { $0! })
    }

    /// `count` articles: those at `indices` made by `writer` (the first of its articles at the
    /// first of them, and so on), the others at `saved`, each a range of a mapped file.
    convenience init(count: Int, made writer: BlobWriter, at indices: [Int], saved: [(index: Int, file: MappedFile, range: Range<Int>)]) {
        var (stores, made) = writer.finish()
        var places = [Place?](repeating: nil, count: count)
        for (index, place) in zip(indices, made) { places[index] = place }
        var fileStores: [ObjectIdentifier: Int32] = [:]
        for (index, file, range) in saved {
            let store = fileStores[ObjectIdentifier(file)] ?? {
                stores.append(.file(file))
                fileStores[ObjectIdentifier(file)] = Int32(stores.count - 1)
                return Int32(stores.count - 1)
            }()
            places[index] = Place(store: store, count: Int32(range.count), offset: range.lowerBound)
        }
        self.init(stores: stores, places: places.map { $0! })
    }

    /// Where the bytes of the article at `index` are in a file (its inode), if they are in one.
    func filePlace(_ index: Int) -> (inode: UInt64, range: Range<Int>)? {
        let place = places[index]
        guard case .file(let file) = stores[Int(place.store)] else { return nil }
        return (file.inode, place.offset..<(place.offset + Int(place.count)))
    }

    /// Calls `body` with the bytes of the article at `index` (site order).
    @inline(__always)
    func withBlob<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let place = places[index]
        return withExtendedLifetime(self) { body(UnsafeRawBufferPointer(start: bases[Int(place.store)] + place.offset, count: Int(place.count))) }
    }

    /// The same, for the article numbered `number` by search (oldest first).
    @inline(__always)
    func withBlob<R>(numbered number: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withBlob(SearchShards.siteIndex(ofNumber: number, count: count), body)
    }
}

/// Articles' bytes as they are made, on every core: each run of articles' bytes, every article's
/// followed by its checksum (as `SearchMemo` keeps them), written into a file at once, then read
/// from it mapped (`ArticleBlobs`); kept in memory when there is no file or writing it fails.
final class BlobWriter: @unchecked Sendable {
    private let lock = NSLock()
    /// The file written, open for reading and writing; nil: everything is kept in memory.
    private let fd: Int32?
    /// Where the next run goes in the file.
    private var next: Int
    /// The `errno` of the first write that failed; 0 while none has.
    private var failure: Int32 = 0
    private var memory: [UnsafeMutableRawBufferPointer] = []
    /// For each article to be added (numbered from 0, in the order the maker was given them),
    /// its place: in `memory` (the store numbered as there), or in the file (store `fileStore`).
    private var places: [ArticleBlobs.Place?]
    private static let fileStore: Int32 = -1

    /// Keeps everything in memory.
    init(count: Int) {
        fd = nil
        next = 0
        places = Array(repeating: nil, count: count)
    }

    /// Writes into the file open as `fd` (for reading too), from `offset`.
    init(fd: Int32, at offset: Int, count: Int) {
        self.fd = fd
        next = offset
        places = Array(repeating: nil, count: count)
    }

    /// Where the articles written to the file end, or the `errno` of a write that failed.
    var end: (at: Int, failure: Int32) {
        lock.lock()
        defer { lock.unlock() }
        return (next, failure)
    }

    /// Adds a run's bytes: the articles numbered `numbers`, at `ranges` of `bytes`, each range
    /// followed by the article's checksum.
    func add(_ bytes: UnsafeRawBufferPointer, ranges: [Range<Int>], at numbers: Range<Int>) {
        let (store, base) = written(bytes) ?? kept(bytes)
        lock.lock()
        for (number, range) in zip(numbers, ranges) {
            places[number] = ArticleBlobs.Place(store: store, count: Int32(range.count), offset: base + range.lowerBound)
        }
        lock.unlock()
    }

    /// The store and offset of `bytes` written into the file; nil when there is no file or
    /// writing failed (the first failure is kept: nothing more is written).
    private func written(_ bytes: UnsafeRawBufferPointer) -> (Int32, Int)? {
        lock.lock()
        guard let fd, failure == 0 else {
            lock.unlock()
            return nil
        }
        let offset = next
        next += bytes.count
        lock.unlock()
        let code = Self.write(bytes, to: fd, at: offset)
        guard code != 0 else { return (Self.fileStore, offset) }
        lock.lock()
        if failure == 0 { failure = code }
        lock.unlock()
        return nil
    }

    /// The store and offset of a copy of `bytes` kept in memory.
    private func kept(_ bytes: UnsafeRawBufferPointer) -> (Int32, Int) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        if !bytes.isEmpty { copy.copyMemory(from: bytes) }
        lock.lock()
        defer { lock.unlock() }
        memory.append(copy)
        return (Int32(memory.count - 1), 0)
    }

    /// Adds `blobs`, the articles numbered `numbers`, as one run.
    func add(_ blobs: [[UInt8]], at numbers: Range<Int>) {
        var run: [UInt8] = []
        var ranges: [Range<Int>] = []
        for blob in blobs { ranges.append(Self.append(blob, to: &run)) }
        run.withUnsafeBytes { add($0, ranges: ranges, at: numbers) }
    }

    /// Appends an article's bytes and their checksum to a run; where the bytes are.
    static func append(_ blob: [UInt8], to run: inout [UInt8]) -> Range<Int> {
        let start = run.count
        run += blob
        sealArticle(from: start, in: &run)
        return start..<(start + blob.count)
    }

    /// Appends the checksum of the article's bytes from `start` to the end of `run`.
    static func sealArticle(from start: Int, in run: inout [UInt8]) {
        let sum = run.withUnsafeBytes { StableHasher.hash(of: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        withUnsafeBytes(of: sum.littleEndian) { run.append(contentsOf: $0) }
    }

    /// The stores and every article's place (nil where none was added), the file mapped.
    fileprivate func finish() -> (stores: [ArticleBlobs.Store], places: [ArticleBlobs.Place?]) {
        lock.lock()
        defer { lock.unlock() }
        var stores = memory.map(ArticleBlobs.Store.memory)
        memory = []
        let inFile = places.lazy.compactMap { $0 }.filter { $0.store == Self.fileStore }.map { $0.offset + Int($0.count) }.max()
        if let inFile {
            // Through the descriptor written to (open for reading too), whatever becomes of its name.
            guard let fd, let mapped = MappedFile(duplicating: fd), mapped.size >= inFile else {
                preconditionFailure("the search memo being written was cut short by another program")
            }
            stores.append(.file(mapped))
        }
        let fileStore = Int32(stores.count - 1)
        return (stores, places.map { $0.map { $0.store == Self.fileStore ? ArticleBlobs.Place(store: fileStore, count: $0.count, offset: $0.offset) : $0 } })
    }

    /// Writes all of `bytes` at `offset`; 0, or the `errno` of the failure.
    private static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, at offset: Int) -> Int32 {
        var done = 0
        while done < bytes.count {
            let written = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // A disk with no room left may take part of a write, then refuse the rest.
            done += written
        }
        return 0
    }
}
