/// Every kind of page the site has, and where each is written in the output.
public enum Route: Hashable, Sendable {
    case home(page: Int)
    case article(Slug)
    case directiveIndex
    case directive(Slug, page: Int)
    case themeIndex
    case theme(year: Int, page: Int)
    case archiveIndex
    case month(year: Int, month: Int)
    /// A month's print edition (*bản in*).
    case printEdition(year: Int, month: Int)
    case search
    case notFound
    /// The index of a grouping's entries (categories, places), and a page of one entry's articles.
    case taxonomyIndex(Taxonomy)
    case taxonomy(Taxonomy, Slug, page: Int)
    /// A file written as it is (asset, image, feed, index): path relative to the output root.
    case file(String)

    /// Path of the written file, relative to the output root, with `/` separators.
    public var outputPath: String {
        switch self {
        case .home(let page): return Self.paged("", page)
        case .article(let slug): return String(joining: "bai-viet/", slug.value, "/index.html")
        case .directiveIndex: return "van-ban/index.html"
        case .directive(let slug, let page): return Self.paged("van-ban/\(slug.value)/", page)
        case .themeIndex: return "chuyen-de/index.html"
        case .theme(let year, let page): return Self.paged("chuyen-de/\(year)/", page)
        case .archiveIndex: return "luu-tru/index.html"
        case .month(let year, let month): return Self.monthFolder(year, month) + "index.html"
        case .printEdition(let year, let month): return Self.monthFolder(year, month) + "ban-in/index.html"
        case .search: return "tim-kiem/index.html"
        case .notFound: return "404.html"
        case .taxonomyIndex(let taxonomy): return taxonomy.folder + "/index.html"
        case .taxonomy(let taxonomy, let slug, let page): return Self.paged("\(taxonomy.folder)/\(slug.value)/", page)
        case .file(let path): return path
        }
    }

    /// `outputPath` as a URL writes it. Pages' paths are plain ASCII; a file keeps the name an
    /// editor gave it, which may hold spaces, `#`, `%`, `?` or Vietnamese letters: those bytes are
    /// percent-encoded (UTF-8).
    public var urlPath: String {
        guard case .file(let path) = self else { return outputPath }
        return Self.percentEncoded(path)
    }

    /// Every byte of `path` but letters, digits, `/` and `-._~!$&'()*+=@` as `%XX`.
    static func percentEncoded(_ path: String) -> String {
        guard path.utf8.contains(where: { !isKept($0) }) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            if isKept(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "/-._~!$&'()*+=@".utf8.contains(byte)
        }
    }

    /// `luu-tru/2023/05/`
    private static func monthFolder(_ year: Int, _ month: Int) -> String {
        "luu-tru/\(year)/\(month < 10 ? "0" : "")\(month)/"
    }

    private static func paged(_ folder: String, _ page: Int) -> String {
        page <= 1 ? folder + "index.html" : folder + "trang/\(page)/index.html"
    }
}

/// Makes the links of one page: relative and naming a file, so the site works from `file://`;
/// absolute under the base URL where a page must not depend on where it is served (404, canonical).
public struct LinkBuilder: Sendable {
    public let baseURL: String?
    /// The folder of the page the links are written into, relative to the output root (`bai-viet/x/`).
    /// The prefix from this page to the output root: `""` or `"../../"`.
    public let root: String

    public init(from page: Route, baseURL: String?) {
        self.baseURL = baseURL
        // The 404 page is served at any address, so its links cannot be relative.
        if page == .notFound, let baseURL {
            root = baseURL
        } else {
            root = String(repeating: "../", count: page.outputPath.utf8.count { $0 == UInt8(ascii: "/") })
        }
    }

    public func href(_ target: Route) -> String { root + target.urlPath }

    /// Absolute URL of a route under the base URL, `nil` without one; `index.html` is dropped.
    public func absoluteURL(_ target: Route) -> String? {
        guard let baseURL else { return nil }
        return Self.absolute(target, baseURL: baseURL)
    }

    public static func absolute(_ target: Route, baseURL: String) -> String {
        var path = target.urlPath
        if path == "index.html" {
            path = ""
        } else if path.hasSuffix("/index.html") {
            path.removeLast("index.html".count)
        }
        return baseURL + path
    }
}
