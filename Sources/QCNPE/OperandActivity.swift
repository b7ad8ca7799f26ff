import SimKernel
import Trace

/// The switching activity of a layer's operands as its trace states it, and the random
/// process `cycle` fidelity draws operands from to reproduce it.
///
/// Present only when the trace's statistics carry a toggle fraction (`input_toggle_fraction`,
/// `weight_toggle_fraction`; docs/trace-format.md); otherwise both fidelities price the
/// activity-scaled energy entries at their reference activity (uniform random words, α = ½)
/// and count no toggles, so shape-only traces cost what they always did.
public struct OperandActivity: Equatable, Sendable {
  /// The inputs' process.
  public var input: OperandProcess
  /// The weights' process.
  public var weight: OperandProcess

  /// The activity of operands with `statistics`, for a layer whose widest input and weight
  /// precisions are `inputBits` and `weightBits`, in the order `dataflow` streams them: along
  /// the reduction (os), inputs across GEMM rows (ws), weights across neurons (is; a fraction
  /// across that the trace does not state is taken as the one along the reduction). Nil when
  /// the statistics state no toggles.
  public init?(statistics: OperandStatistics, inputBits: Int, weightBits: Int, dataflow: SystolicDataflow = .outputStationary) {
    let inputFraction =
      dataflow == .weightStationary
      ? statistics.inputToggleFractionAcrossRows ?? statistics.inputToggleFraction : statistics.inputToggleFraction
    let weightFraction =
      dataflow == .inputStationary
      ? statistics.weightToggleFractionAcrossNeurons ?? statistics.weightToggleFraction : statistics.weightToggleFraction
    guard inputFraction != nil || weightFraction != nil else { return nil }
    input = OperandProcess(
      toggleFraction: inputFraction ?? OperandStatistics.uniformToggleFraction,
      zeroFraction: statistics.zeroInputFraction ?? 0, significantBits: statistics.meanInputBits, precisionBits: inputBits)
    weight = OperandProcess(
      toggleFraction: weightFraction ?? OperandStatistics.uniformToggleFraction,
      zeroFraction: statistics.zeroWeightFraction ?? 0, significantBits: statistics.meanWeightBits,
      precisionBits: weightBits)
  }
}

/// A stream of operand words whose zero fraction, significant bits and bit-toggle rate are
/// set, drawn one word after the other (`OperandStream`).
///
/// ```
///   zero state   two-state Markov chain, stationary P(zero) = z, P(state changes) = d
///   word         W-bit walk: each bit flips with probability q per step; the top
///                (p − m) bits of the p-bit operand all equal the walk's sign bit, so a
///                value has about m − 1 significant bits; a word in the zero state is 0
///   E[toggled fraction] = (1 − z − d/2)·q + d/2      for any subset of the word's bits
/// ```
/// Two non-zero words differ in each bit with probability q; a zero and a non-zero word in
/// half of the bits on average (the walk's bits are uniform); two zeros in none. The process
/// keeps zeros independent (d = 2z(1 − z)) and solves for q; a target below d/2 is reached
/// with q = 0 and zeros in runs (d = 2t). The largest reachable fraction is 1 − z (q = 1): a
/// target above it is clamped, and `expectedToggleFraction` says what the process delivers.
public struct OperandProcess: Equatable, Sendable {
  /// The fraction of zero words, z.
  public var zeroFraction: Double
  /// The probability that consecutive words differ in being zero, d.
  public var zeroChangeProbability: Double
  /// Per-bit flip probability of the walk, in 1/65536 (the resolution `OperandStream` draws at).
  public var flipThreshold: Int
  /// The operand's precision p in bits.
  public var precisionBits: Int
  /// The width m of a non-zero operand's value field at its precision (the bits below its run
  /// of sign bits), 1...p; a uniformly random m-bit field has about m − 1 significant bits.
  public var valueBits: Int

  /// The per-bit flip probability q.
  public var flipProbability: Double { Double(flipThreshold) / 65536 }

  /// The fraction of bits that toggle between consecutive words, in expectation.
  public var expectedToggleFraction: Double {
    (1 - zeroFraction - zeroChangeProbability / 2) * flipProbability + zeroChangeProbability / 2
  }

  /// The process that reproduces `toggleFraction` (as far as reachable) with `zeroFraction`
  /// zeros and about `significantBits` (nil: all) significant bits at `precisionBits`: a
  /// value field one bit wider than the mean (uniform fields average one bit less).
  public init(toggleFraction: Double, zeroFraction: Double, significantBits: Double?, precisionBits: Int) {
    let z = min(1, max(0, zeroFraction))
    let t = min(1, max(0, toggleFraction))
    self.zeroFraction = z
    self.precisionBits = max(1, precisionBits)
    valueBits = min(self.precisionBits, max(1, Int((significantBits ?? Double(precisionBits)).rounded()) + 1))
    var d = 2 * z * (1 - z)
    var q = 0.0
    if t < d / 2 {
      d = 2 * t
    } else if 1 - z - d / 2 > 0 {
      q = min(1, (t - d / 2) / (1 - z - d / 2))
    }
    zeroChangeProbability = d
    flipThreshold = Int((q * 65536).rounded())
  }
}

/// Draws the words of one operand stream (one input row, one neuron's weights) in order, from
/// an `OperandProcess`; a pure function of its seed.
public struct OperandStream {
  private var generator: SplitMix64
  private var isZero: Bool
  private var walk: UInt16
  /// Leaving and entering the zero state, in 1/2^32.
  private let leaveZero: UInt64
  private let enterZero: UInt64
  private let flipThreshold: UInt16
  private let forceFlip: Bool
  /// Bits that copy the sign: shift left then arithmetic shift right.
  private let signCopies: Int16
  private let wordShift: Int16

  /// The stream of `process` for `wordBits`-bit words, seeded with `seed`.
  public init(_ process: OperandProcess, wordBits: Int, seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let z = process.zeroFraction
    let d = process.zeroChangeProbability
    leaveZero = z > 0 ? Self.threshold(d / (2 * z)) : 0
    enterZero = z < 1 ? Self.threshold(d / (2 * (1 - z))) : 0
    flipThreshold = UInt16(min(65535, process.flipThreshold))
    forceFlip = process.flipThreshold >= 65536
    // m significant bits below a run of p − m sign bits: the sign bit and p − m − 1 copies.
    signCopies = Int16(max(0, process.precisionBits - process.valueBits - 1))
    wordShift = Int16(16 - wordBits)
    isZero = z >= 1 || (z > 0 && generator.next() >> 32 < Self.threshold(z))
    walk = UInt16(truncatingIfNeeded: generator.next())
    self.generator = generator
  }

  /// A probability in 1/2^32.
  static func threshold(_ probability: Double) -> UInt64 { UInt64(min(1, max(0, probability)) * 4_294_967_296) }

  /// The next word, sign-extended to 16 bits.
  public mutating func next() -> Int16 {
    let draw = generator.next() >> 32
    isZero = isZero ? draw >= leaveZero : draw < enterZero
    var flips: UInt16 = 0
    if forceFlip {
      flips = .max
    } else if flipThreshold > 0 {
      for quarter in 0..<4 {
        let bits = generator.next()
        for lane in 0..<4 where UInt16(truncatingIfNeeded: bits >> (16 * UInt64(lane))) < flipThreshold {
          flips |= 1 << UInt16(quarter * 4 + lane)
        }
      }
    }
    walk ^= flips
    guard !isZero else { return 0 }
    // A `wordBits`-bit word sits in the low bits, sign-extended; its top `signCopies` bits
    // below the sign copy the sign.
    let word = Int16(bitPattern: walk << UInt16(wordShift)) >> wordShift
    let copied = (word << (wordShift + signCopies)) >> (wordShift + signCopies)
    return copied
  }
}
