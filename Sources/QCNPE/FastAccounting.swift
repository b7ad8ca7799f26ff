import SimKernel
import Trace

/// The `fast` fidelity's activity for a GEMM layer, in closed form over the whole layer.
///
/// Summed over the folds of an output-stationary mapping (N counts the neurons of every
/// group): every output neuron j sees M·K products at its precision; every (row, column) pair of the product is one NCU of one
/// fold, so precision writes, drains and AFU evaluations number M·N; a used NCU is clocked
/// for all K + R + C − 2 steps of its fold; a left FIFO row pops K words per column fold, a
/// top FIFO column K words per row fold. The cycle-stepped model counts the same events one
/// by one; the property tests hold the two equal.
enum FastAccounting {
  /// Records the NCU, AFU and FIFO-pop activity of the whole layer.
  static func recordCompute(_ plan: GEMMPlan, config: QCNPEConfig, ledger: inout ActivityLedger) {
    let m = plan.shape.m
    let n = plan.neurons
    let k = plan.shape.k
    let word = config.wordBits
    let productsPerNeuron = m * k
    if plan.hasUniformPrecision {
      let inputBits = Int(plan.inputBits[0])
      let weightBits = Int(plan.weightBits[0])
      ledger.add(n * productsPerNeuron, .multiply, bitsA: inputBits, bitsB: weightBits)
      ledger.add(
        n * productsPerNeuron, .accumulate,
        bitsA: activeAccumulatorBits(inputBits: inputBits, weightBits: weightBits, config: config))
    } else {
      for neuron in 0..<n {
        let inputBits = Int(plan.inputBits[neuron])
        let weightBits = Int(plan.weightBits[neuron])
        ledger.add(productsPerNeuron, .multiply, bitsA: inputBits, bitsB: weightBits)
        ledger.add(
          productsPerNeuron, .accumulate,
          bitsA: activeAccumulatorBits(inputBits: inputBits, weightBits: weightBits, config: config))
      }
    }
    ledger.add(2 * m * n * k, .operandLatch, bitsA: word)
    plan.activity?.recordExpectedToggles(plan, wordBits: word, ledger: &ledger)
    ledger.add(m * n, .precisionWrite)
    ledger.add(m * n, .sumDrain)
    ledger.add(m * n, afuCounter(for: plan.activation))
    ledger.add(m * n, .memoryWrite, bitsA: word)
    let activeNCUCycles = m * n * plan.foldCycles
    ledger.add(activeNCUCycles, .ncuActiveCycle)
    ledger.add(plan.foldCount * config.ncuCount * plan.foldCycles - activeNCUCycles, .ncuGatedCycle)
    let (leftWords, topWords) = refillWords(plan)
    ledger.add(leftWords, .leftFIFOPop, bitsA: word)
    ledger.add(topWords, .topFIFOPop, bitsA: word)
  }

  /// Records the refills and idle NCU-cycles of a layer memory cannot stall: every word
  /// popped was pushed once and read once from memory.
  static func recordRefillsAndIdle(_ plan: GEMMPlan, timing: LayerTiming, config: QCNPEConfig, ledger: inout ActivityLedger) {
    let word = config.wordBits
    let (leftWords, topWords) = refillWords(plan)
    ledger.add(leftWords, .leftFIFOPush, bitsA: word)
    ledger.add(topWords, .topFIFOPush, bitsA: word)
    ledger.add(leftWords + topWords, .memoryRead, bitsA: word)
    GEMMLayerRunner.recordIdleCycles(timing, config: config, ledger: &ledger)
  }

  /// Words written into the left and top FIFOs over a layer: each row of a group's input
  /// matrix once per column fold of that group, each weight column once per row fold.
  static func refillWords(_ plan: GEMMPlan) -> (left: Int, top: Int) {
    (plan.groups * plan.columnFolds * plan.shape.m * plan.shape.k, plan.rowFolds * plan.neurons * plan.shape.k)
  }

  /// The accumulator bits left clocked when the operands are truncated: the product of a
  /// p_in-bit input and a p_w-bit weight has (W − p_in) + (W − p_w) zero LSBs, whose
  /// accumulator slices are clock-gated (AxNN §5).
  @inline(__always)
  static func activeAccumulatorBits(inputBits: Int, weightBits: Int, config: QCNPEConfig) -> Int {
    config.accumulatorBits - (config.wordBits - inputBits) - (config.wordBits - weightBits)
  }

  /// The AFU counter an activation function costs.
  static func afuCounter(for activation: Activation) -> QCNPECounter {
    switch activation {
    case .sigmoid, .tanh, .softmax: return .afuPiecewiseLinear
    case .relu, .relu6: return .afuRectify
    case .identity: return .afuBypass
    }
  }
}
