import Arithmetic

extension OperandStatisticsCollector {
  /// Toggled and compared bits of operand streams: the switching activity an NCU's operand
  /// registers and multiplier inputs see when the streams enter it in order.
  struct ToggleTally {
    /// Bits that flipped between consecutive words.
    var toggled = 0
    /// Bits compared (transitions × word bits).
    var compared = 0

    /// The fraction of compared bits that flipped (nil when nothing was compared).
    var fraction: Double? { compared > 0 ? Double(toggled) / Double(compared) : nil }
  }

  /// Toggles between consecutive words of each row of `values` (`columns` words a row), at the
  /// `bits` most significant bits of `format`'s words, counted `weight` times per transition.
  ///
  /// In QCNPE's output-stationary order an NCU receives input k then k + 1 of one input row,
  /// and weight k then k + 1 of one neuron: a row of the input matrix or of the weights. A
  /// word is two's complement, so a sign change flips every bit above the magnitude.
  static func tallyToggles(
    _ words: [Int64], rows: Int, columns: Int, bits: Int, wordBits: Int, weight: Int = 1, into tally: inout ToggleTally
  ) {
    guard columns > 1, bits > 0 else { return }
    let shift = Int64(wordBits - bits)
    let mask: Int64 = bits >= 64 ? -1 : (1 << Int64(bits)) - 1
    for row in 0..<rows {
      let start = row * columns
      var previous = (words[start] >> shift) & mask
      for column in 1..<columns {
        let word = (words[start + column] >> shift) & mask
        tally.toggled += (previous ^ word).nonzeroBitCount * weight
        previous = word
      }
    }
    tally.compared += rows * (columns - 1) * bits * weight
  }

  /// Toggles between word k of consecutive rows of `words` (`rows` × `columns`), rows r − 1
  /// and r compared at the `bits(r)` most significant bits, counted `weight` times.
  ///
  /// In QCNPE's weight-stationary order an NCU receives input k of GEMM row m then of row
  /// m + 1; in its input-stationary order, weight k of neuron n then of neuron n + 1.
  static func tallyToggles(
    _ words: [Int64], acrossRows rows: Int, columns: Int, wordBits: Int, weight: Int = 1, bits: (Int) -> Int,
    into tally: inout ToggleTally
  ) {
    guard rows > 1 else { return }
    for row in 1..<rows {
      let kept = bits(row)
      guard kept > 0 else { continue }
      let shift = Int64(wordBits - kept)
      let mask: Int64 = kept >= 64 ? -1 : (1 << Int64(kept)) - 1
      for column in 0..<columns {
        let previous = (words[(row - 1) * columns + column] >> shift) & mask
        let word = (words[row * columns + column] >> shift) & mask
        tally.toggled += (previous ^ word).nonzeroBitCount * weight
      }
      tally.compared += columns * kept * weight
    }
  }

  /// One layer's toggle fractions (nil where nothing was compared), along the reduction and
  /// across rows or neurons: inputs once per distinct neuron input width, weighted by the
  /// neurons that read at it; weights along the reduction at their neuron's width, across
  /// neurons at the narrower of the two neurons' widths.
  static func toggleFractions(
    inputWords: [Int64], weightWords: [Int64], rows: Int, neurons: Int, fanIn: Int, inputGroups: [(value: Int, count: Int)],
    weightBits: [Int], wordBits: Int
  ) -> (input: Double?, weight: Double?, inputAcrossRows: Double?, weightAcrossNeurons: Double?) {
    var inputs = ToggleTally()
    var inputsAcrossRows = ToggleTally()
    for (bits, count) in inputGroups {
      tallyToggles(inputWords, rows: rows, columns: fanIn, bits: bits, wordBits: wordBits, weight: count, into: &inputs)
      tallyToggles(
        inputWords, acrossRows: rows, columns: fanIn, wordBits: wordBits, weight: count, bits: { _ in bits },
        into: &inputsAcrossRows)
    }
    var weights = ToggleTally()
    for neuron in 0..<neurons {
      let row = Array(weightWords[(neuron * fanIn)..<((neuron + 1) * fanIn)])
      tallyToggles(row, rows: 1, columns: fanIn, bits: weightBits[neuron], wordBits: wordBits, into: &weights)
    }
    var weightsAcrossNeurons = ToggleTally()
    tallyToggles(
      weightWords, acrossRows: neurons, columns: fanIn, wordBits: wordBits,
      bits: { min(weightBits[$0], weightBits[$0 - 1]) }, into: &weightsAcrossNeurons)
    return (inputs.fraction, weights.fraction, inputsAcrossRows.fraction, weightsAcrossNeurons.fraction)
  }
}
