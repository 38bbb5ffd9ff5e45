import Foundation
import Testing

@testable import BantinKit

/// Paths of the repository, found from this file.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates")
    static let content = root.appendingPathComponent("content")
    static let fixtures = root.appendingPathComponent("Tests/BantinKitTests/Fixtures")
}

/// A throw-away site folder: `content/`, `templates/` (a copy of the real theme) and `public/`.
final class TestSite {
    let root: URL

    init(copyTemplates: Bool = true, content fixture: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyTemplates { try FileManager.default.copyItem(at: Repo.templates, to: templates) }
        if let fixture {
            try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(fixture), to: content)
        } else {
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var content: URL { root.appendingPathComponent("content") }
    var templates: URL { root.appendingPathComponent("templates") }
    var output: URL { root.appendingPathComponent("public") }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    func options(baseURL: String? = nil, drafts: Bool = false, strict: Bool = false, output: URL? = nil) -> BuildOptions {
        BuildOptions(
            content: content, templates: templates, output: output ?? self.output, contentName: "content", templatesName: "templates",
            outputName: "public", baseURL: baseURL, includeDrafts: drafts, strict: strict)
    }

    @discardableResult
    func build(baseURL: String? = nil, drafts: Bool = false, strict: Bool = false) throws -> BuildReport {
        try SiteBuilder.build(options(baseURL: baseURL, drafts: drafts, strict: strict))
    }

    /// The diagnostics of a build that must fail.
    func failingBuild(baseURL: String? = nil, strict: Bool = false) -> [Diagnostic] {
        failingBuild(options(baseURL: baseURL, strict: strict))
    }

    /// The diagnostics of a build with `options` that must fail.
    func failingBuild(_ options: BuildOptions) -> [Diagnostic] {
        do {
            _ = try SiteBuilder.build(options)
            Issue.record("the build was expected to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Every file under `folder` with its bytes, for byte-for-byte comparisons.
    func snapshot(_ folder: URL? = nil) throws -> [String: Data] {
        let base = folder ?? output
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.path.dropFirst(base.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    /// The paths whose bytes differ between the output and `other`, or that only one of them
    /// holds, sorted: a comparison with a clean build names what differs when it fails.
    func differences(from other: URL) throws -> [String] {
        let mine = try snapshot(), theirs = try snapshot(other)
        return Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }.sorted()
    }

    /// `differences(from:)` a clean build of the same inputs, made into `clean/`, and any
    /// `fingerprintProblems()`: empty when the output (an incremental build's) is what a build
    /// from nothing gives, and the next build will know it for what it is.
    func differencesFromACleanBuild() throws -> [String] {
        let clean = root.appendingPathComponent("clean")
        try? FileManager.default.removeItem(at: clean)
        _ = try SiteBuilder.build(options(output: clean))
        return try differences(from: clean) + fingerprintProblems()
    }

    /// Whether the output's fingerprint recorded for the next build (worked out from the paths
    /// written when the build went onto the retired output) is the one a walk of `public/` gives,
    /// and the one its listing gives: what is wrong, else nothing.
    func fingerprintProblems() -> [String] {
        let output = OutputFolder(url: options().output, display: "public")
        let recorded = PageManifest.load(from: output.manifestURL).outputFingerprint
        var problems: [String] = []
        if recorded != FolderPrint.of(folder: output.url.path)?.description { problems.append("(recorded output fingerprint is not the folder's)") }
        if recorded != PageManifest.load(from: output.manifestURL).listedPrint(of: output.url.path)?.description { problems.append("(recorded output fingerprint is not its listing's)") }
        return problems
    }

    /// Flips one bit of the file at `relative`, `offset` bytes into the first `text` it holds:
    /// damage to bantin's own files that their checksums must catch.
    func flipBit(in relative: String, at text: String, offset: Int) throws {
        let url = root.appendingPathComponent(relative)
        var bytes = try Data(contentsOf: url)
        let found = try #require(bytes.range(of: Data(text.utf8)), "\(text) not in \(relative)")
        bytes[found.lowerBound + offset] ^= 0x01
        try bytes.write(to: url)
    }
}

/// A minimal valid article.
func article(title: String, date: String = "2023-05-09T17:00:00+07:00", extra: String = "", body: String = "Nội dung bài viết.") -> String {
    "---\ntitle: \"\(title)\"\ndate: \(date)\n\(extra)---\n\(body)\n"
}
