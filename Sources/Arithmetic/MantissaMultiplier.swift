/// FramNN's m-bit mantissa multiplier (Imani, Wang, Rosing, "Deep neural network acceleration
/// framework under hardware uncertainty", 2018, §III-B; docs/sources.md#framnn2018): exponents
/// add as usual, but only the first m bits of each significand (hidden one counted) are multiplied.
///
/// ```
/// M_a' = 1.f_a with its 24 − m low bits zeroed        M_b' likewise
/// P = M_a' × M_b'  (exact, ≤ 48 bits)
/// P ≥ 2 ? (P / 2, e + 1) : (P, e)        e = e_a + e_b − 127
/// truncate P to 24 significant bits; sign = s_a ⊕ s_b
/// ```
///
/// Truncation ("masking" the low bits, as FramNN words it; the paper does not name a rounding)
/// makes the error never positive: mean −8.35 % at m = 4, −0.54 % at m = 8 on uniform fractions,
/// worst case just above −2^−(m−2). m = 24 is the full binary32 multiplier and rounds to nearest
/// even, as an FPU does, so it is bit-identical to `a * b`.
///
/// Zeros, denormals, infinities and NaNs take the exact path; an approximate result whose
/// exponent overflows is ±∞ and one that underflows flushes to ±0.
@frozen
public struct MantissaMultiplier: Hashable, Sendable {
  /// Significand bits kept per operand, hidden one included, m (1...24).
  public let bits: Int
  /// The significand mask: the top m of 24 bits set.
  @usableFromInline let significandMask: UInt64

  /// FramNN's multiplier keeping `bits` significand bits (1...24; 24 is exact binary32).
  public init(bits: Int) throws(ArithmeticError) {
    guard (1...24).contains(bits) else {
      throw ArithmeticError(
        model: "MantissaMultiplier", parameter: "bits", value: "\(bits)",
        expected: "1...24 (binary32 significand bits, hidden one counted)")
    }
    self.bits = bits
    significandMask = 0xFF_FFFF & ~((UInt64(1) << UInt64(24 - bits)) - 1)
  }

  /// The approximate product of `a` and `b`.
  @inlinable @inline(__always)
  public func multiply(_ a: Float, _ b: Float) -> Float {
    guard bits < 24, a.isNormal, b.isNormal else { return a * b }
    let bitsA = a.bitPattern
    let bitsB = b.bitPattern
    let significandA = (UInt64(bitsA & 0x7F_FFFF) | 0x80_0000) & significandMask
    let significandB = (UInt64(bitsB & 0x7F_FFFF) | 0x80_0000) & significandMask
    // Each significand lies in [2^23, 2^24), so the product lies in [2^46, 2^48).
    var product = significandA &* significandB
    var exponent = Int((bitsA &>> 23) & 0xFF) + Int((bitsB &>> 23) & 0xFF) - 127
    if product >= 1 << 47 {
      product &>>= 24
      exponent += 1
    } else {
      product &>>= 23
    }
    let sign = (bitsA ^ bitsB) & 0x8000_0000
    if exponent >= 255 { return Float(bitPattern: sign | 0x7F80_0000) }
    if exponent <= 0 { return Float(bitPattern: sign) }
    return Float(bitPattern: sign | UInt32(exponent) &<< 23 | UInt32(truncatingIfNeeded: product & 0x7F_FFFF))
  }
}
