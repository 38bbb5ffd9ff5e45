import Foundation
import Testing

@testable import BantinKit

/// Photos end to end: each made in the test with `vips` (tagged with `exiftool`), built into a
/// temporary site, and read back from the output with `exiftool`.
@Suite struct PhotoTests {
    static let articleFile = "content/articles/2023/05/hoi-nghi.md"
    static let page = "public/bai-viet/hoi-nghi-so-ket/index.html"

    /// A program run to the end; its standard output, or a recorded issue when it fails.
    @discardableResult
    static func tool(_ arguments: [String]) throws -> String {
        let run = try CommandLineTests.Run.of(URL(fileURLWithPath: "/usr/bin/env"), arguments)
        if run.status != 0 { Issue.record("\(arguments.joined(separator: " ")) failed: \(run.stderr)") }
        return run.stdout
    }

    /// A grainy photo `width` × `height` at `relative` in `site` (noise: it compresses like a photo).
    static func photo(_ site: TestSite, _ relative: String, width: Int, height: Int) throws {
        let url = site.root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let noise = site.root.appendingPathComponent("noise-\(UUID().uuidString).v").path
        try tool(["vips", "gaussnoise", noise, String(width), String(height), "--sigma", "40"])
        try tool(["vips", "copy", noise, url.path])
        try FileManager.default.removeItem(atPath: noise)
    }

    /// What a correspondent's phone writes into a photo: turned a quarter (orientation 6), where it
    /// was taken, who took it.
    static func tagLikeAPhone(_ site: TestSite, _ relative: String) throws {
        try tool([
            "exiftool", "-q", "-overwrite_original", "-n", "-Orientation=6", "-GPSLatitude=10.36", "-GPSLatitudeRef=N",
            "-GPSLongitude=106.36", "-GPSLongitudeRef=E", "-XMP-dc:Creator=Phóng viên", "-Make=Phone", site.root.appendingPathComponent(relative).path,
        ])
    }

    /// A site with one article showing `media/2023/anh.jpg` (1200 × 900 as stored, orientation 6: a
    /// portrait 900 × 1200 upright) and, in its body, `media/so-do.png` (300 × 200).
    static func site(body: String = "Mở đầu.\n\n![Sơ đồ tổ chức](../../../media/so-do.png)\n") throws -> TestSite {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin ảnh\"\n")
        try site.write(
            articleFile,
            article(
                title: "Hội nghị sơ kết",
                extra: "image: media/2023/anh.jpg\nimage_alt: \"Quang cảnh hội nghị\"\nimage_caption: \"Ảnh: Minh Trí\"\n", body: body))
        try photo(site, "content/media/2023/anh.jpg", width: 1200, height: 900)
        try tagLikeAPhone(site, "content/media/2023/anh.jpg")
        try photo(site, "content/media/so-do.png", width: 300, height: 200)
        return site
    }

    /// Every image file of the output, as `exiftool -json -G` reads it.
    static func imagesRead(_ site: TestSite) throws -> [[String: Any]] {
        let images = try site.snapshot().keys.filter { path in [".jpg", ".webp", ".png"].contains { path.hasSuffix($0) } }.sorted()
        let json = try tool(["exiftool", "-json", "-G", "-n"] + images.map { site.output.path + $0 })
        return (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
    }

    /// A photo's variants are the same bytes on every machine: libvips's vector code, which a
    /// machine may have or not (and whose pixels differ), is never used.
    @Test func aPhotosBytesAreTheSameWithOrWithoutLibvipsVectorCode() throws {
        let site = try Self.site()
        var media: [[String: Data]] = []
        for (environment, output) in [([String](), "public"), (["VIPS_NOVECTOR=1"], "khong-vector")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = environment + [Bantin.executable.path, "build", "--output", output]
            process.currentDirectoryURL = site.root
            let run = try Bantin.finish(process)
            #expect(run.status == 0, "\(run)")
            media.append(try site.snapshot(site.root.appendingPathComponent(output + "/media")))
        }
        #expect(media[0].count >= 4 && media[0] == media[1], "\(media.map { $0.keys.sorted() })")
    }

    @Test func photosArePublishedUprightStrippedAndNeverEnlarged() throws {
        let site = try Self.site()
        let report = try site.build()
        #expect(report.photos == 2 && report.encodedPhotos == 2)
        let files = Set(try site.snapshot().keys.filter { $0.hasPrefix("/media/") })
        #expect(
            files == [
                "/media/2023/anh.jpg", "/media/2023/anh-480.jpg", "/media/2023/anh-480.webp", "/media/2023/anh-900.webp",
                "/media/so-do.png", "/media/so-do-300.jpg", "/media/so-do-300.webp",
            ])
        let read = try Self.imagesRead(site)
        #expect(read.count == files.count)
        for image in read {
            let name = image["SourceFile"] as? String ?? "?"
            let metadata = image.keys.filter { key in ["EXIF:", "GPS:", "XMP", "IPTC:", "MakerNotes:", "ICC_Profile:", "Composite:GPS"].contains { key.hasPrefix($0) } }
            #expect(metadata.isEmpty, "\(name) still carries \(metadata.sorted())")
            let width = image["File:ImageWidth"] as? Int ?? image["RIFF:ImageWidth"] as? Int ?? image["PNG:ImageWidth"] as? Int ?? 0
            let height = image["File:ImageHeight"] as? Int ?? image["RIFF:ImageHeight"] as? Int ?? image["PNG:ImageHeight"] as? Int ?? 0
            #expect(width > 0 && height > 0, "\(name): no size read")
            if name.contains("/anh") {
                #expect(height > width, "\(name) is \(width) × \(height): not turned upright by its orientation")
                #expect(width <= 900, "\(name) is wider than its original")
            } else {
                #expect(width <= 300, "\(name) is wider than its original")
            }
            let named = (name as NSString).lastPathComponent.split(separator: "-").dropFirst().last.flatMap { Int($0.prefix { $0.isNumber }) }
            if let named { #expect(width == named, "\(name) is \(width) wide") }
        }
    }

    @Test func pagesShowPicturesWithSizesAndAltAndLoadTheFirstAtOnce() throws {
        let site = try Self.site()
        try site.build(baseURL: "https://vi-du.org/ban-tin/")
        let page = try site.read(Self.page)
        #expect(page.contains("<source type=\"image/webp\" srcset=\"../../media/2023/anh-480.webp 480w, ../../media/2023/anh-900.webp 900w\""))
        #expect(page.contains("<img src=\"../../media/2023/anh.jpg\" srcset=\"../../media/2023/anh-480.jpg 480w, ../../media/2023/anh.jpg 900w\""))
        #expect(page.contains("width=\"900\" height=\"1200\" alt=\"Quang cảnh hội nghị\" fetchpriority=\"high\">"))
        // Print shows the widest file, with the photo's alt, from a copy before the picture
        // (hidden by its own style, whatever the stylesheet; lazily loaded: never fetched on screen).
        #expect(page.contains("<img class=\"print-copy\" style=\"display:none\" src=\"../../media/2023/anh.jpg\" width=\"900\" height=\"1200\" alt=\"Quang cảnh hội nghị\" loading=\"lazy\"><picture>"))
        #expect(page.contains("<img class=\"print-copy\" style=\"display:none\" src=\"../../media/so-do.png\" width=\"300\" height=\"200\" alt=\"Sơ đồ tổ chức\" loading=\"lazy\"><picture>"))
        #expect(!page.contains("media=\"print\""))
        // The body's photo: a picture too, loaded lazily (the article's own photo comes first).
        #expect(page.contains("<img src=\"../../media/so-do.png\" srcset=\"../../media/so-do-300.jpg 300w\""))
        #expect(page.contains("width=\"300\" height=\"200\" alt=\"Sơ đồ tổ chức\" loading=\"lazy\"></picture>"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://vi-du.org/ban-tin/media/2023/anh.jpg\">"))
        #expect(page.contains("<meta property=\"og:image:width\" content=\"900\">\n<meta property=\"og:image:height\" content=\"1200\">"))
        let home = try site.read("public/index.html")
        #expect(home.contains("alt=\"Quang cảnh hội nghị\" fetchpriority=\"high\">"), "the home page's first photo is loaded at once")
        // Print uses the widest variant, loaded at once.
        let print = try site.read("public/luu-tru/2023/05/ban-in/index.html")
        #expect(print.contains("<img src=\"../../../../media/2023/anh.jpg\" width=\"900\" height=\"1200\" alt=\"Quang cảnh hội nghị\">"))
        #expect(print.contains("<picture><img src=\"../../../../media/so-do.png\" width=\"300\" height=\"200\" alt=\"Sơ đồ tổ chức\"></picture>"))
        #expect(!print.contains("srcset") && !print.contains("loading=") && !print.contains("print-copy"))
        #expect(LinkChecker.check(folder: site.output, baseURL: "https://vi-du.org/ban-tin/").broken.isEmpty)
        #expect(page.contains("<meta property=\"og:image:alt\" content=\"Quang cảnh hội nghị\">"))
        // A feed's entry starts with the article's photo and its caption, as its page does: feed
        // readers show an entry's first image as its picture.
        let feed = try site.read("public/feed.xml")
        #expect(feed.contains("<content type=\"html\">&lt;figure&gt;&lt;img src=&quot;https://vi-du.org/ban-tin/media/2023/anh.jpg&quot; width=&quot;900&quot; height=&quot;1200&quot; alt=&quot;Quang cảnh hội nghị&quot; /&gt;&lt;figcaption&gt;Ảnh: Minh Trí&lt;/figcaption&gt;&lt;/figure&gt;"), "\(feed)")
        // Without a base URL Open Graph has no photo, and so nothing to say of it.
        try site.build()
        let local = try site.read(Self.page)
        #expect(!local.contains("og:image"), "\(local.components(separatedBy: "\n").filter { $0.contains("og:image") })")
    }

    /// `share_image` is what a page without a photo of its own shows when shared: the home page,
    /// an article without `image`; an article with one shows its own. One that is not there is an
    /// error at its line.
    @Test func theSiteShareImageIsShownByPagesWithoutAPhotoOfTheirOwn() throws {
        let site = try Self.site()
        try Self.photo(site, "content/media/bia.png", width: 1200, height: 630)
        try site.write("content/site.yml", "title: \"Bản tin ảnh\"\nshare_image: media/bia.png\n")
        try site.write("content/articles/2023/05/khong-anh.md", article(title: "Bài không ảnh", date: "2023-05-10T08:00:00+07:00"))
        try site.build(baseURL: "https://vi-du.org/ban-tin/")
        for page in ["public/index.html", "public/bai-viet/bai-khong-anh/index.html"] {
            let html = try site.read(page)
            #expect(html.contains("<meta property=\"og:image\" content=\"https://vi-du.org/ban-tin/media/bia-1200.jpg\">"), "\(page)")
            #expect(html.contains("<meta property=\"og:image:width\" content=\"1200\">\n<meta property=\"og:image:height\" content=\"630\">"), "\(page)")
        }
        #expect(try site.read(Self.page).contains("<meta property=\"og:image\" content=\"https://vi-du.org/ban-tin/media/2023/anh.jpg\">"), "its own photo")
        try site.write("content/site.yml", "title: \"Bản tin ảnh\"\nshare_image: media/khong-co.png\n")
        let told = site.failingBuild(baseURL: "https://vi-du.org/ban-tin/").filter { $0.file == "content/site.yml" }
        #expect(told.map { "\($0.line): \($0.message)" } == ["2: `share_image` `media/khong-co.png` not found: there is no file content/media/khong-co.png (the path is from content/, like `media/logo.jpg`)"], "\(told)")
    }

    @Test func everyImgHasWidthHeightAndAlt() throws {
        for site in [try Self.site(), try TestSite(content: "bulletin")] {
            try site.build()
            var seen = 0
            for (path, data) in try site.snapshot() where path.hasSuffix(".html") {
                let html = String(decoding: data, as: UTF8.self)
                for tag in html.components(separatedBy: "<img ").dropFirst().map({ rest in rest.prefix { $0 != ">" } }) {
                    seen += 1
                    #expect(tag.contains(" width=\"") && tag.contains(" height=\"") && tag.contains(" alt=\""), "\(path): <img \(tag)>")
                }
            }
            #expect(seen >= 2, "\(site.root.path): only \(seen) <img> found")
        }
    }

    /// Each of the eight orientations a camera writes: the four that turn a photo a quarter
    /// (5–8: transposed, turned right, transversed, turned left) make the stored 1200 × 900 a
    /// portrait, in the files and in the page's `width` and `height`; the others (mirrored,
    /// turned half) keep it a landscape.
    @Test(arguments: 1...8)
    func aPhotoIsUprightByEachOrientation(_ orientation: Int) throws {
        let site = try Self.site()
        try Self.tool(["exiftool", "-q", "-overwrite_original", "-n", "-Orientation=\(orientation)", site.root.appendingPathComponent("content/media/2023/anh.jpg").path])
        try site.build()
        let portrait = orientation >= 5
        let html = try site.read(Self.page)
        let tag = try #require(html.components(separatedBy: "<img ").dropFirst().first { $0.contains("media/2023/anh") }).prefix { $0 != ">" }
        func number(_ name: String) -> Int? {
            tag.components(separatedBy: " \(name)=\"").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
        }
        let (width, height) = (try #require(number("width")), try #require(number("height")))
        #expect(portrait ? height > width : width > height, "<img \(tag)>")
        // Every variant is named by its width, none wider than the photo upright, the widest as wide.
        let read = try Self.imagesRead(site).filter { ($0["SourceFile"] as? String ?? "").contains("/anh-") }
        let upright = portrait ? 900 : 1200
        var widest = 0
        for image in read {
            let name = image["SourceFile"] as? String ?? "?"
            let w = image["File:ImageWidth"] as? Int ?? image["RIFF:ImageWidth"] as? Int ?? 0
            let h = image["File:ImageHeight"] as? Int ?? image["RIFF:ImageHeight"] as? Int ?? 0
            let named = Int(name.split(separator: "-").last?.prefix { $0.isNumber } ?? "")
            #expect(named == w && w <= upright && h * 1200 == w * (portrait ? 1600 : 900), "\(name) is \(w) × \(h)")
            widest = max(widest, w)
        }
        #expect(read.count >= 2 && widest == upright, "\(read.map { $0["SourceFile"] ?? "?" })")
    }

    @Test func aDamagedPhotoFailsTheBuildWhereItIsShownAndLeavesTheSiteAsItWas() throws {
        let site = try Self.site()
        try site.build()
        let before = try site.snapshot()
        let photo = site.root.appendingPathComponent("content/media/2023/anh.jpg")
        let bytes = try Data(contentsOf: photo)
        try site.write("content/media/2023/anh.jpg", bytes: Array(bytes.prefix(bytes.count / 2)))
        try site.write("content/media/khong-phai-anh.webp", "không phải ảnh")
        let diagnostics = site.failingBuild()
        let cut = diagnostics.first { $0.file == Self.articleFile }
        #expect(cut?.line == 4, "at the article's `image:` line")
        #expect(cut?.message.contains("the photo content/media/2023/anh.jpg cannot be published") == true, "\(diagnostics)")
        #expect(diagnostics.contains { $0.file == "content/media/khong-phai-anh.webp" && $0.severity == .error })
        #expect(!diagnostics.contains { $0.message.contains("Error Domain=") })
        #expect(try site.snapshot() == before, "public/ was left as it was")
    }

    /// A file Git LFS keeps, checked out as its pointer (git-lfs missing, a CI checkout without
    /// `lfs: true`), is told as one, with what to do: a photo, a PDF or GIF of content/, an
    /// article and a theme's asset alike, and nothing is published.
    @Test func aGitLFSPointerCheckedOutForAFileIsToldSo() throws {
        let site = try Self.site()
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1483924\n"
        try site.write("content/media/2023/anh.jpg", pointer)
        try site.write("content/media/van-ban/ket-luan.pdf", pointer)
        try site.write("templates/assets/logo.png", pointer)
        try site.write("content/articles/2023/lfs.md", pointer)
        try site.write("content/media/hoat-hinh.gif", pointer)
        let told = site.failingBuild()
        #expect(told.contains { $0.file == "content/articles/2023/lfs.md" && $0.line == 1 && $0.message.hasPrefix("it is a Git LFS pointer") }, "\(told)")
        #expect(told.filter { $0.file == "content/media/hoat-hinh.gif" }.map(\.severity) == [.error], "no GIF's warning beside it: \(told)")
        let lfs = "it is a Git LFS pointer, not the file"
        #expect(told.first { $0.file == Self.articleFile }?.message.contains(lfs) == true, "\(told)")
        #expect(told.contains { $0.file == "content/media/van-ban/ket-luan.pdf" && $0.severity == .error && $0.message.hasPrefix(lfs) && $0.message.hasSuffix("run `git lfs pull` (in GitHub Actions, `actions/checkout` with `lfs: true`)") }, "\(told)")
        #expect(told.contains { $0.file == "templates/assets/logo.png" && $0.severity == .error && $0.message.hasPrefix(lfs) }, "\(told)")
        #expect(!site.exists("public/media/van-ban/ket-luan.pdf"))
    }

    /// A web page saved under a photo's name (the page the photo was on, a site's error page) is
    /// told as one; a photo's path written from the repository (`content/media/…`) is told to
    /// drop `content/`.
    @Test func aWebPageSavedAsAPhotoAndAPathWithContentAreToldSo() throws {
        let site = try Self.site()
        try site.write("content/media/2023/anh.jpg", "\n  <!DOCTYPE html><html><head><title>403 Forbidden</title></head></html>\n")
        let page = site.failingBuild().first { $0.file == Self.articleFile }
        #expect(page?.message.contains("cannot be published: it is a web page (HTML), not a photo") == true, "\(String(describing: page))")
        // Saved with a byte-order mark, or starting at `<html` or `<head`.
        for start in ["\u{FEFF}<!doctype html><html>", "<HTML lang=\"vi\"><body>", "\r\n<head><title>404</title></head>"] {
            try site.write("content/media/2023/anh.jpg", start + "<p>Không tìm thấy</p>\n")
            let told = site.failingBuild().first { $0.file == Self.articleFile }
            #expect(told?.message.contains("it is a web page (HTML), not a photo") == true, "\(start.debugDescription): \(String(describing: told))")
        }
        try Self.photo(site, "content/media/2023/anh.jpg", width: 800, height: 600)
        try site.write(Self.articleFile, try site.read(Self.articleFile).replacingOccurrences(of: "image: media/2023/anh.jpg", with: "image: content/media/2023/anh.jpg"))
        let path = site.failingBuild().first { $0.file == Self.articleFile }
        #expect(path?.message == "image `content/media/2023/anh.jpg` not found: there is no file content/content/media/2023/anh.jpg; the path is from content/: write `media/2023/anh.jpg`", "\(String(describing: path))")
        // Without that photo in content/ either, nothing to drop: only what is missing.
        try site.write(Self.articleFile, try site.read(Self.articleFile).replacingOccurrences(of: "image: content/media/2023/anh.jpg", with: "image: content/media/2023/khong-co.jpg"))
        let missing = site.failingBuild().first { $0.file == Self.articleFile }
        #expect(missing?.message == "image `content/media/2023/khong-co.jpg` not found: there is no file content/content/media/2023/khong-co.jpg", "\(String(describing: missing))")
    }

    /// A JPEG whose compressed data is damaged (libjpeg only warns, and shows grey from there on)
    /// is an error too; stray bytes between two of its parts, which some cameras write and which
    /// cost no pixel, are not.
    @Test func aJPEGWithDamagedDataIsAnErrorButStrayBytesBetweenItsPartsAreNot() throws {
        let site = try Self.site()
        let photo = site.root.appendingPathComponent("content/media/2023/anh.jpg")
        let good = [UInt8](try Data(contentsOf: photo))
        let scan = try #require((0..<(good.count - 1)).first { good[$0] == 0xFF && good[$0 + 1] == 0xDA })
        var damaged = good
        for at in stride(from: scan + 400, to: good.count - 100, by: 37) { damaged[at] = 0x55 }
        try site.write("content/media/2023/anh.jpg", bytes: damaged)
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map { "\($0.file):\($0.line)" } == ["\(Self.articleFile):4"], "\(errors)")
        #expect(errors.first?.message.contains("cannot be decoded: the file is damaged") == true, "\(errors)")
        #expect(errors.first?.message.contains("Corrupt JPEG data") == true, "libjpeg's words: \(errors)")

        try site.write("content/media/2023/anh.jpg", bytes: Array(good[..<scan]) + [0x12, 0x34] + Array(good[scan...]))
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.message.contains("photo") }, "\(report.diagnostics)")
        #expect(report.photos == 2)
    }

    /// libvips keeps one error buffer for the whole process: photos failing on several cores at
    /// once must each be told with their own words, and a photo with only stray bytes between its
    /// parts must not be taken as damaged for words of another photo that failed beside it.
    @Test func photosFailingAtOnceAreEachToldWithTheirOwnWords() throws {
        let site = try Self.site()
        let good = [UInt8](try Data(contentsOf: site.root.appendingPathComponent("content/media/2023/anh.jpg")))
        let scan = try #require((0..<(good.count - 1)).first { good[$0] == 0xFF && good[$0 + 1] == 0xDA })
        let stray = site.root.appendingPathComponent("stray.jpg").path
        try Data(Array(good[..<scan]) + [0x12, 0x34] + Array(good[scan...])).write(to: URL(fileURLWithPath: stray))
        let damaged = (0..<3).map { site.root.appendingPathComponent("hong-\($0).jpg").path }
        for (index, path) in damaged.enumerated() {
            var bytes = good
            for at in stride(from: scan + 300 + 50 * index, to: good.count - 100, by: 29) { bytes[at] = 0x55 }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let header = try PhotoCodec.header(of: stray)
        let outcome = { @Sendable (path: String) -> String in
            do throws(PhotoCodec.Failure) {
                _ = try PhotoCodec.encode(path, header: header, largest: 600, wanted: [(600, .jpeg)], quality: 80, inParallel: false)
                return "made"
            } catch {
                return error.reason
            }
        }
        let alone = Dictionary(uniqueKeysWithValues: ([stray] + damaged).map { ($0, outcome($0)) })
        #expect(alone[stray] == "made")
        #expect(damaged.allSatisfy { alone[$0]?.contains("Corrupt JPEG data") == true }, "\(alone)")
        let rounds = Array(repeating: [stray] + damaged, count: 12).flatMap { $0 }
        for (path, together) in zip(rounds, rounds.parallelMap(outcome)) {
            #expect(together == alone[path], "\((path as NSString).lastPathComponent), beside others: \(together)")
        }
    }

    /// Which of libjpeg's warnings mean stray bytes between parts of the header (harmless), and
    /// which mean compressed data read wrong (bytes left over before the image's end or a restart
    /// marker, data ending early): damage.
    @Test func onlyStrayBytesBetweenHeaderPartsAreHarmless() {
        let harmless = ["VipsJpeg: Corrupt JPEG data: 2 extraneous bytes before marker 0xda", "VipsJpeg: Corrupt JPEG data: 1 extraneous bytes before marker 0xc4; VipsJpeg: Corrupt JPEG data: 2 extraneous bytes before marker 0xda"]
        let damage = [
            "VipsJpeg: Corrupt JPEG data: 1533 extraneous bytes before marker 0xd9", "VipsJpeg: Corrupt JPEG data: 3 extraneous bytes before marker 0xd3",
            "VipsJpeg: Corrupt JPEG data: premature end of data segment", "VipsJpeg: Premature end of input file",
            "VipsJpeg: Corrupt JPEG data: 2 extraneous bytes before marker 0xda; VipsJpeg: Corrupt JPEG data: bad Huffman code", "",
        ]
        #expect(harmless.allSatisfy { PhotoCodec.DecodeError(message: $0).onlyStrayBytes })
        #expect(!damage.contains { PhotoCodec.DecodeError(message: $0).onlyStrayBytes })
    }

    /// A damaged photo that only a scheduled article shows is told at that article's lines, as it
    /// would be once the article is published (scheduled articles are checked all the same).
    @Test func aDamagedPhotoOfAScheduledArticleIsToldWhereItIsShown() throws {
        let site = try Self.site(body: "Mở đầu.\n\n![Hội nghị](../../../media/2023/anh.jpg)\n")
        try site.write(Self.articleFile, try site.read(Self.articleFile).replacingOccurrences(of: "date: 2023-05-09T17:00:00+07:00", with: "date: 2099-05-09T17:00:00+07:00"))
        let photo = site.root.appendingPathComponent("content/media/2023/anh.jpg")
        let bytes = try Data(contentsOf: photo)
        try site.write("content/media/2023/anh.jpg", bytes: Array(bytes.prefix(bytes.count / 2)))
        var options = site.options()
        options.now = ScheduledArticlesTests.now
        let errors = #expect(throws: BuildFailure.self) { try SiteBuilder.build(options) }?.diagnostics.filter { $0.severity == .error } ?? []
        #expect(errors.map { "\($0.file):\($0.line)" } == ["\(Self.articleFile):4", "\(Self.articleFile):10"], "\(errors)")
    }

    /// A damaged photo is told in the same build as an error elsewhere (another article's bad
    /// date), at the places that show it: the editor goes round once.
    @Test func aDamagedPhotoIsToldBesideOtherErrors() throws {
        let site = try Self.site()
        let photo = site.root.appendingPathComponent("content/media/2023/anh.jpg")
        let bytes = try Data(contentsOf: photo)
        try site.write("content/media/2023/anh.jpg", bytes: Array(bytes.prefix(bytes.count / 2)))
        try site.write("content/articles/2023/05/khac.md", "---\ntitle: Bài khác\ndate: 20/11/2026\n---\nNội dung.\n")
        let errors = site.failingBuild().filter { $0.severity == .error }.map { "\($0.file):\($0.line)" }
        #expect(errors.contains("content/articles/2023/05/khac.md:3"), "\(errors)")
        #expect(errors.contains("\(Self.articleFile):4"), "the photo's error, at the article's `image:` line: \(errors)")
    }

    /// A PNG whose header says 20,000 × 10,000 pixels and holds nothing else: decoding it would
    /// fail on the missing data, so the message about its size shows it was refused from the header.
    @Test func aPhotoOverOneHundredMegapixelsIsRefusedFromItsHeader() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        var header: [UInt8] = Array("IHDR".utf8)
        for number in [UInt32(20_000), UInt32(10_000)] { header += withUnsafeBytes(of: number.bigEndian, Array.init) }
        header += [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // A few bytes of image data: a PNG's header is read up to its first data chunk.
        for chunk in [header, Array("IDAT".utf8) + [0x78, 0x9C, 0x01, 0x02, 0x03], Array("IEND".utf8)] {
            png += withUnsafeBytes(of: UInt32(chunk.count - 4).bigEndian, Array.init) + chunk + withUnsafeBytes(of: Self.crc32(chunk).bigEndian, Array.init)
        }
        try site.write("content/media/bom.png", bytes: png)
        let diagnostics = site.failingBuild()
        #expect(diagnostics.map(\.file) == ["content/media/bom.png"])
        #expect(diagnostics.first?.message.contains("20000 × 10000 pixels (200 megapixels), more than the 100 megapixels") == true, "\(diagnostics)")
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// HEIC from phones, TIFF from scanners, AVIF, and JPEG under the names Windows gives it
    /// (`.jfif`, `.jpe`): each processed like any photo (metadata stripped) and published as `.jpg`.
    @Test(arguments: ["heic", "HIF", "tif", "avif", "jfif", "jpe"])
    func aPhotoBrowsersMayNotShowIsPublishedAsJPEG(fileExtension: String) throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/tam.jpg", width: 640, height: 480)
        try Self.tool(["exiftool", "-q", "-overwrite_original", "-n", "-GPSLatitude=10.36", "-GPSLatitudeRef=N", "-XMP-dc:Creator=Phóng viên", site.root.appendingPathComponent("content/media/tam.jpg").path])
        let original = site.root.appendingPathComponent("content/media/anh.\(fileExtension)").path
        if ["jfif", "jpe"].contains(fileExtension) {
            try FileManager.default.moveItem(atPath: site.root.appendingPathComponent("content/media/tam.jpg").path, toPath: original)
        } else {
            let source = site.root.appendingPathComponent("content/media/tam.jpg").path
            // `.HIF`: the name Canon's cameras give their HEIF photos (libvips knows it by content only).
            try Self.tool(fileExtension == "HIF" ? ["vips", "heifsave", source, original] : ["vips", "copy", source, original + (fileExtension == "avif" ? "[compression=av1]" : "")])
            try site.remove("content/media/tam.jpg")
        }
        try site.write(Self.articleFile, article(title: "Ảnh gửi về", extra: "image: media/anh.\(fileExtension)\nimage_alt: \"Ảnh phóng viên gửi\"\n", body: "![Ảnh trong bài](../../../media/anh.\(fileExtension))\n"))
        try site.build()
        let media = Set(try site.snapshot().keys.filter { $0.hasPrefix("/media/") })
        #expect(media == ["/media/anh.jpg", "/media/anh-480.jpg", "/media/anh-480.webp", "/media/anh-640.webp"], "\(media)")
        let page = try site.read("public/bai-viet/anh-gui-ve/index.html")
        #expect(page.contains("<img src=\"../../media/anh.jpg\""))
        #expect(!page.contains("anh.\(fileExtension)"))
        let read = try Self.imagesRead(site)
        #expect(read.first { ($0["SourceFile"] as? String)?.hasSuffix("anh.jpg") == true }?["File:FileType"] as? String == "JPEG")
        #expect(read.allSatisfy { $0["EXIF:GPSLatitude"] == nil && $0["XMP:Creator"] == nil }, "metadata published: \(read)")
    }

    /// A link to the name a HEIC photo is published under (`anh.jpg`) is told to link the photo
    /// itself, as every link to a file under `content/` does.
    @Test func aLinkToTheNameAHEICIsPublishedUnderIsToldItsOwn() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/tam.jpg", width: 64, height: 48)
        try Self.tool(["vips", "copy", site.root.appendingPathComponent("content/media/tam.jpg").path, site.root.appendingPathComponent("content/media/anh.heic").path])
        try site.remove("content/media/tam.jpg")
        try site.write(Self.articleFile, article(title: "Ảnh", body: "![Ảnh](../../../media/anh.jpg)\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].message.hasSuffix("did you mean `../../../media/anh.heic`?"), "\(errors)")
    }

    /// A photo saved without a photo's extension (a chat app's `anh`, wget's `anh.jpeg.1`) would be
    /// published as it is, GPS position and all: an error at the file says what to rename it to.
    /// Other files (a PDF, a text, a video's `ftyp` box) are published as they are.
    @Test func aPhotoWithoutAPhotosExtensionIsAnError() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/anh.jpg", width: 64, height: 48)
        try Self.photo(site, "content/media/so-do.png", width: 64, height: 48)
        try FileManager.default.copyItem(atPath: site.root.appendingPathComponent("content/media/anh.jpg").path, toPath: site.root.appendingPathComponent("content/media/anh").path)
        try FileManager.default.copyItem(atPath: site.root.appendingPathComponent("content/media/anh.jpg").path, toPath: site.root.appendingPathComponent("content/media/anh.jpeg.1").path)
        try FileManager.default.moveItem(atPath: site.root.appendingPathComponent("content/media/so-do.png").path, toPath: site.root.appendingPathComponent("content/media/so-do.png_large").path)
        try site.write("content/media/tai-lieu.pdf", "%PDF-1.4\n%âãÏÓ\n")
        try site.write("content/media/ghi-chu.txt", "Ghi chú\n")
        try site.write("content/media/phim.mp4", bytes: [0, 0, 0, 24] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2".utf8) + [0, 0, 0, 8] + Array("free".utf8))
        try site.write(Self.articleFile, article(title: "Ảnh", body: "[ảnh gốc](../../../media/anh)\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map(\.file).sorted() == ["content/media/anh", "content/media/anh.jpeg.1", "content/media/so-do.png_large"], "\(errors)")
        #expect(errors.first { $0.file == "content/media/anh" }?.message.hasPrefix("this is a JPEG photo, but its name does not end in a photo's extension") == true, "\(errors)")
        #expect(errors.first { $0.file == "content/media/so-do.png_large" }?.message.contains("rename it to end in `.png`") == true, "\(errors)")
        try site.remove("content/media/anh")
        try site.remove("content/media/anh.jpeg.1")
        try site.remove("content/media/so-do.png_large")
        try site.write(Self.articleFile, article(title: "Ảnh", body: "[ảnh gốc](../../../media/anh.jpg)\n"))
        try site.build()
        #expect(site.exists("public/media/tai-lieu.pdf") && site.exists("public/media/phim.mp4") && site.exists("public/media/ghi-chu.txt"))
    }

    /// A JPEG 2000 or JPEG XL image (libvips is not trusted to read the first) and a Photoshop
    /// document would be published as they are, GPS position and all, whatever their names: an
    /// error says to save them as JPEG or PNG. A GIF under another name is published as it is
    /// with the warning a `.gif` gets.
    @Test func imagesNotMadeIntoPhotosAreErrorsAndAGIFUnderAnotherNameIsTold() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        let jp2: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, 0x00, 0x00, 0x00, 0x14] + Array("ftypjp2 ".utf8)
        try site.write("content/media/anh.jp2", bytes: jp2)
        try site.write("content/media/anh-quet", bytes: [0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x2F])
        try site.write("content/media/anh.jxl", bytes: [0x00, 0x00, 0x00, 0x0C] + Array("JXL \r\n".utf8) + [0x87, 0x0A, 0x00, 0x00, 0x00, 0x14] + Array("ftypjxl ".utf8))
        try site.write("content/media/anh-moi.jxl", bytes: [0xFF, 0x0A, 0xFA, 0x1F, 0x42])
        try site.write("content/media/thiet-ke.psd", bytes: Array("8BPS".utf8) + [0x00, 0x01] + Array(repeating: 0, count: 20))
        try site.write("content/media/IMG_0001.dng", bytes: Array("II".utf8) + [42, 0, 8, 0, 0, 0, 0, 0])
        try site.write("content/media/ghi-chu.txt", "8BPS là tên gọi tắt, ghi lại cho khỏi quên.\n")
        let gif = Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 0x3B]
        try site.write("content/media/anh-zalo", bytes: gif)
        try site.write("content/media/dong.gif", bytes: gif)
        let told = site.failingBuild()
        #expect(told.filter { $0.severity == .error }.map(\.file).sorted() == [
            "content/media/IMG_0001.dng", "content/media/anh-moi.jxl", "content/media/anh-quet", "content/media/anh.jp2", "content/media/anh.jxl", "content/media/thiet-ke.psd",
        ], "\(told)")
        #expect(told.first { $0.file == "content/media/IMG_0001.dng" }?.message.hasPrefix("this is a camera's raw file, which bantin does not make into a photo") == true)
        #expect(told.first { $0.file == "content/media/anh.jp2" }?.message.hasPrefix("this is a JPEG 2000 image") == true)
        #expect(told.filter { $0.file.hasSuffix(".jxl") }.allSatisfy { $0.message.hasPrefix("this is a JPEG XL image, which bantin does not make into a photo") })
        #expect(told.first { $0.file == "content/media/thiet-ke.psd" }?.message.hasPrefix("this is a Photoshop document (PSD), which bantin does not make") == true)
        let renamed = try #require(told.first { $0.file == "content/media/anh-zalo" })
        #expect(renamed.severity == .warning && renamed.message.hasPrefix("this is a GIF, though its name does not say so; a GIF is published as it is"), "\(renamed)")
        #expect(told.first { $0.file == "content/media/dong.gif" }?.message.hasPrefix("a GIF is published as it is") == true)
        for name in ["anh.jp2", "anh-quet", "anh.jxl", "anh-moi.jxl", "thiet-ke.psd", "IMG_0001.dng"] { try site.remove("content/media/\(name)") }
        try site.build()
        #expect(site.exists("public/media/ghi-chu.txt"))
        #expect(site.exists("public/media/anh-zalo"))
    }

    /// Files whose names differ only in case are one file on Windows, macOS and some hosts: a
    /// warning at the second, for photos (whose variants are named without the extension) too.
    @Test func namesThatDifferOnlyInCaseAreAWarning() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/IMG_1234.JPG", width: 64, height: 48)
        try Self.photo(site, "content/media/img_1234.jpeg", width: 64, height: 48)
        try site.write("content/media/BaoCao.pdf", "%PDF-1.4\n")
        try site.write("content/media/baocao.pdf", "%PDF-1.4\n")
        try site.write("content/Tai-lieu/a.pdf", "%PDF-1.4\n")
        try site.write("content/tai-lieu/a.pdf", "%PDF-1.4\n")
        try site.write("content/media/bien-ban.pdf", "%PDF-1.4\n")
        let told = try site.build().diagnostics.filter { $0.message.contains("only in case") }.map(\.file).sorted()
        #expect(told == ["content/media/baocao.pdf", "content/media/img_1234.jpeg", "content/tai-lieu/a.pdf"], "\(told)")
    }

    /// A GIF or a drawing saved under a photo's name is told the name that publishes it as it is.
    @Test func aGIFOrDrawingNamedAsAPhotoIsToldItsName() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try site.write("content/media/anh-dong.jpg", bytes: Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B])
        try site.write("content/media/bao-cao.jpeg", "%PDF-1.4\n")
        try site.write("content/media/ban-ve.jpg", "<!-- Created with Inkscape -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n")
        try site.write("content/media/so-do.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n")
        let told = site.failingBuild().filter { $0.severity == .error }
        let gif = try #require(told.first { $0.file == "content/media/anh-dong.jpg" })
        #expect(gif.message.contains("it is a GIF, though its name says it is a photo: name it anh-dong.gif"), "\(gif)")
        let drawing = try #require(told.first { $0.file == "content/media/so-do.png" })
        #expect(drawing.message.contains("it is an SVG drawing, though its name says it is a photo: name it so-do.svg"), "\(drawing)")
        #expect(told.first { $0.file == "content/media/bao-cao.jpeg" }?.message.contains("it is a PDF document, though its name says it is a photo: name it bao-cao.pdf") == true)
        #expect(told.first { $0.file == "content/media/ban-ve.jpg" }?.message.contains("it is an SVG drawing, though its name says it is a photo: name it ban-ve.svg") == true, "\(told)")
    }

    /// WebP has at most 16,383 pixels on a side: a long infographic's widest variant is as wide as
    /// that height allows, and the build succeeds.
    @Test func aLongInfographicIsPublishedNarrowerInsteadOfFailing() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/do-hoa.png", width: 400, height: 20_000)
        try site.write(Self.articleFile, article(title: "Đồ họa", body: "![Đồ họa kết quả bầu cử](../../../media/do-hoa.png)\n"))
        try site.build()
        let media = Set(try site.snapshot().keys.filter { $0.hasPrefix("/media/") })
        #expect(media == ["/media/do-hoa.png", "/media/do-hoa-327.jpg", "/media/do-hoa-327.webp"], "\(media)")
        let page = try site.read("public/bai-viet/do-hoa/index.html")
        #expect(page.contains("width=\"327\" height=\"16350\""), "\(page)")
    }

    /// A photo in a directive's or a theme's description is the first image of its page: loaded at
    /// once, and the photos of the cards below it when they come into view.
    @Test func aDescriptionsPhotoIsTheFirstImageOfItsPage() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/hoi-nghi.jpg", width: 64, height: 48)
        try Self.photo(site, "content/media/bai.jpg", width: 64, height: 48)
        try site.write("content/directives/01-kl-tw.md", "---\ncode: \"01-KL/TW\"\nkind: \"Kết luận\"\ntitle: \"Về học tập\"\n---\nMô tả.\n\n![Ảnh hội nghị](../media/hoi-nghi.jpg)\n")
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Chuyên đề\"\n---\n![Ảnh chuyên đề](../media/hoi-nghi.jpg)\n")
        try site.write(Self.articleFile, article(title: "Bài", extra: "image: media/bai.jpg\nimage_alt: \"Ảnh bài\"\ndirectives: [\"01-KL/TW\"]\nthemes: [2023]\n"))
        try site.build()
        for (page, alt) in [("public/van-ban/01-kl-tw/index.html", "Ảnh hội nghị"), ("public/chuyen-de/2023/index.html", "Ảnh chuyên đề")] {
            let html = try site.read(page)
            #expect(html.contains("alt=\"\(alt)\" fetchpriority=\"high\">"), "\(page)")
            #expect(html.contains("alt=\"Ảnh bài\" loading=\"lazy\""), "\(page)")
            #expect(html.components(separatedBy: "fetchpriority").count == 2, "\(page): one image loaded at once")
        }
        // A list whose description shows no image leads with its first card's photo.
        #expect(try site.read("public/index.html").contains("alt=\"Ảnh bài\" fetchpriority=\"high\""))
    }

    /// A photo whose own name fits on disk but whose copies' names (`…-1600.webp`) pass the 255
    /// bytes of a file name is an error at the article that shows it, saying by how much to
    /// shorten it, not a failure to write `public/…` (the site before stays).
    @Test func aPhotoNameTooLongForItsCopiesIsToldWhereItIsShown() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        // A 640-pixel photo is published at 480 and 640: its longest copy is `<stem>-640.webp`.
        let prefix = "Ảnh hội nghị sơ kết Kết luận 01 của tỉnh ủy "
        let fitting = prefix + String(repeating: "a", count: 255 - "-640.webp".utf8.count - prefix.utf8.count)
        try Self.photo(site, "content/media/\(fitting).jpg", width: 640, height: 480)
        try site.write(Self.articleFile, article(title: "Hội nghị", body: "![Hội trường](<../../../media/\(fitting).jpg>)\n"))
        try site.build()
        #expect(site.exists("public/media/\(fitting)-640.webp"), "a copy's name of 255 bytes fits")
        let before = try site.snapshot()
        let longer = fitting + "aa"
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("content/media/\(fitting).jpg"), to: site.root.appendingPathComponent("content/media/\(longer).jpg"))
        try site.write(Self.articleFile, article(title: "Hội nghị", body: "![Hội trường](<../../../media/\(longer).jpg>)\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].file == Self.articleFile, "\(errors)")
        // Its copies at 480 and 640 pixels have names of one length.
        #expect(errors.first?.message.contains("its name is too long: one of its copies would be named `\(longer)-") == true, "\(errors.first?.message ?? "")")
        #expect(errors.first?.message.contains(".webp`, 257 bytes, and a file name may have 255") == true, "\(errors.first?.message ?? "")")
        #expect(errors.first?.message.contains("by at least 2 bytes, and the links to it") == true, "\(errors)")
        #expect(try site.snapshot() == before, "the site before, byte for byte")
    }

    /// A strip more than 16,383 times as tall as it is wide fits in no WebP file at any width: an
    /// error in plain words at the article that shows it, not libvips's "image too large".
    @Test func aStripTooTallForAnyWidthIsToldWhy() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/vach.png", width: 1, height: 20_000)
        try site.write(Self.articleFile, article(title: "Vạch", body: "![Vạch chia](../../../media/vach.png)\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].file == Self.articleFile, "\(errors)")
        #expect(errors.first?.message.contains("it is 1 × 20000 pixels upright, more than 16383 times as tall as it is wide") == true, "\(errors)")
        #expect(errors.first?.message.contains("libvips") == false, "\(errors)")
    }

    /// A photo inside a table's cell is shown as everywhere else (cmark-gfm's cells take no node
    /// of bantin's own).
    @Test func aPhotoInATableCellIsShown() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/anh.jpg", width: 640, height: 480)
        let body = "| Ảnh | Ghi chú |\n|---|---|\n| chữ ![Hội nghị](../../../media/anh.jpg) sau | x |\n\n![Lần nữa](../../../media/anh.jpg)\n"
        try site.write(Self.articleFile, article(title: "Bảng ảnh", body: body))
        try site.build()
        let page = try site.read("public/bai-viet/bang-anh/index.html")
        #expect(page.contains("<td>chữ <img class=\"print-copy\" style=\"display:none\" src=\"../../media/anh.jpg\""), "\(page)")
        #expect(page.components(separatedBy: "<picture>").count == 3 && page.contains("alt=\"Hội nghị\"") && page.contains("alt=\"Lần nữa\""))
        #expect(!page.contains("bantin-picture:"))
    }

    @Test func aLeadImageThatIsNoPhotoIsAnError() throws {
        let site = try TestSite()
        try site.write("content/media/tai-lieu.pdf", "%PDF-1.4\n")
        try site.write(Self.articleFile, article(title: "Tài liệu", extra: "image: media/tai-lieu.pdf\nimage_alt: Tài liệu\n"))
        try site.write("content/articles/b.md", article(title: "Cấu hình", extra: "image: site.yml\nimage_alt: Cấu hình\n"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 2 && errors.first?.file == Self.articleFile && errors.first?.line == 4, "\(errors)")
        #expect(errors.last?.message.hasPrefix("image `site.yml` is not a photo") == true, "a file that exists but is not published is not called missing: \(errors)")
        #expect(errors.first?.message.hasPrefix("image `media/tai-lieu.pdf` is not a photo: give a JPEG, PNG") == true, "\(errors)")
    }

    /// GIF is no photo bantin processes: published as it is, with a warning that says so.
    @Test func aGIFIsPublishedAsItIsWithAWarning() throws {
        let site = try TestSite()
        try Self.photo(site, "content/media/hoat-hinh.gif", width: 64, height: 48)
        try site.write(Self.articleFile, article(title: "Hoạt hình", body: "![Hình động](../../../media/hoat-hinh.gif)\n\n![Lần nữa](../../../media/hoat-hinh.gif)\n"))
        let report = try site.build()
        #expect(site.exists("public/media/hoat-hinh.gif"))
        // Shown with its size (no shift as it loads), the first at once, the next lazily.
        let page = try site.read("public/bai-viet/hoat-hinh/index.html")
        #expect(page.contains("<img src=\"../../media/hoat-hinh.gif\" width=\"64\" height=\"48\" alt=\"Hình động\" fetchpriority=\"high\" />"), "\(page)")
        #expect(page.contains("<img src=\"../../media/hoat-hinh.gif\" width=\"64\" height=\"48\" alt=\"Lần nữa\" loading=\"lazy\" />"), "\(page)")
        let warnings = report.diagnostics.filter { $0.severity == .warning && $0.file == "content/media/hoat-hinh.gif" }
        #expect(warnings.count == 1 && warnings[0].message.hasPrefix("a GIF is published as it is"), "\(report.diagnostics)")
    }

    /// An SVG drawing is shown as a GIF is, with the size its root element gives (`width` and
    /// `height` in an absolute unit, else its `viewBox`), the first at once, the next lazily: nothing
    /// jumps as it loads. One whose size is not said (`100%`, no `viewBox`) is shown without.
    @Test func anSVGDrawingIsShownWithItsSize() throws {
        let site = try TestSite()
        try site.write("content/media/so-do.svg", "<?xml version=\"1.0\"?>\n<!-- vẽ bằng Inkscape -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" stroke-width=\"2\" width=\"600\" height=\"400px\"><rect width=\"10\" height=\"10\"/></svg>\n")
        try site.write("content/media/khung.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 320.4 180\"><rect width=\"10\" height=\"10\"/></svg>\n")
        try site.write("content/media/in.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"1in\"></svg>\n")
        try site.write("content/media/khong-ro.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"50%\"></svg>\n")
        try site.write(Self.articleFile, article(title: "Sơ đồ", body: "![Sơ đồ](../../../media/so-do.svg)\n\n![Khung](../../../media/khung.svg) ![In](../../../media/in.svg) ![Không rõ](../../../media/khong-ro.svg)\n"))
        try site.build()
        try Self.expectPage("public/bai-viet/so-do/index.html", of: site, shows: [
            "<img src=\"../../media/so-do.svg\" width=\"600\" height=\"400\" alt=\"Sơ đồ\" fetchpriority=\"high\" />",
            "<img src=\"../../media/khung.svg\" width=\"320\" height=\"180\" alt=\"Khung\" loading=\"lazy\" />",
            "<img src=\"../../media/in.svg\" width=\"794\" height=\"96\" alt=\"In\" loading=\"lazy\" />",
            "<img src=\"../../media/khong-ro.svg\" alt=\"Không rõ\" />",
        ])
    }

    /// Expects the page at `path` of `site` to hold each of `images` (the `<img>` tags it writes).
    static func expectPage(_ path: String, of site: TestSite, shows images: [String]) throws {
        let page = try site.read(path)
        for img in images { #expect(page.contains(img), "\(img): \(page)") }
    }

    /// A BMP is shown with the size its header gives, as a GIF is: 32-bit (a height below zero is a
    /// picture stored top row first) or an OS/2 header's 16-bit.
    @Test func aBMPIsShownWithItsSize() throws {
        let site = try TestSite()
        func little(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let pixels = [UInt8](repeating: 0xFF, count: 64)
        let windows = Array("BM".utf8) + little(54 + 64, 4) + little(0, 4) + little(54, 4)
            + little(40, 4) + little(40, 4) + little(-30, 4) + little(1, 2) + little(24, 2) + [UInt8](repeating: 0, count: 24) + pixels
        let os2 = Array("BM".utf8) + little(26 + 64, 4) + little(0, 4) + little(26, 4) + little(12, 4) + little(20, 2) + little(10, 2) + little(1, 2) + little(24, 2) + pixels
        try site.write("content/media/bieu-do.bmp", bytes: windows)
        try site.write("content/media/cu.bmp", bytes: os2)
        try site.write(Self.articleFile, article(title: "Biểu đồ", body: "![Biểu đồ](../../../media/bieu-do.bmp)\n\n![Cũ](../../../media/cu.bmp)\n"))
        try site.build()
        try Self.expectPage("public/bai-viet/bieu-do/index.html", of: site, shows: [
            "<img src=\"../../media/bieu-do.bmp\" width=\"40\" height=\"30\" alt=\"Biểu đồ\" fetchpriority=\"high\" />",
            "<img src=\"../../media/cu.bmp\" width=\"20\" height=\"10\" alt=\"Cũ\" loading=\"lazy\" />",
        ])
    }

    /// An animated WebP or PNG is published as its first frame: a warning says so where it is.
    @Test func anAnimatedPhotoIsPublishedAsItsFirstFrameWithAWarning() throws {
        let site = try TestSite()
        try Self.photo(site, "content/media/tinh.png", width: 64, height: 48)
        // The same PNG made an animation of one frame: an `acTL` chunk after its header.
        var png = Array(try Data(contentsOf: site.content.appendingPathComponent("media/tinh.png")))
        let still = png
        png.insert(contentsOf: Self.pngChunk("acTL", [0, 0, 0, 1, 0, 0, 0, 0]), at: 33)
        try site.write("content/media/dong.png", bytes: png)
        // `acTL` may come after chunks of any size: here metadata of 6 KB (XMP, as `iTXt`).
        var withMetadata = still
        withMetadata.insert(contentsOf: Self.pngChunk("iTXt", Array("XML:com.adobe.xmp".utf8) + [0, 0, 0, 0, 0] + Array(repeating: 0x20, count: 6_000))
            + Self.pngChunk("acTL", [0, 0, 0, 1, 0, 0, 0, 0]), at: 33)
        try site.write("content/media/dong-xmp.png", bytes: withMetadata)
        try site.write(Self.articleFile, article(title: "Ảnh động", body: "![Ảnh động](../../../media/dong.png) ![Ảnh tĩnh](../../../media/tinh.png)\n"))
        let report = try site.build()
        let warnings = report.diagnostics.filter { $0.message.hasPrefix("an animated photo is published as its first frame only") }
        #expect(warnings.map(\.file).sorted() == ["content/media/dong-xmp.png", "content/media/dong.png"], "\(report.diagnostics)")
        #expect(site.exists("public/media/dong.png"))
        // Found once the photos are read, after the other warnings: `--strict` fails on it too,
        // told with the others (here the missing site.yml).
        let strict = site.failingBuild(strict: true)
        #expect(strict.map(\.description).sorted() == [
            "content/media/dong-xmp.png: error: \(PhotoAnimation.InPart.firstFrame.warning) [--strict]", "content/media/dong.png: error: \(PhotoAnimation.InPart.firstFrame.warning) [--strict]",
            "content/site.yml: error: no site.yml; using a default title [--strict]",
        ], "\(strict)")
        // A WebP says so in its extended header's flags.
        let vp8x: [UInt8] = Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0]
        #expect(PhotoAnimation.isAnimated((vp8x + [0x02] + Array(repeating: 0, count: 9))[...]))
        #expect(!PhotoAnimation.isAnimated((vp8x + [0x10] + Array(repeating: 0, count: 9))[...]))
    }

    /// A TIFF of several pages (a scanner's document feeder) is published as its first page only,
    /// as an animation is as its first frame: a warning at its file says so. A TIFF of one page,
    /// or of one page and a reduced copy of it (a preview), is a photo like any other.
    @Test func aTIFFOfSeveralPagesIsToldToBePublishedAsItsFirstPage() throws {
        let site = try Self.site(body: "![Quyết định](../../../media/quyet-dinh.tif) ![Ảnh](../../../media/mot-trang.tif)\n")
        let tall = site.root.appendingPathComponent("tall.v").path
        try Self.tool(["vips", "gaussnoise", tall, "120", "300", "--sigma", "40"])
        try Self.tool(["vips", "tiffsave", tall, site.root.appendingPathComponent("content/media/quyet-dinh.tif").path, "--page-height", "100"])
        try Self.tool(["vips", "tiffsave", tall, site.root.appendingPathComponent("content/media/mot-trang.tif").path])
        try Self.tool(["vips", "tiffsave", tall, site.root.appendingPathComponent("content/media/to-trinh.tif").path, "--page-height", "100", "--bigtiff"])
        let report = try site.build()
        #expect(report.diagnostics.map(\.description) == ["quyet-dinh", "to-trinh"].map { "content/media/\($0).tif: warning: \(PhotoAnimation.InPart.firstPage.warning)" }, "\(report.diagnostics)")
        #expect(site.exists("public/media/quyet-dinh.jpg") && site.exists("public/media/mot-trang.jpg"))
        // Told again by a build that reads no photo (their keys kept from the last).
        try site.write(Self.articleFile, try site.read(Self.articleFile) + "Thêm.\n")
        #expect(try site.build().diagnostics.map(\.description) == report.diagnostics.map(\.description))

        // Two image directories, little-endian, of one entry each: the second a page
        // (`NewSubfileType` 2), a preview (1) or an Exif thumbnail (`JPEGInterchangeFormat`).
        func tiff(first tag: UInt8 = 0xFE, firstKind: UInt8 = 0, second: UInt8 = 0xFE, secondKind: UInt8) -> [UInt8] {
            let one: [UInt8] = [1, 0] + [tag, tag == 0xFE ? 0x00 : 0xC6, 4, 0, 1, 0, 0, 0, firstKind, 0, 0, 0] + [26, 0, 0, 0]
            let two: [UInt8] = [1, 0] + [second, second == 0xFE ? 0x00 : 0x02, 4, 0, 1, 0, 0, 0, secondKind, 0, 0, 0] + [0, 0, 0, 0]
            return Array("II".utf8) + [42, 0, 8, 0, 0, 0] + one + two
        }
        #expect(PhotoAnimation.TIFFLayout(tiff(secondKind: 2)[...])?.pages == 2)
        #expect(PhotoAnimation.TIFFLayout(tiff(secondKind: 1)[...])?.pages == 1)
        #expect(PhotoAnimation.TIFFLayout(tiff(second: 0x01, secondKind: 0)[...])?.pages == 1)
        #expect(PhotoAnimation.TIFFLayout(Array(tiff(secondKind: 2).prefix(26))[...])?.pages == 1)
        // A preview first, or a raw file (`DNGVersion`, 50706 = 0xC612): libvips would read no photo.
        #expect(PhotoAnimation.refusal(tiff(firstKind: 1, secondKind: 0)[...]) != nil)
        #expect(PhotoAnimation.refusal(tiff(first: 0x12, secondKind: 0)[...]) != nil)
        #expect(PhotoAnimation.refusal(tiff(secondKind: 1)[...]) == nil)
    }

    /// A PNG chunk: length, name, data and CRC-32.
    static func pngChunk(_ name: String, _ data: [UInt8]) -> [UInt8] {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in Array(name.utf8) + data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        return bigEndian(UInt32(data.count)) + Array(name.utf8) + data + bigEndian(~crc)
    }

    @Test func megapixelsJustOverTheLimitDoNotReadAsTheLimit() {
        #expect(PhotoLibrary.megapixels(200_000_000) == "200")
        #expect(PhotoLibrary.megapixels(100_010_000) == "100.01")
        #expect(PhotoLibrary.megapixels(100_000_001) == "100.01")
        #expect(PhotoLibrary.megapixels(12_345_678) == "12.35")
    }

    @Test func aRebuildWithNoPhotoChangedEncodesNoneAndAReplacedPhotoGivesTheCleanBuild() throws {
        let site = try Self.site()
        #expect(try site.build().encodedPhotos == 2)
        try site.write(Self.articleFile, try site.read(Self.articleFile).replacingOccurrences(of: "Mở đầu.", with: "Mở đầu đã sửa."))
        let edited = try site.build()
        #expect(edited.photos == 2 && edited.encodedPhotos == 0, "no photo changed: none is encoded again")

        try Self.photo(site, "content/media/2023/anh.jpg", width: 2000, height: 1000)
        let replaced = try site.build()
        #expect(replaced.encodedPhotos == 1)
        let clean = site.root.appendingPathComponent("clean")
        try SiteBuilder.build(site.options(output: clean))
        #expect(try site.snapshot() == (try site.snapshot(clean)), "the incremental build equals a clean one, photos and pages")
        #expect(try site.read(Self.page).contains("../../media/2023/anh-1600.webp 1600w"))
        #expect(try site.snapshot()["/media/2023/anh-900.webp"] == nil, "the old photo's variants are gone")
    }

    /// The system's libwebp updated alone (libvips's version the same: an `apt upgrade`, a CI
    /// cache restored on a newer image) encodes WebP variants anew: they were kept, and differed
    /// from a clean build's. A libwebp that says another version (put first with `LD_PRELOAD`)
    /// stands for the update; so does another file of libjpeg.
    @Test func photosAreEncodedAgainWhenTheSystemsLibwebpChanges() throws {
        let site = try Self.site()
        let other = site.root.appendingPathComponent("webp-khac.c"), library = site.root.appendingPathComponent("libwebp-khac.so")
        try "int WebPGetEncoderVersion(void) { return 0x090909; }\n".write(to: other, atomically: true, encoding: .utf8)
        // (The clang of the Swift toolchain: a machine that builds bantin has it.)
        _ = try Self.tool(["clang", "-shared", "-fPIC", "-o", library.path, other.path])
        func build(_ environment: [String: String] = [:]) throws -> String {
            let run = try CommandLineTests.Run.of(CommandLineTests.executable, ["build"], in: site.root,
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }
        let first = try build()
        #expect(first.contains("2 photos (2 encoded)"), "\(first)")
        let same = try build()
        #expect(same.contains("Up to date"), "\(same)")
        // Nothing else changed: the build is not up to date, and encodes the photos again.
        let updated = try build(["LD_PRELOAD": library.path])
        #expect(updated.contains("2 photos (2 encoded)"), "\(updated)")
        let again = try build(["LD_PRELOAD": library.path])
        #expect(again.contains("Up to date"), "\(again)")
        // Any library libvips is linked with, updated alone (libjpeg here: another file of it,
        // found first on the library path), counts as well.
        let libraries = PhotoCodec.loadedLibraries().split(separator: "\n").map { String($0.prefix { $0 != "|" }) }
        let libjpeg = try #require(libraries.first { $0.contains("/libjpeg.so") }, "\(libraries)")
        let folder = site.root.appendingPathComponent("thu-vien")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: libjpeg, toPath: folder.appendingPathComponent((libjpeg as NSString).lastPathComponent).path)
        let copied = try build(["LD_LIBRARY_PATH": folder.path])
        #expect(copied.contains("2 photos (2 encoded)"), "\(copied)")
        #expect(try build(["LD_LIBRARY_PATH": folder.path]).contains("Up to date"))
    }

    /// A build that fails keeps the photo cache's entries of the site it leaves in place: the
    /// change undone, nothing is encoded again (a failed build pruned them, and every photo was
    /// encoded again). A build that succeeds then removes the entries no photo uses.
    @Test func aFailedBuildKeepsThePhotoCacheOfTheSiteItLeaves() throws {
        let site = try Self.site()
        #expect(try site.build().encodedPhotos == 2)
        let config = try site.read("content/site.yml")
        try site.write("content/site.yml", config + "images:\n  quality: 70\n")
        let body = try site.read(Self.articleFile)
        try site.write(Self.articleFile, body + "\n[Hỏng](khong-co.md)\n")
        #expect(site.failingBuild().contains { $0.severity == .error })
        try site.write("content/site.yml", config)
        try site.write(Self.articleFile, body)
        #expect(try site.build().encodedPhotos == 0, "the site's photos are still in the cache")
        let cache = site.root.appendingPathComponent(".public.bantin/photos")
        let entries = { try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".txt") }.count }
        #expect(try entries() == 2, "the entries encoded at quality 70 by the failed build are removed by this one")
    }

    /// A photo put in `content/` before any article shows it renders no page again, and a
    /// changed photo renders again only the pages that show it; each time the output is the
    /// clean build's.
    @Test func aPhotoAddedOrChangedRendersAgainOnlyThePagesThatShowIt() throws {
        let site = try Self.site()
        try site.write("content/articles/2023/06/khong-anh.md", article(title: "Bài không có ảnh", date: "2023-06-02T08:00:00+07:00"))
        try site.build()
        // A file no page shows: what a rebuild renders when nothing a page shows changed.
        try site.write("content/media/tai-lieu.pdf", "%PDF-1.4\n")
        let unchanged = try site.build().reusedPages
        #expect(unchanged > 0)

        func expectTheCleanBuild(_ when: String) throws {
            let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
            try SiteBuilder.build(site.options(output: clean))
            #expect(try site.snapshot() == (try site.snapshot(clean)), "the incremental build equals a clean one after \(when)")
        }
        try Self.photo(site, "content/media/2024/chua-dung.jpg", width: 800, height: 600)
        #expect(try site.build().reusedPages == unchanged, "a photo no page shows renders no page again")
        try expectTheCleanBuild("adding a photo")

        let otherPage = "public/bai-viet/bai-khong-co-anh/index.html"
        let before = try site.read(otherPage)
        try Self.photo(site, "content/media/so-do.png", width: 400, height: 100)
        let changed = try site.build()
        #expect(changed.reusedPages > 0 && changed.reusedPages < unchanged, "only the pages showing the body's photo are rendered again")
        #expect(try site.read(Self.page).contains("width=\"400\" height=\"100\""))
        #expect(try site.read(otherPage) == before)
        try expectTheCleanBuild("changing a body's photo")

        try Self.photo(site, "content/media/2023/anh.jpg", width: 640, height: 480)
        #expect(try site.build().reusedPages < unchanged, "the pages showing the article's photo (its card) are rendered again")
        try expectTheCleanBuild("changing an article's photo")
    }

    /// The photos' bytes change only with `PhotoCodec.version`, which keys the photo cache: a
    /// change to how bantin encodes that left it as it was (as 5d15494's CMYK conversion did) would
    /// keep every newsroom's cached variants, and a clean build would differ from theirs. Each
    /// version's checksum of the variants of a set of photos (noise of a fixed seed as a phone's
    /// JPEG turned a quarter, a PNG, one with transparency, a WebP, one in Adobe RGB, a CMYK JPEG
    /// with a print shop's profile, a wide one, a grey one with an RGB profile) is in `Golden/photo-encoder.txt`; `RECORD_GOLDEN=1`
    /// records the current one. (SwiftPM does not rebuild for an edit of `Sources/CVips/shim.h`
    /// alone: touch `PhotoCodec.swift` too, or this test runs the code before the edit.)
    @Test func aPhotosBytesChangeOnlyWithTheCodecVersion() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin ảnh\"\n")
        let media = site.root.appendingPathComponent("content/media").path
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        try Self.tool(["vips", "gaussnoise", media + "/nhieu.v", "1200", "900", "--sigma", "40", "--seed", "7"])
        try Self.tool(["vips", "bandjoin", media + "/nhieu.v " + media + "/nhieu.v " + media + "/nhieu.v", media + "/mau.v"])
        try Self.tool(["vips", "linear", media + "/mau.v", media + "/mau2.v", "1 0.8 0.6", "0 30 60", "--uchar"])
        try Self.tool(["vips", "copy", media + "/mau2.v", media + "/anh.jpg"])
        try Self.tagLikeAPhone(site, "content/media/anh.jpg")
        try Self.tool(["vips", "copy", media + "/nhieu.v", media + "/so-do.png"])
        try Self.tool(["vips", "copy", media + "/mau2.v", media + "/mau-srgb.v", "--interpretation", "srgb"])
        try Self.tool(["vips", "icc_transform", media + "/mau-srgb.v", media + "/in-an.jpg[Q=95]", "/usr/share/color/icc/ghostscript/default_cmyk.icc", "--input-profile", "srgb"])
        try Self.tool(["vips", "linear", media + "/nhieu.v", media + "/xam.v", "1", "0", "--uchar"])
        try Self.tool(["vips", "copy", media + "/xam.v", media + "/tu-lieu.jpg[profile=srgb]"])
        // A logo with transparency (laid on white for its JPEG variants) and a WebP original.
        try Self.tool(["vips", "bandjoin", media + "/mau2.v " + media + "/nhieu.v", media + "/trong.v"])
        try Self.tool(["vips", "copy", media + "/trong.v", media + "/logo.png"])
        try Self.tool(["vips", "copy", media + "/mau2.v", media + "/anh-goc.webp"])
        // A WebP in Adobe RGB (converted to sRGB), and a wide CMYK photo (read shrunk first).
        let profiles = "/usr/share/color/icc/ghostscript/"
        try Self.tool(["vips", "icc_transform", media + "/mau-srgb.v", media + "/adobe.webp", profiles + "a98.icc", "--input-profile", "srgb"])
        try Self.tool(["vips", "black", media + "/den.v", "3400", "240", "--bands", "3"])
        try Self.tool(["vips", "linear", media + "/den.v", media + "/rong.v", "1", "128", "--uchar"])
        try Self.tool(["vips", "copy", media + "/rong.v", media + "/rong-srgb.v", "--interpretation", "srgb"])
        try Self.tool(["vips", "icc_transform", media + "/rong-srgb.v", media + "/in-an-rong.jpg[Q=90]", profiles + "default_cmyk.icc", "--input-profile", "srgb"])
        for made in ["nhieu.v", "mau.v", "mau2.v", "mau-srgb.v", "xam.v", "trong.v", "den.v", "rong.v", "rong-srgb.v"] { try site.remove("content/media/" + made) }
        func checksum() throws -> String {
            var hasher = StableHasher()
            for (path, bytes) in try site.snapshot().filter({ $0.key.hasPrefix("/media/") }).sorted(by: { $0.key < $1.key }) {
                hasher.add(path)
                bytes.withUnsafeBytes { hasher.add(bytes: $0) }
            }
            return String(hasher.value, radix: 16)
        }
        try site.build()
        let line = "\(PhotoCodec.version)\t\(try checksum())"
        let golden = GoldenPageTests.folder.appendingPathComponent("photo-encoder.txt")
        let recorded = (try? String(contentsOf: golden, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        let sameVersion = recorded.filter { $0.hasPrefix(PhotoCodec.version + "\t") }
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try ((recorded.filter { !$0.hasPrefix(PhotoCodec.version + "\t") } + [line]).sorted().joined(separator: "\n") + "\n").write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        // Another libvips (another system's packages, as the publish workflow's image) encodes
        // other bytes, recorded for no version of it here: there the variants must at least be
        // the same bytes every time (made again from nothing).
        let libvips = PhotoCodec.version.components(separatedBy: " bantin-").first ?? ""
        guard recorded.contains(where: { $0.hasPrefix(libvips + " bantin-") }) else {
            try site.remove("public")
            try site.remove(".public.bantin")
            try site.build()
            #expect(line == "\(PhotoCodec.version)\t\(try checksum())", "the variants' bytes differ from one build to the next")
            return
        }
        #expect(sameVersion == [line], sameVersion.isEmpty
            ? "no checksum recorded for `\(PhotoCodec.version)`: record it with RECORD_GOLDEN=1 swift test --filter aPhotosBytesChangeOnlyWithTheCodecVersion"
            : "the variants' bytes changed but `PhotoCodec.version` did not (\(sameVersion) against \(line)): raise it, so that cached variants are made again")
    }

    /// A print shop's CMYK photo with its profile embedded is published in sRGB, without the profile.
    @Test func aPhotoWithItsOwnColourProfileIsConvertedToSRGB() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        try Self.photo(site, "content/media/rgb.jpg", width: 600, height: 400)
        let media = site.root.appendingPathComponent("content/media").path
        try Self.tool(["vips", "colourspace", media + "/rgb.jpg", media + "/rgb.v", "srgb"])
        try Self.tool(["vips", "icc_transform", media + "/rgb.v", media + "/in-an.jpg", "cmyk", "--input-profile", "srgb"])
        try site.remove("content/media/rgb.jpg")
        try site.remove("content/media/rgb.v")
        #expect(try Self.tool(["vipsheader", "-f", "interpretation", media + "/in-an.jpg"]).contains("CMYK"), "the photo is CMYK")
        try site.build()
        for image in try Self.imagesRead(site) {
            let name = image["SourceFile"] as? String ?? "?"
            #expect(!image.keys.contains { $0.hasPrefix("ICC_Profile:") }, "\(name) keeps a profile")
            if name.hasSuffix(".jpg") { #expect(image["File:ColorComponents"] as? Int == 3, "\(name) is not RGB") }
        }
    }

    /// A CMYK photo is converted through its own profile (here a print shop's SWOP profile, not
    /// libvips's built-in one): a grey stays grey, as a browser shows the photo itself (through
    /// libvips's own CMYK profile it came out magenta, 121 117 119 for 128 128 128). A wide one is
    /// read shrunk (by 2 or 8 here) before it is converted, the same way.
    @Test(arguments: [600, 3400, 13000])
    func aCMYKPhotoIsConvertedThroughItsOwnProfile(width: Int) throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        let media = site.root.appendingPathComponent("content/media").path
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        try Self.tool(["vips", "black", media + "/den.v", String(width), "300", "--bands", "3"])
        try Self.tool(["vips", "linear", media + "/den.v", media + "/xam.v", "1", "128", "--uchar"])
        try Self.tool(["vips", "copy", media + "/xam.v", media + "/xam-srgb.v", "--interpretation", "srgb"])
        try Self.tool(["vips", "icc_transform", media + "/xam-srgb.v", media + "/in-an.jpg[Q=95]", "/usr/share/color/icc/ghostscript/default_cmyk.icc", "--input-profile", "srgb"])
        for made in ["den.v", "xam.v", "xam-srgb.v"] { try site.remove("content/media/" + made) }
        #expect(try Self.tool(["vipsheader", "-f", "interpretation", media + "/in-an.jpg"]).contains("CMYK"), "the photo is CMYK")
        try site.build()
        let published = site.root.appendingPathComponent("public/media/in-an.jpg").path
        let point = try Self.tool(["vips", "getpoint", published, "100", "10"]).split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(point.count == 3 && point.allSatisfy { abs($0 - 128) <= 3 }, "a grey of 128 came out as \(point)")
    }

    /// A black-and-white archive photo whose file carries a colour profile for RGB (which no
    /// grey picture can go through) is published as browsers show it: the profile passed over.
    @Test func aGreyPhotoWithAnRGBProfileIsPublished() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\n")
        let media = site.root.appendingPathComponent("content/media").path
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        try Self.tool(["vips", "black", media + "/den.v", "600", "400"])
        try Self.tool(["vips", "linear", media + "/den.v", media + "/xam.v", "1", "120", "--uchar"])
        try Self.tool(["vips", "copy", media + "/xam.v", media + "/tu-lieu.jpg[profile=srgb]"])
        try site.remove("content/media/den.v")
        try site.remove("content/media/xam.v")
        #expect(try Self.tool(["vipsheader", "-f", "bands", media + "/tu-lieu.jpg"]).hasPrefix("1"), "the photo is grey")
        #expect(try Self.tool(["vipsheader", "-a", media + "/tu-lieu.jpg"]).contains("icc-profile-data: "), "with a profile")
        try site.write("content/articles/a.md", article(title: "Ảnh tư liệu", extra: "image: media/tu-lieu.jpg\nimage_alt: Ảnh tư liệu đen trắng\n"))
        let report = try site.build()
        #expect(report.encodedPhotos == 1)
        let images = try Self.imagesRead(site)
        #expect(images.count >= 2)
        for image in images { #expect(!image.keys.contains { $0.hasPrefix("ICC_Profile:") }, "\(image["SourceFile"] ?? "?") keeps a profile") }
    }

    /// A build reads a photo again only when its file changed since an earlier build read it,
    /// and checks a cached variant again only when that file changed: a rebuild after an edit of
    /// an article's text reads none (each build read and hashed every photo and variant, about
    /// 0.75 s a gigabyte). A file written again, even with the same bytes, is read again; a
    /// variant damaged in place is still found; without what the last build kept, all are read.
    @Test func aPhotoIsReadAgainOnlyWhenItsFileChanged() throws {
        let site = try Self.site()
        let state = site.root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let cache = PhotoCache(folder: state.appendingPathComponent("photos"), keysURL: state.appendingPathComponent("photo-keys"))
        func publish() -> PhotoLibrary.Outcome {
            let photos = ContentListing(of: site.content, displayRoot: "content").files.filter { PhotoNaming.isPhoto($0.relativePath) }
            return PhotoLibrary.publish(photos, settings: ImageSettings(), cache: cache)
        }
        func variants(_ outcome: PhotoLibrary.Outcome) -> [String: [PhotoVariant]] { outcome.set.photos.mapValues(\.variants) }

        let first = publish()
        #expect(first.set.read == 2 && first.set.encoded == 2 && first.failures.isEmpty)
        let again = publish()
        #expect(again.set.read == 0 && again.set.encoded == 0, "nothing changed: no photo is read")
        #expect(variants(again) == variants(first))

        let anh = site.root.appendingPathComponent("content/media/2023/anh.jpg")
        try Data(contentsOf: anh).write(to: anh)
        let rewritten = publish()
        #expect(rewritten.set.read == 1 && rewritten.set.encoded == 0, "the file written again is read again; its bytes are the same")

        let cached = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).filter { $0.hasSuffix(".webp") }.sorted().first)
        let handle = try FileHandle(forUpdating: cache.folder.appendingPathComponent(cached))
        try handle.seek(toOffset: 40)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: 40)
        try handle.write(contentsOf: [byte ^ 0xFF])
        try handle.close()
        let damaged = publish()
        #expect(damaged.set.read == 0 && damaged.set.encoded == 1, "a variant changed in place, its size kept, is checked and encoded again")
        #expect(variants(damaged) == variants(first))

        try FileManager.default.removeItem(at: try #require(cache.keysURL))
        let forgotten = publish()
        #expect(forgotten.set.read == 2 && forgotten.set.encoded == 0)
    }

    /// Photos' variants, and what the build learnt reading photos, that cannot be kept for the
    /// next build (a full disk; here a folder in the way of each file's temporary copy) are told
    /// in the one warning of what could not be saved, each once; the site is published whole.
    @Test func photosThatCannotBeKeptForTheNextBuildAreTold() throws {
        let site = try Self.site()
        try site.build()
        let fm = FileManager.default
        let cache = site.root.appendingPathComponent(".public.bantin/photos")
        let indexes = try fm.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".txt") }
        #expect(indexes.count == 2)
        try fm.removeItem(at: cache)
        try fm.createDirectory(at: cache, withIntermediateDirectories: true)
        for index in indexes { try fm.createDirectory(at: cache.appendingPathComponent(index + ".tmp"), withIntermediateDirectories: true) }
        try fm.createDirectory(at: site.root.appendingPathComponent(".public.bantin/photo-keys.tmp"), withIntermediateDirectories: true)
        try site.write(Self.articleFile, try site.read(Self.articleFile) + "\nThêm một dòng.\n")
        let report = try site.build()
        #expect(report.encodedPhotos == 2)
        let told = report.diagnostics.filter { $0.file == ".public.bantin" }.map(\.message)
        #expect(told.count == 1 && told.first?.hasPrefix("could not save photos, photo-keys: Is a directory") == true, "\(told)")
        #expect(told.first?.hasSuffix("the next build after an edit will read the photos again, and encode again those that could not be kept") == true, "\(told)")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A photo or cached variant whose change time is kept to the second and falls in the
    /// seconds before the build that read it started is not trusted by the next build.
    @Test func aPhotoThatCouldChangeUnseenIsReadAgain() {
        let second = (FileKey.now / 1_000_000_000 - 60) * 1_000_000_000
        let settledFile = FileKey(size: 10, modified: 0, changed: second - 10_000_000_000, inode: 7)
        let recentFile = FileKey(size: 10, modified: 0, changed: second, inode: 8)
        let keys = PhotoKeys(
            context: "c", readAt: second + 500_000_000,
            sources: [.init(path: "a.jpg", file: settledFile, key: "k1", inPart: nil), .init(path: "b.jpg", file: recentFile, key: "k2", inPart: nil)],
            whole: [.init(name: "k1-480.webp", file: settledFile), .init(name: "k2-480.webp", file: recentFile)])
        #expect(keys.known(TreeEntry(relativePath: "a.jpg", path: "/a.jpg", fileKey: settledFile))?.key == "k1")
        #expect(keys.known(TreeEntry(relativePath: "b.jpg", path: "/b.jpg", fileKey: recentFile)) == nil)
        #expect(keys.known(TreeEntry(relativePath: "a.jpg", path: "/a.jpg", fileKey: recentFile)) == nil, "another file")
        #expect(keys.isWhole("k1-480.webp", settledFile) && !keys.isWhole("k2-480.webp", recentFile))
    }

    @Test func twoFilesWithTheSameBytesAreEncodedOnce() throws {
        let site = try Self.site()
        try FileManager.default.copyItem(
            at: site.root.appendingPathComponent("content/media/2023/anh.jpg"), to: site.root.appendingPathComponent("content/media/ban-sao.jpg"))
        let report = try site.build()
        #expect(report.photos == 3 && report.encodedPhotos == 2)
        let files = try site.snapshot()
        #expect(files["/media/ban-sao.jpg"] != nil && files["/media/ban-sao.jpg"] == files["/media/2023/anh.jpg"])
        #expect(files["/media/ban-sao-480.webp"] == files["/media/2023/anh-480.webp"])
    }

    @Test func aDamagedPhotoCacheIsNotTrusted() throws {
        let site = try Self.site()
        try site.build()
        let cache = site.root.appendingPathComponent(".public.bantin/photos")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".webp") }.sorted()
        #expect(entries.count == 3)
        for entry in entries { try Data("hỏng".utf8).write(to: cache.appendingPathComponent(entry)) }
        try site.write(Self.articleFile, try site.read(Self.articleFile) + "\nThêm một dòng.\n")
        let report = try site.build()
        #expect(report.encodedPhotos == 2)
        let clean = site.root.appendingPathComponent("clean")
        try SiteBuilder.build(site.options(output: clean))
        #expect(try site.snapshot() == (try site.snapshot(clean)))
    }

    /// A variant encoded again is a new file in the cache, never written into the old one: a
    /// hard link to the old one elsewhere (a backup made with `cp -al`) keeps what it held.
    @Test func aCachedVariantEncodedAgainIsANewFileNotWrittenThrough() throws {
        let site = try Self.site()
        try site.build()
        let fm = FileManager.default
        let cache = site.root.appendingPathComponent(".public.bantin/photos")
        let held = site.root.appendingPathComponent("giu-lai")
        try fm.createDirectory(at: held, withIntermediateDirectories: true)
        let variants = try fm.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".webp") }
        #expect(variants.count == 3)
        for name in variants { try fm.linkItem(at: cache.appendingPathComponent(name), to: held.appendingPathComponent(name)) }
        for index in try fm.contentsOfDirectory(atPath: cache.path) where index.hasSuffix(".txt") { try fm.removeItem(at: cache.appendingPathComponent(index)) }
        try site.write(Self.articleFile, try site.read(Self.articleFile) + "\nThêm một dòng.\n")
        #expect(try site.build().encodedPhotos == 2)
        for name in variants {
            let now = try #require(Directory.linkStatus(cache.appendingPathComponent(name).path))
            let old = try #require(Directory.linkStatus(held.appendingPathComponent(name).path))
            #expect(now.st_ino != old.st_ino && old.st_nlink == 1, "\(name) was written through")
        }
    }

    /// An index whose sizes were changed (its variant files intact) is not used either.
    @Test func aPhotoCacheIndexChangedByHandIsNotTrusted() throws {
        let site = try Self.site()
        try site.build()
        let cache = site.root.appendingPathComponent(".public.bantin/photos")
        let indexes = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".txt") }
        #expect(indexes.count == 2)
        for index in indexes {
            let url = cache.appendingPathComponent(index)
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            var words = lines[1].split(separator: " ").map(String.init)
            words[2] = String(Int(words[2])! / 2)
            lines[1] = words.joined(separator: " ")
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try site.write(Self.articleFile, try site.read(Self.articleFile) + "\nThêm một dòng.\n")
        let report = try site.build()
        #expect(report.encodedPhotos == 2)
        #expect(try site.differencesFromACleanBuild() == [])
    }

    @Test func theSamePhotosGiveTheSameBytes() throws {
        let site = try Self.site()
        try site.build()
        let other = site.root.appendingPathComponent("other/public")
        try SiteBuilder.build(site.options(output: other))
        #expect(try site.snapshot() == (try site.snapshot(other)))
    }

    @Test func widthsAndQualityComeFromSiteYml() throws {
        let site = try Self.site()
        try site.write("content/site.yml", "title: \"Bản tin ảnh\"\nimages:\n  widths: [200, 400]\n  quality: 50\n")
        try site.build()
        let media = Set(try site.snapshot().keys.filter { $0.hasPrefix("/media/2023/") })
        #expect(media == ["/media/2023/anh.jpg", "/media/2023/anh-200.jpg", "/media/2023/anh-200.webp", "/media/2023/anh-400.webp"])
        try site.write("content/site.yml", "title: \"Bản tin ảnh\"\nimages: {widths: [0], quality: 80}\n")
        let diagnostics = site.failingBuild()
        #expect(diagnostics.contains { $0.file == "content/site.yml" && $0.line == 2 && $0.message.contains("`images.widths` has `0`, which is not a width") }, "\(diagnostics)")
    }

    @Test func aBodyImageWithoutAltTextIsAWarningAtItsLine() throws {
        let site = try Self.site(body: "Mở đầu.\n\n![](../../../media/so-do.png)\n")
        let report = try site.build()
        let warning = report.diagnostics.first { $0.message.contains("image without alt text") }
        #expect(warning?.file == Self.articleFile && warning?.line == 10 && warning?.column == 1, "\(report.diagnostics)")
    }

    /// An alt text that is a file's name (a camera's `IMG_2034`, an upload's `sơ đồ.png`) is no
    /// description: a screen reader reads it out as it is. A warning at it, in a body and in
    /// `image_alt`; a description with a number, or a name of no file, is none.
    @Test func anAltTextThatIsAFileNameIsAWarning() throws {
        let body = "![IMG_2034.JPG](../../../media/so-do.png)\n\n![DSC-0012](../../../media/so-do.png)\n\n![sơ đồ tổ chức.png](../../../media/so-do.png)\n\n"
            + "![Sơ đồ tổ chức năm 2023](../../../media/so-do.png)\n\n![Biểu đồ 12.5%](../../../media/so-do.png)\n\n![APEC-2017](../../../media/so-do.png)\n\n![HCM-202](../../../media/so-do.png)\n"
        let site = try Self.site(body: body)
        try site.write(Self.articleFile, try site.read(Self.articleFile).replacingOccurrences(of: "image_alt: \"Quang cảnh hội nghị\"", with: "image_alt: \"PXL_20230509_101500\""))
        let told = try site.build().diagnostics.filter { $0.message.contains("file's name") }.map { "\($0.line): \($0.message)" }
        #expect(told == [
            "5: `image_alt` `PXL_20230509_101500` is a file's name, which a screen reader reads out as it is: write what the photo shows, e.g. `image_alt: \"Quang cảnh hội nghị\"`",
            "8: image whose alt text is a file's name, which a screen reader reads out as it is: write what it shows between the brackets: `![Quang cảnh hội nghị](../../../media/so-do.png)`",
            "10: image whose alt text is a file's name, which a screen reader reads out as it is: write what it shows between the brackets: `![Quang cảnh hội nghị](../../../media/so-do.png)`",
            "12: image whose alt text is a file's name, which a screen reader reads out as it is: write what it shows between the brackets: `![Quang cảnh hội nghị](../../../media/so-do.png)`",
        ], "\(told)")
    }
}
