/// What a hardware model did for one network layer, in terms every model shares: when it
/// ran, where its cycles went, how many multiply-accumulates it performed, and its activity
/// ledger (as sparse records of the model's schema).
public struct LayerActivity: Equatable, Sendable {
  /// The layer's name, as in the trace.
  public var name: String
  /// The cycle the layer started.
  public var startCycle: Cycle
  /// All cycles of the layer.
  public var totalCycles: Int
  /// Cycles the datapath waited for operands (memory or buffer starvation).
  public var stallCycles: Int
  /// Multiply-accumulates performed by the processing elements.
  public var macCount: Int
  /// Where the cycles went, model by model (`compute`, `stall`, `drain_wait`, `tail`), in a
  /// fixed order; the values sum to `totalCycles`.
  public var phases: [CyclePhase]
  /// The layer's activity.
  public var records: [ActivityRecord]

  /// A layer's activity.
  public init(
    name: String, startCycle: Cycle, totalCycles: Int, stallCycles: Int, macCount: Int,
    phases: [CyclePhase], records: [ActivityRecord]
  ) {
    self.name = name
    self.startCycle = startCycle
    self.totalCycles = totalCycles
    self.stallCycles = stallCycles
    self.macCount = macCount
    self.phases = phases
    self.records = records
  }
}

/// A named share of a layer's cycles.
public struct CyclePhase: Equatable, Sendable {
  /// The phase (`compute`, `stall`, `drain_wait`, `tail`).
  public var name: String
  /// Its cycles.
  public var cycles: Int

  /// A phase.
  public init(_ name: String, _ cycles: Int) {
    self.name = name
    self.cycles = cycles
  }
}

/// The outcome of running a network on a hardware model.
public struct SimulationResult: Equatable, Sendable {
  /// The model's name (`qcnpe`, `flexflow`, `gpu`).
  public var model: String
  /// The names of the ledger counters the layers' records use.
  public var schema: LedgerSchema
  /// Multiply-accumulate units that could work every cycle (for utilisation).
  public var processingElements: Int
  /// The clock in MHz, to turn cycles into time.
  public var clockMHz: Double
  /// Each layer, in execution order.
  public var layers: [LayerActivity]

  /// A result.
  public init(model: String, schema: LedgerSchema, processingElements: Int, clockMHz: Double, layers: [LayerActivity]) {
    self.model = model
    self.schema = schema
    self.processingElements = processingElements
    self.clockMHz = clockMHz
    self.layers = layers
  }

  /// Cycles of the whole run.
  public var totalCycles: Int { layers.reduce(0) { $0 + $1.totalCycles } }
}
