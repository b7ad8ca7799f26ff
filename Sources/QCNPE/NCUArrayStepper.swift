import SimKernel

/// The `cycle` fidelity's NCU array: per-NCU accumulators updated every step from the
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
/// released c cycles earlier and the weight column c's FIFO released r cycles earlier. So at
/// step t NCU(r, c) multiplies input[r][t − r − c] by weight[t − r − c][c]; inside an NCU both
/// operands are truncated to the column's precision register. Along one row, step t is the
/// row's diagonal d = t − r, and column c holds operand k = d − c.
///
/// A run of steps is evaluated row by row: each row's NCUs are SIMD lanes (16 per kernel
/// call, `NCULaneKernel`), and the kernel advances them two steps per multiply instruction,
/// reading operand pairs from fold-local layouts (`NCUOperandLayout`). Rows exchange no
/// partial sums, so this order gives every accumulator the same products as stepping the
/// whole array cycle by cycle; activity is counted from the steps of each run.
///
/// Operand values come from `SynthesizedOperands` (traces carry shapes, not tensors).
struct NCUArrayStepper: NCUStepper {
  static var stepsNCUs: Bool { true }
  let plan: GEMMPlan
  let config: QCNPEConfig
  var ledger: ActivityLedger
  /// When set, every fold's sums are copied here, row-major M × (groups·N), a group's columns
  /// side by side (tests only: it is O(M·N)).
  var outputs: [Int64]?
  /// The operands of the fold, laid out for the lanes.
  private var layout: NCUOperandLayout
  /// Per-NCU accumulators, array row r's lanes at r·`laneStride` (column c in lane c ^ 15).
  private let accumulators: UnsafeMutableBufferPointer<Int64>
  /// Products each column of the fold has multiplied so far.
  private let columnMACs: UnsafeMutableBufferPointer<Int>
  private var stepsTaken = 0
  private var leftPops = 0
  private var topPops = 0
  private var activeNCUCycles = 0
  private var gatedNCUCycles = 0

  init(plan: GEMMPlan, config: QCNPEConfig, layerIndex: Int, ledger: ActivityLedger, collectOutputs: Bool) {
    self.plan = plan
    self.config = config
    self.ledger = ledger
    outputs = collectOutputs ? Array(repeating: 0, count: plan.shape.m * plan.neurons) : nil
    layout = NCUOperandLayout(plan: plan, config: config, layerIndex: layerIndex)
    accumulators = .allocate(capacity: config.rows * layout.laneStride)
    accumulators.initialize(repeating: 0)
    columnMACs = .allocate(capacity: config.cols)
    columnMACs.initialize(repeating: 0)
  }

  /// Frees the buffers; the stepper must not be used afterwards.
  func release() {
    layout.release()
    accumulators.deallocate()
    columnMACs.deallocate()
  }

  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    layout.layOut(fold)
    let stride = layout.laneStride
    for r in 0..<fold.rowsUsed {
      for lane in 0..<stride { accumulators[r * stride + lane] = 0 }
    }
    for c in 0..<fold.colsUsed { columnMACs[c] = 0 }
    stepsTaken = 0
    ledger.add(fold.rowsUsed * fold.colsUsed, .precisionWrite)
    if layout.activity != nil { ledger.addToggles(layout.foldToggles) }
  }

  mutating func step(_ steps: Range<Int>, _ fold: GEMMPlan.Fold) {
    guard !steps.isEmpty else { return }
    assert(steps.lowerBound == stepsTaken, "steps must arrive in order")
    stepsTaken = steps.upperBound
    countActivity(steps, fold)
    let k = plan.shape.k
    let stride = layout.laneStride
    let lanes = NCULaneKernel.lanes
    let masked = !layout.inputsPremasked
    guard let sums = accumulators.baseAddress else { return }
    for r in 0..<fold.rowsUsed {
      // Row r is at diagonal d = step − r; lanes [c0, c0 + 16) hold an operand while
      // c0 ≤ d < c0 + 15 + K, and multiply zeros (padding) elsewhere in that range.
      let firstDiagonal = steps.lowerBound - r
      let endDiagonal = steps.upperBound - r
      var c0 = 0
      while c0 < fold.colsUsed {
        let low = max(firstDiagonal, c0)
        let high = min(endDiagonal, c0 + lanes - 1 + k)
        if low < high {
          let count = high - low
          let inputs = layout.inputPairs(row: r, diagonal: low, firstColumn: c0)
          let weights = layout.weightPairs(diagonal: low, firstColumn: c0)
          let masks = layout.laneMasks(firstColumn: c0)
          let target = UnsafeMutableRawPointer(sums + r * stride + c0)
          if masked {
            NCULaneKernel.run(
              inputs: inputs, weights: weights, weightPairStride: layout.weightPairStrideBytes, pairs: count / 2,
              single: count & 1 == 1, masked: true, inputMasks: masks, accumulators: target)
          } else {
            NCULaneKernel.run(
              inputs: inputs, weights: weights, weightPairStride: layout.weightPairStrideBytes, pairs: count / 2,
              single: count & 1 == 1, masked: false, inputMasks: masks, accumulators: target)
          }
        }
        c0 += lanes
      }
    }
  }

  /// Counts the activity of `steps`: FIFO pops (row r's left FIFO pops while 0 ≤ step − r < K,
  /// column c's top FIFO while 0 ≤ step − c < K), clocked and gated NCU-cycles, and each
  /// column's products (NCU(r, c) multiplies while 0 ≤ step − r − c < K).
  private mutating func countActivity(_ steps: Range<Int>, _ fold: GEMMPlan.Fold) {
    let k = plan.shape.k
    let used = fold.rowsUsed * fold.colsUsed
    activeNCUCycles += used * steps.count
    gatedNCUCycles += (config.ncuCount - used) * steps.count
    for r in 0..<fold.rowsUsed { leftPops += Self.overlap(steps, r, r + k) }
    for c in 0..<fold.colsUsed {
      topPops += Self.overlap(steps, c, c + k)
      var products = 0
      for r in 0..<fold.rowsUsed { products += Self.overlap(steps, r + c, r + c + k) }
      columnMACs[c] += products
    }
  }

  /// The number of steps of `steps` inside [low, high).
  @inline(__always)
  static func overlap(_ steps: Range<Int>, _ low: Int, _ high: Int) -> Int {
    max(0, min(steps.upperBound, high) - max(steps.lowerBound, low))
  }

  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold) {
    guard let signals = observer.layout else { return }
    let k = plan.shape.k
    for r in 0..<config.rows {
      for c in 0..<config.cols {
        let ncu = r * config.cols + c
        let used = r < fold.rowsUsed && c < fold.colsUsed
        let index = step - r - c
        let valid = used && index >= 0 && index < k
        var input: Int64 = 0
        var weight: Int64 = 0
        if valid {
          input = Int64(layout.input(row: r, k: index, column: c))
          weight = Int64(layout.weight(k: index, column: c))
        }
        observer.sample(signals.ncuSignal(ncu, .valid), valid ? 1 : 0, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .input), input, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .weight), weight, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .accumulator), used ? accumulator(row: r, column: c) : 0, at: cycle)
        observer.sample(
          signals.ncuSignal(ncu, .precision), used ? Int64(plan.inputBits[fold.firstNeuron + c]) : 0, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .clockEnable), used ? 1 : 0, at: cycle)
      }
    }
  }

  /// NCU(r, c)'s accumulator.
  @inline(__always)
  private func accumulator(row: Int, column: Int) -> Int64 {
    accumulators[row * layout.laneStride + NCUOperandLayout.lane(ofColumn: column)]
  }

  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    assert(stepsTaken == plan.foldCycles, "a fold ended before its last step")
    let word = config.wordBits
    for c in 0..<fold.colsUsed {
      let neuron = fold.firstNeuron + c
      let inputBits = Int(plan.inputBits[neuron])
      let weightBits = Int(plan.weightBits[neuron])
      let macs = columnMACs[c]
      ledger.add(macs, .multiply, bitsA: inputBits, bitsB: weightBits)
      ledger.add(
        macs, .accumulate,
        bitsA: FastAccounting.activeAccumulatorBits(inputBits: inputBits, weightBits: weightBits, config: config))
      ledger.add(2 * macs, .operandLatch, bitsA: word)
    }
    let sums = fold.rowsUsed * fold.colsUsed
    ledger.add(sums, .sumDrain)
    ledger.add(sums, FastAccounting.afuCounter(for: plan.activation))
    ledger.add(sums, config.memoryHierarchy == nil ? .memoryWrite : .sramOfmapWrite, bitsA: word)
    ledger.add(leftPops, .leftFIFOPop, bitsA: word)
    ledger.add(topPops, .topFIFOPop, bitsA: word)
    ledger.add(activeNCUCycles, .ncuActiveCycle)
    ledger.add(gatedNCUCycles, .ncuGatedCycle)
    leftPops = 0
    topPops = 0
    activeNCUCycles = 0
    gatedNCUCycles = 0
    if var collected = outputs {
      outputs = nil
      for r in 0..<fold.rowsUsed {
        for c in 0..<fold.colsUsed {
          collected[(fold.firstRow + r) * plan.neurons + fold.firstNeuron + c] = accumulator(row: r, column: c)
        }
      }
      outputs = collected
    }
  }
}
