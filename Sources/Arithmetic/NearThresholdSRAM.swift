import Foundation

/// SRAM cells at near-threshold voltage: every stored bit flips with a probability that grows
/// as the supply falls (AxTrain §3.2 and §4, from Dreslinski et al., Proc. IEEE 2010).
///
/// | supply | flip probability per bit |
/// |---|---|
/// | 0.40 V | 10 % |
/// | 0.66 V | 1 % |
/// | 0.85 V | 0.1 % |
///
/// Between the points log10(p) is linear in V. Outside them the nearest segment's slope
/// continues (so p falls smoothly towards nominal voltage: 4.8 × 10^−5 at 1.1 V), capped at
/// 0.5 below 0.40 V, where a cell holds no information. Only the three points are sourced;
/// the interpolation and the extrapolation are assumptions.
@frozen
public struct NearThresholdSRAM: Equatable, Hashable, Sendable {
  /// The supply voltage in volts.
  public let volts: Double
  /// The probability that a stored bit reads flipped.
  public let flipProbability: Double

  /// The published (voltage, log10 p) points.
  public static let anchors: [(volts: Double, log10Probability: Double)] = [(0.40, -1), (0.66, -2), (0.85, -3)]

  /// Cells at `volts` volts (0.1...5).
  public init(volts: Double) throws(ArithmeticError) {
    guard volts.isFinite, (0.1...5).contains(volts) else { throw .invalidParameter("supply \(volts) V outside 0.1...5 V") }
    self.volts = volts
    flipProbability = NearThresholdSRAM.probability(atVolts: volts)
  }

  /// p(V): log-linear between the anchors, extended with the nearest segment's slope.
  public static func probability(atVolts volts: Double) -> Double {
    let points = anchors
    let segment = volts < points[1].volts ? 0 : 1
    let (v0, l0) = points[segment]
    let (v1, l1) = points[segment + 1]
    let log10p = l0 + (l1 - l0) * (volts - v0) / (v1 - v0)
    return min(0.5, pow(10, log10p))
  }

  /// `word` (its low `bits` bits) with every bit flipped independently with
  /// `flipProbability`, drawing from `generator`.
  @inlinable
  public func corrupt<G: RandomNumberGenerator>(_ word: UInt32, bits: Int, using generator: inout G) -> UInt32 {
    word ^ flipMask(bits: bits, using: &generator)
  }

  /// A mask with each of the low `bits` bits set independently with `flipProbability`.
  @inlinable
  public func flipMask<G: RandomNumberGenerator>(bits: Int, using generator: inout G) -> UInt32 {
    guard flipProbability > 0 else { return 0 }
    // One uniform 64-bit draw per bit, compared with p scaled to 2^64: exact Bernoulli trials.
    let threshold = UInt64(min(flipProbability, 0.5) * 0x1.0p64)
    var mask: UInt32 = 0
    for bit in 0..<bits where generator.next() < threshold { mask |= 1 << UInt32(bit) }
    return mask
  }
}

/// Persistent cell failures for one run: a flip mask per stored word, drawn once (seeded) and
/// applied on every read, the evaluation mode of AxTrain's 50 seeded runs.
public struct PersistentFlipMasks: Sendable {
  /// One mask per word.
  public let masks: [UInt32]

  /// Masks for `words` words of `bits` bits at `sram`'s flip probability.
  public init<G: RandomNumberGenerator>(words: Int, bits: Int, sram: NearThresholdSRAM, using generator: inout G) {
    var masks: [UInt32] = []
    masks.reserveCapacity(words)
    for _ in 0..<words { masks.append(sram.flipMask(bits: bits, using: &generator)) }
    self.masks = masks
  }

  /// Word `index` as a read returns it.
  @inlinable public func read(_ word: UInt32, at index: Int) -> UInt32 { word ^ masks[index] }
}
