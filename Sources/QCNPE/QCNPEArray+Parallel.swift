import SimKernel

extension QCNPEArray {
  /// Runs every layer from cycle zero on up to `jobs` threads and returns the finished model,
  /// byte-identical to `simulate(config:plans:fidelity:collectOutputs:observer:)`.
  ///
  /// ```
  ///  layer 0 ──┐            each layer runs alone from cycle 0; layer i then starts where
  ///  layer 1 ──┼─ threads ─► layer i − 1 ended (its last output written), as the event
  ///  layer 2 ──┘            kernel would have started it
  ///  a cycle-fidelity layer memory cannot stall ─► runs of folds on several threads
  /// ```
  /// A layer depends on nothing before it but its start cycle, which only the observer sees.
  /// A `cycle` layer that memory cannot stall is cut further into runs of folds: its folds
  /// never wait for each other (its timing is the closed form, which the single-threaded run
  /// reproduces step by step), each run of folds steps its own NCUs, and the runs' activity
  /// adds up. With an observer (timelines, waveforms) the run is single-threaded.
  public static func simulate(
    config: QCNPEConfig, plans: [QCNPELayerPlan], fidelity: Fidelity, collectOutputs: Bool = false,
    observer: QCNPEObserver = .none, jobs: Int, progress: RunProgress? = nil
  ) -> QCNPEArray {
    guard jobs > 1, !plans.isEmpty, !observer.recordsFolds, observer.waveform == nil else {
      return simulate(
        config: config, plans: plans, fidelity: fidelity, collectOutputs: collectOutputs, observer: observer,
        progress: progress)
    }
    let pieces = LayerPiece.split(plans, config: config, fidelity: fidelity, jobs: jobs)
    progress?.expect(pieces.count, of: pieces.count == plans.count ? "layers" : "parts")
    let results = ParallelWork.map(pieces.count, jobs: jobs) { position in
      defer { progress?.advance() }
      return pieces[position].run(config: config, plans: plans, fidelity: fidelity, collectOutputs: collectOutputs)
    }
    var model = QCNPEArray(config: config, plans: plans, fidelity: fidelity, collectOutputs: collectOutputs)
    var start = 0
    for index in plans.indices {
      let parts = pieces.indices.filter { pieces[$0].layer == index }.sorted {
        pieces[$0].folds.lowerBound < pieces[$1].folds.lowerBound
      }
      var ledger = QCNPECounter.schema.makeLedger()
      var timing = LayerTiming()
      var outputs: [Int64]?
      if case .gemm(let plan) = plans[index], pieces[parts[0]].splitsFolds {
        timing = GEMMLayerRunner.closedFormTiming(plan, config: config)
        FastAccounting.recordRefillsAndIdle(plan, timing: timing, config: config, ledger: &ledger)
        if collectOutputs { outputs = Array(repeating: 0, count: plan.shape.m * plan.neurons) }
        for part in parts {
          ledger.merge(results[part].ledger)
          if let collected = results[part].outputs {
            for foldIndex in pieces[part].folds { copyFold(plan.fold(foldIndex), of: plan, from: collected, into: &outputs) }
          }
        }
      } else {
        timing = results[parts[0]].timing
        ledger = results[parts[0]].ledger
        outputs = results[parts[0]].outputs
      }
      model.layers.append(
        LayerActivity(
          name: plans[index].name, startCycle: Cycle(UInt64(start)), totalCycles: timing.totalCycles,
          stallCycles: timing.stallCycles + timing.dramStallCycles, macCount: plans[index].macCount, phases: timing.phases,
          records: ledger.records))
      model.outputs.append(outputs)
      model.memoryTraffic.append(timing.memoryTraffic)
      start += timing.totalCycles
    }
    return model
  }

  private static func copyFold(_ fold: GEMMPlan.Fold, of plan: GEMMPlan, from source: [Int64], into target: inout [Int64]?) {
    for row in fold.firstRow..<(fold.firstRow + fold.rowsUsed) {
      for neuron in fold.firstNeuron..<(fold.firstNeuron + fold.colsUsed) {
        target?[row * plan.neurons + neuron] = source[row * plan.neurons + neuron]
      }
    }
  }
}

/// A piece of a run that a thread can take alone: a whole layer, or a run of folds of one.
struct LayerPiece: Sendable {
  var layer: Int
  /// The folds it steps, when it is a run of folds of a layer split across threads.
  var folds: Range<Int>
  var splitsFolds: Bool
  /// An estimate of its work (NCU-steps), to hand the largest pieces out first.
  var work: Int

  /// What a piece did.
  struct Result: Sendable {
    var timing: LayerTiming
    var ledger: ActivityLedger
    var outputs: [Int64]?
  }

  /// The pieces of `plans`, largest first (ties in layer and fold order).
  ///
  /// Only a layer holding more than 1/(2·jobs) of the run's work is cut into runs of folds:
  /// each run lays its operands out anew, which costs more than it saves when whole layers
  /// already keep the threads busy.
  static func split(_ plans: [QCNPELayerPlan], config: QCNPEConfig, fidelity: Fidelity, jobs: Int) -> [LayerPiece] {
    func foldWork(_ plan: GEMMPlan) -> Int { plan.foldCycles * min(plan.rows, plan.shape.m) * min(plan.cols, plan.shape.n) }
    let total = plans.reduce(0) { sum, layerPlan in
      guard case .gemm(let plan) = layerPlan else { return sum }
      return sum + plan.foldCount * foldWork(plan)
    }
    var pieces: [LayerPiece] = []
    for (index, layerPlan) in plans.enumerated() {
      guard case .gemm(let plan) = layerPlan else {
        pieces.append(LayerPiece(layer: index, folds: 0..<0, splitsFolds: false, work: 0))
        continue
      }
      let foldWork = foldWork(plan)
      let runs = plan.foldCount * foldWork * 2 * jobs > total ? min(plan.foldCount, 2 * jobs) : 1
      // Runs of folds share nothing only for os without a memory hierarchy: ws and is add
      // partial sums across folds, and a DRAM's state runs through every fold.
      guard fidelity == .cycle, GEMMLayerRunner.isStallFree(plan, config: config), runs > 1,
        plan.dataflow == .outputStationary, config.memoryHierarchy == nil
      else {
        pieces.append(
          LayerPiece(
            layer: index, folds: 0..<plan.foldCount, splitsFolds: false, work: fidelity == .cycle ? plan.foldCount * foldWork : 0)
        )
        continue
      }
      for run in 0..<runs {
        let folds = (run * plan.foldCount / runs)..<((run + 1) * plan.foldCount / runs)
        pieces.append(LayerPiece(layer: index, folds: folds, splitsFolds: true, work: folds.count * foldWork))
      }
    }
    return pieces.enumerated().sorted {
      $0.element.work != $1.element.work ? $0.element.work > $1.element.work : $0.offset < $1.offset
    }
    .map(\.element)
  }

  /// Runs the piece alone, from cycle zero.
  func run(config: QCNPEConfig, plans: [QCNPELayerPlan], fidelity: Fidelity, collectOutputs: Bool) -> Result {
    guard splitsFolds, case .gemm(let plan) = plans[layer] else {
      var model = QCNPEArray(config: config, plans: plans, fidelity: fidelity, collectOutputs: collectOutputs)
      var ledger = QCNPECounter.schema.makeLedger()
      let timing = model.runArrayPhase(layer, startCycle: 0, ledger: &ledger)
      return Result(timing: timing, ledger: ledger, outputs: model.outputs.last ?? nil)
    }
    var stepper = NCUArrayStepper(
      plan: plan, config: config, layerIndex: layer, ledger: QCNPECounter.schema.makeLedger(), collectOutputs: collectOutputs)
    for index in folds {
      let fold = plan.fold(index)
      stepper.beginFold(index, fold)
      stepper.step(0..<plan.foldCycles, fold)
      stepper.endFold(index, fold)
    }
    stepper.release()
    return Result(timing: LayerTiming(), ledger: stepper.ledger, outputs: stepper.outputs)
  }
}
