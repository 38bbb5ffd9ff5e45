/// A list of article numbers (ascending) as the characters of a JSON string, in whichever of two
/// forms is shorter:
/// - gaps: each number less the one before it, less one (the first as is), in base 32, most
///   significant digit first; the last digit of a number is one of `final`, the others of `more`;
/// - bits: `~`, then the set of numbers as bits, six to a character of `bits` (bit `j` of the
///   `k`-th character is number `6k + j`): for a word in most articles, about a sixth of a byte each.
/// `search.js` reads both.
enum DocList {
    static let final = Array("0123456789abcdefghijklmnopqrstuv".utf8)
    static let more = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.!*'".utf8)
    static let bits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func append(_ numbers: [Int32], to out: inout [UInt8]) {
        guard let last = numbers.last else { return }
        let bitmapLength = 1 + Int(last) / 6 + 1
        var gaps: [UInt8] = []
        gaps.reserveCapacity(min(bitmapLength, numbers.count * 2))
        var previous: Int32 = -1
        for number in numbers {
            appendDigits(UInt32(number - previous - 1), to: &gaps)
            previous = number
            if gaps.count > bitmapLength { break }
        }
        if gaps.count <= bitmapLength {
            out += gaps
            return
        }
        var chars = [UInt8](repeating: 0, count: Int(last) / 6 + 1)
        for number in numbers { chars[Int(number) / 6] |= 1 << UInt8(number % 6) }
        out.append(UInt8(ascii: "~"))
        for value in chars { out.append(bits[Int(value)]) }
    }

    private static func appendDigits(_ value: UInt32, to out: inout [UInt8]) {
        var digits = 1
        while value >> (5 * digits) != 0 { digits += 1 }
        for k in stride(from: digits - 1, to: 0, by: -1) { out.append(more[Int((value >> (5 * k)) & 31)]) }
        out.append(final[Int(value & 31)])
    }

    /// The numbers of `append`'s output (for tests; the reader is `search.js`).
    static func decode(_ text: [UInt8]) -> [Int32] {
        var numbers: [Int32] = []
        if text.first == UInt8(ascii: "~") {
            for (k, char) in text.dropFirst().enumerated() {
                let value = bits.firstIndex(of: char)!
                for j in 0..<6 where value & (1 << j) != 0 { numbers.append(Int32(k * 6 + j)) }
            }
            return numbers
        }
        var value: Int32 = 0
        var previous: Int32 = -1
        for char in text {
            if let digit = more.firstIndex(of: char) {
                value = value << 5 | Int32(digit)
            } else {
                value = value << 5 | Int32(final.firstIndex(of: char)!)
                previous += value + 1
                numbers.append(previous)
                value = 0
            }
        }
        return numbers
    }
}
