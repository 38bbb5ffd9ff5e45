import Foundation

/// The warnings of a build that takes published pages off their addresses (an address changed:
/// `PublishedAddresses.moves`; an article now dated after now: `withdrawn`), saved beside the
/// output just before its new site is put in place, with that site's folder (its device and
/// inode). They are found by the page at the old address, which the new site no longer has: a
/// build killed after the swap, before it saved the addresses, leaves them to the next build,
/// which tells them once, while the output is still the site they were saved with (not when
/// someone removed it since). A build that finishes removes them.
struct UntoldMoves: Codable {
    /// The folder of the new site (`OutputFolder.identity(of:)`).
    var site: String
    var warnings: [Diagnostic]

    /// The warnings saved at `url` when the folder at `output` is the site they were saved with;
    /// none otherwise (none saved, or the output is another folder).
    static func load(from url: URL, output: String) -> [Diagnostic] {
        guard let data = try? Data(contentsOf: url), let saved = try? JSONDecoder().decode(Self.self, from: data),
            !saved.site.isEmpty, saved.site == OutputFolder.identity(of: output)
        else { return [] }
        return saved.warnings
    }

    /// Saves `warnings` at `url` with the folder at `site` (the new site, about to be put in
    /// place), or removes what was saved there when there are none or they cannot be saved: what
    /// stays there is never an earlier site's.
    static func save(_ warnings: [Diagnostic], site: String, to url: URL) {
        guard !warnings.isEmpty, let data = try? JSONEncoder().encode(Self(site: OutputFolder.identity(of: site), warnings: warnings)),
            OutputFolder.replaceFile(parts: [Array(data)], at: url.path)
        else { return forget(at: url) }
    }

    /// Removes what was saved at `url`: told, or to be told by no build.
    static func forget(at url: URL) { unlink(url.path) }
}
