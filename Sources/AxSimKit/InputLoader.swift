import AxJSON
import Energy
import Foundation
import ONNXImport
import Trace

/// Loads the inputs of a run (configs, energy tables, traces, SCALE-Sim topologies) from the
/// file system or from the copies compiled into the executable, turning every problem into
/// one `AxSimError` line that names the file, the key and what was expected.
public enum InputLoader {
  /// The prefix of a path inside the executable's embedded inputs.
  public static let embeddedPrefix = "embedded:"

  /// The embedded default config: QCNPE 16×16 on the bundled MLP trace.
  public static let defaultConfigPath = embeddedPrefix + "configs/qcnpe-16x16.json"

  /// `path` resolved against the location of `base`, staying inside the embedded inputs when
  /// `base` is embedded.
  public static func resolve(_ path: String, relativeTo base: String) -> String {
    if path.hasPrefix(embeddedPrefix) { return path }
    if base.hasPrefix(embeddedPrefix), !path.hasPrefix("/") {
      var components = base.dropFirst(embeddedPrefix.count).split(separator: "/").dropLast().map(String.init)
      for part in path.split(separator: "/") {
        if part == ".." { _ = components.popLast() } else if part != "." { components.append(String(part)) }
      }
      return embeddedPrefix + components.joined(separator: "/")
    }
    return FileSystem.resolve(path, relativeTo: base)
  }

  /// The bytes at `path` (a file, or an embedded input).
  public static func bytes(_ path: String) throws(AxSimError) -> [UInt8] {
    if path.hasPrefix(embeddedPrefix) {
      guard let bytes = EmbeddedInputs.bytes(named: String(path.dropFirst(embeddedPrefix.count))) else {
        throw .input(file: path, message: "no such embedded input")
      }
      return bytes
    }
    return try FileSystem.read(path)
  }

  /// The parsed JSON document at `path`.
  public static func json(_ path: String) throws(AxSimError) -> JSONNode {
    let bytes = try bytes(path)
    do {
      return JSONNode(root: try JSONParser.parse(bytes), file: path)
    } catch {
      throw .syntax(error, file: path)
    }
  }

  /// The run configuration at `path`: an AxSim config (JSON), or a SCALE-Sim `.cfg` read as
  /// the QCNPE config it describes (docs/scalesim.md).
  public static func configuration(_ path: String) throws(AxSimError) -> RunConfiguration {
    let node = try isScaleSimConfig(path) ? JSONNode(root: try scaleSimConfigDocument(path), file: path) : json(path)
    do {
      return try RunConfiguration(json: node, source: path)
    } catch {
      throw .decode(error, fallbackFile: path)
    }
  }

  /// Whether `path` names a SCALE-Sim configuration file rather than an AxSim JSON config.
  public static func isScaleSimConfig(_ path: String) -> Bool { path.lowercased().hasSuffix(".cfg") }

  /// The AxSim JSON config document equivalent to the SCALE-Sim `.cfg` at `path`.
  public static func scaleSimConfigDocument(_ path: String) throws(AxSimError) -> JSONValue {
    let bytes = try bytes(path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .input(file: path, message: "is not UTF-8 text; expected a SCALE-Sim configuration (.cfg)")
    }
    return try RunConfiguration.scaleSimDocument(text: text, file: path)
  }

  /// The energy table at `path`.
  public static func energyTable(_ path: String) throws(AxSimError) -> EnergyTable {
    try loadEnergyTable(path).table
  }

  /// The energy table at `path` and the digest of the bytes it was read from.
  public static func loadEnergyTable(_ path: String) throws(AxSimError) -> (
    table: EnergyTable, digest: RunProvenance.InputDigest
  ) {
    let bytes = try bytes(path)
    let node: JSONNode
    do {
      node = JSONNode(root: try JSONParser.parse(bytes), file: path)
    } catch {
      throw .syntax(error, file: path)
    }
    do {
      return (try EnergyTable(json: node), RunProvenance.InputDigest(path: path, bytes: bytes))
    } catch {
      throw .decode(error, fallbackFile: path)
    }
  }

  /// The trace at `path` as the file has it: an AxSim trace (JSON), a SCALE-Sim topology
  /// (`.csv`) or an ONNX model (`.onnx`, or a file starting like a ModelProto).
  public static func trace(_ path: String) throws(AxSimError) -> NetworkTrace {
    try loadTrace(path).trace
  }

  /// The trace at `path` brought in with `options`: the batch and input shapes apply to ONNX
  /// models and SCALE-Sim topologies, the precision file to any trace (docs/import.md).
  public static func trace(_ path: String, options: TraceInputOptions) throws(AxSimError) -> NetworkTrace {
    try loadTrace(path, options: options).trace
  }

  /// The trace at `path` brought in with `options`, and the digest of the bytes it was read
  /// from (a report's provenance records it).
  public static func loadTrace(_ path: String, options: TraceInputOptions = TraceInputOptions()) throws(AxSimError) -> (
    trace: NetworkTrace, digest: RunProvenance.InputDigest
  ) {
    let bytes = try bytes(path)
    let kind = TraceFileKind.of(path: path, prefix: bytes.prefix(1))
    var trace: NetworkTrace
    switch kind {
    case .onnx:
      do {
        trace = try ONNXImporter.importTrace(
          bytes: bytes, file: path, options: ONNXImportOptions(batch: options.batch, inputShapes: options.inputShapes))
      } catch {
        throw .input(file: path, message: error.description)
      }
    case .scaleSimTopology:
      guard options.inputShapes.isEmpty else {
        throw .usage("--input-shape applies to ONNX models; \(path) is a \(kind.rawValue)")
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw .input(file: path, message: "is not UTF-8 text; expected a SCALE-Sim topology CSV")
      }
      do {
        trace = try ScaleSimTopology.importTrace(csv: text, file: path)
        if let batch = options.batch { trace = try ScaleSimTopology.batched(trace, batch: batch, file: path) }
      } catch {
        throw .input(file: error.file, message: error.line > 0 ? "line \(error.line): \(error.message)" : error.message)
      }
    case .axsimTrace:
      guard options.batch == nil, options.inputShapes.isEmpty else {
        throw .usage(
          "--batch and --input-shape apply to ONNX models and SCALE-Sim topologies; \(path) is an AxSim trace, whose layers state their own batch"
        )
      }
      let node: JSONNode
      do {
        node = JSONNode(root: try JSONParser.parse(bytes), file: path)
      } catch {
        throw .syntax(error, file: path)
      }
      do {
        trace = try NetworkTrace(json: node)
      } catch {
        throw .decode(error, fallbackFile: path)
      }
    }
    if let precision = options.precision { trace = try precision.apply(to: trace) }
    return (trace, RunProvenance.InputDigest(path: path, bytes: bytes))
  }

  /// The precision side file at `path` (docs/import.md).
  public static func precisionFile(_ path: String) throws(AxSimError) -> PrecisionFile {
    let node = try json(path)
    do {
      return try PrecisionFile(json: node, file: path)
    } catch {
      throw .decode(error, fallbackFile: path)
    }
  }
}

/// The inputs compiled into the executable (Sources/AxSimKit/Embedded, links to the files in
/// configs/ and traces/), so that `axsim run` works from any directory.
enum EmbeddedInputs {
  static func bytes(named name: String) -> [UInt8]? {
    switch name {
    case "configs/qcnpe-16x16.json": return PackageResources.qcnpe_16x16_json
    case "configs/energy/qcnpe-45nm.json": return PackageResources.qcnpe_45nm_json
    case "traces/mlp-784-128-128-10-b1.json": return PackageResources.mlp_784_128_128_10_b1_json
    case "configs/gpu-si.json": return PackageResources.gpu_si_json
    case "configs/energy/gpu-si-45nm.json": return PackageResources.gpu_si_45nm_json
    case "configs/flexflow-16x16.json": return PackageResources.flexflow_16x16_json
    case "configs/energy/flexflow-65nm.json": return PackageResources.flexflow_65nm_json
    default: return nil
    }
  }
}
