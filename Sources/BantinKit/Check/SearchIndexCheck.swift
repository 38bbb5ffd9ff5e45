import Foundation

/// The files of the search index, which the search page's script loads by name (no link of a
/// page names them): the table `muc-luc.js`, and every shard, pair file and record it lists.
enum SearchIndexCheck {
    /// `muc-luc.js`'s JSON: `{"format": V, "docs": N, "pairs": {"buckets": B, "perFile": F}, "shards": [keys]}` (what `check` reads of it).
    struct Table: Decodable {
        struct Pairs: Decodable {
            var buckets: Int
            var perFile: Int
        }
        var docs: Int
        var pairs: Pairs
        var shards: [String]

        /// Every file the table lists, under the index's folder.
        var files: [String] {
            let pairFiles = pairs.perFile > 0 ? pairs.buckets / pairs.perFile : 0
            return shards.map { SearchShards.folder + SearchShards.shardFileName($0) }
                + (0..<pairFiles).map { SearchShards.folder + PhrasePairs.fileName($0) }
                + (0..<docs).map(SearchShards.recordPath)
        }
    }

    /// The table's path in a site.
    static let tablePath = SearchShards.folder + "muc-luc.js"

    /// What `page` (the search page, whose script loads the index) would miss of the index in
    /// the site at `root` (a path, as `LinkChecker` reads it) whose files are `existing`.
    static func missing(page: String, existing: Set<String>, root: String) -> [BrokenLink] {
        guard existing.contains(tablePath) else {
            return [BrokenLink(page: page, target: tablePath, reason: "no such file: the search page's script loads it")]
        }
        guard let bytes = Directory.contents(of: root + "/" + tablePath), let table = table(in: String(decoding: bytes, as: UTF8.self)) else {
            return [BrokenLink(page: page, target: tablePath, reason: "not the search index's table (`BANTIN_SEARCH_INDEX({…});`)")]
        }
        return table.files.filter { !existing.contains($0) }.map {
            BrokenLink(page: page, target: $0, reason: "no such file: \(tablePath) lists it, and the search page's script loads it")
        }
    }

    /// The table a `muc-luc.js` holds, if it is one.
    static func table(in text: String) -> Table? {
        let call = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let start = "BANTIN_SEARCH_INDEX(", end = ");"
        guard call.hasPrefix(start), call.hasSuffix(end) else { return nil }
        return try? JSONDecoder().decode(Table.self, from: Data(call.dropFirst(start.count).dropLast(end.count).utf8))
    }
}
