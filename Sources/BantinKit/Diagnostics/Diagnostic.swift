/// How bad a problem is: an error stops the build, a warning does not (unless `--strict`).
public enum Severity: String, Sendable, Comparable, Codable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A problem found in the input, with the place it was found.
///
/// Printed as `path:line:column: error: message`, the form editors and CI parse (without the
/// position when it has none).
public struct Diagnostic: Error, Sendable, Equatable, Comparable, CustomStringConvertible, Codable {
    public var severity: Severity
    /// Path of the file, as the user named it (relative to the working directory when possible).
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    public var message: String

    public init(_ severity: Severity, _ file: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, file, line: line, column: column, message)
    }

    public static func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file, line: line, column: column, message)
    }

    /// `path:line:column: error: message`; `path: error: message` for a problem with no line
    /// (a whole file, a folder); `error: message` when no path is concerned. Always one line: a
    /// line break or other control character quoted from a file is written as an escape (`\n`),
    /// and a character that shows as nothing, or as a space, is named where it stands
    /// (`⟨zero-width space U+200B⟩category`).
    public var description: String {
        let message = Self.oneLine(message)
        if file.isEmpty { return "\(severity.rawValue): \(message)" }
        if line == 0 { return "\(Self.oneLine(file)): \(severity.rawValue): \(message)" }
        return "\(Self.oneLine(file)):\(line):\(max(column, 1)): \(severity.rawValue): \(message)"
    }

    /// `text` with its control characters escaped: `\n`, `\t`, `\r`, else `\u{…}`.
    static func oneLine(_ text: String) -> String {
        let breaks = { (scalar: Unicode.Scalar) in [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory) }
        let unseen = LookAlikes.showsAsNothingOrSpace
        guard text.unicodeScalars.contains(where: { breaks($0) || (!$0.isASCII && unseen($0)) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where breaks(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            case _ where unseen(scalar): out += String(scalar).namingLookAlikes
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}

/// A position inside a file, for diagnostics.
public struct SourcePosition: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The 1-based column after `lineStart`, the UTF-8 bytes of a line up to a place: counted
    /// in characters as a reader counts them (an emoji with its skin tone, a decomposed `ệ`: one).
    static func column<Bytes: Collection<UInt8>>(after lineStart: Bytes) -> Int {
        String(decoding: lineStart, as: UTF8.self).count + 1
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count(where: { $0.severity == .error }) }
    public var warningCount: Int { count(where: { $0.severity == .warning }) }
    public var hasErrors: Bool { contains(where: { $0.severity == .error }) }

    /// With `strict` (`--strict`), every warning told as an error where it is, marked
    /// `[--strict]` (as compilers mark a warning made an error), for editors and CI to flag it
    /// there; else the same.
    public func strict(_ strict: Bool) -> [Diagnostic] {
        guard strict else { return self }
        return map { $0.severity == .warning ? .error($0.file, line: $0.line, column: $0.column, $0.message + " [--strict]") : $0 }
    }
}

/// Thrown by the build when it found errors; holds every diagnostic it collected.
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    /// The build was refused for the options it was given (an output it may not write, a bad
    /// `--base-url`), not for anything in the content or templates.
    public var refusedOptions: Bool

    public init(diagnostics: [Diagnostic], refusedOptions: Bool = false) {
        self.diagnostics = diagnostics.sorted()
        self.refusedOptions = refusedOptions || diagnostics.contains { $0.file == "--base-url" && $0.severity == .error }
    }
}
