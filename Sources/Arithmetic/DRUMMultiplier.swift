/// DRUM-k, the dynamic-range unbiased approximate multiplier of Hashemi, Bahar and Reda
/// (ICCAD 2015), bit for bit as the authors' Verilog (scale-lab/DRUM, `DRUMk_M_N_s.v`):
///
/// ```
/// operand x (n bits) ──► leading-one detector ──► t
///   t ≤ k − 1 : x fits in k bits, used exactly
///   otherwise : keep the leading one and the next k − 2 bits, force the last kept bit to 1
///               m = (x >> s) | 1,  s = t − (k − 1)
/// product = (m_a · m_b) << (s_a + s_b)      (a k×k multiplier and a barrel shifter)
/// ```
/// The forced 1 stands for the expected value of the dropped bits, which makes the error
/// unbiased. Signed operands go by sign and magnitude with the XOR of the signs (the intent of
/// the paper; `onesComplementSign` reproduces the DFKI variant's ~x magnitudes instead).
@frozen
public struct DRUMMultiplier: Equatable, Hashable, Sendable {
  /// Significant bits kept per operand (3...32).
  public let k: Int
  /// Whether signed magnitudes and the negated product use one's complement (~x), as the
  /// DFKI `DRUMk_M_N_s.v` does, rather than exact two's-complement negation.
  public let onesComplementSign: Bool

  /// DRUM-k.
  public init(k: Int, onesComplementSign: Bool = false) throws(ArithmeticError) {
    guard (3...32).contains(k) else { throw .invalidParameter("DRUM k = \(k) outside 3...32") }
    self.k = k
    self.onesComplementSign = onesComplementSign
  }

  /// The k-bit value DRUM multiplies in place of `x`, and the shift that restores its scale.
  @inlinable @inline(__always)
  public func approximate(_ x: UInt64) -> (mantissa: UInt64, shift: Int) {
    guard x != 0 else { return (0, 0) }
    let leadingOne = 63 - x.leadingZeroBitCount
    guard leadingOne >= k else { return (x, 0) }
    let shift = leadingOne - (k - 1)
    return ((x >> UInt64(shift)) | 1, shift)
  }

  /// The DRUM product of two unsigned operands.
  @inlinable @inline(__always)
  public func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (ma, sa) = approximate(a)
    let (mb, sb) = approximate(b)
    return (ma &* mb) << UInt64(sa + sb)
  }

  /// The DRUM product of two signed operands: magnitudes multiplied by DRUM, sign = XOR of the
  /// operands' signs.
  @inlinable @inline(__always)
  public func multiply(_ a: Int64, _ b: Int64) -> Int64 {
    let negative = (a < 0) != (b < 0)
    if onesComplementSign {
      let magnitudeA = a < 0 ? UInt64(bitPattern: ~a) : UInt64(a)
      let magnitudeB = b < 0 ? UInt64(bitPattern: ~b) : UInt64(b)
      let product = Int64(bitPattern: multiply(magnitudeA, magnitudeB))
      return negative ? ~product : product
    }
    let product = Int64(bitPattern: multiply(a.magnitude, b.magnitude))
    return negative ? 0 &- product : product
  }
}
