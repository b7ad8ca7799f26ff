import Energy
import SimKernel

/// The result of a run as users read it: totals, energy per component, and per layer the
/// cycles, utilisation and energy. JSON field names and units: docs/reports.md.
public struct RunReport: Equatable, Sendable {
  /// The report-format version: 2 added `provenance`.
  public static let formatVersion = 2

  /// The hardware model (`qcnpe`).
  public var model: String
  /// The config's file name.
  public var configName: String
  /// The network's name, from the trace.
  public var network: String
  /// The fidelity the run used.
  public var fidelity: Fidelity
  /// The energy table's name.
  public var energyTable: String
  /// The clock in MHz.
  public var clockMHz: Double
  /// Multiply-accumulate units in the hardware.
  public var processingElements: Int
  /// Whole-run figures.
  public var totals: Figures
  /// Energy per component over the run, sorted by name.
  public var components: [ComponentLine]
  /// Each layer, in execution order.
  public var layers: [LayerLine]
  /// Every action counted, with its energy, in schema order.
  public var activity: [ActivityLine]
  /// What a reader must know before trusting the numbers, one sentence each (a run that
  /// stalled on memory says so here); empty when there is nothing to say.
  public var notes: [String] = []
  /// What produced the report (build, resolved config, options, input digests). Commands that
  /// write a report always set it; a report built in code for a test may leave it nil.
  public var provenance: RunProvenance?

  /// Cycles, energy, time, power and utilisation of a run or a layer.
  public struct Figures: Equatable, Sendable {
    /// Cycles.
    public var cycles: Int
    /// Cycles the datapath stalled for operands.
    public var stallCycles: Int
    /// Multiply-accumulates.
    public var macCount: Int
    /// Energy in pJ.
    public var energyPJ: Double
    /// Time in ns at the configured clock.
    public var timeNS: Double
    /// Average power in mW (pJ / ns).
    public var powerMW: Double
    /// MACs over (processing elements × cycles), 0...1.
    public var utilization: Double
  }

  /// One component's share of the energy.
  public struct ComponentLine: Equatable, Sendable {
    /// The component (`ncu.multiplier`, `leakage.ncu`).
    public var name: String
    /// Energy in pJ.
    public var energyPJ: Double
    /// Average power in mW over the run (or layer).
    public var powerMW: Double
    /// Fraction of the total energy, 0...1.
    public var share: Double
  }

  /// One layer.
  public struct LayerLine: Equatable, Sendable {
    /// The layer's name.
    public var name: String
    /// The cycle it started.
    public var startCycle: Int
    /// Its figures.
    public var figures: Figures
    /// Where its cycles went.
    public var phases: [CyclePhase]
    /// Its energy per component.
    public var components: [ComponentLine]
    /// What the memory hierarchy moved (QCNPE with SRAM sizes only; nil otherwise).
    public var memory: MemoryLine? = nil
  }

  /// One counted action.
  public struct ActivityLine: Equatable, Sendable {
    /// The component.
    public var component: String
    /// The action.
    public var action: String
    /// How many times it happened.
    public var count: UInt64
    /// Its energy in pJ.
    public var energyPJ: Double
  }

  /// A report from a simulation result and the energy of each of its layers.
  public init(
    result: SimulationResult, breakdowns: [EnergyBreakdown], network: String, configName: String,
    fidelity: Fidelity, energyTable: String
  ) {
    model = result.model
    self.configName = configName
    self.network = network
    self.fidelity = fidelity
    self.energyTable = energyTable
    clockMHz = result.clockMHz
    processingElements = result.processingElements
    let total = breakdowns.reduce(EnergyBreakdown(), +)
    let cycles = result.totalCycles
    totals = RunReport.figures(
      cycles: cycles, stallCycles: result.layers.reduce(0) { $0 + $1.stallCycles },
      macCount: result.layers.reduce(0) { $0 + $1.macCount }, energyPJ: total.totalPJ, clockMHz: clockMHz,
      processingElements: processingElements)
    components = RunReport.lines(total, timeNS: totals.timeNS)
    layers = zip(result.layers, breakdowns).map { layer, breakdown in
      let figures = RunReport.figures(
        cycles: layer.totalCycles, stallCycles: layer.stallCycles, macCount: layer.macCount,
        energyPJ: breakdown.totalPJ, clockMHz: result.clockMHz, processingElements: result.processingElements)
      return LayerLine(
        name: layer.name, startCycle: Int(layer.startCycle.rawValue), figures: figures, phases: layer.phases,
        components: RunReport.lines(breakdown, timeNS: figures.timeNS))
    }
    activity = total.actions.map {
      ActivityLine(component: $0.component, action: $0.action, count: $0.count, energyPJ: $0.energyPJ)
    }
  }

  /// The phase names of every layer, each once, in order of first appearance: the cycle
  /// accounting columns of the text and CSV reports.
  public var phaseNames: [String] {
    var names: [String] = []
    for layer in layers { for phase in layer.phases where !names.contains(phase.name) { names.append(phase.name) } }
    return names
  }

  static func figures(
    cycles: Int, stallCycles: Int, macCount: Int, energyPJ: Double, clockMHz: Double, processingElements: Int
  ) -> Figures {
    let timeNS = Double(cycles) * 1000 / clockMHz
    return Figures(
      cycles: cycles, stallCycles: stallCycles, macCount: macCount, energyPJ: energyPJ, timeNS: timeNS,
      powerMW: timeNS > 0 ? energyPJ / timeNS : 0,
      utilization: cycles > 0 ? Double(macCount) / (Double(processingElements) * Double(cycles)) : 0)
  }

  static func lines(_ breakdown: EnergyBreakdown, timeNS: Double) -> [ComponentLine] {
    let total = breakdown.totalPJ
    return breakdown.components.map {
      ComponentLine(
        name: $0.name, energyPJ: $0.energyPJ, powerMW: timeNS > 0 ? $0.energyPJ / timeNS : 0,
        share: total > 0 ? $0.energyPJ / total : 0)
    }
  }
}
