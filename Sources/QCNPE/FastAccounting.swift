import SimKernel
import Trace

/// The `fast` fidelity's activity for a GEMM layer, in closed form over the whole layer.
///
/// Every output neuron j sees M·K products at its precision, whatever the dataflow (N counts
/// the neurons of every group). What moves differs (docs/qcnpe.md, "Energy per dataflow"):
///
/// | per layer | os | ws | is |
/// |---|---|---|---|
/// | operand latches | 2 per MAC | 1 per MAC + weight preload | 1 per MAC + input preload |
/// | precision writes | M·N (one per NCU per fold) | K·N | one per MAC (the tag rides with each weight) |
/// | sums leaving the array | M·N | M·N per row fold (partial sums) | M·N per row fold |
/// | left FIFO pops | K per array row per column fold (inputs) | M per row per fold (inputs) | N per row per fold (weights) |
/// | top FIFO pops | K per array column per row fold (weights) | one weight per used NCU | one input per used NCU |
///
/// A used NCU is clocked for all steps of its fold. The cycle-stepped model counts the same
/// events one by one; the property tests hold the two equal.
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
    let macs = m * n * k
    let sums = partialSums(plan)
    switch plan.dataflow {
    case .outputStationary:
      ledger.add(2 * macs, .operandLatch, bitsA: word)
      ledger.add(m * n, .precisionWrite)
    case .weightStationary, .inputStationary:
      ledger.add(macs + preloadLatches(plan), .operandLatch, bitsA: word)
      ledger.add(plan.dataflow == .weightStationary ? k * n : macs, .precisionWrite)
    }
    plan.activity?.recordExpectedToggles(plan, wordBits: word, ledger: &ledger)
    ledger.add(sums, .sumDrain)
    ledger.add(m * n, afuCounter(for: plan.activation))
    ledger.add(sums, config.memoryHierarchy == nil ? .memoryWrite : .sramOfmapWrite, bitsA: word)
    let activeNCUCycles = stationaryNCUs(plan) * plan.foldCycles
    ledger.add(activeNCUCycles, .ncuActiveCycle)
    ledger.add(plan.foldCount * config.ncuCount * plan.foldCycles - activeNCUCycles, .ncuGatedCycle)
    let (leftWords, topWords) = refillWords(plan)
    ledger.add(leftWords, .leftFIFOPop, bitsA: word)
    ledger.add(topWords, .topFIFOPop, bitsA: word)
  }

  /// The used NCUs summed over the folds: M·N (os), K·N (ws) or K·M (is), per group.
  static func stationaryNCUs(_ plan: GEMMPlan) -> Int { plan.groups * plan.spatialRows * plan.spatialColumns }

  /// Sums that leave the array: M·N for os; for ws and is one partial sum per output per row
  /// fold (each K-slice of R reductions).
  static func partialSums(_ plan: GEMMPlan) -> Int {
    let outputs = plan.shape.m * plan.neurons
    return plan.dataflow == .outputStationary ? outputs : plan.rowFolds * outputs
  }

  /// Partial sums read back from memory to continue a sum over the next K-slice (ws, is).
  static func partialSumReads(_ plan: GEMMPlan) -> Int {
    plan.dataflow == .outputStationary ? 0 : (plan.rowFolds - 1) * plan.shape.m * plan.neurons
  }

  /// Register writes to preload the stationary operands (ws, is): the word for array row r
  /// enters at the top and is latched in rows 0…r, so a column of u used rows latches
  /// u(u + 1)/2 words.
  static func preloadLatches(_ plan: GEMMPlan) -> Int {
    let rows = plan.rows
    let full = rows * (rows + 1) / 2
    let lastRows = plan.spatialRows - (plan.rowFolds - 1) * rows
    let partial = lastRows * (lastRows + 1) / 2
    // Every column fold has rowFolds − 1 full row folds and one of `lastRows` rows.
    return plan.groups * plan.spatialColumns * ((plan.rowFolds - 1) * full + partial)
  }

  /// Records the refills and idle NCU-cycles of a layer memory cannot stall: every word
  /// popped was pushed once and read once from memory, and ws and is read partial sums back.
  static func recordRefillsAndIdle(_ plan: GEMMPlan, timing: LayerTiming, config: QCNPEConfig, ledger: inout ActivityLedger) {
    recordRefills(plan, config: config, ledger: &ledger)
    GEMMLayerRunner.recordIdleCycles(timing, config: config, ledger: &ledger)
  }

  /// Records the FIFO pushes and the memory reads behind them: from the one on-chip memory,
  /// or from the ifmap, filter and ofmap SRAMs of a memory hierarchy.
  static func recordRefills(_ plan: GEMMPlan, config: QCNPEConfig, ledger: inout ActivityLedger) {
    let word = config.wordBits
    let (leftWords, topWords) = refillWords(plan)
    ledger.add(leftWords, .leftFIFOPush, bitsA: word)
    ledger.add(topWords, .topFIFOPush, bitsA: word)
    guard config.memoryHierarchy != nil else {
      ledger.add(leftWords + topWords + partialSumReads(plan), .memoryRead, bitsA: word)
      return
    }
    // The left FIFOs stream inputs (os, ws) or weights (is); the top ones the other operand.
    let inputsOnTheLeft = plan.dataflow != .inputStationary
    ledger.add(inputsOnTheLeft ? leftWords : topWords, .sramIfmapRead, bitsA: word)
    ledger.add(inputsOnTheLeft ? topWords : leftWords, .sramFilterRead, bitsA: word)
    ledger.add(partialSumReads(plan), .sramOfmapRead, bitsA: word)
  }

  /// Records what the DRAM moved for a layer: each word it delivered is written into its SRAM,
  /// each word it stored was read from the ofmap SRAM.
  static func recordDRAMTraffic(_ traffic: [MemoryTraffic], config: QCNPEConfig, ledger: inout ActivityLedger) {
    let word = config.wordBits
    for group in traffic {
      ledger.add(group.dramIfmapReads, .dramIfmapRead, bitsA: word)
      ledger.add(group.dramIfmapReads, .sramIfmapWrite, bitsA: word)
      ledger.add(group.dramFilterReads, .dramFilterRead, bitsA: word)
      ledger.add(group.dramFilterReads, .sramFilterWrite, bitsA: word)
      ledger.add(group.dramOfmapWrites, .dramOfmapWrite, bitsA: word)
      ledger.add(group.dramOfmapWrites, .sramOfmapRead, bitsA: word)
    }
  }

  /// Words written into the left and top FIFOs over a layer. os: each row of a group's input
  /// matrix once per column fold, each weight column once per row fold. ws: every input once
  /// per column fold, every weight once. is: every weight once per column fold, every input
  /// once.
  static func refillWords(_ plan: GEMMPlan) -> (left: Int, top: Int) {
    let streamed = plan.groups * plan.columnFolds * plan.spatialRows * plan.streamLength
    switch plan.dataflow {
    case .outputStationary: return (streamed, plan.rowFolds * plan.neurons * plan.shape.k)
    case .weightStationary, .inputStationary: return (streamed, stationaryNCUs(plan))
    }
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
