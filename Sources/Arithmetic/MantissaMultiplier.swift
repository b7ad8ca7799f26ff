/// FramNN's m-bit mantissa multiplier (Imani et al., 2018, §III-B): exponents add as usual, but
/// only the first m bits of each significand (hidden one included) are multiplied.
///
/// ```
/// M_a' = (1.f_a) with its 24 − m low bits zeroed; the same for M_b'
/// P = M_a' × M_b' exactly; normalise (e + 1 when P ≥ 2); truncate P to 24 bits
/// ```
/// Truncation ("masking" the low bits, as FramNN words it) makes the error always negative.
/// m = 24 is the full binary32 multiplier, rounding to nearest even as an FPU does.
/// Zeros, denormals, infinities and NaNs take the exact path; results that overflow become
/// ±∞ and results that underflow flush to ±0.
@frozen
public struct MantissaMultiplier: Equatable, Hashable, Sendable {
  /// Significand bits kept per operand, hidden one included (1...24).
  public let bits: Int

  /// FramNN's multiplier keeping `bits` significand bits.
  public init(bits: Int) throws(ArithmeticError) {
    guard (1...24).contains(bits) else { throw .invalidParameter("mantissa bits \(bits) outside 1...24") }
    self.bits = bits
  }

  /// The approximate product of `a` and `b`.
  @inlinable
  public func multiply(_ a: Float, _ b: Float) -> Float {
    guard bits < 24, a.isNormal, b.isNormal else { return a * b }
    let mask = ~((UInt64(1) << UInt64(24 - bits)) - 1)
    let significandA = (UInt64(a.bitPattern & 0x7F_FFFF) | 0x80_0000) & mask
    let significandB = (UInt64(b.bitPattern & 0x7F_FFFF) | 0x80_0000) & mask
    var product = significandA * significandB  // up to 48 bits; 1.0 × 1.0 = 2^46
    var exponent = Int((a.bitPattern >> 23) & 0xFF) + Int((b.bitPattern >> 23) & 0xFF) - 127
    if product >= 1 << 47 {
      product >>= 24
      exponent += 1
    } else {
      product >>= 23
    }
    let sign = (a.bitPattern ^ b.bitPattern) & 0x8000_0000
    if exponent >= 255 { return Float(bitPattern: sign | 0x7F80_0000) }
    if exponent <= 0 { return Float(bitPattern: sign) }
    return Float(bitPattern: sign | UInt32(exponent) << 23 | UInt32(product & 0x7F_FFFF))
  }
}
