/// CANNA's configurable floating-point multiplier on IEEE-754 binary32 with n tuning bits
/// (Imani, Peroni, Rosing, "CFPU", DAC 2017, as CANNA §III uses it; docs/sources.md#cfpu2017).
///
/// ```
/// A = (s_a, e_a, f_a)  kept          B = (s_b, e_b, f_b)  tested
/// b1 = f_b[22], T = f_b[21 … 22−n]
/// b1 and every bit of T equal? ──no──► exact FP multiplier (round to nearest even)    a miss
///        │ yes: 1.f_b ≈ 1 (b1 = 0) or ≈ 2 (b1 = 1), so skip the mantissa product      a hit
///        ▼
/// s = s_a ⊕ s_b,  e = e_a + e_b − 127 + b1,  f = f_a
/// ```
///
/// A hit replaces B's significand 1.f_b, which lies in [1, 1 + h) or [2 − h, 2) with
/// h = 2^−(n+1), by 1 or 2, so the relative error lies in (−h/(1 + h), +h/(2 − h)] (the upper
/// end is reached when 1.f_b = 2 − h exactly): ±33.3 % at n = 0, the paper's "50 %" measured
/// against the approximate value, and each extra tuning bit halves it. On uniformly random
/// fractions a test passes with probability 2^−n.
///
/// Choices where the sources are silent (docs/sources.md#cfpu2017 [assumption]):
/// - Operand roles: the first operand's fraction is kept, the second's is tested.
///   `testsBothOperands` also tests the first when the second fails (and then keeps the second).
/// - A zero operand times a finite one returns the exact signed zero and counts as a **hit**:
///   an FPU flags a zero operand from its exponent field and bypasses the mantissa multiplier,
///   so the operation costs no more than an approximate one, and counting it so is what lets
///   real operands (ReLU and dropout zeros) hit far more often than 2^−n, as CANNA Table IV
///   reports (33 % at 4 bits on MNIST against 6.25 % for random fractions).
/// - Denormals, infinities and NaNs (and zero × ∞) take the exact path and count as misses.
/// - An approximate result whose exponent overflows is ±∞; one that underflows flushes to ±0.
@frozen
public struct CANNAMultiplier: Hashable, Sendable {
  /// Tuning bits tested after the first fraction bit, n (0...22; 22 tests the whole fraction).
  public let tuningBits: Int
  /// Whether a failed test of the second operand falls back to testing the first.
  public let testsBothOperands: Bool

  /// CANNA's multiplier with `tuningBits` tuning bits (0...22).
  public init(tuningBits: Int, testsBothOperands: Bool = false) throws(ArithmeticError) {
    guard (0...22).contains(tuningBits) else {
      throw ArithmeticError(
        model: "CANNAMultiplier", parameter: "tuningBits", value: "\(tuningBits)",
        expected: "0...22 (the first fraction bit and the n tested after it lie within the 23-bit fraction)")
    }
    self.tuningBits = tuningBits
    self.testsBothOperands = testsBothOperands
  }

  /// Whether the 23-bit `fraction` passes the tuning-bit test (its first bit and the next n
  /// bits all equal), and its first bit, which the approximate path adds to the exponent.
  @inlinable @inline(__always)
  public func passes(fraction: UInt32) -> (passes: Bool, firstBit: UInt32) {
    let top = (fraction & 0x7F_FFFF) &>> UInt32(22 - tuningBits)
    let allOnes = (UInt32(1) &<< UInt32(tuningBits + 1)) &- 1
    return (top == 0 || top == allOnes, (fraction &>> 22) & 1)
  }

  /// The product of `a` and `b`, and whether it took the approximate path (a hit).
  @inlinable @inline(__always)
  public func multiply(_ a: Float, _ b: Float) -> (product: Float, hit: Bool) {
    guard a.isNormal, b.isNormal else {
      // Zero times a finite value is a hit (see the type's documentation); the rest go exact.
      let hit = (a == 0 && b.isFinite) || (b == 0 && a.isFinite)
      return (a * b, hit)
    }
    let bitsA = a.bitPattern
    let bitsB = b.bitPattern
    var test = passes(fraction: bitsB)
    var kept = bitsA
    var discarded = bitsB
    if !test.passes, testsBothOperands {
      test = passes(fraction: bitsA)
      kept = bitsB
      discarded = bitsA
    }
    guard test.passes else { return (a * b, false) }
    let sign = (bitsA ^ bitsB) & 0x8000_0000
    let exponent = Int((kept &>> 23) & 0xFF) + Int((discarded &>> 23) & 0xFF) - 127 + Int(test.firstBit)
    if exponent >= 255 { return (Float(bitPattern: sign | 0x7F80_0000), true) }
    if exponent <= 0 { return (Float(bitPattern: sign), true) }
    return (Float(bitPattern: sign | UInt32(exponent) &<< 23 | (kept & 0x7F_FFFF)), true)
  }
}
