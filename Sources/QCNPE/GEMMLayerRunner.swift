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
  /// records refills and idle NCU-cycles in `ledger`; the layer starts at `startCycle`.
  static func run<Stepper: FoldStepper>(
    _ plan: GEMMPlan, config: QCNPEConfig, layerIndex: Int, startCycle: Int, stepper: inout Stepper,
    ledger: inout ActivityLedger, observer: inout QCNPEObserver
  ) -> LayerTiming {
    var feeder = FIFOFeeder(
      plan: plan, depth: config.fifoDepth, wordsPerCycle: config.memoryWordsPerCycle ?? Int.max)
    var timing = LayerTiming()
    var cycle = startCycle
    var records: [FoldRecord] = []
    let foldCycles = plan.foldCycles
    for index in 0..<plan.foldCount {
      let fold = plan.fold(index)
      let foldStart = cycle
      let stallsBefore = timing.stallCycles
      stepper.beginFold(index, fold)
      var step = 0
      while step < foldCycles {
        feeder.deliver()
        let advanced = feeder.tryPop(fold: fold, step: step)
        if advanced {
          stepper.step(step, fold)
          step += 1
          timing.computeCycles += 1
        } else {
          timing.stallCycles += 1
        }
        if observer.samples(cycle) {
          if advanced {
            stepper.sample(into: &observer, cycle: cycle, step: step - 1, fold: fold)
          } else {
            observer.sampleIdleNCUs(cycle: cycle)
          }
          observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: !advanced, layer: layerIndex, fold: index)
        }
        cycle += 1
      }
      stepper.endFold(index, fold)
      if observer.recordsFolds {
        records.append(
          FoldRecord(
            startCycle: foldStart, endCycle: cycle, stallCycles: timing.stallCycles - stallsBefore,
            rowsUsed: fold.rowsUsed, colsUsed: fold.colsUsed))
      }
      if !config.afuDrainOverlap, index + 1 < plan.foldCount {
        // One accumulator bank: the next fold waits while the C sums of each row shift out.
        for _ in 0..<plan.cols {
          feeder.deliver()
          if observer.samples(cycle) {
            observer.sampleIdleNCUs(cycle: cycle)
            observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: false, layer: layerIndex, fold: index)
          }
          cycle += 1
        }
        timing.drainWaitCycles += plan.cols
      }
    }
    timing.tailCycles = plan.cols + config.afuLatencyCycles
    if observer.samples(cycle) {
      observer.sampleIdleNCUs(cycle: cycle)
      observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: false, layer: layerIndex, fold: plan.foldCount - 1)
    }
    if observer.recordsFolds { observer.folds.append(records) }
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

  /// The fold records of a layer memory cannot stall: fold s starts after s full folds and,
  /// without double buffering, s drain waits of C cycles.
  static func closedFormFolds(_ plan: GEMMPlan, config: QCNPEConfig, startCycle: Int) -> [FoldRecord] {
    let period = plan.foldCycles + (config.afuDrainOverlap ? 0 : plan.cols)
    return (0..<plan.foldCount).map { index in
      let fold = plan.fold(index)
      let start = startCycle + index * period
      return FoldRecord(
        startCycle: start, endCycle: start + plan.foldCycles, stallCycles: 0, rowsUsed: fold.rowsUsed, colsUsed: fold.colsUsed)
    }
  }

  /// Every NCU is clock-gated while the array stalls, waits for a drain, or idles in the tail.
  static func recordIdleCycles(_ timing: LayerTiming, config: QCNPEConfig, ledger: inout ActivityLedger) {
    let idle = timing.stallCycles + timing.drainWaitCycles + timing.tailCycles
    ledger.add(idle * config.ncuCount, .ncuGatedCycle)
  }
}
