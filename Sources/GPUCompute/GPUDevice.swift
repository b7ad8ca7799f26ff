import SimKernel

/// A Southern Islands GPU (AMD Radeon HD 7970, as multi2sim models it; docs/sources.md#multi2sim)
/// with CANNA or FramNN approximate FPUs (docs/gpu.md), running a network layer by layer.
///
/// ```
///  layerStart(l) ─► kernelStart(l, 0) ─► … kernel k runs on every CU … ─► kernelStart(l, k+1) ─► … ─► layerDone(l)
/// ```
///
/// The event kernel carries the kernel and layer boundaries; inside a kernel the compute
/// units step themselves (`KernelRunner`). `cycle` fidelity simulates every compute unit;
/// `fast` simulates one of each group of identical compute units. Both give the same cycles
/// and activity.
public struct GPUDevice: EventDrivenModel {
  /// What happens between kernels.
  public enum Event: Sendable {
    /// Kernel `kernel` of layer `layer` is launched.
    case kernelStart(layer: Int, kernel: Int)
    /// Every kernel of layer `layer` has finished.
    case layerDone(Int)
  }

  /// The hardware.
  public let config: GPUConfig
  /// The layers, mapped.
  public let plans: [GPULayerPlan]
  /// How time advances.
  public let fidelity: Fidelity
  /// What each finished layer did.
  public private(set) var layers: [LayerActivity] = []
  /// Each kernel's outcome, layer by layer.
  public private(set) var kernelOutcomes: [[KernelRunner.Outcome]] = []
  /// Why the run stopped early, if it did.
  public private(set) var failure: GPUSimulationError?

  private var layerStart = Cycle.zero
  private var phases: [CyclePhase] = []
  private var stallCycles = 0

  /// Threads the compute units of a kernel run on (the outcome never depends on it).
  public let jobs: Int

  /// A device ready to run `plans` on `config`, its compute units on up to `jobs` threads.
  /// Where finished layers are counted for a progress line (nil: nobody is watching).
  var progress: RunProgress?

  public init(config: GPUConfig, plans: [GPULayerPlan], fidelity: Fidelity, jobs: Int = 1) {
    self.config = config
    self.plans = plans
    self.fidelity = fidelity
    self.jobs = jobs
  }

  /// Launches a kernel (running it on every compute unit and scheduling the next launch or the
  /// layer's end after its cycles), or closes a layer (recording its activity).
  public mutating func handle(_ event: Event, at now: Cycle, queue: inout EventQueue<Event>, ledger: inout ActivityLedger) {
    switch event {
    case .kernelStart(let layer, let index):
      if index == 0 {
        layerStart = now
        phases = []
        stallCycles = 0
        kernelOutcomes.append([])
      }
      let kernel = plans[layer].kernels[index]
      let outcome: KernelRunner.Outcome
      do {
        outcome = try KernelRunner.run(kernel, config: config, fidelity: fidelity, ledger: &ledger, jobs: jobs)
      } catch {
        failure = error
        return
      }
      kernelOutcomes[layer].append(outcome)
      addPhase(kernel.role.rawValue, outcome.cycles)
      stallCycles += outcome.stallCycles
      let next: Event =
        index + 1 < plans[layer].kernels.count ? .kernelStart(layer: layer, kernel: index + 1) : .layerDone(layer)
      queue.schedule(next, after: Cycle(UInt64(outcome.cycles)))
    case .layerDone(let layer):
      let total = phases.reduce(0) { $0 + $1.cycles }
      layers.append(
        LayerActivity(
          name: plans[layer].name, startCycle: layerStart, totalCycles: total, stallCycles: stallCycles,
          macCount: plans[layer].macCount, phases: phases, records: ledger.records))
      ledger.reset()
      progress?.advance()
      if layer + 1 < plans.count { queue.schedule(.kernelStart(layer: layer + 1, kernel: 0), at: now) }
    }
  }

  /// Adds `cycles` to the phase named `name`, keeping first-appearance order.
  private mutating func addPhase(_ name: String, _ cycles: Int) {
    if let index = phases.firstIndex(where: { $0.name == name }) {
      phases[index].cycles += cycles
    } else {
      phases.append(CyclePhase(name, cycles))
    }
  }

  /// The run in model-independent terms, for the energy stage and the reporters.
  public var result: SimulationResult {
    SimulationResult(
      model: "gpu", schema: GPUCounter.schema, processingElements: config.lanes, clockMHz: config.clockMHz, layers: layers)
  }

  /// Wavefront instructions executed on the device over the whole run.
  public var wavefrontInstructions: UInt64 {
    kernelOutcomes.joined().reduce(0) { $0 + $1.wavefrontInstructions }
  }

  /// Runs every layer from cycle zero and returns the finished device; each kernel's compute
  /// units run on up to `jobs` threads (byte-identical results whatever `jobs` is).
  /// - Throws: `GPUSimulationError` if a compute unit stops making progress (a model bug).
  public static func simulate(
    config: GPUConfig, plans: [GPULayerPlan], fidelity: Fidelity, jobs: Int = 1, progress: RunProgress? = nil
  ) throws(GPUSimulationError) -> GPUDevice {
    var device = GPUDevice(config: config, plans: plans, fidelity: fidelity, jobs: jobs)
    device.progress = progress
    progress?.expect(plans.count)
    var queue = EventQueue<Event>()
    var ledger = GPUCounter.schema.makeLedger()
    if !plans.isEmpty {
      queue.schedule(.kernelStart(layer: 0, kernel: 0), at: .zero)
    }
    _ = runSimulation(&device, queue: &queue, ledger: &ledger)
    device.progress = nil
    if let failure = device.failure { throw failure }
    return device
  }
}
