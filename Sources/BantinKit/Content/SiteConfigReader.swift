import Yams
import Foundation

/// Reads `site.yml` into a `SiteConfig` (each key as `SiteConfig` declares it), then checks what
/// its values must satisfy beyond their types.
enum SiteConfigReader {
    static func read(text: String, file: String, diagnostics: inout [Diagnostic]) -> SiteConfig {
        var positions = FieldPositions()
        return read(text: text, file: file, positions: &positions, diagnostics: &diagnostics)
    }

    /// As `read(text:file:diagnostics:)`, saying in `positions` where each setting is written.
    static func read(text: String, file: String, positions: inout FieldPositions, diagnostics: inout [Diagnostic]) -> SiteConfig {
        guard let reader = FieldReader(yaml: text, path: file, firstLine: 1, diagnostics: &diagnostics, plainReader: false, document: "settings") else {
            return SiteConfig()
        }
        let decoded = FieldDecoding.decode(SiteConfig.self, from: reader, zone: .vietnam)
        diagnostics += decoded.diagnostics
        positions = decoded.positions
        var config = decoded.fields
        let at = { (key: String) in decoded.positions.of(key) ?? reader.position(of: key) }
        if let params = reader.value("params")?.node { diagnostics += invisibleKeys(in: params, under: "params", file: file) }
        config.shareImage = config.shareImage.map(ContentPath.fromContent)
        if let base = config.baseURL {
            config.baseURL = BaseURL.normalize(base)
            if config.baseURL == nil {
                diagnostics.append(at("base_url").diagnostic(.error, file, "`base_url` \(BaseURL.problem(base))"))
            }
        }
        // The bulletin's name is every page's title: none (spaces or invisible characters only)
        // would leave the home page's and the feed's empty.
        // `title:` with nothing after it is blank too, not the default name.
        if reader.value("title").map(reader.isNull) == true || config.title.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || LookAlikes.zeroWidth[$0.value] != nil }) {
            diagnostics.append(at("title").diagnostic(.error, file,
                "`title` is empty: write the bulletin's name, shown in every page's title, the feeds and the print edition (`title: Bản tin Xây dựng Đảng`; without the line it is `\(SiteConfig().title)`)"))
            config.title = SiteConfig().title
        }
        // A language tag (`vi`, `en-GB`): it is written into every page's `lang` and its feeds.
        let subtags = config.language.split(separator: "-", omittingEmptySubsequences: false)
        let isTag = subtags.first.map { (2...3).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isLetter } } == true
            && subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        if !isTag {
            diagnostics.append(at("language").diagnostic(.error, file, "`language` must be a language tag such as `vi` or `en-GB`, not `\(config.language)`"))
            config.language = SiteConfig().language
        } else if let short = Self.twoLetterCode[subtags[0].lowercased()] {
            // BCP 47 takes a language's two-letter code where it has one: `vie` is no tag a
            // screen reader or a search engine knows as Vietnamese.
            let written = config.language
            config.language = ([short] + subtags.dropFirst().map(String.init)).joined(separator: "-")
            diagnostics.append(at("language").diagnostic(.warning, file,
                "`language: \(written)`: a language with a two-letter code is written with it (BCP 47), which screen readers and search engines know: write `language: \(config.language)` (read so meanwhile)"))
        }
        // `Etc/GMT+7` is seven hours behind UTC: in the `Etc/` names the sign is turned round,
        // and one who meant Việt Nam's time would date every article 14 hours wrong.
        let zone = config.timezone.identifier
        if zone.lowercased().hasPrefix("etc/gmt+"), let hours = Int(zone.dropFirst("etc/gmt+".count)), hours != 0 {
            diagnostics.append(at("timezone").diagnostic(.warning, file,
                "`timezone: \(zone)` is UTC−\(hours), \(hours) hour\(hours == 1 ? "" : "s") behind UTC: in the `Etc/` names the sign is turned round; "
                    + "write the name of the place instead, which also knows its summer time (`Asia/Ho_Chi_Minh` for Việt Nam, UTC+7; `America/New_York`), or `Etc/GMT-\(hours)` for UTC+\(hours)"))
        }
        if !(1...1000).contains(config.perPage) {
            diagnostics.append(at("per_page").diagnostic(.error, file, "`per_page` must be a whole number from 1 to 1000"))
            config.perPage = SiteConfig().perPage
        }
        return config
    }

    /// The keys of `params` (at any depth) with a character that shows as nothing or as a space
    /// (`tagline⟨zero-width space⟩`, a no-break space pasted before it): no template's
    /// `site.params.tagline` reads them. An error at each, naming the character, as at a field's.
    static func invisibleKeys(in node: Node, under path: String, file: String) -> [Diagnostic] {
        switch node {
        case .mapping(let mapping):
            return mapping.flatMap { key, value -> [Diagnostic] in
                guard let name = key.string else { return [] }
                let visible = LookAlikes.visible(name).trimmingCharacters(in: .whitespaces)
                let here = visible == name ? [] : [Diagnostic.error(file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
                    "`\(path).\(name.namingLookAlikes)` is `\(path).\(visible)` with a character that shows as nothing or as a space (pasted from Word or a web page): delete it, or `{{site.\(path).\(visible)}}` does not read it")]
                return here + invisibleKeys(in: value, under: path + "." + visible, file: file)
            }
        case .sequence(let items): return items.flatMap { invisibleKeys(in: $0, under: path, file: file) }
        default: return []
        }
    }

    /// The three-letter codes (ISO 639-2, both its forms) of languages a bulletin may be written in
    /// that have a two-letter one (ISO 639-1), which BCP 47 takes instead.
    static let twoLetterCode: [String: String] = [
        "vie": "vi", "eng": "en", "fra": "fr", "fre": "fr", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko",
        "rus": "ru", "deu": "de", "ger": "de", "khm": "km", "lao": "lo", "tha": "th", "spa": "es", "por": "pt",
    ]
}

/// A site's base URL, always ending in `/`.
public enum BaseURL {
    /// The site's base URL: the one `--base-url` gives (`override`), over `site.yml`'s.
    static func ofSite(override: String?, config: SiteConfig) -> String? {
        override.flatMap(normalize) ?? config.baseURL
    }

    /// The root of a base URL's host (`https://example.org/` of `https://example.org/bt/`).
    static func root(of base: String) -> String? {
        guard let schemeEnd = base.range(of: "://") else { return nil }
        return String(base[..<(base[schemeEnd.upperBound...].firstIndex(of: "/") ?? base.endIndex)]) + "/"
    }

    /// The base URLs an old address (`aliases:`) written in full may be on, as the site's own:
    /// the build's (`ofSite`), then `site.yml`'s, whose addresses a preview built for another
    /// (`--base-url https://example.org/xem-truoc/`) keeps as the published site does.
    static func ofOldAddresses(override: String?, config: SiteConfig) -> [String] {
        let build = ofSite(override: override, config: config)
        return [build, config.baseURL == build ? nil : config.baseURL].compactMap { $0 }
    }

    /// What a base URL must be, for messages.
    public static let shape = "an absolute http(s) URL such as `https://example.org/bantin/`, with no user name, password, query or fragment"

    /// The base URL as pages write it, ending in `/`, its path percent-encoded (`/bản tin/` →
    /// `/b%E1%BA%A3n%20tin/`); `nil` for anything but \(shape), or a domain not in ASCII (write
    /// its `xn--` form).
    /// What is wrong with `raw`, which `normalize` refused, for messages: a domain name in
    /// letters outside ASCII is told the form to write (`https://xn--…/`).
    /// How a `--base-url` that is no base URL is told: what was given, and why; one given as
    /// nothing (a variable left unset in a script) as that.
    public static func refusal(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespaces).isEmpty
            ? "the address is given as \"\(raw)\", which names none; give the one the site is published at (\(shape)), or leave --base-url out"
            : "`\(raw)` \(problem(raw))"
    }

    public static func problem(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else { return "is not \(shape)" }
        let hostEnd = trimmed[schemeEnd.upperBound...].firstIndex(of: "/") ?? trimmed.endIndex
        let host = trimmed[schemeEnd.upperBound..<hostEnd]
        if host.contains("@") { return "is not \(shape)" }
        // The port after the host (after `]` for an IPv6 address), and the path.
        let hostEnds = host.hasPrefix("[") ? host.firstIndex(of: "]").map { host.index(after: $0) } ?? host.endIndex : host.firstIndex(of: ":") ?? host.endIndex
        if hostEnds < host.endIndex, host[hostEnds] == ":" {
            let port = host[host.index(after: hostEnds)...]
            if !port.isEmpty, !(Int(port).map { (1...65535).contains($0) } ?? false) { return "has the port `\(port)`, which no server has: a port is a number from 1 to 65535" }
        }
        if folderPath(percentEncoded(trimmed[hostEnd...])) == nil { return "has a path that climbs above the domain (`..`)" }
        guard !host.isEmpty, !host.unicodeScalars.allSatisfy(\.isASCII), !host.contains(where: \.isWhitespace) else { return "is not \(shape)" }
        let ascii = String(trimmed[..<schemeEnd.upperBound]) + Punycode.domain(String(host)) + String(trimmed[hostEnd...])
        return "has a domain name in letters outside ASCII: write it in its ASCII form, `\(ascii)`"
    }

    public static func normalize(_ raw: String) -> String? {
        // Composed, as every text bantin reads: `--base-url` typed decomposed (a macOS
        // terminal's paste) is the same address as `site.yml`'s.
        let trimmed = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else { return nil }
        let path = trimmed[schemeEnd.upperBound...].firstIndex(of: "/") ?? trimmed.endIndex
        guard trimmed[..<path].allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return nil }
        // The scheme and host in lower case, every escape in upper case (`%e1` → `%E1`): one
        // spelling of the address, whichever was typed, so that `check --base-url` finds it.
        var origin = String(trimmed[..<path]).lowercased()
        guard let tidyPath = folderPath(percentEncoded(trimmed[path...])) else { return nil }
        guard let url = URL(string: origin + tidyPath), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil, url.query == nil, url.fragment == nil, url.user == nil, url.password == nil
        else { return nil }
        // An empty port (`https://example.org:/`) is none.
        if url.port == nil, origin.hasSuffix(":") { origin.removeLast() }
        if let port = url.port {
            guard (1...65535).contains(port) else { return nil }
            // The scheme's own port is no part of the address a browser shows.
            if port == (scheme == "https" ? 443 : 80), let colon = origin.lastIndex(of: ":") { origin = String(origin[..<colon]) }
        }
        return origin + tidyPath
    }

    /// A base URL's path as one address of its folder, ending in `/`: slashes written twice as
    /// one, `.` and `..` steps taken (`/x/../bantin/` → `/bantin/`), a page's name pasted with the
    /// address (`/bantin/index.html`) left out; `nil` for a path that climbs above the domain.
    static func folderPath(_ path: String) -> String? {
        var steps: [Substring] = []
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if let last = parts.last, ["index.html", "index.htm"].contains(last.lowercased()) { parts.removeLast() }
        for part in parts {
            switch part {
            case ".": continue
            case "..":
                guard !steps.isEmpty else { return nil }
                steps.removeLast()
            default: steps.append(part)
            }
        }
        return "/" + steps.map { $0 + "/" }.joined()
    }

    /// The characters an address holds as themselves, never escaped (RFC 3986's unreserved).
    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// Bytes a URL's path may not hold as they are, as `%XX`; a `%` before two hex digits is taken
    /// as already encoding one (its digits in upper case: one spelling), any other `%` as itself (`%25`).
    static func percentEncoded(_ path: Substring) -> String {
        let kept = unreserved.union("!$&'()*+,;=:@/?#".utf8)
        let bytes = Array(path.utf8)
        func isHex(_ at: Int) -> Bool { at < bytes.count && bytes[at] < 0x80 && Character(Unicode.Scalar(bytes[at])).isHexDigit }
        var out = ""
        var at = 0
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "%"), isHex(at + 1), isHex(at + 2) {
                // An escape, its digits in upper case; of a letter, digit, `-`, `.`, `_` or `~`,
                // the character itself (`%7E` is `~`: RFC 3986's one spelling).
                let hex = String(decoding: bytes[(at + 1)...(at + 2)], as: UTF8.self).uppercased()
                let value = UInt8(hex, radix: 16)!
                out += unreserved.contains(value) ? String(Character(Unicode.Scalar(value))) : "%" + hex
                at += 3
                continue
            }
            out += kept.contains(byte) ? String(Character(Unicode.Scalar(byte))) : String(format: "%%%02X", byte)
            at += 1
        }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
