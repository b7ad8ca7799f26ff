/// DRUM-k, the dynamic-range unbiased approximate multiplier of Hashemi, Bahar and Reda.
///
/// "DRUM: A dynamic range unbiased multiplier for approximate applications", ICCAD 2015, bit for
/// bit as the authors' Verilog (scale-lab/DRUM@2c7ef20, module `dsmk_mn` of `DRUMk_M_N_s.v`;
/// docs/sources.md#drum-rtl):
///
/// ```
/// operand x (n bits) ──► leading-one detector + priority encoder ──► t
///   t ≤ k − 1 : x fits in k bits and is used exactly
///   otherwise : keep the leading one and the k − 2 bits below it, force the last kept bit to 1
///               m = (x >> s) | 1,  s = t − (k − 1)
/// product = (m_a · m_b) << (s_a + s_b)      (a k×k multiplier and a barrel shifter, 2n-bit result)
/// ```
///
/// The forced 1 stands for the expected value of the dropped bits, which is what makes the error
/// unbiased (mean +0.14 %, standard deviation 3.61 % at k = 5 on uniform 16-bit operands, docs/sources.md#drum-rtl).
///
/// Signed operands go by sign and magnitude: exact magnitudes (−2^(n−1) fits as an unsigned
/// n-bit value), unsigned DRUM, sign = XOR of the operands' signs, exact negation (the paper's
/// intent, docs/sources.md#drum-rtl). `onesComplementSign` reproduces the DFKI `DRUMk_M_N_s.v` instead, which takes
/// ~x as the magnitude of a negative x and returns ~p for a negative product: one LSB low on each
/// negative operand, and 0 × (−5) = −1.
///
/// The operand ports are n bits wide, as in the RTL: the unsigned multiply reads the low n bits
/// of its arguments, the signed one their low n bits as two's complement.
@frozen
public struct DRUMMultiplier: Hashable, Sendable {
  /// Significant bits kept per operand (3...`operandBits`; k = `operandBits` is exact).
  public let k: Int
  /// Width of each operand port in bits, n (k...32); the product has 2n bits.
  public let operandBits: Int
  /// Whether signed magnitudes and the negated product use one's complement (~x), as the DFKI
  /// `DRUMk_M_N_s.v` does, rather than exact two's-complement negation.
  public let onesComplementSign: Bool

  /// DRUM-k on `operandBits`-bit operands (the RTL's default n = 16, AxTrain's word).
  ///
  /// Throws unless 3 ≤ k ≤ `operandBits` ≤ 32: the k-bit core holds the leading one, at least
  /// one kept bit and the forced one, and a 2n-bit product must fit in 64 bits.
  public init(k: Int, operandBits: Int = 16, onesComplementSign: Bool = false) throws(ArithmeticError) {
    guard (3...32).contains(operandBits) else {
      throw ArithmeticError(
        model: "DRUMMultiplier", parameter: "operandBits", value: "\(operandBits)",
        expected: "3...32 (the 2n-bit product must fit in 64 bits)")
    }
    guard (3...operandBits).contains(k) else {
      throw ArithmeticError(
        model: "DRUMMultiplier", parameter: "k", value: "\(k)",
        expected: "3...\(operandBits) (the leading one, a kept bit and the forced one, within the n-bit operand)")
    }
    self.k = k
    self.operandBits = operandBits
    self.onesComplementSign = onesComplementSign
  }

  /// The k-bit value DRUM multiplies in place of `x` (its low n bits), and the left shift that
  /// restores its scale: `mantissa << shift` approximates x.
  @inlinable @inline(__always)
  public func approximate(_ x: UInt64) -> (mantissa: UInt64, shift: Int) {
    let operand = x & ((1 &<< UInt64(truncatingIfNeeded: operandBits)) &- 1)
    // Zero has no leading one: the detector reports bit 0 and the value is used as is.
    let leadingOne = 63 &- (operand | 1).leadingZeroBitCount
    guard leadingOne >= k else { return (operand, 0) }
    // 1 ≤ shift ≤ n − k: the guard above and the n-bit mask bound it.
    let shift = leadingOne &- (k &- 1)
    return ((operand &>> UInt64(truncatingIfNeeded: shift)) | 1, shift)
  }

  /// The DRUM product of two unsigned n-bit operands (the low n bits of `a` and `b`).
  @inlinable @inline(__always)
  public func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (ma, sa) = approximate(a)
    let (mb, sb) = approximate(b)
    // Cannot wrap: m < 2^k and s ≤ n − k, so the product is below 2^(2n) ≤ 2^64.
    return (ma &* mb) &<< UInt64(truncatingIfNeeded: sa &+ sb)
  }

  /// The DRUM product of two signed n-bit operands (the low n bits of `a` and `b`, two's
  /// complement): magnitudes multiplied by DRUM, sign = XOR of the operands' signs.
  @inlinable @inline(__always)
  public func multiply(_ a: Int64, _ b: Int64) -> Int64 {
    // Sign-extend from n bits: what the n-bit port holds.
    let unused = Int64(64 - operandBits)
    let portA = (a &<< unused) &>> unused
    let portB = (b &<< unused) &>> unused
    let negative = (portA < 0) != (portB < 0)
    if onesComplementSign {
      let magnitudeA = UInt64(bitPattern: portA < 0 ? ~portA : portA)
      let magnitudeB = UInt64(bitPattern: portB < 0 ? ~portB : portB)
      let product = Int64(bitPattern: multiply(magnitudeA, magnitudeB))
      return negative ? ~product : product
    }
    // Below 2^(2n − 1) ≤ 2^63 even for −2^(n−1) squared, so the product is a valid Int64.
    let product = Int64(bitPattern: multiply(portA.magnitude, portB.magnitude))
    return negative ? 0 &- product : product
  }
}
