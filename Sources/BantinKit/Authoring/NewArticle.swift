import Foundation

/// `bantin new`: the file of a new article, with its front matter filled in.
public enum NewArticle {
    /// The file's text. `now` is the moment to date it, shown in the site timezone.
    /// `slug`: written when the title's own would be too long for an address.
    public static func text(title: String, slug: Slug? = nil, directives: [DirectiveCode], themes: [Int], date: LocalDateTime) -> String {
        var yaml = "---\n"
        yaml += "title: \(quote(title))\n"
        if let slug { yaml += "slug: \(slug.value)\n" }
        yaml += "date: \(date.iso8601)\n"
        yaml += "summary: \"\"\n"
        yaml += "category: \"\"\n"
        yaml += "location: \"\"\n"
        yaml += "author: \"\"\n"
        yaml += "source: \"\"\n"
        yaml += "# image: media/\(date.fields.year)/ten-anh.jpg\n# image_alt: \"\"\n# image_caption: \"\"\n"
        yaml += "directives: [\(directives.map { quote($0.text) }.joined(separator: ", "))]\n"
        yaml += "themes: [\(themes.map(String.init).joined(separator: ", "))]\n"
        yaml += "draft: true\n"
        yaml += "---\n\nViết nội dung bài ở đây.\n"
        return yaml
    }

    /// `articles/<yyyy>/<mm>/<slug>.md`, relative to the content folder.
    public static func relativePath(slug: Slug, date: LocalDateTime) -> String {
        let f = date.fields
        return "articles/\(f.year)/\(f.month < 10 ? "0" : "")\(f.month)/\(slug.value).md"
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
