import AxJSON
import QCNPE
import SimKernel
import Trace

/// A run as a config file describes it: the hardware, its energy table, the trace, the
/// fidelity, and optional overrides. Format and keys: docs/configs.md.
public struct RunConfiguration: Sendable {
  /// The hardware model and its parameters.
  public enum Hardware: Sendable, Equatable {
    /// QCNPE (AxNN).
    case qcnpe(QCNPEConfig)

    /// The model's name in config files and reports.
    public var modelName: String {
      switch self {
      case .qcnpe: return "qcnpe"
      }
    }
  }

  /// The hardware.
  public var hardware: Hardware
  /// Where the energy table is (resolved against the config's location).
  public var energyTablePath: String
  /// Where the trace is, if the config names one (a `--trace` option overrides it).
  public var tracePath: String?
  /// How time advances.
  public var fidelity: Fidelity
  /// A precision forced on every layer and neuron, overriding the trace.
  public var precisionOverride: LayerPrecision?
  /// Where the config came from, as the user named it.
  public var source: String
  /// The document as read, for sweeps that rewrite keys.
  public var document: JSONValue

  /// The keys a config file may have at its top level.
  static let modelNames = ["qcnpe"]

  /// Reads a config from its parsed document.
  /// - Parameter source: the file (or embedded name) it came from; relative paths inside the
  ///   config resolve against it.
  public init(json root: JSONNode, source: String) throws(JSONDecodeError) {
    var reader = try root.object()
    let model = try reader.required("model").string(oneOf: RunConfiguration.modelNames)
    switch model {
    default:
      let defaults = QCNPEConfig()
      let config =
        try reader.optional("qcnpe").map { node throws(JSONDecodeError) in
          try QCNPESettings.section.decode(node, defaults: defaults)
        } ?? defaults
      if let problem = config.problems.first {
        throw JSONDecodeError(file: root.file, path: "qcnpe.\(problem.key)", message: problem.message)
      }
      hardware = .qcnpe(config)
    }
    energyTablePath = InputLoader.resolve(try reader.required("energyTable").string(), relativeTo: source)
    tracePath = try reader.optional("trace").map { node throws(JSONDecodeError) in
      InputLoader.resolve(try node.string(), relativeTo: source)
    }
    fidelity = .fast
    if let node = reader.optional("fidelity") {
      fidelity = Fidelity(rawValue: try node.string(oneOf: Fidelity.allCases.map(\.rawValue))) ?? .fast
    }
    precisionOverride = try reader.optional("precision").map { node throws(JSONDecodeError) in
      var precision = try node.object()
      let input = try precision.required("input_bits").int(in: 1...TraceLimits.maximumBits)
      let weight = try precision.required("weight_bits").int(in: 1...TraceLimits.maximumBits)
      try precision.rejectUnknownKeys()
      return LayerPrecision(inputBits: input, weightBits: weight)
    }
    _ = reader.optional("description")
    _ = reader.optional("sweep")
    try reader.rejectUnknownKeys()
    self.source = source
    document = root.value
  }

  /// The trace to run: the config's, with the precision override applied.
  public func applyingOverrides(to trace: NetworkTrace) -> NetworkTrace {
    guard let precisionOverride else { return trace }
    var trace = trace
    for index in trace.layers.indices { trace.layers[index].precision = precisionOverride }
    return trace
  }
}
