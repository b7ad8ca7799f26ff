/// CANNA's configurable floating-point multiplier (Imani et al., CFPU, DAC 2017; CANNA §III)
/// on IEEE-754 binary32, with n tuning bits.
///
/// The first operand's fraction is kept; the second's is tested. If its first fraction bit b1
/// and the next n bits are all equal (all 0, or all 1), its significand is close to 1 or to 2
/// and the multiplier skips the mantissa product: sign = XOR, exponent = e_a + e_b − 127 + b1,
/// fraction = the first operand's. Otherwise (a miss) the exact multiplier runs. Each extra
/// tuning bit halves the largest error; for uniformly random fractions a test passes with
/// probability 2^−n.
///
/// Special operands: a zero operand gives an exact zero without a mantissa product and counts
/// as a hit (the datapath detects it as cheaply as the tuning-bit test); denormals, infinities
/// and NaNs take the exact path and count as misses. An approximate result that overflows
/// becomes ±∞, one that underflows flushes to ±0.
@frozen
public struct CANNAMultiplier: Equatable, Hashable, Sendable {
  /// Tuning bits tested after the first fraction bit (0...22).
  public let tuningBits: Int
  /// Whether a failed test of the second operand falls back to testing the first (the
  /// alternative reading of CFPU; the paper does not say which operand is tested).
  public let testsBothOperands: Bool

  /// CANNA's multiplier with `tuningBits` tuning bits.
  public init(tuningBits: Int, testsBothOperands: Bool = false) throws(ArithmeticError) {
    guard (0...22).contains(tuningBits) else { throw .invalidParameter("CANNA tuning bits \(tuningBits) outside 0...22") }
    self.tuningBits = tuningBits
    self.testsBothOperands = testsBothOperands
  }

  /// Whether `fraction` (23 bits) passes the tuning-bit test, and its first bit.
  @inlinable @inline(__always)
  public func passes(fraction: UInt32) -> (passes: Bool, firstBit: UInt32) {
    let tested = tuningBits + 1
    let top = fraction >> UInt32(23 - tested)
    let allOnes = (UInt32(1) << UInt32(tested)) - 1
    return (top == 0 || top == allOnes, fraction >> 22)
  }

  /// The product of `a` and `b`, and whether it took the approximate path (a hit).
  @inlinable
  public func multiply(_ a: Float, _ b: Float) -> (product: Float, hit: Bool) {
    if a == 0 || b == 0 { return (a * b, true) }
    guard a.isNormal, b.isNormal else { return (a * b, false) }
    let bitsA = a.bitPattern
    let bitsB = b.bitPattern
    var test = passes(fraction: bitsB & 0x7F_FFFF)
    var kept = bitsA
    var discarded = bitsB
    if !test.passes, testsBothOperands {
      test = passes(fraction: bitsA & 0x7F_FFFF)
      kept = bitsB
      discarded = bitsA
    }
    guard test.passes else { return (a * b, false) }
    let sign = (bitsA ^ bitsB) & 0x8000_0000
    let exponent = Int((kept >> 23) & 0xFF) + Int((discarded >> 23) & 0xFF) - 127 + Int(test.firstBit)
    if exponent >= 255 { return (Float(bitPattern: sign | 0x7F80_0000), true) }
    if exponent <= 0 { return (Float(bitPattern: sign), true) }
    return (Float(bitPattern: sign | UInt32(exponent) << 23 | (kept & 0x7F_FFFF)), true)
  }
}
