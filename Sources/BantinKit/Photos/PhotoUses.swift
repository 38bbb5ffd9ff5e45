/// Where articles show a photo, so that a photo that cannot be published is reported where the
/// editor wrote it: at the article's `image:` line, and at each body image that shows it.
enum PhotoUses {
    /// The places in article files (published or waiting for their date) that show the photo at
    /// `path` under `content/`.
    static func uses(of path: String, in catalog: Catalog) -> [(file: String, position: SourcePosition)] {
        var found: [(file: String, position: SourcePosition)] = []
        for article in catalog.articles + catalog.waiting {
            if let image = article.fields.image, image == path || image.precomposedStringWithCanonicalMapping == path {
                found.append((article.file, article.positions.of("image") ?? SourcePosition(line: 1, column: 1)))
            }
            guard let resolved = catalog.links[article.file] else { continue }
            for link in article.references.links where link.isImage && resolved[link.destination]?.target == .file(path) {
                found.append((article.file, link.position))
            }
        }
        return found
    }

    /// One error for each place a photo that could not be published is shown (for a photo no
    /// article shows, one error at the photo's file), and a warning at the file of each photo of
    /// several pictures (an animation, a TIFF of several pages), of which one is published.
    static func diagnostics(_ outcome: PhotoLibrary.Outcome, catalog: Catalog, contentName: String) -> [Diagnostic] {
        outcome.inPart.map { Diagnostic.warning(ContentTree.join(contentName, $0.path), $0.part.warning) } + outcome.failures.flatMap { failure -> [Diagnostic] in
            let shown = ContentTree.join(contentName, failure.source.relativePath)
            let uses = uses(of: failure.source.relativePath, in: catalog)
            guard !uses.isEmpty else { return [.error(shown, "cannot publish this photo: \(failure.reason)")] }
            return uses.map { use in
                use.position.diagnostic(.error, use.file, "the photo \(shown) cannot be published: \(failure.reason)")
            }
        }
    }
}
