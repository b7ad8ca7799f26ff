import AxJSON
import FlexFlow
import GPUCompute
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
    /// A Southern Islands GPU with approximate FPUs (CANNA, FramNN).
    case gpu(GPUConfig)
    /// The FlexFlow PE array (AxTrain) with DRUM multipliers and NTV kernel storage.
    case flexflow(FlexFlowConfig)

    /// The model's name in config files and reports.
    public var modelName: String {
      switch self {
      case .qcnpe: return "qcnpe"
      case .gpu: return "gpu"
      case .flexflow: return "flexflow"
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
  /// A technology node and supply the energy table is moved to (`technology`), if any.
  public var technology: TechnologySettings?

  /// The keys a config file may have at its top level.
  static let modelNames = ["flexflow", "gpu", "qcnpe"]

  /// Reads a config from its parsed document.
  /// - Parameter source: the file (or embedded name) it came from; relative paths inside the
  ///   config resolve against it.
  public init(json root: JSONNode, source: String) throws(JSONDecodeError) {
    var reader = try root.object()
    let model = try reader.required("model").string(oneOf: RunConfiguration.modelNames)
    switch model {
    case "flexflow":
      hardware = .flexflow(
        try Self.decodeSection(FlexFlowSettings.section, defaults: FlexFlowConfig(), from: &reader, file: root.file) {
          $0.problems
        })
    case "gpu":
      hardware = .gpu(
        try Self.decodeSection(GPUSettings.section, defaults: GPUConfig(), from: &reader, file: root.file) { $0.problems })
    default:
      var config = try Self.decodeSection(QCNPESettings.section, defaults: QCNPEConfig(), from: &reader, file: root.file) {
        $0.problems
      }
      // Unless the config says otherwise, memory keeps the array fed at any size (R + C).
      if root.value["qcnpe"]?["memoryWordsPerCycle"] == nil { config.memoryWordsPerCycle = config.matchedMemoryWordsPerCycle }
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
    technology = try reader.optional("technology").map { node throws(JSONDecodeError) in try TechnologySettings(json: node) }
    _ = reader.optional("description")
    _ = reader.optional("sweep")
    try reader.rejectUnknownKeys()
    self.source = source
    document = root.value
  }

  /// Reads a model's section (absent: the defaults) and reports its first problem under the
  /// section's key.
  private static func decodeSection<Config>(
    _ section: ConfigSection<Config>, defaults: Config, from reader: inout JSONObjectReader, file: String?,
    problems: (Config) -> [(key: String, message: String)]
  ) throws(JSONDecodeError) -> Config {
    let config =
      try reader.optional(section.key).map { node throws(JSONDecodeError) in try section.decode(node, defaults: defaults) }
      ?? defaults
    if let problem = problems(config).first {
      throw JSONDecodeError(file: file, path: "\(section.key).\(problem.key)", message: problem.message)
    }
    return config
  }

  /// The config as a run uses it (every key, defaults included), with the trace and energy
  /// table by name rather than path so that the report does not depend on the directory.
  public func resolvedJSON(traceName: String, energyTableName: String) -> JSONValue {
    var object = JSONObject()
    object["model"] = .string(hardware.modelName)
    switch hardware {
    case .qcnpe(let config): object["qcnpe"] = QCNPESettings.section.resolved(config, given: document["qcnpe"])
    case .gpu(let config): object["gpu"] = GPUSettings.section.resolved(config, given: document["gpu"])
    case .flexflow(let config): object["flexflow"] = FlexFlowSettings.section.resolved(config, given: document["flexflow"])
    }
    object["energyTable"] = .string(energyTableName)
    object["trace"] = .string(traceName)
    object["fidelity"] = .string(fidelity.rawValue)
    object["precision"] =
      precisionOverride.map { ["input_bits": .number($0.inputBits[0]), "weight_bits": .number($0.weightBits[0])] } ?? .null
    return .object(object)
  }

  /// The trace to run: the config's, with the precision override applied.
  public func applyingOverrides(to trace: NetworkTrace) -> NetworkTrace {
    guard let precisionOverride else { return trace }
    var trace = trace
    for index in trace.layers.indices { trace.layers[index].precision = precisionOverride }
    return trace
  }
}
