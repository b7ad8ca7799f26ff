import SimKernel

/// FlexFlow (Lu et al., HPCA 2017) as AxTrain (He et al., ISLPED 2018 §4, Fig. 5) used it: a
/// D×D array of PEs fed by a neuron buffer and a kernel buffer over column and row buses,
/// each PE with neuron and kernel local stores, a multiplier (exact or DRUM-k), a register
/// and an adder chained right to left along its row; per-row pooling ALUs write the outputs
/// into a second neuron buffer; a decoder configures each layer.
///
/// The event kernel carries the boundaries between components: a layer starts (the decoder
/// configures it), the array takes its last step, the last output lands in Neuron Buffer 2
/// and the next layer starts. While the array runs a layer it steps itself (`cycle`) or is
/// accounted in closed form (`fast`); both record the same activity.
public struct FlexFlowArray: EventDrivenModel {
  /// What happens between components.
  public enum Event: Sendable {
    /// The decoder configures layer `index` and its first block starts loading.
    case layerStart(Int)
    /// The array has taken the last step of layer `index`; the row chains drain.
    case arrayDone(Int)
    /// The last output of layer `index` is in Neuron Buffer 2.
    case layerDone(Int)
  }

  /// The hardware.
  public let config: FlexFlowConfig
  /// The layers, mapped.
  public let plans: [FlexFlowLayerPlan]
  /// How time advances.
  public let fidelity: Fidelity
  /// What each finished layer did.
  public internal(set) var layers: [LayerActivity] = []
  /// Each finished layer's counts (cycles by phase, buffer words, MACs).
  public internal(set) var layerCounts: [LayerCounts] = []

  private var pending = LayerCounts()
  private var layerStartCycle = Cycle.zero

  /// A model ready to run `plans` on `config`.
  /// Where finished layers are counted for a progress line (nil: nobody is watching).
  var progress: RunProgress?

  public init(config: FlexFlowConfig, plans: [FlexFlowLayerPlan], fidelity: Fidelity) {
    self.config = config
    self.plans = plans
    self.fidelity = fidelity
  }

  public mutating func handle(_ event: Event, at now: Cycle, queue: inout EventQueue<Event>, ledger: inout ActivityLedger) {
    switch event {
    case .layerStart(let index):
      layerStartCycle = now
      pending = runLayer(index, ledger: &ledger)
      queue.schedule(.arrayDone(index), after: Cycle(UInt64(pending.totalCycles - pending.tailCycles)))
    case .arrayDone(let index):
      queue.schedule(.layerDone(index), after: Cycle(UInt64(pending.tailCycles)))
    case .layerDone(let index):
      progress?.advance()
      layers.append(
        LayerActivity(
          name: plans[index].name, startCycle: layerStartCycle, totalCycles: pending.totalCycles,
          stallCycles: pending.waitCycles, macCount: plans[index].macCount, phases: pending.phases,
          records: ledger.records))
      layerCounts.append(pending)
      ledger.reset()
      if index + 1 < plans.count { queue.schedule(.layerStart(index + 1), at: now) }
    }
  }

  /// Runs one layer at the model's fidelity and records its activity.
  mutating func runLayer(_ index: Int, ledger: inout ActivityLedger) -> LayerCounts {
    switch plans[index] {
    case .pool(let plan):
      return PoolExecution.run(plan, config: config, ledger: &ledger)
    case .array(let plan) where config.dataflow != .flexflow:
      let counts =
        fidelity == .cycle
        ? BaselineStepper.run(plan.loops, config.dataflow, config: config)
        : BaselineSchedule.counts(plan.loops, config.dataflow, config: config)
      counts.record(plan, config: config, ledger: &ledger)
      return counts
    case .array(let plan):
      let counts: LayerCounts
      switch fidelity {
      case .fast:
        counts = BlockSchedule.counts(plan.loops, plan.unrolling, config: config)
      case .cycle:
        var stepper = PEArrayStepper(loops: plan.loops, unrolling: plan.unrolling, config: config)
        counts = stepper.run()
      }
      counts.record(plan, config: config, ledger: &ledger)
      return counts
    }
  }

  /// The run in model-independent terms, for the energy stage and the reporters.
  public var result: SimulationResult {
    SimulationResult(
      model: "flexflow", schema: FlexFlowCounter.schema, processingElements: config.peCount, clockMHz: config.clockMHz,
      layers: layers)
  }

  /// Runs every layer from cycle zero and returns the finished model.
  public static func simulate(
    config: FlexFlowConfig, plans: [FlexFlowLayerPlan], fidelity: Fidelity, progress: RunProgress? = nil
  ) -> FlexFlowArray {
    var model = FlexFlowArray(config: config, plans: plans, fidelity: fidelity)
    model.progress = progress
    progress?.expect(plans.count)
    var queue = EventQueue<Event>()
    var ledger = FlexFlowCounter.schema.makeLedger()
    if !plans.isEmpty { queue.schedule(.layerStart(0), at: .zero) }
    _ = runSimulation(&model, queue: &queue, ledger: &ledger)
    model.progress = nil
    return model
  }

  /// Runs a mapped network from cycle zero and returns the finished model.
  public static func simulate(config: FlexFlowConfig, plan: FlexFlowNetworkPlan, fidelity: Fidelity) -> FlexFlowArray {
    simulate(config: config, plans: plan.layers, fidelity: fidelity)
  }
}
