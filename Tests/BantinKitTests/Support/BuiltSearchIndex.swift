import Foundation
@testable import BantinKit

/// A built site's search index read back as the search page reads it: the manifest, every shard,
/// every article's record and every `PhrasePairs` bucket (`SearchShards`).
struct BuiltSearchIndex {
    var docs: Int
    var keys: [String]
    /// Folded word → its shard key and entry (`[title, sapo, about, form, articles, …]`).
    var words: [String: (key: String, entry: [String])] = [:]
    /// Article number → `[url, title, date, sapo, body, byline and terms]`.
    var records: [Int: [String]] = [:]
    /// `PhrasePairs` bucket → the articles that have it; how many buckets a file holds.
    var pairs: [Int: Set<Int>] = [:]
    var pairsPerFile: Int

    static let folder = "tim-kiem/chi-muc/"

    init(site output: URL) throws {
        let base = output.appendingPathComponent(Self.folder)
        let manifest = try Self.call(base.appendingPathComponent("muc-luc.js"), "BANTIN_SEARCH_INDEX") as! [String: Any]
        docs = manifest["docs"] as! Int
        keys = manifest["shards"] as! [String]
        for key in keys {
            let args = try Self.call(base.appendingPathComponent(SearchShards.shardFileName(key)), "BANTIN_SEARCH_SHARD", arguments: true) as! [Any]
            precondition(args[0] as! String == key)
            for (word, entry) in args[1] as! [String: [String]] { words[word] = (key, entry) }
        }
        for n in 0..<docs {
            let args = try Self.call(base.appendingPathComponent("bai/\(n).js"), "BANTIN_SEARCH_DOC", arguments: true) as! [Any]
            records[args[0] as! Int] = args[1] as? [String]
        }
        let layout = manifest["pairs"] as! [String: Int]
        pairsPerFile = layout["perFile"]!
        for k in 0..<(layout["buckets"]! / pairsPerFile) {
            // `BANTIN_SEARCH_PAIRS(k,[…]);` where an empty bucket is a hole (not JSON): DocList
            // strings hold no comma or quote, so the array is split at its commas.
            let name = "BANTIN_SEARCH_PAIRS(\(k),["
            let text = try String(contentsOf: base.appendingPathComponent("p-\(k).js"), encoding: .utf8)
            precondition(text.hasPrefix(name) && text.hasSuffix("]);\n"), "p-\(k).js is not a call of BANTIN_SEARCH_PAIRS(\(k), …)")
            let items = text.dropFirst(name.count).dropLast(4).split(separator: ",", omittingEmptySubsequences: false)
            precondition(items.count <= pairsPerFile)
            for (offset, item) in items.enumerated() where !item.isEmpty {
                precondition(item.hasPrefix("\"") && item.hasSuffix("\"") && item.count > 2, "p-\(k).js: \(item)")
                pairs[k * pairsPerFile + offset] = Set(DocList.decode(Array(item.dropFirst().dropLast().utf8)).map(Int.init))
            }
        }
    }

    /// The file that holds `PhrasePairs` bucket `bucket`.
    func pairFile(_ bucket: Int) -> String { "p-\(bucket / pairsPerFile).js" }

    /// The bucket of two or three neighbouring words (exact lower-case forms), as the page works it out.
    static func bucket(_ words: String...) -> Int {
        let hashes = words.map { word in Array(word.utf8).withUnsafeBytes { VietnameseFolding.foldedHash($0) } }
        precondition(hashes.count == 2 || hashes.count == 3)
        return hashes.count == 2 ? PhrasePairs.bucket(hashes[0], hashes[1]) : PhrasePairs.bucket(hashes[0], hashes[1], hashes[2])
    }

    /// The JSON inside `name(…);`; with `arguments`, as an array of the call's arguments.
    static func call(_ url: URL, _ name: String, arguments: Bool = false) throws -> Any {
        var text = try String(contentsOf: url, encoding: .utf8)
        precondition(text.hasPrefix(name + "(") && text.hasSuffix(");\n"), "\(url.path) is not a call of \(name)")
        text = String(text.dropFirst(name.count + 1).dropLast(3))
        return try JSONSerialization.jsonObject(with: Data((arguments ? "[" + text + "]" : text).utf8), options: [.fragmentsAllowed])
    }

    /// The articles a folded word occurs in (any form), or with it in the title, the sapo or
    /// the byline, place, category, codes and themes (`about`).
    func articles(_ folded: String, in part: Part = .anywhere) -> Set<Int> {
        guard let entry = words[folded]?.entry else { return [] }
        switch part {
        case .title: return Set(DocList.decode(Array(entry[0].utf8)).map(Int.init))
        case .sapo: return Set(DocList.decode(Array(entry[1].utf8)).map(Int.init))
        case .about: return Set(DocList.decode(Array(entry[2].utf8)).map(Int.init))
        case .anywhere:
            return Set(stride(from: 4, to: entry.count, by: 2).flatMap { DocList.decode(Array(entry[$0].utf8)).map(Int.init) })
        }
    }

    enum Part { case title, sapo, about, anywhere }

    /// The exact forms of a folded word, most used first.
    func forms(_ folded: String) -> [String] {
        guard let entry = words[folded]?.entry else { return [] }
        return stride(from: 3, to: entry.count, by: 2).map { entry[$0] }
    }

    /// The number of the article whose record's title is `title`.
    func number(title: String) -> Int? { records.first { $0.value[1] == title }?.key }
}
