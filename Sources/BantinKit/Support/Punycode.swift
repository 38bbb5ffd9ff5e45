/// Punycode (RFC 3492): how a domain name with letters outside ASCII (`báo-đảng.vn`) is written
/// in ASCII (`xn--bo-ng-…`), for messages that say how to write a base URL.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700

    /// The ASCII form of a domain name: each label with a letter outside ASCII, lower-cased and
    /// in NFC, as `xn--` and its Punycode.
    static func domain(_ host: String) -> String {
        host.split(separator: ".", omittingEmptySubsequences: false).map { label in
            let text = String(label).lowercased().precomposedStringWithCanonicalMapping
            return text.unicodeScalars.allSatisfy(\.isASCII) ? text : "xn--" + encode(text)
        }.joined(separator: ".")
    }

    /// The Punycode of `text` (without `xn--`).
    static func encode(_ text: String) -> String {
        let input = text.unicodeScalars.map(\.value)
        var output = String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII)))
        let basic = output.unicodeScalars.count
        var handled = basic
        if basic > 0 { output += "-" }
        var n: UInt32 = 128, delta = 0, bias = 72
        while handled < input.count {
            let next = input.filter { $0 >= n }.min()!
            delta += Int(next - n) * (handled + 1)
            n = next
            for value in input {
                if value < n { delta += 1 }
                guard value == n else { continue }
                var q = delta, k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.unicodeScalars.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.unicodeScalars.append(digit(q))
                bias = adapt(delta, points: handled + 1, first: handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func digit(_ d: Int) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(d < 26 ? 97 + d : 22 + d))
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
