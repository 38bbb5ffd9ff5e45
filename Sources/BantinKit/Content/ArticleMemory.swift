/// What earlier builds remember of article files: asked before a file is read, told what
/// reading it gave. The article cache (`Incremental/ArticleCache`) is one; a plain build has none.
protocol ArticleMemory: Sendable {
    /// What reading the file at `path` gave, while the file is still the version `key` names.
    func recall(_ path: String, key: FileKey) -> (article: Article?, diagnostics: [Diagnostic])?
    func remember(_ path: String, key: FileKey, article: Article?, diagnostics: [Diagnostic])
    /// The remembered files this build used; the others are forgotten.
    func used(_ paths: [String])
}
