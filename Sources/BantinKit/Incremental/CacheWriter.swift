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

    /// Where each entry is (after its key, when the entries have `keys`), then the trailer:
    /// entry count, where this table starts, its checksum.
    mutating func table(_ places: [Range<Int>], keys: [UInt64]? = nil) {
        let start = bytes.count
        let table = position
        for (k, place) in places.enumerated() {
            if let keys { int(Int64(bitPattern: keys[k])) }
            int(Int64(place.lowerBound))
            int(Int64(place.count))
        }
        let check = bytes.withUnsafeBufferPointer { Self.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        int(Int64(places.count))
        int(table)
        int(check)
    }

    static func checksum(_ table: UnsafeBufferPointer<UInt8>) -> Int64 {
        Int64(bitPattern: StableHasher.hash(of: UnsafeRawBufferPointer(table)))
    }
}

extension CacheWriter {
    /// Saves a file of entries followed by their table (`table`) at `path`. When `file` (the
    /// file as it was read) is still the one at `path` and at most twice `live` bytes plus
    /// `slack`, the new entries and a new table are appended to it; otherwise (or when
    /// appending fails) everything is written into a temporary file renamed over it, so a
    /// failure leaves the old file or none. `header` starts a new file; `entries` writes the
    /// entries, only those not already in `file` when `appending`, and gives every entry's
    /// place (and keys) for the table.
    /// - Returns: whether the file was saved (a full disk, for one, leaves it unsaved).
    @discardableResult
    static func save(
        at path: String, over file: MappedFile?, live: Int, slack: Int, header: (inout CacheWriter) -> Void,
        entries: (inout CacheWriter, _ appending: Bool) -> (places: [Range<Int>], keys: [UInt64]?)
    ) -> Bool {
        if let file, file.isStill(at: path), file.size <= 2 * live + slack {
            let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0, lseek(fd, off_t(file.size), SEEK_SET) == off_t(file.size) {
                var out = CacheWriter(fd: fd, position: Int64(file.size))
                let (places, keys) = entries(&out, true)
                out.table(places, keys: keys)
                if out.finish() { return true }
                // A half-written end is never taken for a table (`CacheReader.table`), but leave nothing doubtful.
                unlink(path)
            } else if fd >= 0 {
                close(fd)
            }
        }
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        var out = CacheWriter(fd: fd)
        header(&out)
        let (places, keys) = entries(&out, false)
        out.table(places, keys: keys)
        if out.finish() && rename(temporary, path) == 0 { return true }
        unlink(temporary)
        return false
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

extension CacheReader {
    /// The entries the table at the end of `bytes` lists (`CacheWriter.table`), with their keys
    /// when `keyed`: `nil` unless the file ends with a whole table whose checksum holds, and
    /// every entry is non-empty and lies between `firstEntry` and the table.
    static func table(of bytes: UnsafeBufferPointer<UInt8>, firstEntry: Int, keyed: Bool) -> (keys: [UInt64], places: [Range<Int>])? {
        let width = keyed ? 24 : 16
        guard bytes.count >= 24 + firstEntry else { return nil }
        var trailer = CacheReader(bytes: bytes, offset: bytes.count - 24)
        guard let count = trailer.int().map(Int.init), let table = trailer.int().map(Int.init), let check = trailer.int(),
            count >= 0, count <= (bytes.count - 24) / width, table >= firstEntry, table + count * width + 24 == bytes.count,
            check == CacheWriter.checksum(UnsafeBufferPointer(rebasing: bytes[table..<(table + count * width)]))
        else { return nil }
        var keys: [UInt64] = []
        var places: [Range<Int>] = []
        keys.reserveCapacity(keyed ? count : 0)
        places.reserveCapacity(count)
        var reader = CacheReader(bytes: bytes, offset: table)
        for _ in 0..<count {
            if keyed { keys.append(UInt64(bitPattern: reader.int()!)) }
            guard let start = reader.int().map(Int.init), let length = reader.int().map(Int.init), start >= firstEntry, length > 0,
                start <= table - length
            else { return nil }
            places.append(start..<(start + length))
        }
        return (keys, places)
    }
}
