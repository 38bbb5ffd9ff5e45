import Foundation
import Testing

@testable import BantinKit

/// A symbolic link under content/ or templates/ is followed only when it leads inside that folder;
/// nothing outside is ever read or published, and the output holds only files and folders.
@Suite struct SymlinkTests {
    func link(_ site: TestSite, _ relative: String, to destination: String) throws {
        let url = site.root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// A secret outside the site, which a link points at.
    func secret(_ site: TestSite) throws -> String {
        let path = site.root.appendingPathComponent("bi-mat.txt").path
        try Data("mật khẩu".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An output reached through a link into content/ or templates/ is refused before anything
    /// is written, also when the folder it names does not exist yet (`www` → `content`,
    /// `--output www/public`): each build would publish the site before it inside itself.
    @Test(arguments: [("content", "content"), ("templates/assets", "templates")])
    func anOutputReachedThroughALinkIntoContentIsRefused(into: String, name: String) throws {
        let site = try TestSite(content: "bulletin")
        try link(site, "www", to: site.root.appendingPathComponent(into).path)
        var options = site.options(output: site.root.appendingPathComponent("www/public"))
        options.outputName = "www/public"
        let expected = "www/public: error: refusing to build into www/public: it is inside \(name), which every build reads (the site would be published again inside itself); choose an `--output` outside it"
        var told: [String] = []
        do {
            _ = try SiteBuilder.build(options)
        } catch {
            told = error.diagnostics.map(\.description)
        }
        #expect(told == [expected])
        #expect(!site.exists("\(into)/public") && !site.exists("\(into)/.public.bantin"), "nothing written there")
    }

    @Test func aLinkToAFileOutsideContentIsAnErrorNamingLinkAndTarget() throws {
        let site = try TestSite(content: "bulletin")
        try link(site, "content/media/passwd.txt", to: "/etc/passwd")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.map(\.description).contains(
            "content/media/passwd.txt: error: symbolic link to /etc/passwd, which is outside content/; bantin follows a link only to a file inside content/ (put a copy of the file there instead)"))
        #expect(!site.exists("public"), "nothing published")
    }

    @Test func aLinkInsideContentIsPublishedAsARegularFileWithTheTargetsBytes() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/media/that.txt", "nội dung thật")
        try link(site, "content/media/ban-sao.txt", to: "that.txt")
        try link(site, "content/tai-lieu", to: "media")
        try site.build()
        #expect(try site.read("public/media/ban-sao.txt") == "nội dung thật")
        #expect(try site.read("public/tai-lieu/that.txt") == "nội dung thật")
        #expect(site.outputHoldsOnlyFilesAndFolders())
        // An article linked in from elsewhere inside content/ is an article too.
        try link(site, "content/articles/lien-ket.md", to: "2023/dong-thap.md")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.contains { $0.file == "content/articles/lien-ket.md" && $0.message.contains("two articles have the slug") }, "two files, one slug: \(diagnostics)")
    }

    @Test(arguments: ["folder", "dots", "broken", "loop"])
    func otherLinksAreErrors(kind: String) throws {
        let site = try TestSite(content: "bulletin")
        let outside = try secret(site)
        switch kind {
        case "folder": try link(site, "content/media/ngoai", to: site.root.path)
        case "dots": try link(site, "content/media/cham.txt", to: "../../bi-mat.txt")
        case "broken": try link(site, "content/media/gay.txt", to: "khong-co.txt")
        default:
            try link(site, "content/media/a.txt", to: "b.txt")
            try link(site, "content/media/b.txt", to: "a.txt")
        }
        let diagnostics = site.failingBuild()
        let problem = try #require(diagnostics.first { $0.file.hasPrefix("content/media/") })
        #expect(problem.severity == .error)
        #expect(problem.line == 0 && problem.message.hasPrefix("symbolic link to "))
        #expect(problem.description.hasPrefix("content/media/"), "\(problem.description)")
        #expect(!diagnostics.map(\.message).joined().contains("mật khẩu"))
        _ = outside
    }

    @Test func templatesFollowTheSameRule() throws {
        let site = try TestSite(content: "bulletin")
        let outside = try secret(site)
        try link(site, "templates/assets/bi-mat.css", to: outside)
        try link(site, "templates/chan-trang.mustache", to: outside)
        let diagnostics = site.failingBuild()
        #expect(Set(diagnostics.filter { $0.message.contains("outside templates/") }.map(\.file)) == ["templates/assets/bi-mat.css", "templates/chan-trang.mustache"])
        // Inside the folder: followed, and copied as a file.
        try site.remove("templates/assets/bi-mat.css")
        try site.remove("templates/chan-trang.mustache")
        try link(site, "templates/assets/kieu.css", to: "style.css")
        try site.build()
        #expect(try site.read("public/assets/kieu.css") == site.read("templates/assets/style.css"))
        #expect(site.outputHoldsOnlyFilesAndFolders())
    }

    /// A name that is not UTF-8 (from an archive made where names were in a legacy code page)
    /// is an error naming it, the file or folder, not a file left out without a word.
    @Test func aNameThatIsNotUTF8IsAnError() throws {
        let site = try TestSite(content: "bulletin")
        for (parent, bytes) in [("articles/", [0x68, 0xF2, 0x63, 0x2E, 0x6D, 0x64]), ("media/", [0xE0, 0x6E, 0x68])] as [(String, [UInt8])] {
            let path = Array(site.content.appendingPathComponent(parent).path.utf8) + [UInt8(ascii: "/")] + bytes + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
            #expect(fd >= 0)
            close(fd)
        }
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.file)
        #expect(errors == ["content/articles/h\u{FFFD}c.md", "content/media/\u{FFFD}nh"], "\(errors)")
    }

    /// A folder named `site.yml` is said to be one, not taken for settings left out (which would
    /// build the site with a default title over the last one).
    @Test func aFolderNamedLikeTheSettingsIsAnError() throws {
        let site = try TestSite(content: "bulletin")
        try site.remove("content/site.yml")
        try site.write("content/site.yml/ghi-chu.txt", "x\n")
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains("content/site.yml: error: this is a folder; the site's settings are a file of this name: move what the folder holds and write the settings in it"), "\(errors)")
    }

    /// A named pipe would make a plain `open` wait forever; it is refused, as is a socket.
    @Test func aPipeInContentIsAnErrorNotAHang() throws {
        let site = try TestSite(content: "bulletin")
        #expect(mkfifo(site.content.appendingPathComponent("articles/ong.md").path, 0o644) == 0)
        let diagnostics = site.failingBuild()
        #expect(diagnostics.map(\.description).contains("content/articles/ong.md: error: cannot read this file: it is a named pipe, not a regular file; remove it"))
    }
}
