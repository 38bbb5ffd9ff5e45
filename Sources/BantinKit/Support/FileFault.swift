import Foundation

/// A file-system call that failed, told in plain words: what bantin was doing, on which path
/// (as the user names it), and the system's reason (`cannot write public/index.html: No space
/// left on device`). Every file-system failure that can reach a user is one of these, never a
/// Foundation error printed as it is.
public struct FileFault: Error, Sendable, Equatable, CustomStringConvertible {
    /// What bantin was doing, as a verb phrase: `write`, `create the folder`, `read`.
    public var action: String
    /// The path, as the user names it (`public/bai-viet/x/index.html`).
    public var path: String
    /// The system's reason, in words (`No space left on device`).
    public var reason: String
    /// What the user can do about it, when there is something plain to say.
    public var wayOut: String?

    public init(_ action: String, _ path: String, reason: String, wayOut: String? = nil) {
        self.action = action
        self.path = path
        self.reason = reason
        self.wayOut = wayOut
    }

    /// A fault whose reason is the system error `code` (an `errno` value).
    public init(_ action: String, _ path: String, code: Int32) {
        self.init(action, path, reason: Self.words(for: code), wayOut: Self.wayOut(for: code))
    }

    /// What to do when the output's disk is read-only.
    static let readOnly = "that disk is read-only: build into another folder with --output"

    /// What to do about the commonest reasons a build cannot write.
    static func wayOut(for code: Int32) -> String? {
        switch code {
        case ENOSPC, EDQUOT: "free some space on that disk, then build again"
        case EACCES, EPERM: "check the permissions and owner of that path and of the folders above it"
        case EROFS: readOnly
        default: nil
        }
    }

    /// The same fault, at `path` (how the user knows the file, where it was written under another name).
    func at(_ path: String) -> FileFault {
        var fault = self
        fault.path = path
        return fault
    }

    /// A fault for the call that just failed: its reason is the current `errno`.
    static func last(_ action: String, _ path: String) -> FileFault {
        FileFault(action, path, code: errno)
    }

    public var description: String { "cannot \(action) \(path): " + Self.explained(reason, wayOut) }

    /// The fault as a build's error: filed under the file read when a source could not be
    /// (`templates/assets/style.css: error: cannot read this file: …`), else under `output`, the
    /// folder being written.
    func diagnostic(output: String) -> Diagnostic {
        guard action == "read" else { return .error(output, description) }
        return .error(path, "cannot read this file: " + Self.explained(reason, wayOut))
    }

    /// `path` as the user would type it: relative to the working folder when it is inside it.
    static func shown(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The system's own words for an `errno` value (`strerror`).
    public static func words(for code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Those words, and what to do when there is something to do (`Permission denied (check
    /// the permissions and owner …)`).
    static func told(_ code: Int32) -> String { explained(words(for: code), wayOut(for: code)) }

    /// A reason and what to do about it, as messages put them together.
    static func explained(_ reason: String, _ wayOut: String?) -> String { reason + (wayOut.map { " (\($0))" } ?? "") }
}

/// A system call's failure, before it is told in words: its `errno`.
struct SystemError: Error {
    let code: Int32

    /// The error of the call that just failed.
    static var last: SystemError { SystemError(code: errno) }
}
