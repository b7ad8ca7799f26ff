import SimKernel

/// Advances the array through the folds of one GEMM layer, cycle by cycle when memory can
/// stall it, and accounts the cycles the NCU stepper does not see (stalls, drain waits, the
/// AFU tail, FIFO refills).
enum GEMMLayerRunner {
  /// The number of FIFOs that pop in the same step at most: every used row and column.
  static func peakActiveFIFOs(_ plan: GEMMPlan) -> Int {
    min(plan.rows, plan.shape.m) + min(plan.cols, plan.shape.n)
  }

  /// Whether memory can never stall this layer: it delivers at least as many words a cycle as
  /// the array can pop in one step (docs/qcnpe.md, "Why B ≥ R + C never stalls").
  static func isStallFree(_ plan: GEMMPlan, config: QCNPEConfig) -> Bool {
    guard let words = config.memoryWordsPerCycle else { return true }
    return words >= peakActiveFIFOs(plan)
  }

  /// Runs every fold through `stepper`, simulating the memory and FIFOs cycle by cycle, and
  /// records refills and idle NCU-cycles in `ledger`.
  static func run<Stepper: FoldStepper>(
    _ plan: GEMMPlan, config: QCNPEConfig, stepper: inout Stepper, ledger: inout ActivityLedger
  ) -> LayerTiming {
    var feeder = FIFOFeeder(
      plan: plan, depth: config.fifoDepth, wordsPerCycle: config.memoryWordsPerCycle ?? Int.max)
    var timing = LayerTiming()
    let foldCycles = plan.foldCycles
    for index in 0..<plan.foldCount {
      let fold = plan.fold(index)
      stepper.beginFold(index, fold)
      var step = 0
      while step < foldCycles {
        feeder.deliver()
        if feeder.tryPop(fold: fold, step: step) {
          stepper.step(step, fold)
          step += 1
          timing.computeCycles += 1
        } else {
          timing.stallCycles += 1
        }
      }
      stepper.endFold(index, fold)
      if !config.afuDrainOverlap, index + 1 < plan.foldCount {
        // One accumulator bank: the next fold waits while the C sums of each row shift out.
        for _ in 0..<plan.cols { feeder.deliver() }
        timing.drainWaitCycles += plan.cols
      }
    }
    timing.tailCycles = plan.cols + config.afuLatencyCycles
    ledger.add(feeder.leftPushes, .leftFIFOPush, bitsA: config.wordBits)
    ledger.add(feeder.topPushes, .topFIFOPush, bitsA: config.wordBits)
    ledger.add(feeder.leftPushes + feeder.topPushes, .memoryRead, bitsA: config.wordBits)
    recordIdleCycles(timing, config: config, ledger: &ledger)
    return timing
  }

  /// The timing in closed form when memory cannot stall the layer.
  static func closedFormTiming(_ plan: GEMMPlan, config: QCNPEConfig) -> LayerTiming {
    LayerTiming(
      computeCycles: plan.foldCount * plan.foldCycles, stallCycles: 0,
      drainWaitCycles: config.afuDrainOverlap ? 0 : (plan.foldCount - 1) * plan.cols,
      tailCycles: plan.cols + config.afuLatencyCycles)
  }

  /// Every NCU is clock-gated while the array stalls, waits for a drain, or idles in the tail.
  static func recordIdleCycles(_ timing: LayerTiming, config: QCNPEConfig, ledger: inout ActivityLedger) {
    let idle = timing.stallCycles + timing.drainWaitCycles + timing.tailCycles
    ledger.add(idle * config.ncuCount, .ncuGatedCycle)
  }
}
