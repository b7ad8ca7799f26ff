/// A two's-complement fixed-point format: a word of `wordBits` bits of which `fractionBits`
/// lie after the binary point, so a word w stands for w · 2^−fractionBits.
///
/// ```
///  value ──► × 2^F ──► round to nearest, ties to even ──► saturate to [−2^(W−1), 2^(W−1) − 1] ──► word
///  word  ──► & (−1 << (W − p)) ──► the p most significant bits (rounds toward −∞)
///  word  ──► × 2^−F ──► value
/// ```
///
/// Dynamic fixed point (Courbariaux, Bengio and David, "Training deep neural networks with low
/// precision multiplications", 2014; AxTrain §3.2 stores weights this way) gives each tensor its
/// own fraction length, chosen from the tensor's largest magnitude: `dynamic(wordBits:covering:)`.
///
/// | operation | rule |
/// |---|---|
/// | `quantize` | round to nearest, ties to even, then saturate to the word's range; NaN gives 0 |
/// | `truncate(_:toBits:)` | keep the `bits` most significant bits of the word: the low bits are zeroed, which rounds toward −∞ |
///
/// Ties to even is what an IEEE-754 conversion does by default, so a float tensor quantised in
/// software and one quantised by a hardware converter agree; truncation is QCNPE's precision
/// register (AxNN §5: the low bits of an operand are gated off), bit for bit
/// `value & (Int32(-1) << (W − p))`.
@frozen
public struct FixedPointFormat: Hashable, Sendable {
  /// Bits in a word, sign included (2...32).
  public let wordBits: Int
  /// Bits after the binary point (−1000...1000; negative means the LSB weighs more than 1).
  public let fractionBits: Int
  /// 2^fractionBits: the number of words per unit of value.
  @usableFromInline let scale: Double
  /// 2^−fractionBits: the value of one unit in the last place.
  public let resolution: Double

  /// The widest word: an `Int64` holds the product of two words exactly.
  public static let wordBitsRange = 2...32
  /// Fraction lengths whose scale 2^F and resolution 2^−F are both normal `Double`s.
  public static let fractionBitsRange = -1000...1000

  /// A format of `wordBits` bits (2...32) with `fractionBits` after the point (−1000...1000).
  public init(wordBits: Int, fractionBits: Int) throws(ArithmeticError) {
    guard Self.wordBitsRange.contains(wordBits) else {
      throw ArithmeticError(
        model: "FixedPointFormat", parameter: "wordBits", value: "\(wordBits)",
        expected: "2...32 (one sign bit and one more; products must fit in 64 bits)")
    }
    guard Self.fractionBitsRange.contains(fractionBits) else {
      throw ArithmeticError(
        model: "FixedPointFormat", parameter: "fractionBits", value: "\(fractionBits)",
        expected: "-1000...1000 (2^F and 2^-F must be normal doubles)")
    }
    self.wordBits = wordBits
    self.fractionBits = fractionBits
    scale = Double(sign: .plus, exponent: fractionBits, significand: 1)
    resolution = Double(sign: .plus, exponent: -fractionBits, significand: 1)
  }

  /// The dynamic fixed-point format for a tensor whose largest magnitude is `maximumMagnitude`.
  ///
  /// `wordBits` bits with the most fraction bits for which M · 2^F stays below 2^(W−1) words:
  /// F = W − 2 − ⌊log2 M⌋, so M's leading one sits just below the sign bit and ±M both fit.
  /// A magnitude in the top half word of that range rounds up into saturation, which costs it
  /// less than one LSB; taking one fraction bit less instead would cost every other value of
  /// the tensor a bit. An all-zero tensor (M = 0) gets F = W − 1. F is clamped to
  /// −1000...1000, so a magnitude beyond about 2^±1000 saturates or rounds to zero. Throws when
  /// M is negative, infinite or NaN (a diverged training run), or `wordBits` is outside 2...32.
  public static func dynamic(wordBits: Int, covering maximumMagnitude: Double) throws(ArithmeticError) -> FixedPointFormat {
    guard maximumMagnitude.isFinite, maximumMagnitude >= 0 else {
      throw ArithmeticError(
        model: "FixedPointFormat", parameter: "maximumMagnitude", value: "\(maximumMagnitude)",
        expected: "finite and non-negative (a tensor holding Inf or NaN has diverged)")
    }
    guard maximumMagnitude > 0 else { return try FixedPointFormat(wordBits: wordBits, fractionBits: wordBits - 1) }
    // 2^e ≤ M < 2^(e+1), so M · 2^(W−2−e) lies in [2^(W−2), 2^(W−1)): the top word bit below the sign.
    let fractionBits = wordBits - 2 - Int(maximumMagnitude.exponent)
    let clamped = min(fractionBitsRange.upperBound, max(fractionBitsRange.lowerBound, fractionBits))
    return try FixedPointFormat(wordBits: wordBits, fractionBits: clamped)
  }

  /// The largest word, 2^(W−1) − 1.
  @inlinable public var maximumWord: Int64 { (Int64(1) << Int64(wordBits - 1)) - 1 }
  /// The smallest word, −2^(W−1).
  @inlinable public var minimumWord: Int64 { -(Int64(1) << Int64(wordBits - 1)) }

  /// The word nearest to `value` (ties to even), saturated to the word's range; NaN gives 0.
  @inlinable @inline(__always)
  public func quantize(_ value: Double) -> Int64 {
    // Scaling by a power of two is exact, so the only rounding is the one stated.
    let scaled = (value * scale).rounded(.toNearestOrEven)
    if scaled >= Double(maximumWord) { return maximumWord }
    if scaled <= Double(minimumWord) { return minimumWord }
    return scaled.isNaN ? 0 : Int64(scaled)
  }

  /// The word nearest to `value` (ties to even), saturated; NaN gives 0.
  ///
  /// The same as the `Double` version, since every `Float` converts to `Double` exactly.
  @inlinable @inline(__always)
  public func quantize(_ value: Float) -> Int64 { quantize(Double(value)) }

  /// The value `word` stands for, word · 2^−fractionBits (exact for every word).
  @inlinable @inline(__always)
  public func dequantize(_ word: Int64) -> Double { Double(word) * resolution }

  /// `value` rounded through the format and back.
  @inlinable
  public func round(_ value: Double) -> Double { dequantize(quantize(value)) }

  /// `word` with all but its `bits` most significant bits zeroed: QCNPE's precision-control
  /// register, `word & (−1 << (wordBits − bits))`, which rounds toward −∞.
  ///
  /// `bits` ≥ `wordBits` leaves the word unchanged; `bits` < 1 is read as 1 (the sign bit
  /// alone), so the result is always a word of the format. A `word` outside the format's range
  /// keeps its high bits as they are.
  @inlinable @inline(__always)
  public func truncate(_ word: Int64, toBits bits: Int) -> Int64 {
    guard bits < wordBits else { return word }
    return word & (Int64(-1) &<< Int64(wordBits - max(1, bits)))
  }

  /// `value` quantized, truncated to its `bits` most significant bits, and dequantized.
  @inlinable
  public func round(_ value: Double, toBits bits: Int) -> Double {
    dequantize(truncate(quantize(value), toBits: bits))
  }
}
