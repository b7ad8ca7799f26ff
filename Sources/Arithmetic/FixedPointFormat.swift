/// A two's-complement fixed-point format: a word of `wordBits` bits of which `fractionBits`
/// lie after the binary point, so a word w stands for w · 2^−fractionBits.
///
/// Dynamic fixed point (Courbariaux et al., 2014; used by AxTrain §3.2) gives each tensor its
/// own fraction length, chosen from the tensor's largest magnitude; `dynamic(wordBits:covering:)`
/// makes that choice.
///
/// | operation | rule |
/// |---|---|
/// | `quantize` | round to nearest, ties to even, then saturate to the word's range |
/// | `truncate(_:toBits:)` | keep the `bits` most significant bits of the word: the low bits are zeroed, which rounds toward −∞ |
@frozen
public struct FixedPointFormat: Equatable, Hashable, Sendable {
  /// Bits in a word, sign included (2...32).
  public let wordBits: Int
  /// Bits after the binary point (may be negative or exceed `wordBits`).
  public let fractionBits: Int

  /// A format; `wordBits` must lie in 2...32.
  public init(wordBits: Int, fractionBits: Int) throws(ArithmeticError) {
    guard (2...32).contains(wordBits) else { throw .invalidParameter("wordBits \(wordBits) outside 2...32") }
    guard (-64...64).contains(fractionBits) else { throw .invalidParameter("fractionBits \(fractionBits) outside -64...64") }
    self.wordBits = wordBits
    self.fractionBits = fractionBits
  }

  /// The format of `wordBits` bits with the most fraction bits that still represent
  /// `maximumMagnitude` without saturating (one sign bit, then enough integer bits).
  public static func dynamic(wordBits: Int, covering maximumMagnitude: Double) throws(ArithmeticError) -> FixedPointFormat {
    guard maximumMagnitude.isFinite else { throw .invalidParameter("a tensor holds a non-finite value") }
    guard maximumMagnitude > 0 else { return try FixedPointFormat(wordBits: wordBits, fractionBits: wordBits - 1) }
    // Integer bits so that 2^(integerBits − 1) ≤ maximumMagnitude < 2^integerBits.
    let integerBits = Int(maximumMagnitude.exponent) + 1
    let fraction = max(-64, min(64, wordBits - 1 - integerBits))
    return try FixedPointFormat(wordBits: wordBits, fractionBits: fraction)
  }

  /// The largest word.
  @inlinable public var maximumWord: Int64 { (Int64(1) << (wordBits - 1)) - 1 }
  /// The smallest word.
  @inlinable public var minimumWord: Int64 { -(Int64(1) << (wordBits - 1)) }
  /// The value of one unit in the last place.
  @inlinable public var resolution: Double { Double(sign: .plus, exponent: -fractionBits, significand: 1) }

  /// The word nearest to `value` (ties to even), saturated to the word's range.
  @inlinable
  public func quantize(_ value: Double) -> Int64 {
    let scaled = (value * Double(sign: .plus, exponent: fractionBits, significand: 1)).rounded(.toNearestOrEven)
    if !(scaled < Double(maximumWord)) { return scaled.isNaN ? 0 : maximumWord }
    if scaled < Double(minimumWord) { return minimumWord }
    return Int64(scaled)
  }

  /// The value a word stands for.
  @inlinable
  public func dequantize(_ word: Int64) -> Double { Double(word) * resolution }

  /// `value` rounded through the format and back.
  @inlinable
  public func round(_ value: Double) -> Double { dequantize(quantize(value)) }

  /// `word` with all but its `bits` most significant bits zeroed (QCNPE's precision-control
  /// register: the operand keeps `bits` of its `wordBits`, rounding toward −∞).
  @inlinable
  public func truncate(_ word: Int64, toBits bits: Int) -> Int64 {
    guard bits < wordBits else { return word }
    return word & (Int64(-1) << Int64(wordBits - max(1, bits)))
  }

  /// `value` quantized, truncated to `bits` significant bits of the word, and dequantized.
  @inlinable
  public func round(_ value: Double, toBits bits: Int) -> Double {
    dequantize(truncate(quantize(value), toBits: bits))
  }
}
