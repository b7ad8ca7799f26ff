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

  /// The number of FIFOs that pop in the same step at most: os, every used row and column;
  /// ws and is, the used columns (preload) or the used rows (streaming), never both at once.
  static func peakActiveFIFOs(_ plan: GEMMPlan) -> Int {
    let rows = min(plan.rows, plan.spatialRows)
    let cols = min(plan.cols, plan.spatialColumns)
    return plan.dataflow == .outputStationary ? rows + cols : max(rows, cols)
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
    var memory = config.memoryHierarchy.flatMap { hierarchy in
      plan.addressing.map { LayerMemory(plan: plan, hierarchy: hierarchy, addressing: $0) }
    }
    var timing = LayerTiming()
    var cycle = startCycle
    var records: [FoldRecord] = []
    let foldCycles = plan.foldCycles
    // Steady-state skipping (fast fidelity only): when a fold starts from the same FIFO state
    // as the fold one period earlier (period 1, or one column fold of `rowFolds` folds), and the
    // folds ahead have the same shapes as the folds ahead of that one, the whole period repeats
    // cycle for cycle; so does every following period with the same shapes ahead.
    let skips =
      !Stepper.stepsNCUs && simulatesFIFOs && !observer.recordsFolds && observer.waveform == nil && memory == nil
    // A FIFO takes at least `wordsPerFold` words a fold (os: K; ws, is: the stationary rows of
    // the smallest fold or T), so the memory can run at most depth / that folds ahead.
    let wordsPerFold =
      plan.dataflow == .outputStationary
      ? plan.shape.k : min(plan.streamLength, plan.spatialRows - (plan.rowFolds - 1) * plan.rows)
    let lookahead = (config.fifoDepth + wordsPerFold - 1) / wordsPerFold + 2
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
      memory?.beginFold(index, cycle: cycle)
      let foldStart = cycle
      let stallsBefore = timing.stallCycles + timing.dramStallCycles
      stepper.beginFold(index, fold)
      if !simulatesFIFOs && observer.waveform == nil {
        // Nothing stalls the fold on a FIFO and nothing looks at the array before it ends: the
        // stepper takes all its steps as one run; a memory hierarchy only adds holds between
        // steps.
        stepper.step(0..<foldCycles, fold)
        timing.computeCycles += foldCycles
        if memory != nil {
          for step in 0..<foldCycles {
            let hold = memory?.step(fold, step: step, cycle: cycle) ?? 0
            timing.dramStallCycles += hold
            cycle += 1 + hold
          }
        } else {
          cycle += foldCycles
        }
      } else {
        // The steps taken since the stepper last caught up; it catches up before each sample.
        var stepped = 0
        var step = 0
        // Cycles the array still holds for the DRAM after its last step.
        var hold = 0
        while step < foldCycles || hold > 0 {
          var advanced = false
          if simulatesFIFOs { feeder.deliver() }
          if hold > 0 {
            hold -= 1
            timing.dramStallCycles += 1
          } else {
            advanced = simulatesFIFOs ? feeder.tryPop(fold: fold, step: step) : true
            if advanced {
              hold = memory?.step(fold, step: step, cycle: cycle) ?? 0
              step += 1
              timing.computeCycles += 1
            } else {
              timing.stallCycles += 1
            }
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
            startCycle: foldStart, endCycle: cycle, stallCycles: timing.stallCycles + timing.dramStallCycles - stallsBefore,
            rowsUsed: fold.rowsUsed, colsUsed: fold.colsUsed))
      }
      if !config.afuDrainOverlap, plan.dataflow == .outputStationary, index + 1 < plan.foldCount {
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
      if let group = memory?.endFold(index) {
        // A group's DRAM prefetch and final write-back: the array and its FIFOs wait.
        timing.prefetchCycles += group.prefetch
        timing.writebackCycles += group.writeback
        let idle = group.prefetch + group.writeback
        if observer.waveform == nil {
          cycle += idle
        } else {
          for _ in 0..<idle {
            observer.sampleIdleNCUs(cycle: cycle)
            observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: true, layer: layerIndex, fold: index)
            cycle += 1
          }
        }
      }
      index += 1
    }
    timing.tailCycles = tailCycles(plan, config: config)
    if observer.samples(cycle) {
      observer.sampleIdleNCUs(cycle: cycle)
      observer.sampleBorder(cycle: cycle, feeder: feeder, stalled: false, layer: layerIndex, fold: plan.foldCount - 1)
    }
    if observer.recordsFolds { observer.folds.append(records) }
    // Every word the array popped was pushed once; without the FIFO simulation that count is
    // the closed form, which the simulation reproduces whenever it runs.
    let (leftWords, topWords) = FastAccounting.refillWords(plan)
    if simulatesFIFOs { precondition(feeder.leftPushes == leftWords && feeder.topPushes == topWords, "FIFO refills lost a word") }
    if let memory {
      timing.hasMemoryHierarchy = true
      timing.memoryTraffic = memory.traffic
      FastAccounting.recordDRAMTraffic(memory.traffic, config: config, ledger: &ledger)
    }
    FastAccounting.recordRefills(plan, config: config, ledger: &ledger)
    recordIdleCycles(timing, config: config, ledger: &ledger)
    return timing
  }

  /// Cycles after the last fold until the last output is written. os: the last fold's sums
  /// shift into the AFUs (C cycles) and through them; ws and is: the last partial sums have
  /// left the array within the fold, and only the AFU's latency remains.
  static func tailCycles(_ plan: GEMMPlan, config: QCNPEConfig) -> Int {
    (plan.dataflow == .outputStationary ? plan.cols : 0) + config.afuLatencyCycles
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
      drainWaitCycles: drainWaits(plan, config: config) * plan.cols, tailCycles: tailCycles(plan, config: config))
  }

  /// Folds that wait C cycles for the previous fold's sums: every fold but the first, with
  /// single-buffered accumulators in os (ws and is keep no sums in the NCUs).
  static func drainWaits(_ plan: GEMMPlan, config: QCNPEConfig) -> Int {
    config.afuDrainOverlap || plan.dataflow != .outputStationary ? 0 : plan.foldCount - 1
  }

  /// The fold records of a layer memory cannot stall: fold s starts after s full folds and,
  /// without double buffering, s drain waits of C cycles.
  static func closedFormFolds(_ plan: GEMMPlan, config: QCNPEConfig, startCycle: Int) -> [FoldRecord] {
    let period = plan.foldCycles + (drainWaits(plan, config: config) > 0 ? plan.cols : 0)
    return (0..<plan.foldCount).map { index in
      let fold = plan.fold(index)
      let start = startCycle + index * period
      return FoldRecord(
        startCycle: start, endCycle: start + plan.foldCycles, stallCycles: 0, rowsUsed: fold.rowsUsed, colsUsed: fold.colsUsed)
    }
  }

  /// Every NCU is clock-gated while the array stalls, waits for a drain or the DRAM, or idles
  /// in the tail.
  static func recordIdleCycles(_ timing: LayerTiming, config: QCNPEConfig, ledger: inout ActivityLedger) {
    ledger.add(timing.idleCycles * config.ncuCount, .ncuGatedCycle)
  }
}
