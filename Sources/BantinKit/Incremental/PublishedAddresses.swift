import Foundation

/// The addresses each article file was published at, kept beside the output: the last first,
/// then those before it (a few); and what the last build read of each article file, drafts
/// aside (its date and body: `Identity`), published or waiting. A build told of an article
/// whose address changed since (its title or `slug:` edited) warns while the old page is still
/// in the output: links to it stop working, and feed readers take the article for a new one.
/// Keyed by the file's path in the content folder, kept whatever bantin executable builds and
/// wherever the project is (a CI run's executable is a new file each time). A new file whose
/// article is one published under a path now gone is known for it (`renamed`, `withdrawn`).
/// The identities are a file of their own, which a bantin of before they were kept does not read.
struct PublishedAddresses {
    /// Each file's addresses (slugs), the last first.
    private(set) var addresses: [String: [String]] = [:]
    /// What the last build read of each article file, drafts aside.
    private(set) var identities: [String: Identity] = [:]
    /// The addresses of a file kept: enough to know an address given back.
    static let kept = 8

    /// An article as a build read it: its date and its body.
    struct Identity: Hashable {
        var date: Int64
        var body: UInt64

        init(date: Int64, body: UInt64) {
            self.date = date
            self.body = body
        }

        init(_ article: Article) { self.init(date: article.date.instant, body: article.bodyHash) }
    }

    init(addresses: [String: [String]] = [:], identities: [String: Identity] = [:]) {
        self.addresses = addresses
        self.identities = identities
    }

    /// What `save` wrote; nothing of a file missing or unreadable. Read as bytes: a one-article
    /// rebuild of 10,000 articles reads them whole. A line is a path, a tab, then its addresses
    /// (by spaces), or its identity (the date's instant and the body's hash in hexadecimal).
    init(url: URL, identitiesURL: URL) {
        Self.forEachLine(of: url) { path, rest in
            addresses[path] = rest.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        }
        Self.forEachLine(of: identitiesURL) { path, rest in
            let fields = rest.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            if fields.count == 2, let date = Int64(fields[0]), let body = UInt64(fields[1], radix: 16) { identities[path] = Identity(date: date, body: body) }
        }
    }

    private static func forEachLine(of url: URL, _ line: (String, UnsafeBufferPointer<UInt8>.SubSequence) -> Void) {
        guard let data = try? Data(contentsOf: url) else { return }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            for range in bytes.lineRanges() {
                guard let tab = bytes[range].firstIndex(of: UInt8(ascii: "\t")) else { continue }
                line(String(decoding: bytes[range.lowerBound..<tab], as: UTF8.self), bytes[(tab + 1)..<range.upperBound])
            }
        }
    }

    /// Whether the file at `path` is new: the last build read no article there (nor kept what it read).
    private func isNew(_ path: String) -> Bool { identities[path] == nil && addresses[path] == nil }

    /// The files published by the last build that are gone (not among `present`, the paths of
    /// the articles read), with what it read of them.
    private func gone(present: Set<String>) -> [(key: String, value: Identity)] {
        identities.filter { addresses[$0.key] != nil && !present.contains($0.key) }.map { ($0.key, $0.value) }
    }

    /// The new files of `articles`, published, whose article is one published under a path now
    /// gone: the same date and body, one of each. By path, the path each was published under.
    func renamed(_ articles: [(path: String, article: Article)], present: Set<String>) -> [String: String] {
        let new = articles.filter { !$0.article.fields.draft && isNew($0.path) }
        guard !new.isEmpty else { return [:] }
        let gone = Dictionary(grouping: gone(present: present), by: \.value)
        guard !gone.isEmpty else { return [:] }
        var renamed: [String: String] = [:]
        for (identity, new) in Dictionary(grouping: new, by: { Identity($0.article) }) {
            guard new.count == 1, let old = gone[identity], old.count == 1 else { continue }
            renamed[new[0].path] = old[0].key
        }
        return renamed
    }

    /// A warning for each of `articles` (by its path in the content folder) whose address is no
    /// longer the one it was last published at (under this path, or the one it was `renamed`
    /// from, named in the content folder `contentName`), while that page is in the output
    /// (`published`), unless it goes back to one it had or keeps it as an old address (under the
    /// site's base URLs, `bases`); drafts are previews, never told.
    func moves(
        of articles: [(path: String, article: Article)], renamed: [String: String] = [:], contentName: String, published: (Slug) -> Bool, strict: Bool,
        bases: [String]
    ) -> [Diagnostic] {
        let moved: [(article: Article, from: Slug, before: String?)] = articles.compactMap { path, article in
            let before = renamed[path]
            guard !article.fields.draft, let known = addresses[before ?? path], let last = lastSlug(of: before ?? path),
                last != article.slug, !known.contains(article.slug.value), published(last),
                // Kept as an old address, the published one still leads to the article.
                !article.fields.aliases.contains(where: { (try? OldAddresses.outputPath(of: $0, bases: bases).get()) == Route.article(last).outputPath })
            else { return nil }
            return (article, last, before)
        }
        guard !moved.isEmpty else { return [] }
        // An address another article has now stays (a file renamed, another started under its name).
        let current = Set(articles.lazy.filter { !$0.article.fields.draft }.map(\.article.slug))
        return moved.filter { !current.contains($0.from) }.map { article, last, before in
            Self.warning(article, from: last, renamedFrom: before.map { ContentTree.join(contentName, $0) }, strict: strict)
        }
    }

    /// A warning for each of `waiting` (articles dated after `now`, by path) that a build published,
    /// while its page is in the output (`published`), whose date an edit moved past now: the
    /// build that published it last read it dated at or before now (a slip of a month or a
    /// year). It leaves the site until then, and links to it stop working. One previewed with
    /// `--future`, or published again as "now" goes back, has the date it had: not told. A new
    /// file, renamed in the same edit, is known by its body: the one body of a published file
    /// gone (not among `present`, the paths of the articles read), that one new file has; named in
    /// the content folder `contentName`.
    func withdrawn(
        _ waiting: [(path: String, article: Article)], present: Set<String>, contentName: String, now: Int64, published: (Slug) -> Bool
    ) -> [Diagnostic] {
        let candidates = waiting.filter { !$0.article.fields.draft }
        guard !candidates.isEmpty, !identities.isEmpty else { return [] }
        let gone = Dictionary(grouping: gone(present: present), by: \.value.body)
        let newBodies = Dictionary(grouping: candidates.filter { isNew($0.path) }, by: \.article.bodyHash)
        return candidates.compactMap { path, article in
            let renamedFrom = addresses[path] != nil || !isNew(path) || newBodies[article.bodyHash]?.count != 1
                ? nil : gone[article.bodyHash].flatMap { $0.count == 1 ? $0[0].key : nil }
            let from = renamedFrom ?? path
            guard addresses[from] != nil, let date = identities[from]?.date, date <= now, date != article.date.instant,
                let last = lastSlug(of: from), published(last) else { return nil }
            let at = article.positions.of("date") ?? SourcePosition(line: 1, column: 1)
            let folder = Route.article(last).outputPath.dropLast("index.html".count)
            return at.diagnostic(.warning, article.file,
                "the article is published (\(folder)\(renamedFrom.map { ", its file renamed from \(ContentTree.join(contentName, $0))" } ?? "")), and now dated \(article.date.iso8601), after now: it leaves the site until then, and links to it stop working; if the date is a slip, correct it")
        }
    }

    /// The address the file at `path` was last published at.
    private func lastSlug(of path: String) -> Slug? {
        addresses[path]?.first.flatMap { Slug.isValid($0) ? Slug(checked: $0) : nil }
    }

    /// These addresses after a build that published `published` (and read `waiting`): each one's
    /// address first, then those of its file, or of the file it was `renamed` from; and what was
    /// read of each.
    func adding(_ published: [(path: String, article: Article)], waiting: [(path: String, article: Article)], renamed: [String: String] = [:]) -> PublishedAddresses {
        var next = PublishedAddresses()
        // Kept as they are when each published file's last address is its article's and no other
        // file is listed (a one-article rebuild seldom changes an address).
        let listed = published.lazy.filter { !$0.article.fields.draft }
        if listed.allSatisfy({ addresses[$0.path]?.first == $0.article.slug.value }), listed.count == addresses.count {
            next.addresses = addresses
            next.addressesKept = true
        } else {
            for (path, article) in listed {
                let slug = article.slug.value
                next.addresses[path] = Array(([slug] + (addresses[path] ?? renamed[path].flatMap { addresses[$0] } ?? []).filter { $0 != slug }).prefix(Self.kept))
            }
        }
        next.identities.reserveCapacity(published.count + waiting.count)
        for (path, article) in published + waiting where !article.fields.draft { next.identities[path] = Identity(article) }
        return next
    }

    /// Whether `adding` kept the addresses as they were (nothing to write).
    private var addressesKept = false

    /// Writes the addresses to `url` and the identities to `identitiesURL`, each unless it is what
    /// `earlier` (what the last build saved) holds: whether those written were saved.
    @discardableResult
    func save(to url: URL, identitiesURL: URL, unless earlier: PublishedAddresses? = nil) -> Bool {
        // In no order: the next build reads them into a dictionary.
        func lines<Value>(_ values: [String: Value], _ rest: (Value, inout [UInt8]) -> Void) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(values.count * 96)
            for (path, value) in values {
                bytes += path.utf8
                bytes.append(UInt8(ascii: "\t"))
                rest(value, &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
            return bytes
        }
        var saved = true
        if !addressesKept || earlier == nil, addresses != earlier?.addresses {
            saved = OutputFolder.replaceFile(parts: [lines(addresses) { slugs, bytes in bytes += slugs.joined(separator: " ").utf8 }], at: url.path)
        }
        if identities != earlier?.identities {
            saved = OutputFolder.replaceFile(parts: [lines(identities) { identity, bytes in
                Self.appendDigits(of: identity.date, to: &bytes)
                bytes.append(UInt8(ascii: " "))
                Self.appendHex(of: identity.body, to: &bytes)
            }], at: identitiesURL.path) && saved
        }
        return saved
    }

    /// `value` in decimal, as `Int64(_:)` reads it back (written for every article at every edit:
    /// no `String` made for it).
    private static func appendDigits(of value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var magnitude = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `value` in hexadecimal, as `UInt64(_:radix: 16)` reads it back.
    private static func appendHex(of value: UInt64, to bytes: inout [UInt8]) {
        let width = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
        for k in stride(from: width - 1, through: 0, by: -1) { bytes.append(hexDigits[Int((value >> (4 * UInt64(k))) & 0xF)]) }
    }

    /// The warning at the field the address is made from (`slug:`, else the title); `renamedFrom`:
    /// the path the article's file had.
    static func warning(_ article: Article, from published: Slug, renamedFrom: String? = nil, strict: Bool) -> Diagnostic {
        let key = article.fields.slug == nil ? "title" : "slug"
        let at = article.positions.of(key) ?? SourcePosition(line: 1, column: 1)
        let folder = { (slug: Slug) in Route.article(slug).outputPath.dropLast("index.html".count) }
        return at.diagnostic(.warning, article.file,
            "the article's address changes, from \(folder(published)) to \(folder(article.slug))\(key == "title" ? ", as it is made from its `title` (edited, or read by the rule of a newer bantin)" : " with its `slug`")\(renamedFrom.map { " (its file renamed from \($0))" } ?? ""): links to the published address (shared, bookmarked, in search engines) stop working, and feed readers show the article again as new; to keep it, \(key == "title" ? "add" : "write again") `slug: \(published.value)`, or keep it leading to the new one with `aliases: [\"/\(folder(published))\"]`"
                + (strict ? " (to move it, build once without `--strict`)" : ""))
    }
}
