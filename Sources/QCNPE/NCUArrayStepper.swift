import SimKernel

/// The `cycle` fidelity's NCU array: per-NCU accumulators updated every cycle from the
/// operands that the systolic skew brings to each NCU.
///
/// ```
///          top FIFOs (weights, one per column)
///             ↓        ↓        ↓
///  left  →  NCU(0,0) → NCU(0,1) → NCU(0,2) → … → AFU(row 0)
///  FIFOs      ↓        ↓        ↓
///  (inputs) NCU(1,0) → NCU(1,1) → …              → AFU(row 1)
/// ```
/// Operand k of a fold reaches NCU(r, c) at step k + r + c: the input that row r's FIFO
/// released c cycles earlier and the weight column c's FIFO released r cycles earlier. The
/// operand registers therefore hold, at step t, input[r][t − r − c] and weight[t − r − c][c];
/// the stepper reads them from fold-local copies laid out so each row's update is one
/// contiguous, vectorisable loop (inputs reversed per row, weights along anti-diagonals).
/// Inside an NCU both operands are truncated to the column's precision register.
///
/// Operand values come from `SynthesizedOperands` (traces carry shapes, not tensors).
struct NCUArrayStepper: FoldStepper {
  static var stepsNCUs: Bool { true }
  let plan: GEMMPlan
  let config: QCNPEConfig
  let layerIndex: Int
  let operands: SynthesizedOperands
  var ledger: ActivityLedger
  /// When set, every fold's sums are copied here, row-major M × (groups·N), a group's columns
  /// side by side (tests only: it is O(M·N)).
  var outputs: [Int64]?

  /// Per-NCU and fold-local state, in buffers allocated once per layer (`release()` frees them).
  private let accumulators: UnsafeMutableBufferPointer<Int64>
  private let reversedInputs: UnsafeMutableBufferPointer<Int32>
  private let diagonalWeights: UnsafeMutableBufferPointer<Int32>
  private let inputMasks: UnsafeMutableBufferPointer<Int32>
  /// Products per column as a difference array: a row whose valid NCUs are columns
  /// [low, high) adds 1 at low and −1 at high; the prefix sum at the fold's end gives each
  /// column's count, one NCU at a time, without a store per NCU per cycle.
  private let macDelta: UnsafeMutableBufferPointer<Int>
  /// Whether every column of the fold shares one input precision (the mask is then applied
  /// once to the fold's inputs instead of in every NCU update).
  private var inputsPremasked = false
  /// The first neuron whose weights `diagonalWeights` holds: row folds of one column fold share
  /// their weights, so they are laid out once per column fold.
  private var weightsNeuron = -1
  private var leftPops = 0
  private var topPops = 0
  private var activeNCUCycles = 0
  private var gatedNCUCycles = 0

  init(plan: GEMMPlan, config: QCNPEConfig, layerIndex: Int, ledger: ActivityLedger, collectOutputs: Bool) {
    self.plan = plan
    self.config = config
    self.layerIndex = layerIndex
    operands = SynthesizedOperands(seed: config.operandSeed, wordBits: config.wordBits)
    self.ledger = ledger
    outputs = collectOutputs ? Array(repeating: 0, count: plan.shape.m * plan.neurons) : nil
    accumulators = .allocate(capacity: config.ncuCount)
    accumulators.initialize(repeating: 0)
    reversedInputs = .allocate(capacity: config.rows * plan.shape.k)
    reversedInputs.initialize(repeating: 0)
    diagonalWeights = .allocate(capacity: (plan.shape.k + config.cols) * config.cols)
    diagonalWeights.initialize(repeating: 0)
    inputMasks = .allocate(capacity: config.cols)
    inputMasks.initialize(repeating: 0)
    macDelta = .allocate(capacity: config.cols + 1)
    macDelta.initialize(repeating: 0)
  }

  /// Frees the buffers; the stepper must not be used afterwards.
  func release() {
    accumulators.deallocate()
    reversedInputs.deallocate()
    diagonalWeights.deallocate()
    inputMasks.deallocate()
    macDelta.deallocate()
  }

  /// The mask that truncates a `wordBits`-bit two's-complement word to its `bits` most
  /// significant bits (rounding toward minus infinity).
  @inline(__always)
  static func truncationMask(bits: Int, wordBits: Int) -> Int32 { Int32(-1) << Int32(wordBits - bits) }

  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    let k = plan.shape.k
    let cols = fold.colsUsed
    let word = config.wordBits
    let refreshWeights = weightsNeuron != fold.firstNeuron
    weightsNeuron = fold.firstNeuron
    for c in 0..<cols {
      let neuron = fold.firstNeuron + c
      inputMasks[c] = NCUArrayStepper.truncationMask(bits: Int(plan.inputBits[neuron]), wordBits: word)
      guard refreshWeights else { continue }
      let weightMask = NCUArrayStepper.truncationMask(bits: Int(plan.weightBits[neuron]), wordBits: word)
      for j in 0..<k {
        diagonalWeights[(j + c) * cols + c] = operands.weight(layer: layerIndex, k: j, neuron: neuron) & weightMask
      }
    }
    inputsPremasked = (0..<cols).allSatisfy { inputMasks[$0] == inputMasks[0] }
    let sharedMask = inputsPremasked ? inputMasks[0] : -1
    for r in 0..<fold.rowsUsed {
      for j in 0..<k {
        reversedInputs[r * k + (k - 1 - j)] =
          operands.input(layer: layerIndex, row: fold.firstRow + r, k: fold.firstInputColumn + j) & sharedMask
      }
      for c in 0..<cols { accumulators[r * config.cols + c] = 0 }
    }
    for c in 0...cols { macDelta[c] = 0 }
    ledger.add(fold.rowsUsed * fold.colsUsed, .precisionWrite)
  }

  mutating func step(_ step: Int, _ fold: GEMMPlan.Fold) {
    let k = plan.shape.k
    let cols = fold.colsUsed
    let stride = config.cols
    leftPops += FIFOFeeder.activeRange(step: step, used: fold.rowsUsed, k: k).count
    topPops += FIFOFeeder.activeRange(step: step, used: fold.colsUsed, k: k).count
    activeNCUCycles += fold.rowsUsed * fold.colsUsed
    gatedNCUCycles += config.ncuCount - fold.rowsUsed * fold.colsUsed
    guard let inputs = reversedInputs.baseAddress, let weights = diagonalWeights.baseAddress,
      let masks = inputMasks.baseAddress, let sums = accumulators.baseAddress, let delta = macDelta.baseAddress
    else { return }
    // Rows whose diagonal holds a valid operand: 0 ≤ step − r < K + cols − 1.
    let firstRow = max(0, step - k - cols + 2)
    let lastRow = min(fold.rowsUsed, step + 1)
    guard firstRow < lastRow else { return }
    for r in firstRow..<lastRow {
      let diagonal = step - r
      let low = max(0, diagonal - k + 1)
      let high = min(cols, diagonal + 1)
      delta[low] &+= 1
      delta[high] &-= 1
      let rowInputs = inputs + (r * k + (k - 1 - diagonal))
      let rowWeights = weights + diagonal * cols
      let rowSums = sums + r * stride
      // Operands are words of at most 16 bits (QCNPEConfig.wordBits), so a product fits an
      // Int32 exactly; multiplying in 32 bits lets the loop vectorise on SSE2, which has no
      // 64-bit multiply.
      if inputsPremasked {
        for c in low..<high { rowSums[c] &+= Int64(rowInputs[c] &* rowWeights[c]) }
      } else {
        for c in low..<high { rowSums[c] &+= Int64((rowInputs[c] & masks[c]) &* rowWeights[c]) }
      }
    }
  }

  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold) {
    guard let layout = observer.layout else { return }
    let k = plan.shape.k
    for r in 0..<config.rows {
      for c in 0..<config.cols {
        let ncu = r * config.cols + c
        let used = r < fold.rowsUsed && c < fold.colsUsed
        let diagonal = step - r
        let index = diagonal - c
        let valid = used && index >= 0 && index < k
        let neuron = fold.firstNeuron + c
        var input: Int64 = 0
        var weight: Int64 = 0
        if valid {
          input = Int64(reversedInputs[r * k + (k - 1 - index)] & inputMasks[c])
          weight = Int64(diagonalWeights[diagonal * fold.colsUsed + c])
        }
        observer.sample(layout.ncuSignal(ncu, .valid), valid ? 1 : 0, at: cycle)
        observer.sample(layout.ncuSignal(ncu, .input), input, at: cycle)
        observer.sample(layout.ncuSignal(ncu, .weight), weight, at: cycle)
        observer.sample(layout.ncuSignal(ncu, .accumulator), used ? accumulators[r * config.cols + c] : 0, at: cycle)
        observer.sample(layout.ncuSignal(ncu, .precision), used ? Int64(plan.inputBits[neuron]) : 0, at: cycle)
        observer.sample(layout.ncuSignal(ncu, .clockEnable), used ? 1 : 0, at: cycle)
      }
    }
  }

  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    let word = config.wordBits
    var macs = 0
    for c in 0..<fold.colsUsed {
      let neuron = fold.firstNeuron + c
      let inputBits = Int(plan.inputBits[neuron])
      let weightBits = Int(plan.weightBits[neuron])
      macs += macDelta[c]
      ledger.add(macs, .multiply, bitsA: inputBits, bitsB: weightBits)
      ledger.add(
        macs, .accumulate,
        bitsA: FastAccounting.activeAccumulatorBits(inputBits: inputBits, weightBits: weightBits, config: config))
      ledger.add(2 * macs, .operandLatch, bitsA: word)
    }
    let sums = fold.rowsUsed * fold.colsUsed
    ledger.add(sums, .sumDrain)
    ledger.add(sums, FastAccounting.afuCounter(for: plan.activation))
    ledger.add(sums, .memoryWrite, bitsA: word)
    ledger.add(leftPops, .leftFIFOPop, bitsA: word)
    ledger.add(topPops, .topFIFOPop, bitsA: word)
    ledger.add(activeNCUCycles, .ncuActiveCycle)
    ledger.add(gatedNCUCycles, .ncuGatedCycle)
    leftPops = 0
    topPops = 0
    activeNCUCycles = 0
    gatedNCUCycles = 0
    if outputs != nil {
      for r in 0..<fold.rowsUsed {
        for c in 0..<fold.colsUsed {
          outputs?[(fold.firstRow + r) * plan.neurons + fold.firstNeuron + c] = accumulators[r * config.cols + c]
        }
      }
    }
  }
}
