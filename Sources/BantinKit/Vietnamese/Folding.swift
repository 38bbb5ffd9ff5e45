import Foundation

/// Vietnamese text without its diacritics: the basis of slugs and of search.
public enum VietnameseFolding {
    /// Lower-cases, maps `đ`/`Đ` to `d` and removes every combining mark,
    /// so `Đảng bộ Đồng Tháp` becomes `dang bo dong thap`.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                if v == 0x5E || v == 0x60 { continue }  // ^ and ` are diacritics too
                out.append((65...90).contains(v) ? Unicode.Scalar(v + 32)! : scalar)
            } else if let folded = latinTable[scalar.value] {
                out.append(contentsOf: folded.unicodeScalars)
            } else {
                out.append(contentsOf: slowFold(String(scalar)).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Folded forms of the Latin letters with diacritics (U+00C0–U+024F, U+1E00–U+1EFF), computed once.
    private static let latinTable: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for value in Array(0xC0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            table[UInt32(value)] = slowFold(String(scalar))
        }
        return table
    }()

    /// Decomposes (NFD) and drops the marks: correct for any text, but slow.
    static func slowFold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "đ", "Đ":
                out.append("d")
            default:
                if scalar.properties.isDiacritic || scalar.properties.generalCategory == .nonspacingMark {
                    continue
                }
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }
}

/// A URL path segment: lower-case ASCII letters and digits joined by single hyphens.
public struct Slug: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// Makes a slug from any text; `nil` when nothing usable is left (e.g. only punctuation).
    public init?(from text: String) {
        var out = ""
        var pendingHyphen = false
        for scalar in VietnameseFolding.fold(text).unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        guard !out.isEmpty else { return nil }
        value = out
    }

    /// True when `text` is already a valid slug: `^[a-z0-9]+(-[a-z0-9]+)*$`.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.first != "-", text.last != "-", !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public var description: String { value }

    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.value < rhs.value }
}
