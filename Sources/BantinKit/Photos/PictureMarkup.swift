/// What a page shows of a photo: its variants as `srcset` lists, addressed from the page, and its
/// size (the widest JPEG's), so that the browser picks the file that fits and keeps its place.
struct PictureSources: Sendable {
    var webp: String
    var jpeg: String
    /// The file at the original's path (the widest variant, JPEG but for a PNG or WebP): the
    /// fallback `src`, and what print uses.
    var src: String
    var width: Int
    var height: Int

    init(_ photo: Photo, address: (String) -> String) {
        webp = photo.srcset(.webp, address: address)
        jpeg = photo.srcset(.jpeg, address: address)
        src = address(photo.published)
        width = photo.largest.width
        height = photo.largest.height
    }

    /// How wide a photo in an article's body is shown: the width of the default theme's
    /// `.story` column (`--measure`, 44rem), or the screen less the page's margins.
    static let bodySizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"

    /// A `<picture>` of a body image: WebP and JPEG `srcset`, width, height, `alt` (and
    /// `title`); lazily loaded unless it is the first image of its page. Before it, the widest
    /// file for print (`printCopy`).
    func html(alt: String, title: String?, first: Bool) -> String {
        let (src, jpeg, webp) = (Escape.xml(src), Escape.xml(jpeg), Escape.xml(webp))
        var img = "<img src=\"\(src)\" srcset=\"\(jpeg)\" sizes=\"\(Self.bodySizes)\" width=\"\(width)\" height=\"\(height)\" alt=\"\(Escape.xml(alt))\""
        if let title, !title.isEmpty { img += " title=\"\(Escape.xml(title))\"" }
        img += first ? " fetchpriority=\"high\">" : " loading=\"lazy\">"
        return printCopy(alt: alt) + "<picture><source type=\"image/webp\" srcset=\"\(webp)\" sizes=\"\(Self.bodySizes)\">" + img + "</picture>"
    }

    /// The widest file, with the photo's `alt`, shown in print in place of the `<picture>` after
    /// it (`.print-copy + picture`): a browser printing a page keeps the file its `<picture>`
    /// took for the screen (480 px on a phone), and a `<source media="print">` is not taken when
    /// printing. Hidden by its own `style` (so a theme's older stylesheet hides it too, and
    /// prints the picture as before), lazily loaded: never fetched on screen.
    /// `article.mustache` writes it before its photo (`{{{print_copy}}}`).
    func printCopy(alt: String) -> String {
        Self.printCopyStart + "src=\"\(Escape.xml(src))\" width=\"\(width)\" height=\"\(height)\" alt=\"\(Escape.xml(alt))\" loading=\"lazy\">"
    }

    static let printCopyStart = "<img class=\"print-copy\" style=\"display:none\" "

    /// A plain `<img>` of the widest variant (feeds, which readers show without `srcset`).
    func plainHTML(alt: String, title: String?) -> String {
        Self.imgHTML(src: src, width: width, height: height, alt: alt, title: title, first: nil)
    }

    /// A plain `<img>` of one file (a GIF, or a photo's widest variant), with its size; `first`:
    /// on a page, whether it is the page's first image (else loaded lazily), nil in a feed.
    static func imgHTML(src: String, width: Int, height: Int, alt: String, title: String?, first: Bool?) -> String {
        var img = "<img src=\"\(Escape.xml(src))\" width=\"\(width)\" height=\"\(height)\" alt=\"\(Escape.xml(alt))\""
        if let title, !title.isEmpty { img += " title=\"\(Escape.xml(title))\"" }
        switch first {
        case true?: img += " fetchpriority=\"high\""
        case false?: img += " loading=\"lazy\""
        case nil: break
        }
        return img + " />"
    }
}
