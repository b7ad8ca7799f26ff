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
  let plan: GEMMPlan
  let config: QCNPEConfig
  let layerIndex: Int
  let operands: SynthesizedOperands
  var ledger: ActivityLedger
  /// When set, every fold's sums are copied here, row-major M×N (tests only: it is O(M·N)).
  var outputs: [Int64]?

  private var accumulators: [Int64]
  private var reversedInputs: [Int32]
  private var diagonalWeights: [Int32]
  private var inputMasks: [Int32]
  private var macsPerColumn: [Int]
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
    outputs = collectOutputs ? Array(repeating: 0, count: plan.shape.m * plan.shape.n) : nil
    accumulators = Array(repeating: 0, count: config.ncuCount)
    reversedInputs = Array(repeating: 0, count: config.rows * plan.shape.k)
    diagonalWeights = Array(repeating: 0, count: (plan.shape.k + config.cols) * config.cols)
    inputMasks = Array(repeating: 0, count: config.cols)
    macsPerColumn = Array(repeating: 0, count: config.cols)
  }

  /// The mask that truncates a `wordBits`-bit two's-complement word to its `bits` most
  /// significant bits (rounding toward minus infinity).
  @inline(__always)
  static func truncationMask(bits: Int, wordBits: Int) -> Int32 { Int32(-1) << Int32(wordBits - bits) }

  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    let k = plan.shape.k
    let cols = fold.colsUsed
    let word = config.wordBits
    for r in 0..<fold.rowsUsed {
      for j in 0..<k {
        reversedInputs[r * k + (k - 1 - j)] = operands.input(layer: layerIndex, row: fold.firstRow + r, k: j)
      }
    }
    for c in 0..<cols {
      let neuron = fold.firstNeuron + c
      let weightMask = NCUArrayStepper.truncationMask(bits: Int(plan.weightBits[neuron]), wordBits: word)
      inputMasks[c] = NCUArrayStepper.truncationMask(bits: Int(plan.inputBits[neuron]), wordBits: word)
      for j in 0..<k {
        diagonalWeights[(j + c) * cols + c] = operands.weight(layer: layerIndex, k: j, neuron: neuron) & weightMask
      }
      macsPerColumn[c] = 0
    }
    for r in 0..<fold.rowsUsed {
      for c in 0..<cols { accumulators[r * config.cols + c] = 0 }
    }
    ledger.add(fold.rowsUsed * fold.colsUsed, .precisionWrite)
  }

  mutating func step(_ step: Int, _ fold: GEMMPlan.Fold) {
    let k = plan.shape.k
    let cols = fold.colsUsed
    let stride = config.cols
    let rowsActive = FIFOFeeder.activeRange(step: step, used: fold.rowsUsed, k: k)
    let colsActive = FIFOFeeder.activeRange(step: step, used: fold.colsUsed, k: k)
    leftPops += rowsActive.count
    topPops += colsActive.count
    activeNCUCycles += fold.rowsUsed * fold.colsUsed
    gatedNCUCycles += config.ncuCount - fold.rowsUsed * fold.colsUsed
    reversedInputs.withUnsafeBufferPointer { inputs in
      diagonalWeights.withUnsafeBufferPointer { weights in
        inputMasks.withUnsafeBufferPointer { masks in
          accumulators.withUnsafeMutableBufferPointer { sums in
            macsPerColumn.withUnsafeMutableBufferPointer { macs in
              for r in 0..<fold.rowsUsed {
                let diagonal = step - r
                if diagonal < 0 { break }
                let low = max(0, diagonal - k + 1)
                let high = min(cols, diagonal + 1)
                if low >= high { continue }
                let inputBase = r * k + (k - 1 - diagonal)
                let weightBase = diagonal * cols
                let sumBase = r * stride
                for c in low..<high {
                  let product = (inputs[inputBase + c] & masks[c]) &* weights[weightBase + c]
                  sums[sumBase + c] &+= Int64(product)
                  macs[c] &+= 1
                }
              }
            }
          }
        }
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
    for c in 0..<fold.colsUsed {
      let neuron = fold.firstNeuron + c
      let inputBits = Int(plan.inputBits[neuron])
      let weightBits = Int(plan.weightBits[neuron])
      let macs = macsPerColumn[c]
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
          outputs?[(fold.firstRow + r) * plan.shape.n + fold.firstNeuron + c] = accumulators[r * config.cols + c]
        }
      }
    }
  }
}
