import Foundation

/// "Now" for a build, as the command line finds it: `SOURCE_DATE_EPOCH` (the reproducible-builds
/// convention: whole seconds since 1970-01-01 UTC) when it is set, else the system clock. The
/// pipeline itself never reads a clock: it is given this value in `BuildOptions.now`.
public enum PublicationTime {
    /// Why `SOURCE_DATE_EPOCH` could not be used.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var value: String
        /// A number too large for seconds: after the year 9999.
        public var milliseconds = false
        public var description: String {
            "`\(value)` is not a time: it must be a whole number of seconds since 1970-01-01 UTC\(milliseconds ? " (this is after the year 9999: milliseconds?)" : ""), e.g. SOURCE_DATE_EPOCH=$(date +%s)"
        }
    }

    /// Whether "now" follows the clock: `SOURCE_DATE_EPOCH` is not set (an empty value counts as
    /// unset). A fixed "now" never reaches a scheduled article's time.
    public static func followsClock(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["SOURCE_DATE_EPOCH"]?.isEmpty ?? true
    }

    /// 9999-12-31T23:59:59Z, the last second `SOURCE_DATE_EPOCH` may be.
    static let latest: Int64 = 253_402_300_799

    /// "Now" in seconds since 1970: `SOURCE_DATE_EPOCH` from `environment` when set (an empty value
    /// counts as unset), otherwise `clock()`.
    public static func now(
        environment: [String: String] = ProcessInfo.processInfo.environment, clock: () -> Date = Date.init
    ) throws(Invalid) -> Int64 {
        guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else {
            return Int64(clock().timeIntervalSince1970.rounded(.down))
        }
        guard raw.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let seconds = Int64(raw) else {
            throw Invalid(value: raw)
        }
        // Past the year 9999 it is milliseconds (`date +%s%3N`, JavaScript's `Date.now()`), which
        // would publish every scheduled article.
        guard seconds <= latest else { throw Invalid(value: raw, milliseconds: true) }
        return seconds
    }
}
