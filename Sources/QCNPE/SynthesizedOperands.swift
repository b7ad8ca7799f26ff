import SimKernel

/// The operand values `cycle` fidelity streams through the array. Traces carry shapes, not
/// tensors, so values are synthesised: uniformly distributed signed `wordBits`-bit words, a
/// pure function of (seed, layer, matrix, row, column). Timing never depends on them; they make
/// the accumulated sums checkable against a reference product and give waveforms real
/// numbers. A layer whose trace states toggle fractions streams `OperandStream` words instead,
/// drawn to match its statistics, and its energy follows their counted toggles.
public struct SynthesizedOperands: Sendable {
  /// The seed (`QCNPEConfig.operandSeed`).
  public var seed: UInt64
  /// Operand word width in bits.
  public var wordBits: Int

  /// Operands for `seed` at `wordBits`.
  public init(seed: UInt64, wordBits: Int) {
    self.seed = seed
    self.wordBits = wordBits
  }

  /// Input `k` of GEMM row `row` (an input vector element) of layer `layer`.
  @inline(__always)
  public func input(layer: Int, row: Int, k: Int) -> Int32 { value(layer: layer, matrix: 1, row: row, column: k) }

  /// Weight `k` of output neuron `neuron` of layer `layer`.
  @inline(__always)
  public func weight(layer: Int, k: Int, neuron: Int) -> Int32 { value(layer: layer, matrix: 2, row: k, column: neuron) }

  /// `word` truncated to its `bits` most significant bits (the precision-control register's
  /// effect: the `wordBits − bits` LSBs are zeroed, rounding toward minus infinity).
  @inline(__always)
  public func truncate(_ word: Int32, toBits bits: Int) -> Int32 { word & (Int32(-1) << Int32(wordBits - bits)) }

  /// The seed of one `OperandStream` of layer `layer`: the stream of words an NCU sees when a
  /// trace states toggle fractions (matrix 1: an input row along the reduction, 2: a neuron's
  /// weights along the reduction, 3: an input column along the GEMM rows, 4: one reduction
  /// index's weights along the neurons).
  func streamSeed(layer: Int, matrix: UInt64, index: Int, column: Int) -> UInt64 {
    var mixer = SplitMix64(
      seed: seed ^ (UInt64(layer) &* 0x9E37_79B9_7F4A_7C15) ^ (matrix &* 0xD6E8_FEB8_6659_FD93)
        ^ (UInt64(index) &* 0xBF58_476D_1CE4_E5B9) ^ (UInt64(column) &* 0x94D0_49BB_1331_11EB))
    return mixer.next()
  }

  /// One multiply-xorshift round over the coordinates: cheap (the cycle fidelity draws an
  /// operand per word streamed) and well spread in the high bits it keeps.
  @inline(__always)
  func value(layer: Int, matrix: UInt64, row: Int, column: Int) -> Int32 {
    var mixed =
      seed ^ (UInt64(layer) &* 0x9E37_79B9_7F4A_7C15) ^ (matrix &* 0xD6E8_FEB8_6659_FD93)
      ^ (UInt64(row) &* 0xBF58_476D_1CE4_E5B9) ^ (UInt64(column) &* 0x94D0_49BB_1331_11EB)
    mixed ^= mixed >> 31
    mixed &*= 0x9E37_79B9_7F4A_7C15
    mixed ^= mixed >> 29
    return Int32(truncatingIfNeeded: Int64(bitPattern: mixed) >> (64 - wordBits))
  }
}
