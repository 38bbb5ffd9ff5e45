/// Links in texts to the bulletin's own site by its full address
/// (`https://example.org/bantin/bai-viet/bai-mot/#ket-qua`, pasted from the published site):
/// resolved as `bantin check --base-url` resolves them, once the site's files are planned, so that
/// one to a page the build does not make (an article taken down or renamed) or to an id its page
/// lacks is an error at its place, before anything is written.
enum OwnSiteLinks {
    /// `links` of each text by its file (`Catalog.addressLinks`); `ids`: the ids of a page the
    /// site plans or an HTML file it copies, by its path (`nil` when it cannot tell).
    /// `scheduled`: the files of articles waiting for their date, whose links may lead to pages
    /// made only then (their own, a new category's, their month's): a warning today.
    static func problems(
        _ links: [String: [BodyLink]], baseURL: String?, planned: Set<String>, scheduled: Set<String> = [], ids: (String) -> Set<String>?
    ) -> [Diagnostic] {
        guard let baseURL else { return [] }
        var found: [Diagnostic] = []
        for file in links.keys.sorted() {
            for link in links[file] ?? [] where LinkChecker.pathUnder(baseURL, of: link.destination) != nil {
                let why: String
                switch LinkChecker.locate(link.destination, from: "index.html", existing: planned, baseURL: baseURL) {
                case .elsewhere: continue
                case .noFile: why = "the site has no page or file there"
                case .broken(let reason): why = reason
                case .file(let page, let fragment):
                    guard let fragment, page.hasSuffix(".html"), let known = ids(page), !fragment.isAmong(known) else { continue }
                    why = "its page \(page) has no element with id \"\(fragment.decoded)\""
                }
                let what = "`\(link.destination)` is an address on this bulletin's own site (its base URL \(baseURL)) that leads nowhere"
                let remedy = link.isImage
                    ? "show the file by its path (`/media/anh.jpg`, from content/), which bantin checks and publishes"
                    : "link to the text by its file (`../bai-khac.md#tieu-de`), whose address bantin keeps right"
                found.append(scheduled.contains(file)
                    ? link.position.diagnostic(.warning, file, "\(what) today: \(why); this scheduled article is checked again on its day, and fails that build if the link still leads nowhere; \(remedy)")
                    : link.position.diagnostic(.error, file, "\(what): \(why), so `bantin check` would reject the site; \(remedy)"))
            }
        }
        return found
    }
}
