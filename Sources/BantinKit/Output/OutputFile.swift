import Foundation

/// A file of the built site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        /// Copied from a source file (images, assets).
        case copy(URL)
        /// Rendered while it is written, so a large site is never held in memory whole.
        case render(@Sendable () -> [UInt8])
        /// Bytes already made, written one part after another (never joined in memory).
        case parts([[UInt8]])
        /// Already in the staging folder, exactly as it would be written: left alone.
        case keep
        /// The same file of the current output (its path), unchanged: hard-linked (copied if that fails).
        case link(String)

        var isKeep: Bool {
            if case .keep = self { return true }
            return false
        }
    }

    /// Relative to the output root, `/`-separated.
    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}
