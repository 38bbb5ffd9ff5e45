import CCmarkGFM
import Glibc

/// The memory cmark-gfm parses and renders a body in: a bump allocator of the parsing thread,
/// emptied at once when the parse is over. cmark-gfm allocates every node, and every piece of
/// text it copies, on its own (`calloc`); through the system allocator, on two cores, that cost
/// as much as parsing. Nothing cmark-gfm allocated here outlives the parse: what bantin keeps is
/// copied into Swift values before it ends.
enum ParseArena {
    /// Runs `body` with the allocator to give cmark-gfm; the thread's arena is emptied when the
    /// outermost such call on the thread returns.
    static func using<T>(_ body: (UnsafeMutablePointer<cmark_mem>) -> T) -> T {
        let arena = Arena.ofThisThread
        arena.depth += 1
        defer {
            arena.depth -= 1
            if arena.depth == 0 { arena.reset() }
        }
        return body(allocator)
    }

    /// cmark-gfm's allocator interface, pointing at the functions below: memory from the calling
    /// thread's arena, valid until its outermost `using` returns.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(to: cmark_mem(calloc: arenaCalloc, realloc: arenaRealloc, free: arenaFree))
        return mem
    }()
}

private func arenaCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow else { return nil }
    let pointer = Arena.ofThisThread.allocate(bytes)
    memset(pointer, 0, bytes)
    return pointer
}

private func arenaRealloc(_ old: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    Arena.ofThisThread.reallocate(old, to: size)
}

/// Memory is given back all at once, when the parse ends.
private func arenaFree(_ pointer: UnsafeMutableRawPointer?) {}

/// One thread's bump allocator: blocks used one after another, each allocation preceded by its
/// size (for `realloc`); large allocations get their own memory.
private final class Arena {
    static let blockSize = 256 * 1024
    static let headerSize = 16

    private var blocks: [UnsafeMutableRawPointer] = []
    private var large: [UnsafeMutableRawPointer] = []
    /// The block in use, and how much of it is used.
    private var block = -1
    private var used = blockSize
    /// The allocation that ends where the free part of the block begins (it can grow in place).
    private var last: UnsafeMutableRawPointer?
    /// How many `ParseArena.using` calls are running on this thread.
    var depth = 0

    func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let total = (Self.headerSize + size + 15) & ~15
        let start: UnsafeMutableRawPointer
        if total > Self.blockSize / 4 {
            guard let memory = malloc(total) else { fatalError("out of memory") }
            large.append(memory)
            start = memory
        } else {
            if used + total > Self.blockSize { nextBlock() }
            start = blocks[block] + used
            used += total
            last = start + Self.headerSize
        }
        start.storeBytes(of: size, as: Int.self)
        return start + Self.headerSize
    }

    func reallocate(_ old: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer {
        guard let old else { return allocate(size) }
        let oldSize = (old - Self.headerSize).load(as: Int.self)
        // The latest allocation grows where it is, when its block has room.
        if old == last {
            let oldTotal = (Self.headerSize + oldSize + 15) & ~15
            let newTotal = (Self.headerSize + size + 15) & ~15
            if used - oldTotal + newTotal <= Self.blockSize, newTotal <= Self.blockSize / 4 {
                used += newTotal - oldTotal
                (old - Self.headerSize).storeBytes(of: size, as: Int.self)
                return old
            }
        }
        let new = allocate(size)
        new.copyMemory(from: old, byteCount: min(oldSize, size))
        return new
    }

    private func nextBlock() {
        block += 1
        if block == blocks.count {
            guard let memory = malloc(Self.blockSize) else { fatalError("out of memory") }
            blocks.append(memory)
        }
        used = 0
        last = nil
    }

    /// Every allocation is over: the blocks are used again from the first (a few are kept).
    func reset() {
        for memory in large { free(memory) }
        large.removeAll(keepingCapacity: true)
        while blocks.count > 4, let extra = blocks.popLast() { free(extra) }
        block = -1
        used = Self.blockSize
        last = nil
    }

    deinit {
        reset()
        for memory in blocks { free(memory) }
    }

    /// The arena of the calling thread, made on first use and freed when the thread ends.
    static var ofThisThread: Arena {
        if let pointer = pthread_getspecific(threadKey) { return Unmanaged<Arena>.fromOpaque(pointer).takeUnretainedValue() }
        let arena = Arena()
        pthread_setspecific(threadKey, Unmanaged.passRetained(arena).toOpaque())
        return arena
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<Arena>.fromOpaque(pointer).release() }
        }
        return key
    }()
}
