/// Parents (`{{< name}}…{{/name}}`) and blocks (`{{$ name}}…{{/name}}`): what of their
/// surrounding whitespace is shown, and how they are indented.
///
/// A parent is a partial with arguments: the blocks directly inside it (arguments) replace
/// the blocks of the same name in the partial (parameters); any other text inside it is not
/// shown. The spec's rules, as this parser applies them:
/// - A parent stands alone as an element when only blanks precede its opening tag and follow
///   its closing tag on their lines, however many lines lie between. Then those blanks and the
///   closing tag's newline are not shown, and the opening tag's blanks indent the parent's
///   every line, as a standalone partial tag's do.
/// - An argument's opening tag that ends its line takes the newline with it, and the blanks
///   that start the next line are the argument's intrinsic indentation: they are taken off the
///   start of each of its lines. Its closing tag never takes a newline.
/// - A parameter stands alone as an element under the same condition as a parent. Then an
///   argument replacing it is indented by the parameter's own intrinsic indentation (when its
///   opening tag ends its line) or else by the blanks before its opening tag.
extension TemplateParser {
    /// `{{< name}}`. Blanks alone before it are set aside until its closing tag tells whether
    /// they are the element's indentation.
    mutating func openParent(_ tag: Tag, _ place: Placement) -> Frame {
        let standalone = removeLineIfStandalone(place) != nil
        if !standalone, let leading = place.leading { text.removeLast(leading.count) }
        return Frame(kind: .parent, rawName: tag.content, tagStart: tag.start, leading: place.leading, standalone: standalone)
    }

    /// `{{/ name}}` of a parent: the node, and the blanks set aside when it does not stand alone
    /// (unless its opening tag took them with its own line).
    mutating func closeParent(_ frame: Frame, _ place: Placement) {
        let element = frame.leading != nil && place.lineEnd != nil
        if element, let lineEnd = place.lineEnd {
            startLine(at: lineEnd)
        } else {
            removeLineIfStandalone(place)
        }
        var overrides: [String: [TemplateNode]] = [:]
        for case .block(let name, _, let content) in popFrame() where overrides[name] == nil {
            overrides[name] = content
        }
        if !element, !frame.standalone, let leading = frame.leading { append(.text(leading)) }
        append(.parent(frame.rawName, indentation: element ? frame.leading ?? [] : [], overrides: overrides))
    }

    /// `{{$ name}}` directly inside a parent, where the text around it is not shown: only what
    /// follows it on its line counts.
    mutating func openArgument(_ tag: Tag, _ place: Placement) -> Frame {
        guard let lineEnd = place.lineEnd else {
            tagOnLine = true
            return Frame(kind: .block, rawName: tag.content, tagStart: tag.start, isArgument: true)
        }
        startLine(at: lineEnd)
        let intrinsic = blanks(at: lineStart)
        stripped += intrinsic
        lineStart += intrinsic.count
        position = lineStart
        return Frame(kind: .block, rawName: tag.content, tagStart: tag.start, standalone: true, intrinsic: intrinsic, isArgument: true)
    }

    /// `{{/ name}}` of an argument: blanks alone before it are not content, the newline after
    /// it is the parent's (not shown either).
    mutating func closeArgument(_ frame: Frame, _ place: Placement) {
        if let leading = place.leading { text.removeLast(leading.count) }
        tagOnLine = true
        let content = popFrame()
        stripped.removeLast(frame.intrinsic?.count ?? 0)
        append(.block(frame.rawName, indentation: [], content))
    }

    /// `{{$ name}}` outside a parent: a tag that may stand alone like any other. Its content,
    /// the default, is kept as written.
    mutating func openParameter(_ tag: Tag, _ place: Placement) -> Frame {
        let standalone = removeLineIfStandalone(place) != nil
        return Frame(
            kind: .block, rawName: tag.content, tagStart: tag.start, leading: place.leading, standalone: standalone,
            intrinsic: standalone ? blanks(at: lineStart) : nil
        )
    }

    /// `{{/ name}}` of a parameter: the indentation of an argument that replaces it.
    mutating func closeParameter(_ frame: Frame, _ place: Placement) {
        removeLineIfStandalone(place)
        var indentation: [UInt8] = []
        if let leading = frame.leading, place.lineEnd != nil { indentation = frame.intrinsic ?? leading }
        let content = popFrame()
        append(.block(frame.rawName, indentation: indentation, content))
    }
}
