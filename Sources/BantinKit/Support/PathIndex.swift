/// Paths, found by a 64-bit hash of their bytes and then compared: the tens of thousands of
/// paths of a site are looked up without each being hashed again by `Hasher`.
struct PathIndex: Sendable {
    let paths: [String]
    private var positions: [UInt64: Int] = [:]

    init(_ paths: [String]) {
        self.paths = paths
        positions.reserveCapacity(paths.count)
        // A hash two paths share (all but impossible) finds the first; the other is not found.
        for index in paths.indices.reversed() { positions[Self.key(paths[index])] = index }
    }

    private static func key(_ path: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(path)
        return hasher.value
    }

    /// Where `path` is in `paths`.
    func position(of path: String) -> Int? {
        guard let index = positions[Self.key(path)], paths[index] == path else { return nil }
        return index
    }

    func contains(_ path: String) -> Bool { position(of: path) != nil }
}
