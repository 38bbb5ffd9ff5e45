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
        numbers.withUnsafeBufferPointer { append($0, to: &out) }
    }

    /// The same, for numbers in memory (of any width that holds them): made in a buffer of its
    /// own, then appended at once (every word and pair bucket of the bulletin is written this way).
    static func append<Number: FixedWidthInteger>(_ numbers: UnsafeBufferPointer<Number>, to out: inout [UInt8]) {
        guard let last = numbers.last.map(Int32.init(truncatingIfNeeded:)) else { return }
        let bitmapLength = 1 + Int(last) / 6 + 1
        // The gaps stop as soon as they are longer than the bits; a number takes at most 7 digits.
        let room = min(bitmapLength, numbers.count * 7) + 7
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { buffer in
            let gaps = buffer.baseAddress!
            var count = 0
            final.withUnsafeBufferPointer { final in
                more.withUnsafeBufferPointer { more in
                    var previous: Int32 = -1
                    for number in numbers {
                        let number = Int32(truncatingIfNeeded: number)
                        let value = UInt32(number &- previous &- 1)
                        previous = number
                        var digits = 1
                        while value >> (5 * digits) != 0 { digits &+= 1 }
                        for k in stride(from: digits - 1, to: 0, by: -1) {
                            gaps[count] = more[Int((value >> (5 * k)) & 31)]
                            count &+= 1
                        }
                        gaps[count] = final[Int(value & 31)]
                        count &+= 1
                        if count > bitmapLength { break }
                    }
                }
            }
            if count <= bitmapLength {
                out.append(contentsOf: UnsafeBufferPointer(start: gaps, count: count))
                return
            }
            // The bits, six to a character, in the same buffer (it holds more than `bitmapLength`).
            let length = Int(last) / 6 + 1
            gaps.initialize(repeating: 0, count: length)
            for number in numbers { gaps[Int(number) / 6] |= 1 << UInt8(Int(number) % 6) }
            bits.withUnsafeBufferPointer { bits in
                for k in 0..<length { gaps[k] = bits[Int(gaps[k])] }
            }
            out.append(UInt8(ascii: "~"))
            out.append(contentsOf: UnsafeBufferPointer(start: gaps, count: length))
        }
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
