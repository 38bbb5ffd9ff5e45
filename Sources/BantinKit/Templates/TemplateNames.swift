/// A view model whose own names are the cases of `Name`, each answered by `value(of:)`: what a
/// view shows is declared once, and a switch over `Name` has to answer every case. The names
/// templates may use are derived from these (`TemplateNames`).
protocol NamedView: TemplateObject {
    associatedtype Name: RawRepresentable<String> & CaseIterable
    /// The value of one of its names; `nil` when it is absent.
    func value(of name: Name) -> TemplateValue?
    /// Its names, as templates write them: its `Name`s, and any it answers besides.
    static var names: [String] { get }
}

extension NamedView {
    /// One of its names, absent or not, is its own (`TemplateValue.absent`); any other is not.
    func value(named name: String) -> TemplateValue? { ownValue(named: name) }

    /// The value of one of its own names, `TemplateValue.absent` when it has none; `nil` for a
    /// name that is not its own (a view that adds names to another's looks there next).
    func ownValue(named name: String) -> TemplateValue? { Name(rawValue: name).map { value(of: $0) ?? .absent } }

    static var names: [String] { Name.allCases.map(\.rawValue) }
}

/// Every name a template can be answered for, and the warning for one no page has: a misspelt
/// `{{artcle.title}}` would otherwise show nothing, silently, on every page.
enum TemplateNames {
    /// Every view model templates see. A new view is added here; a new name of a view is a case
    /// of its `Name`; a new front-matter field is a property of its `…Fields`.
    static let views: [any NamedView.Type] = [
        PageContext.self, PageView.self, LinksView.self, NavItem.self, Crumb.self, DateView.self,
        ImageView.self, CardView.self, TermLinkView.self, ArticleView.self,
        LinkView.self, FactView.self, PageNumberView.self, PaginationView.self, ListingView.self,
        TermItemView.self, TermGroupView.self, TermsView.self,
        PrintEditionView.self, PrintArticleView.self,
    ]

    /// The names of every view, every front-matter field (`site` as `config` has it, with the
    /// keys of its `params` at any depth), and `page.is_<kind>` of every page kind.
    static func known(site config: SiteConfig) -> Set<String> {
        var known = Set(views.flatMap { $0.names })
        known.formUnion(PageKind.allCases.map { "is_" + $0.name })
        let models: [TemplateFields] = [TemplateFields(ArticleFields()), TemplateFields(DirectiveFields()), TemplateFields(ThemeFields()), TemplateFields(config)]
        for model in models { addNames(of: .object(model), to: &known) }
        return known
    }

    /// The names of a value made from front matter or `params`, and of what it holds.
    private static func addNames(of value: TemplateValue, to known: inout Set<String>) {
        switch value {
        case .object(let fields as TemplateFields):
            for (name, inner) in fields.entries {
                known.insert(name)
                addNames(of: inner, to: &known)
            }
        case .object(let map as ParamMap):
            for (key, inner) in map.map {
                known.insert(key)
                addNames(of: inner.templateValue, to: &known)
            }
        case .list(let items):
            for item in items { addNames(of: item, to: &known) }
        default: break
        }
    }

    /// A warning for each name of `uses` (each with its file) that no page has (its first unknown part), with
    /// the nearest known name when one is close. What `params` holds is the site's to choose, and
    /// may be left out: the names after `params`, and inside a section over it, are not checked.
    static func unknownNames(in uses: [(file: String, use: Template.NameUse)], known: Set<String>) -> [Diagnostic] {
        uses.compactMap { file, use in
            guard !use.sections.contains(where: { $0.contains(paramsName) }) else { return nil }
            let checked = use.parts.prefix { $0 != paramsName }
            guard let unknown = checked.first(where: { !known.contains($0) }) else { return nil }
            var message = "no page has a value named `\(unknown)`"
            if use.parts.count > 1 { message += " (in `\(use.parts.joined(separator: "."))`)" }
            message += use.inverted ? ", so what this inverted section holds is shown on every page" : ", so this shows nothing"
            if let near = Suggestion.nearest(to: unknown, among: known) { message += "; did you mean `\(near)`?" }
            return .warning(file, line: use.line, column: use.column, message)
        }
    }

    /// A warning for each variable of `uses` that prints `site.params.…` where `site.yml` gives
    /// a list or a mapping, which a variable prints as nothing (`tagline: [Nêu gương, lan tỏa]`
    /// under `{{site.params.tagline}}`): a list's items are printed by a section over it.
    static func paramsPrintedAsNothing(in uses: [(file: String, use: Template.NameUse)], params: ParamValue) -> [Diagnostic] {
        uses.compactMap { file, use in
            guard use.printed, use.parts.count > 2, use.parts[0] == "site", use.parts[1] == paramsName else { return nil }
            var value: ParamValue? = params
            for key in use.parts.dropFirst(2) {
                guard case .map(let map)? = value else { return nil }
                value = map[key]
            }
            let name = use.parts.joined(separator: ".")
            let kind: String
            switch value {
            case .list?: kind = "a list"
            case .map?: kind = "a mapping"
            default: return nil
            }
            let instead = value.flatMap { textOf($0, named: name) }.map { ", or print what it holds: `\($0)`" } ?? ""
            return .warning(file, line: use.line, column: use.column, "`\(name)` is \(kind) in site.yml, which this prints as nothing: write it as one text there\(instead)")
        }
    }

    /// Tags that print a text `value` (named `name`) holds: a list's items by a section over it,
    /// a mapping's key (one of text first) by its name, down to the text; `nil` when it holds none
    /// a tag can name (a key with a space or a dot, `địa chỉ`, `www.x.vn`, is no part of a name).
    private static func textOf(_ value: ParamValue, named name: String) -> String? {
        switch value {
        case .text, .flag: return "{{\(name)}}"
        case .list(let items):
            return items.lazy.compactMap { textOf($0, named: ".") }.first.map { "{{#\(name)}}\($0){{/\(name)}}" }
        case .map(let map):
            let keys = map.keys.filter(isNamePart).sorted { (map[$0]!.isText ? 0 : 1, $0) < (map[$1]!.isText ? 0 : 1, $1) }
            return keys.lazy.compactMap { key in textOf(map[key]!, named: name == "." ? key : name + "." + key) }.first
        }
    }

    /// Whether a tag can name `key` as a part of a name: no space, dot or parenthesis, and no
    /// sigil first that makes the tag another kind (`#`, `&`, `>`…).
    private static func isNamePart(_ key: String) -> Bool {
        guard let first = key.first, !"!#^/><$&={*".contains(first) else { return false }
        return !key.contains { $0 == "." || $0.isWhitespace || "(){}".contains($0) }
    }

    /// `site.params`: anything the templates want (`SiteConfig.params`).
    private static let paramsName = "params"
}
