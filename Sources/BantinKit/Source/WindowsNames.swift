import Foundation

/// Names a Windows computer cannot hold: where a published site is copied, unzipped or
/// opened from disk there (an editor previewing CI's site), a file or folder so named is lost,
/// or the whole copy fails.
enum WindowsNames {
    /// The names of devices: no file or folder may be named so, with any extension (`aux.pdf`).
    private static let devices: Set<String> = Set(["con", "prn", "aux", "nul"] + (Array("123456789") + ["¹", "²", "³"]).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Why Windows cannot hold a file or folder named `name` (one part of a path), if it cannot.
    static func problem(in name: Substring) -> String? {
        let stem = name.prefix { $0 != "." }.lowercased()
        if devices.contains(stem.trimmingCharacters(in: .whitespaces)) {
            return "`\(stem.uppercased())` is the name of a device on Windows, which no file or folder there may have"
        }
        if let bad = name.unicodeScalars.first(where: { "<>:\"\\|?*".unicodeScalars.contains($0) || $0.value < 0x20 }) {
            return "Windows does not allow `\(bad.value < 0x20 ? "U+" + String(bad.value, radix: 16, uppercase: true) : String(bad))` in a name"
        }
        if let last = name.last, last == "." || last == " " {
            return "Windows drops a name's last \(last == "." ? "dot" : "space")"
        }
        return nil
    }
}
