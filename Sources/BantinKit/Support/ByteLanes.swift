/// Sixteen bytes looked at in one step, for the loops that pass over long runs of text to find a
/// few bytes in it. A comparison gives each lane 0xFF or 0 as bytes, not a `SIMDMask`, whose
/// operations the compiler does not turn into vector instructions.
extension SIMD16 where Scalar == UInt8 {
    /// The sixteen bytes at `pointer`, aligned or not.
    @inline(__always)
    init(loadingFrom pointer: UnsafeRawPointer) { self = pointer.loadUnaligned(as: SIMD16<UInt8>.self) }

    /// 0xFF in each lane that holds `byte`, 0 in the others.
    @inline(__always)
    func lanes(equalTo byte: UInt8) -> SIMD16<UInt8> { unsafeBitCast(self .== SIMD16(repeating: byte), to: SIMD16<UInt8>.self) }

    /// 0xFF in each lane that holds a byte below `limit`, 0 in the others.
    @inline(__always)
    func lanes(below limit: UInt8) -> SIMD16<UInt8> { unsafeBitCast(self .< SIMD16(repeating: limit), to: SIMD16<UInt8>.self) }

    /// The first lane that is not 0; `nil` when all are.
    @inline(__always)
    var firstMarkedLane: Int? {
        let halves = unsafeBitCast(self, to: SIMD2<UInt64>.self)
        if halves[0] != 0 { return halves[0].trailingZeroBitCount / 8 }
        if halves[1] != 0 { return 8 + halves[1].trailingZeroBitCount / 8 }
        return nil
    }
}
