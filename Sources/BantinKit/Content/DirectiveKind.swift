/// The kind of a directive (*Nghị quyết*, *Kết luận*…) that its code names by the letters after
/// its number (`35-NQ/TW`, `08-QĐi/TW`): the kind of a directive whose file does not write one
/// (`kind:`), or that no file describes, so that no page, feed or search record shows a bare code.
enum DirectiveKind {
    /// The kinds the Party's codes name, by their letters in capitals (`QĐi` as `QĐI`). `QĐ` is a
    /// Quy định, as codes wrote one before `QĐi` (`Quy định 105-QĐ/TW`).
    static let byLetters: [String: String] = [
        "NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị", "QĐ": "Quy định", "QĐI": "Quy định",
        "HD": "Hướng dẫn", "TB": "Thông báo", "TT": "Thông tri", "QC": "Quy chế", "CTR": "Chương trình",
        "KH": "Kế hoạch", "BC": "Báo cáo", "ĐA": "Đề án",
    ]

    /// `Nghị quyết` for `35-NQ/TW`; `nil` for letters that name no kind known here (`12-XY/TW`).
    static func named(by code: DirectiveCode) -> String? {
        guard let dash = code.text.firstIndex(of: "-") else { return nil }
        return byLetters[code.text[code.text.index(after: dash)...].prefix { $0 != "/" }.uppercased()]
    }

    /// The directives, each without a kind given the one its code names, written as a file writes
    /// that kind when one does (`Nghị Quyết` in every file, so on every page): one kind, one heading.
    static func filled(_ directives: [Directive]) -> [Directive] {
        let written = Dictionary(
            directives.compactMap { d in d.kind.flatMap { kind in Slug(from: kind).map { ($0.value, kind) } } },
            uniquingKeysWith: { first, _ in first })
        return directives.map { directive in
            guard directive.kind == nil, let kind = named(by: directive.code) else { return directive }
            var filled = directive
            filled.fields.kind = Slug(from: kind).flatMap { written[$0.value] } ?? kind
            return filled
        }
    }
}
