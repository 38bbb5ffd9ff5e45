import Foundation

/// The bodies of the articles a build reads, copied one after another into large blocks of
/// their own as the files are read, for the search index to read each once
/// (`BodyText.readOnce`) rather than open and read its file again; all let go together once
/// the index has read them (the last `BodyText` holding one lets go of the store).
/// Blocks of their own: ten thousand bodies held each in its own array among the build's other
/// memory, until the index read them, broke up the allocator's free lists (measured: `malloc`
/// and its helpers took more time than the second reading saved).
final class BodyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [UnsafeMutableRawBufferPointer] = []
    /// Bytes used of the last block.
    private var used = 0
    static let blockSize = 8 << 20

    /// A body kept: its bytes, and the store they are in (kept with them).
    struct Kept {
        let store: BodyStore
        let bytes: UnsafeRawBufferPointer
    }

    /// A copy of `bytes` in the store.
    func keep(_ bytes: UnsafeRawBufferPointer) -> Kept {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return Kept(store: self, bytes: UnsafeRawBufferPointer(start: nil, count: 0)) }
        lock.lock()
        if blocks.last.map({ used + bytes.count > $0.count }) ?? true {
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(Self.blockSize, bytes.count), alignment: HugePages.size)
            HugePages.advise(block.bindMemory(to: UInt8.self))
            blocks.append(block)
            used = 0
        }
        let at = blocks[blocks.count - 1].baseAddress! + used
        used += bytes.count
        lock.unlock()
        // Copied outside the lock: the place is this caller's alone.
        at.copyMemory(from: source, byteCount: bytes.count)
        return Kept(store: self, bytes: UnsafeRawBufferPointer(start: at, count: bytes.count))
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
