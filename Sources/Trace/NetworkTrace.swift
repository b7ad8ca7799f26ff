/// A network trace: the layers a hardware model executes, where the network came from, and
/// the statistics of its real operands. Format: docs/trace-format.md.
public struct NetworkTrace: Equatable, Hashable, Sendable {
  /// The value of the `format` key.
  public static let formatName = "axsim-trace"
  /// The newest trace-format version this build reads and writes. Version 2 added grouped,
  /// dilated and asymmetrically padded convolutions, batched GEMMs and padded or rectangular
  /// pools; a trace without them is still written as version 1 (`minimumVersion`).
  public static let currentVersion = 2

  /// How layers connect.
  public enum Topology: String, Equatable, Hashable, Sendable {
    /// Each layer consumes the previous layer's output; shapes must agree.
    case chain
    /// Layers are independent workloads (a SCALE-Sim topology, a network with branches).
    case independent
  }

  /// The network's name.
  public var name: String
  /// How layers connect.
  public var topology: Topology
  /// Where the network came from.
  public var provenance: Provenance
  /// The layers in execution order.
  public var layers: [TraceLayer]

  /// A trace.
  public init(name: String, topology: Topology = .chain, provenance: Provenance, layers: [TraceLayer]) {
    self.name = name
    self.topology = topology
    self.provenance = provenance
    self.layers = layers
  }
}

/// Where a network came from: the tool, data set, training run and method that produced it.
public struct Provenance: Equatable, Hashable, Sendable {
  /// What produced the trace: `axsim nn train`, `scalesim-import`, `hand-written`.
  public var source: String
  /// The data set the network was trained on.
  public var dataset: String?
  /// The seed of the training run.
  public var seed: UInt64?
  /// Training epochs.
  public var epochs: Int?
  /// Classification accuracy on the held-out test split, 0...1.
  public var testAccuracy: Double?
  /// The approximation method applied (`axnn`, `canna`, `axtrain`, `framnn`).
  public var method: String?
  /// The method's numeric parameters and results, sorted by name.
  public var parameters: [Parameter]
  /// Free text for a reader.
  public var note: String?

  /// A named number.
  public struct Parameter: Equatable, Hashable, Sendable {
    /// The parameter's name.
    public var name: String
    /// Its value.
    public var value: Double

    /// A parameter.
    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }
  }

  /// Provenance.
  public init(
    source: String, dataset: String? = nil, seed: UInt64? = nil, epochs: Int? = nil,
    testAccuracy: Double? = nil, method: String? = nil, parameters: [Parameter] = [],
    note: String? = nil
  ) {
    self.source = source
    self.dataset = dataset
    self.seed = seed
    self.epochs = epochs
    self.testAccuracy = testAccuracy
    self.method = method
    self.parameters = parameters.sorted { $0.name < $1.name }
    self.note = note
  }
}
