import SimKernel

/// The QCNPE of AxNN (Venkataramani et al., ISLPED 2014, §5 and Fig. 3): a 2-D array of
/// neural compute units fed by left (input) and top (weight) FIFO arrays, with one
/// activation-function unit per row on the right border, running a network layer by layer.
///
/// The event kernel carries the boundaries between components: a layer starts, the array
/// finishes its last fold, the AFUs write the last output and the next layer starts. While
/// the array streams a layer it steps itself (`cycle`) or is accounted in closed form
/// (`fast`); both record the same activity.
public struct QCNPEArray: EventDrivenModel {
  /// What happens between components.
  public enum Event: Sendable {
    /// Layer `index` begins streaming into the array.
    case layerStart(Int)
    /// The array has taken the last step of layer `index`; the AFUs drain the last fold.
    case arrayDone(Int)
    /// The AFUs have written the last output of layer `index`.
    case layerDone(Int)
  }

  /// The hardware.
  public let config: QCNPEConfig
  /// The layers, mapped.
  public let plans: [QCNPELayerPlan]
  /// How time advances.
  public let fidelity: Fidelity
  /// Whether `cycle` fidelity keeps every layer's sums (tests; O(M·N) memory per layer).
  public let collectOutputs: Bool
  /// What each finished layer did.
  public internal(set) var layers: [LayerActivity] = []
  /// The accumulated sums of each GEMM layer, when collected in `cycle` fidelity.
  public internal(set) var outputs: [[Int64]?] = []
  /// What the memory hierarchy moved for each layer, one record per group (empty for a pooling
  /// layer or without a memory hierarchy).
  public internal(set) var memoryTraffic: [[MemoryTraffic]] = []
  /// Fold timings and signals, when requested.
  public private(set) var observer: QCNPEObserver

  /// Where finished layers are counted for a progress line (nil: nobody is watching).
  var progress: RunProgress?
  private var pendingTiming = LayerTiming()
  private var layerStartCycle = Cycle.zero

  /// A model ready to run `plans` on `config`.
  public init(
    config: QCNPEConfig, plans: [QCNPELayerPlan], fidelity: Fidelity, collectOutputs: Bool = false,
    observer: QCNPEObserver = .none
  ) {
    self.observer = observer
    self.config = config
    self.plans = plans
    self.fidelity = fidelity
    self.collectOutputs = collectOutputs
  }

  public mutating func handle(_ event: Event, at now: Cycle, queue: inout EventQueue<Event>, ledger: inout ActivityLedger) {
    switch event {
    case .layerStart(let index):
      layerStartCycle = now
      pendingTiming = runArrayPhase(index, startCycle: Int(now.rawValue), ledger: &ledger)
      queue.schedule(.arrayDone(index), after: Cycle(UInt64(pendingTiming.arrayCycles)))
    case .arrayDone(let index):
      queue.schedule(.layerDone(index), after: Cycle(UInt64(pendingTiming.tailCycles)))
    case .layerDone(let index):
      progress?.advance()
      layers.append(
        LayerActivity(
          name: plans[index].name, startCycle: layerStartCycle, totalCycles: pendingTiming.totalCycles,
          stallCycles: pendingTiming.stallCycles + pendingTiming.dramStallCycles, macCount: plans[index].macCount,
          phases: pendingTiming.phases, records: ledger.records))
      memoryTraffic.append(pendingTiming.memoryTraffic)
      ledger.reset()
      if index + 1 < plans.count { queue.schedule(.layerStart(index + 1), at: now) }
    }
  }

  /// Runs one layer's array phase and records its activity; returns its timing.
  mutating func runArrayPhase(_ index: Int, startCycle: Int, ledger: inout ActivityLedger) -> LayerTiming {
    switch plans[index] {
    case .pool(let plan):
      outputs.append(nil)
      let timing = PoolExecution.run(plan, config: config, ledger: &ledger)
      if observer.recordsFolds {
        observer.folds.append([
          FoldRecord(
            startCycle: startCycle, endCycle: startCycle + timing.computeCycles, stallCycles: 0, rowsUsed: 0, colsUsed: 0)
        ])
      }
      observer.sampleIdleNCUs(cycle: startCycle)
      observer.sampleBorder(cycle: startCycle, feeder: nil, stalled: false, layer: index, fold: 0)
      return timing
    case .gemm(let plan):
      switch fidelity {
      case .fast:
        outputs.append(nil)
        FastAccounting.recordCompute(plan, config: config, ledger: &ledger)
        if GEMMLayerRunner.isStallFree(plan, config: config), config.memoryHierarchy == nil {
          let timing = GEMMLayerRunner.closedFormTiming(plan, config: config)
          FastAccounting.recordRefillsAndIdle(plan, timing: timing, config: config, ledger: &ledger)
          if observer.recordsFolds {
            observer.folds.append(GEMMLayerRunner.closedFormFolds(plan, config: config, startCycle: startCycle))
          }
          return timing
        }
        var skip = SkipNCUs()
        return GEMMLayerRunner.run(
          plan, config: config, layerIndex: index, startCycle: startCycle, stepper: &skip, ledger: &ledger,
          observer: &observer)
      case .cycle:
        if plan.dataflow == .outputStationary {
          var stepper = NCUArrayStepper(
            plan: plan, config: config, layerIndex: index, ledger: QCNPECounter.schema.makeLedger(),
            collectOutputs: collectOutputs)
          return runStepped(plan, index: index, startCycle: startCycle, stepper: &stepper, ledger: &ledger)
        }
        var stepper = StationaryArrayStepper(
          plan: plan, config: config, layerIndex: index, ledger: QCNPECounter.schema.makeLedger(),
          collectOutputs: collectOutputs)
        return runStepped(plan, index: index, startCycle: startCycle, stepper: &stepper, ledger: &ledger)
      }
    }
  }

  /// Runs a `cycle` layer's array phase with `stepper`, then takes its activity and sums.
  mutating func runStepped<Stepper: NCUStepper>(
    _ plan: GEMMPlan, index: Int, startCycle: Int, stepper: inout Stepper, ledger: inout ActivityLedger
  ) -> LayerTiming {
    let timing = GEMMLayerRunner.run(
      plan, config: config, layerIndex: index, startCycle: startCycle, stepper: &stepper, ledger: &ledger,
      observer: &observer)
    ledger.merge(stepper.ledger)
    stepper.release()
    outputs.append(stepper.outputs)
    return timing
  }

  /// The run in model-independent terms, for the energy stage and the reporters.
  public var result: SimulationResult {
    SimulationResult(
      model: "qcnpe", schema: QCNPECounter.schema, processingElements: config.ncuCount,
      clockMHz: config.clockMHz, layers: layers)
  }

  /// Runs every layer from cycle zero and returns the finished model.
  public static func simulate(
    config: QCNPEConfig, plans: [QCNPELayerPlan], fidelity: Fidelity, collectOutputs: Bool = false,
    observer: QCNPEObserver = .none, progress: RunProgress? = nil
  ) -> QCNPEArray {
    var model = QCNPEArray(
      config: config, plans: plans, fidelity: fidelity, collectOutputs: collectOutputs, observer: observer)
    model.progress = progress
    progress?.expect(plans.count)
    var queue = EventQueue<Event>()
    var ledger = QCNPECounter.schema.makeLedger()
    if !plans.isEmpty { queue.schedule(.layerStart(0), at: .zero) }
    _ = runSimulation(&model, queue: &queue, ledger: &ledger)
    model.progress = nil
    return model
  }
}
