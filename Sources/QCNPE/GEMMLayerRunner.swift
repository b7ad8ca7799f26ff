import SimKernel

/// Advances the array through the folds of one GEMM layer, cycle by cycle when memory can
/// stall it, and accounts the cycles the NCU stepper does not see (stalls, drain waits, the
/// AFU tail, FIFO refills).
enum GEMMLayerRunner {
  /// Counters at the start of a fold, to measure what one fold of a steady state costs.
  struct FoldSnapshot {
    var cycle: Int
    var timing: LayerTiming
    var leftPushes: Int
    var topPushes: Int

    func minus(_ earlier: FoldSnapshot) -> FoldSnapshot {
      FoldSnapshot(
        cycle: cycle - earlier.cycle,
        timing: LayerTiming(
          computeCycles: timing.computeCycles - earlier.timing.computeCycles,
          stallCycles: timing.stallCycles - earlier.timing.stallCycles,
          drainWaitCycles: timing.drainWaitCycles - earlier.timing.drainWaitCycles),
        leftPushes: leftPushes - earlier.leftPushes, topPushes: topPushes - earlier.topPushes)
    }
  }

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
    // Memory that keeps up never stalls the array (docs/qcnpe.md proves it), so the FIFOs need
    // simulating only when it cannot, or when a waveform shows their occupancies. Debug builds
    // (the tests) simulate them anyway, so every test case checks the proof.
    var simulatesFIFOs = !isStallFree(plan, config: config) || observer.waveform != nil
    #if AXSIM_INTERNAL_CHECKS
      simulatesFIFOs = true
    #endif
    var feeder = FIFOFeeder(
      plan: plan, depth: config.fifoDepth, wordsPerCycle: config.memoryWordsPerCycle ?? Int.max)
    var timing = LayerTiming()
    var cycle = startCycle
    var records: [FoldRecord] = []
    let foldCycles = plan.foldCycles
    // Steady-state skipping (fast fidelity only): when a fold starts from the same FIFO state
    // as the fold one period earlier (period 1, or one column fold of `rowFolds` folds), and the
    // folds ahead have the same shapes as the folds ahead of that one, the whole period repeats
    // cycle for cycle; so does every following period with the same shapes ahead.
    let skips = !Stepper.stepsNCUs && simulatesFIFOs && !observer.recordsFolds && observer.waveform == nil
    let lookahead = (config.fifoDepth + plan.shape.k - 1) / plan.shape.k + 2
    let periods = plan.rowFolds > 1 && plan.rowFolds <= 4096 ? [1, plan.rowFolds] : [1]
    var history: [Int: (signature: [Int], start: FoldSnapshot)] = [:]
    var index = 0
    while index < plan.foldCount {
      if skips {
        let snapshot = FoldSnapshot(cycle: cycle, timing: timing, leftPushes: feeder.leftPushes, topPushes: feeder.topPushes)
        let signature = feeder.signature(atFold: index)
        var skipped = false
        for period in periods {
          guard let earlier = history[index - period], earlier.signature == signature else { continue }
          var repeats = 0
          while index + (repeats + 1) * period <= plan.foldCount,
            (0..<period).allSatisfy({
              sameShapesAhead(plan, index - period + $0, index + repeats * period + $0, lookahead: lookahead)
            })
          {
            repeats += 1
          }
          guard repeats > 0 else { continue }
          let delta = snapshot.minus(earlier.start)
          cycle += repeats * delta.cycle
          timing.computeCycles += repeats * delta.timing.computeCycles
          timing.stallCycles += repeats * delta.timing.stallCycles
          timing.drainWaitCycles += repeats * delta.timing.drainWaitCycles
          feeder.skipSteadyFolds(repeats * period, leftPushes: repeats * delta.leftPushes, topPushes: repeats * delta.topPushes)
          index += repeats * period
          history.removeAll(keepingCapacity: true)
          skipped = true
          break
        }
        if skipped { continue }
        history[index] = (signature, snapshot)
        history[index - (periods.last ?? 1) - 1] = nil
      }
      let fold = plan.fold(index)
      let foldStart = cycle
      let stallsBefore = timing.stallCycles
      stepper.beginFold(index, fold)
      if !simulatesFIFOs && observer.waveform == nil {
        // Nothing stalls the fold and nothing looks at the array before it ends: the stepper
        // takes all its steps as one run.
        stepper.step(0..<foldCycles, fold)
        timing.computeCycles += foldCycles
        cycle += foldCycles
      } else {
        // The steps taken since the stepper last caught up; it catches up before each sample.
        var stepped = 0
        var step = 0
        while step < foldCycles {
          var advanced = true
          if simulatesFIFOs {
            feeder.deliver()
            advanced = feeder.tryPop(fold: fold, step: step)
          }
          if advanced {
            step += 1
            timing.computeCycles += 1
          } else {
            timing.stallCycles += 1
          }
          if observer.samples(cycle) {
            if advanced {
              stepper.step(stepped..<step, fold)
              stepped = step
              stepper.sample(into: &observer, cycle: cycle, step: step - 1, fold: fold)
            } else {
              observer.sampleIdleNCUs(cycle: cycle)
            }
            observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: !advanced, layer: layerIndex, fold: index)
          }
          cycle += 1
        }
        stepper.step(stepped..<foldCycles, fold)
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
        for _ in 0..<plan.cols where simulatesFIFOs {
          feeder.deliver()
          if observer.samples(cycle) {
            observer.sampleIdleNCUs(cycle: cycle)
            observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: false, layer: layerIndex, fold: index)
          }
          cycle += 1
        }
        timing.drainWaitCycles += plan.cols
      }
      index += 1
    }
    timing.tailCycles = plan.cols + config.afuLatencyCycles
    if observer.samples(cycle) {
      observer.sampleIdleNCUs(cycle: cycle)
      observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: false, layer: layerIndex, fold: plan.foldCount - 1)
    }
    if observer.recordsFolds { observer.folds.append(records) }
    // Every word the array popped was pushed once; without the FIFO simulation that count is
    // the closed form, which the simulation reproduces whenever it runs.
    let (leftWords, topWords) = FastAccounting.refillWords(plan)
    if simulatesFIFOs { precondition(feeder.leftPushes == leftWords && feeder.topPushes == topWords, "FIFO refills lost a word") }
    ledger.add(leftWords, .leftFIFOPush, bitsA: config.wordBits)
    ledger.add(topWords, .topFIFOPush, bitsA: config.wordBits)
    ledger.add(leftWords + topWords, .memoryRead, bitsA: config.wordBits)
    recordIdleCycles(timing, config: config, ledger: &ledger)
    return timing
  }

  /// Whether the folds from `a` and from `b` have the same shapes for `lookahead` folds (the
  /// folds whose words the memory can be delivering meanwhile).
  static func sameShapesAhead(_ plan: GEMMPlan, _ a: Int, _ b: Int, lookahead: Int) -> Bool {
    for offset in 0...lookahead {
      let left = a + offset < plan.foldCount ? plan.fold(a + offset) : nil
      let right = b + offset < plan.foldCount ? plan.fold(b + offset) : nil
      if left?.rowsUsed != right?.rowsUsed || left?.colsUsed != right?.colsUsed { return false }
    }
    return true
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
