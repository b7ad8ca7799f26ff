import Foundation

/// SRAM cells at a near-threshold supply, where every stored bit reads flipped with probability p(V).
///
/// The probability grows as the supply falls (AxTrain §3.2 and §4, citing Dreslinski et al.,
/// "Near-threshold computing: reclaiming Moore's law through energy efficient integrated
/// circuits", Proceedings of the IEEE 98(2), 2010; docs/sources.md#dreslinski2010).
///
/// ```
/// stored word ──► ⊕ flip mask ──► word as read        mask bit i = 1 with probability p(V), i.i.d.
/// ```
///
/// | supply | flip probability per bit | source |
/// |---|---|---|
/// | below 0.40 V | the 0.40–0.66 V line continued, at most 0.5 (reached at 0.218 V) | assumption |
/// | 0.40 V | 10 % | AxTrain §4 |
/// | 0.40–0.66 V | log10 p linear in V | assumption (docs/sources.md#dreslinski2010) |
/// | 0.66 V | 1 % | AxTrain §4 |
/// | 0.66–0.85 V | log10 p linear in V | assumption (docs/sources.md#dreslinski2010) |
/// | 0.85 V | 0.1 % | AxTrain §4 |
/// | 0.85–1.1 V | the 0.66–0.85 V line continued: 4.8 × 10^−5 just below 1.1 V | assumption |
/// | 1.1 V and above | 0 | AxTrain §4: "SRAM works as a reliable storage at nominal voltage levels (e.g., 1.1V)" |
///
/// Continuing the nearest segment keeps p smooth and falling in V (cell failure rates fall
/// exponentially with supply); the cap of 0.5 is a cell that holds no information; the step to 0
/// at nominal keeps the papers' baseline, nominal storage, exact.
///
/// Every bit of a word, sign included, flips independently and symmetrically (0↔1). Flips draw
/// from the caller's seeded generator: a fresh mask per read with `corrupt(_:bits:using:)`
/// (AxTrain-pas training injects noise "whenever the weights are retrieved"), or one mask per
/// stored word for a whole run with `PersistentFlipMasks` (persistent cell failures, the
/// evaluation over 50 seeded runs).
@frozen
public struct NearThresholdSRAM: Hashable, Sendable {
  /// The supply voltage, in volts.
  public let volts: Double
  /// The probability that one stored bit reads flipped, p(`volts`), in 0...0.5.
  public let flipProbability: Double
  /// `flipProbability` as a threshold on a uniform 64-bit draw: a bit flips when the draw is
  /// below it, so each bit is an exact Bernoulli trial with probability threshold / 2^64.
  @usableFromInline let flipThreshold: UInt64

  /// The published (supply in volts, flip probability per bit) points, lowest supply first.
  public static let anchors: [(volts: Double, probability: Double)] = [(0.40, 0.1), (0.66, 0.01), (0.85, 0.001)]
  /// The nominal supply in volts, at and above which cells are reliable (AxTrain §4).
  public static let nominalVolts = 1.1
  /// The largest flip probability: a cell that flips half the time stores nothing.
  public static let maximumProbability = 0.5
  /// The supplies the model accepts, in volts.
  public static let voltsRange = 0.1...5.0
  /// The widest stored word, in bits: masks are `UInt32`.
  public static let maximumWordBits = 32

  /// Cells at a supply of `volts` volts (0.1...5 V).
  public init(volts: Double) throws(ArithmeticError) {
    guard Self.voltsRange.contains(volts) else {
      throw ArithmeticError(
        model: "NearThresholdSRAM", parameter: "volts", value: "\(volts)",
        expected: "0.1...5 V (a supply of this technology)")
    }
    self.volts = volts
    flipProbability = Self.probability(atVolts: volts)
    // p ≤ 0.5, so p · 2^64 ≤ 2^63 converts without overflow.
    flipThreshold = UInt64(flipProbability * 0x1.0p64)
  }

  /// p(V), the flip probability per bit at a supply of `volts` volts, following the table in
  /// the type's documentation (exactly the published value at each anchor).
  public static func probability(atVolts volts: Double) -> Double {
    guard volts < nominalVolts else { return 0 }
    let points = anchors
    if let anchor = points.first(where: { $0.volts == volts }) { return anchor.probability }
    // The segment containing `volts`, or the nearest one outside [0.40, 0.85].
    let segment = volts < points[1].volts ? 0 : 1
    let (v0, p0) = points[segment]
    let (v1, p1) = points[segment + 1]
    let log10p = log10(p0) + (log10(p1) - log10(p0)) * (volts - v0) / (v1 - v0)
    return min(maximumProbability, pow(10, log10p))
  }

  /// `word` as read back: its low `bits` bits each flipped independently with
  /// `flipProbability` (a fresh mask per call), drawing from `generator`.
  @inlinable
  public func corrupt(_ word: UInt32, bits: Int, using generator: inout some RandomNumberGenerator) -> UInt32 {
    word ^ flipMask(bits: bits, using: &generator)
  }

  /// A mask with each of its low `bits` bits set independently with `flipProbability`.
  ///
  /// `bits` is clamped to 0...32, the bits a `UInt32` has. Draws exactly `bits` 64-bit values
  /// from `generator` whatever the voltage, so runs at different supplies stay in step.
  @inlinable
  public func flipMask(bits: Int, using generator: inout some RandomNumberGenerator) -> UInt32 {
    let width = min(max(bits, 0), Self.maximumWordBits)
    var mask: UInt32 = 0
    var bit: UInt32 = 0
    while bit < UInt32(width) {
      if generator.next() < flipThreshold { mask |= 1 &<< bit }
      bit += 1
    }
    return mask
  }
}
