/// Where the links and directive mentions of one body lead, from the page it is rendered into:
/// each link as `BodyLinkResolver` resolved it, each mention to its directive's page.
struct PageBodyLinks: BodyLinkRewriter {
    /// The body's resolved links, by destination as written.
    let resolved: [String: ResolvedLink]
    let directivePages: [DirectiveCode: Int]
    /// The address of a route from the page (relative, or absolute in a feed with a base URL).
    let address: (Route) -> String
    let photos: PhotoSet
    /// How body photos are shown: `<picture>` on pages, a plain `<img>` of the widest JPEG in feeds.
    let pictures: Bool
    /// Whether the body's first image is the first image of its page (an article without a photo of its own).
    let leadsPage: Bool
    /// The directive whose page this is: its own code is not linked to the page it is on.
    var ownCode: DirectiveCode? = nil

    var linksMentions: Bool { !directivePages.isEmpty }

    init(_ file: String?, graph: SiteGraph, address: @escaping (Route) -> String, pictures: Bool = true, leadsPage: Bool = false) {
        resolved = file.flatMap { graph.links[$0] } ?? [:]
        directivePages = graph.directiveIndex
        self.address = address
        photos = graph.photos
        self.pictures = pictures
        self.leadsPage = leadsPage
    }

    func picture(_ destination: String, alt: String, title: String?, index: Int) -> String? {
        guard case .file(let path)? = resolved[destination]?.target else { return nil }
        let first = leadsPage && index == 0
        if let size = photos.asIsSizes[path] {
            // A GIF or an SVG drawing is published as it is: one file, with its size and the page's loading.
            return PictureSources.imgHTML(src: address(.file(path)), width: size.width, height: size.height, alt: alt, title: title, first: pictures ? first : nil)
        }
        guard let photo = photos.photos[path] else { return nil }
        let sources = PictureSources(photo, address: { address(.file($0)) })
        return pictures ? sources.html(alt: alt, title: title, first: first) : sources.plainHTML(alt: alt, title: title)
    }

    func rewrite(_ destination: String) -> LinkRewrite {
        guard let link = resolved[destination] else {
            // Every link the build accepted was resolved; this only guards against an empty `href`.
            return destination.isEmpty || LinkDestination.isUnsafe(destination) ? .text : .keep
        }
        switch link.target {
        case .text: return .text
        case .samePage: return .keep
        case .article(let slug): return .replace(address(.article(slug)) + link.suffix)
        case .directive(let code): return .replace(address(.directive(code.slug, page: 1)) + link.suffix)
        case .theme(let year): return .replace(address(.theme(year: year, page: 1)) + link.suffix)
        case .file(let path): return .replace(address(.file(photos.published(path))) + link.suffix)
        }
    }

    func mentionURL(for code: DirectiveCode) -> String? {
        directivePages[code] == nil || code == ownCode ? nil : address(.directive(code.slug, page: 1))
    }
}

extension PageRenderer {
    /// The links of the body of `file` as the page at `link` shows them; `directive`: the page is
    /// that directive's.
    func bodyLinks(_ file: String?, link: LinkBuilder, leadsPage: Bool = false, directive: DirectiveCode? = nil) -> PageBodyLinks {
        var links = PageBodyLinks(file, graph: graph, address: link.href, leadsPage: leadsPage)
        links.ownCode = directive
        return links
    }
}
