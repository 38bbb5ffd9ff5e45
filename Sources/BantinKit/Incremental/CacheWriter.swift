import Foundation

/// Length-prefixed little-endian values, buffered and written to a file descriptor.
struct CacheWriter {
    let fd: Int32
    var bytes: [UInt8] = []
    private var flushed: Int64 = 0
    private var failed = false

    /// `position`: where in the file the descriptor writes first.
    init(fd: Int32, position: Int64 = 0) {
        self.fd = fd
        flushed = position
        bytes.reserveCapacity(Self.flushSize + 64 * 1024)
    }

    static let flushSize = 1 << 20

    /// Where the next byte goes in the file.
    var position: Int64 { flushed + Int64(bytes.count) }

    mutating func flushIfLarge() {
        if bytes.count >= Self.flushSize { flush() }
    }

    private mutating func flush() {
        do {
            try OutputFolder.writeAll(bytes, to: fd)
        } catch {
            failed = true
        }
        flushed += Int64(bytes.count)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; false if any write failed.
    mutating func finish() -> Bool {
        flush()
        return close(fd) == 0 && !failed
    }

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Text after its length.
    mutating func text(_ value: String) {
        int(Int64(value.utf8.count))
        bytes += value.utf8
    }

    mutating func raw(_ value: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: value) }

    /// Where each entry is, then the trailer: entry count, where this table starts, its checksum.
    mutating func table(_ places: [Range<Int>]) {
        let start = bytes.count
        let table = position
        for place in places {
            int(Int64(place.lowerBound))
            int(Int64(place.count))
        }
        let check = bytes.withUnsafeBufferPointer { Self.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        int(Int64(places.count))
        int(table)
        int(check)
    }

    static func checksum(_ table: UnsafeBufferPointer<UInt8>) -> Int64 {
        var hasher = StableHasher()
        hasher.add(bytes: UnsafeRawBufferPointer(table))
        return Int64(bitPattern: hasher.value)
    }
}

/// Reads the framing `CacheWriter` wrote (header, table, trailer); every read is checked.
struct CacheReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    mutating func int() -> Int64? {
        guard offset + 8 <= bytes.count else { return nil }
        let value = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: Int64.self)
        offset += 8
        return Int64(littleEndian: value)
    }

    mutating func string() -> String? {
        guard let count = int(), count >= 0, offset + Int(count) <= bytes.count else { return nil }
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + Int(count))])
        offset += Int(count)
        return String(decoding: slice, as: UTF8.self)
    }
}
