extension Int {
    /// The number as Vietnamese writes it, thousands set apart with dots: `1.003`, `12.345`.
    var vietnamese: String {
        let digits = String(magnitude)
        var out = self < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }
}
