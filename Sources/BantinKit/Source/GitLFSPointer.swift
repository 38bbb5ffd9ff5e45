/// A file Git LFS keeps, checked out as its pointer (a few lines of text naming the file's hash and
/// size) rather than the file: git-lfs is not installed, or a CI checkout did not fetch it
/// (`actions/checkout` without `lfs: true`). Published as it is, a photo, a PDF or a theme's logo
/// would be those lines.
enum GitLFSPointer {
    private static let firstLine = Array("version https://git-lfs.github.com/spec/".utf8)

    /// Whether a file starting with `bytes` (its first 64 are enough) is such a pointer.
    static func isPointer(fileStart bytes: some Collection<UInt8>) -> Bool { bytes.starts(with: firstLine) }

    /// What the editor is told of one: what it is and what to do.
    static let told = "it is a Git LFS pointer, not the file: the repository keeps this file in Git LFS, and this checkout holds only the pointer to it (git-lfs is not installed, or the checkout did not fetch it); run `git lfs pull` (in GitHub Actions, `actions/checkout` with `lfs: true`)"
}
