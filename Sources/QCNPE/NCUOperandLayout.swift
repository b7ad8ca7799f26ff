import SimKernel

/// A fold's operands laid out for `NCULaneKernel`: for each array row, the input pairs its
/// lanes read step pair by step pair; for each diagonal, the weight pairs.
///
/// ```
///   lanes of a 16-column group, lane L = column c0 + 15 − L  (column c in lane c ^ 15):
///     lane:             0          1        …   15
///     column:         c0+15      c0+14      …   c0
///     operand k=d−c:  d−c0−15    d−c0−14    …   d−c0        (consecutive, rising with L)
///
///   input pairs of row r:   P[j + 16] = (x[j], x[j+1])   for j ∈ [−16, K + 16); zero outside
///   weight pairs:           Q[d][lane(c)] = (w[d−c][c], w[d+1−c][c]),  d ∈ [0, K + lanes)
/// ```
/// With lanes in reverse column order, the 16 lanes of a group read 16 consecutive input
/// pairs, so each row needs one copy of its inputs however many column groups it has, and
/// the next step pair is 8 bytes on. Words outside 0 ≤ k < K are zero: the lanes multiply
/// zeros during a row's skewed start and end, which adds nothing to their sums.
///
/// Weights are truncated to their column's precision when laid out; inputs too when every
/// column of the fold shares one input precision, otherwise the kernel masks them per lane.
/// Row folds of a column fold share its weights (laid out once per column fold); column
/// folds of a layer share its inputs, kept as 16-bit words when they fit `inputCacheWords`.
struct NCUOperandLayout {
  let plan: GEMMPlan
  let layerIndex: Int
  let operands: SynthesizedOperands
  let wordBits: Int
  /// Lanes per array row: the columns rounded up to whole 16-lane groups.
  let laneStride: Int
  /// Input words per GEMM row: a zero, the K inputs, zeros.
  let wordStride: Int
  /// Input pairs per array row: K + 32.
  let pairStride: Int
  /// Bytes from one step pair's weight pairs to the next's (two diagonals).
  var weightPairStrideBytes: Int { 2 * laneStride * 4 }
  /// Whether the inputs of the fold are already truncated (all its columns share a precision).
  private(set) var inputsPremasked = false
  /// The layer's operand activity: when set, operands follow its processes and each fold's
  /// toggles are counted into `foldToggles` (docs/qcnpe.md, "Operand activity").
  let activity: OperandActivity?
  /// The toggles the NCUs of the last fold laid out see (zero without `activity`).
  private(set) var foldToggles = FoldToggles()
  /// Per column of the column fold, its weight stream's toggles at precision and at full width.
  private let weightToggles: UnsafeMutableBufferPointer<Int>
  /// One weight stream's raw words, K of them.
  private let scratch: UnsafeMutableBufferPointer<Int16>

  /// The layer's inputs (when cached) or one row of them, as 16-bit words.
  private let words: UnsafeMutableBufferPointer<Int16>
  private let cachesInputs: Bool
  /// Per GEMM row, whether `words` holds its inputs (when cached).
  private let rowsCached: UnsafeMutableBufferPointer<Bool>
  private let pairs: UnsafeMutableBufferPointer<UInt32>
  private let weights: UnsafeMutableBufferPointer<UInt32>
  /// Per lane, the input precision mask in both halves.
  private let masks: UnsafeMutableBufferPointer<UInt32>
  /// Per column of the fold, the input precision mask.
  private let columnMasks: UnsafeMutableBufferPointer<Int32>
  private var weightsNeuron = -1
  /// The first input column (group × K) whose rows `words` caches: a grouped layer's next
  /// group reads other columns, so its rows are synthesised anew.
  private var cachedInputColumn = 0
  private var weightLanesWritten = 0

  /// The most input words kept per layer for column folds to share (16 MB).
  static let inputCacheWords = 8 << 20

  init(plan: GEMMPlan, config: QCNPEConfig, layerIndex: Int) {
    // Lanes hold 16-bit words; configs are validated to wordBits ≤ 16 before any run.
    precondition(config.wordBits <= 16, "operand words wider than 16 bits")
    self.plan = plan
    self.layerIndex = layerIndex
    operands = SynthesizedOperands(seed: config.operandSeed, wordBits: config.wordBits)
    wordBits = config.wordBits
    let lanes = NCULaneKernel.lanes
    let k = plan.shape.k
    laneStride = (config.cols + lanes - 1) / lanes * lanes
    wordStride = k + 16
    pairStride = k + 32
    let (cachedWords, overflow) = plan.shape.m.multipliedReportingOverflow(by: wordStride)
    cachesInputs = plan.columnFolds > 1 && !overflow && cachedWords <= NCUOperandLayout.inputCacheWords
    words = .allocate(capacity: cachesInputs ? cachedWords : wordStride)
    words.initialize(repeating: 0)
    rowsCached = .allocate(capacity: cachesInputs ? plan.shape.m : 0)
    rowsCached.initialize(repeating: false)
    pairs = .allocate(capacity: config.rows * pairStride)
    pairs.initialize(repeating: 0)
    weights = .allocate(capacity: (k + laneStride) * laneStride)
    weights.initialize(repeating: 0)
    masks = .allocate(capacity: laneStride)
    masks.initialize(repeating: UInt32.max)
    columnMasks = .allocate(capacity: config.cols)
    columnMasks.initialize(repeating: -1)
    activity = plan.activity
    weightToggles = .allocate(capacity: 2 * config.cols)
    weightToggles.initialize(repeating: 0)
    scratch = .allocate(capacity: activity == nil ? 0 : k)
    scratch.initialize(repeating: 0)
  }

  func release() {
    words.deallocate()
    rowsCached.deallocate()
    pairs.deallocate()
    weights.deallocate()
    masks.deallocate()
    columnMasks.deallocate()
    weightToggles.deallocate()
    scratch.deallocate()
  }

  /// The lane that holds column `column` (lanes run in reverse column order within a group).
  @inline(__always)
  static func lane(ofColumn column: Int) -> Int { column ^ (NCULaneKernel.lanes - 1) }

  /// The mask that truncates a `wordBits`-bit two's-complement word to its `bits` most
  /// significant bits (rounding toward minus infinity).
  @inline(__always)
  static func truncationMask(bits: Int, wordBits: Int) -> Int32 { Int32(-1) << Int32(wordBits - bits) }

  /// Lays out the operands of `fold` (weights only when its column fold changes).
  mutating func layOut(_ fold: GEMMPlan.Fold) {
    for c in 0..<fold.colsUsed {
      columnMasks[c] = Self.truncationMask(bits: Int(plan.inputBits[fold.firstNeuron + c]), wordBits: wordBits)
    }
    inputsPremasked = (0..<fold.colsUsed).allSatisfy { columnMasks[$0] == columnMasks[0] }
    for lane in 0..<laneStride {
      let column = Self.lane(ofColumn: lane)
      let mask = column < fold.colsUsed ? UInt32(UInt16(truncatingIfNeeded: columnMasks[column])) : 0xFFFF
      masks[lane] = mask | mask << 16
    }
    if weightsNeuron != fold.firstNeuron { layOutWeights(fold) }
    if cachesInputs, fold.firstInputColumn != cachedInputColumn {
      rowsCached.update(repeating: false)
      cachedInputColumn = fold.firstInputColumn
    }
    let inputToggles = layOutInputs(fold)
    if activity != nil { countToggles(fold, inputs: inputToggles) }
  }

  /// The fold's toggles: each of its NCUs sees its row's input stream and its column's weight
  /// stream, K − 1 transitions each.
  private mutating func countToggles(_ fold: GEMMPlan.Fold, inputs: FoldToggles) {
    var toggles = inputs
    let transitions = plan.shape.k - 1
    for c in 0..<fold.colsUsed {
      toggles.multiplierToggled += fold.rowsUsed * weightToggles[2 * c]
      toggles.registerToggled += fold.rowsUsed * weightToggles[2 * c + 1]
      toggles.multiplierCompared += fold.rowsUsed * transitions * Int(plan.weightBits[fold.firstNeuron + c])
    }
    toggles.registerCompared += fold.rowsUsed * fold.colsUsed * transitions * wordBits
    foldToggles = toggles
  }

  /// The seed of one operand stream of this layer (matrix 1: inputs, 2: weights).
  private func streamSeed(matrix: UInt64, index: Int, column: Int) -> UInt64 {
    operands.streamSeed(layer: layerIndex, matrix: matrix, index: index, column: column)
  }

  private mutating func layOutWeights(_ fold: GEMMPlan.Fold) {
    weightsNeuron = fold.firstNeuron
    let k = plan.shape.k
    let stride = laneStride
    guard let base = weights.baseAddress else { return }
    let raw = UnsafeMutableRawPointer(base)
    for c in 0..<fold.colsUsed {
      let neuron = fold.firstNeuron + c
      let mask = Self.truncationMask(bits: Int(plan.weightBits[neuron]), wordBits: wordBits)
      // w[j][c] is the first word of diagonal j + c's pair and the second of diagonal j + c − 1's
      // (the diagonal before 0 does not exist: lane group 0 starts its runs at diagonal 0).
      let rowBytes = stride * 4
      var first = raw + (c * stride + Self.lane(ofColumn: c)) * 4
      if let activity, let words = scratch.baseAddress {
        var stream = OperandStream(
          activity.weight, wordBits: wordBits, seed: streamSeed(matrix: 2, index: neuron, column: 0))
        for j in 0..<k { words[j] = stream.next() }
        let full = OperandToggleCounter.wordMask(wordBits: wordBits)
        weightToggles[2 * c] = OperandToggleCounter.toggles(words, count: k, mask: full & UInt16(truncatingIfNeeded: mask))
        weightToggles[2 * c + 1] = OperandToggleCounter.toggles(words, count: k, mask: full)
      }
      for j in 0..<k {
        let synthesized = activity == nil ? operands.weight(layer: layerIndex, k: j, neuron: neuron) : Int32(scratch[j])
        let word = Int16(truncatingIfNeeded: synthesized & mask)
        first.storeBytes(of: word, as: Int16.self)
        if j + c >= 1 { first.storeBytes(of: word, toByteOffset: 2 &- rowBytes, as: Int16.self) }
        first += rowBytes
      }
    }
    // Lanes of columns a previous column fold used and this one does not: back to zero.
    for c in fold.colsUsed..<max(fold.colsUsed, weightLanesWritten) {
      let lane = Self.lane(ofColumn: c)
      for d in 0..<(k + stride) { weights[d * stride + lane] = 0 }
    }
    weightLanesWritten = fold.colsUsed
  }

  /// Lays out the fold's input pairs; returns the toggles its NCUs' input streams make (zero
  /// without `activity`).
  private func layOutInputs(_ fold: GEMMPlan.Fold) -> FoldToggles {
    let k = plan.shape.k
    let sharedMask = inputsPremasked ? Int16(truncatingIfNeeded: columnMasks[0]) : -1
    var toggles = FoldToggles()
    guard let wordBase = words.baseAddress, let pairBase = pairs.baseAddress else { return toggles }
    for r in 0..<fold.rowsUsed {
      let gemmRow = fold.firstRow + r
      let row = cachesInputs ? wordBase + gemmRow * wordStride : wordBase
      // The first fold of a row synthesises its inputs; the row's later column folds reuse them.
      if !cachesInputs || !rowsCached[gemmRow] {
        if let activity {
          var stream = OperandStream(
            activity.input, wordBits: wordBits, seed: streamSeed(matrix: 1, index: gemmRow, column: fold.firstInputColumn))
          for j in 0..<k { row[1 + j] = stream.next() }
        } else {
          for j in 0..<k {
            row[1 + j] = Int16(
              truncatingIfNeeded: operands.input(layer: layerIndex, row: gemmRow, k: fold.firstInputColumn + j))
          }
        }
        if cachesInputs { rowsCached[gemmRow] = true }
      }
      if activity != nil { countInputToggles(row + 1, fold: fold, into: &toggles) }
      // P[15 + t] = (x[t − 1], x[t]) = (row[t], row[t + 1]) for t ∈ [0, K], eight pairs at a
      // time: the last group reads at most row[K + 8] and writes at most P[K + 22], both inside
      // the zero padding (pairs past t = K are (0, 0), as they must be).
      let target = UnsafeMutableRawPointer(pairBase + r * pairStride + 15)
      let mask = SIMD8<Int16>(repeating: sharedMask)
      var t = 0
      while t <= k {
        let first = UnsafeRawPointer(row + t).loadUnaligned(as: SIMD8<Int16>.self) & mask
        let second = UnsafeRawPointer(row + t + 1).loadUnaligned(as: SIMD8<Int16>.self) & mask
        let low = SIMD8<Int16>(first[0], second[0], first[1], second[1], first[2], second[2], first[3], second[3])
        let high = SIMD8<Int16>(first[4], second[4], first[5], second[5], first[6], second[6], first[7], second[7])
        target.storeBytes(of: low, toByteOffset: t * 4, as: SIMD8<Int16>.self)
        target.storeBytes(of: high, toByteOffset: t * 4 + 16, as: SIMD8<Int16>.self)
        t += 8
      }
    }
    return toggles
  }

  /// Adds the toggles of one input row's K words as every column of `fold` sees them: the
  /// register the full words, the multiplier the words at the column's input precision.
  private func countInputToggles(_ inputs: UnsafePointer<Int16>, fold: GEMMPlan.Fold, into toggles: inout FoldToggles) {
    let k = plan.shape.k
    let full = OperandToggleCounter.wordMask(wordBits: wordBits)
    toggles.registerToggled += fold.colsUsed * OperandToggleCounter.toggles(inputs, count: k, mask: full)
    toggles.registerCompared += fold.colsUsed * (k - 1) * wordBits
    let masks = columnMasks
    toggles.multiplierToggled += OperandToggleCounter.toggles(
      inputs, count: k, wordMask: full, columns: fold.colsUsed, columnMask: { masks[$0] })
    for column in 0..<fold.colsUsed { toggles.multiplierCompared += (k - 1) * Int(plan.inputBits[fold.firstNeuron + column]) }
  }

  /// Where lane 0 of the group starting at column `firstColumn` reads its input pair for the
  /// step pair starting at row `row`'s diagonal `diagonal`.
  @inline(__always)
  func inputPairs(row: Int, diagonal: Int, firstColumn: Int) -> UnsafeRawPointer {
    UnsafeRawPointer(pairs.baseAddress.unsafelyUnwrapped + (row * pairStride + diagonal - firstColumn + 1))
  }

  /// Where lane 0 of the group starting at column `firstColumn` reads its weight pair for the
  /// step pair starting at diagonal `diagonal`.
  @inline(__always)
  func weightPairs(diagonal: Int, firstColumn: Int) -> UnsafeRawPointer {
    UnsafeRawPointer(weights.baseAddress.unsafelyUnwrapped + (diagonal * laneStride + firstColumn))
  }

  /// The input masks of the group starting at column `firstColumn`, one per lane.
  @inline(__always)
  func laneMasks(firstColumn: Int) -> UnsafeRawPointer {
    UnsafeRawPointer(masks.baseAddress.unsafelyUnwrapped + firstColumn)
  }

  /// Input k of array row `row` as column `column`'s NCU sees it (truncated), for waveforms.
  func input(row: Int, k: Int, column: Int) -> Int32 {
    Int32(Int16(truncatingIfNeeded: pairs[row * pairStride + k + 16])) & columnMasks[column]
  }

  /// Weight k of column `column` (truncated), for waveforms.
  func weight(k: Int, column: Int) -> Int32 {
    Int32(Int16(truncatingIfNeeded: weights[(k + column) * laneStride + Self.lane(ofColumn: column)]))
  }
}
