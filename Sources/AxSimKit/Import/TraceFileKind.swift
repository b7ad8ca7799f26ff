/// The kinds of file a trace is read from, told apart by extension and, for ONNX, by content
/// (a ModelProto starts with its `ir_version` field, tag byte 0x08).
public enum TraceFileKind: String, Equatable, Sendable {
  /// An AxSim trace (JSON, docs/trace-format.md).
  case axsimTrace = "AxSim trace (.json)"
  /// A SCALE-Sim topology (CSV).
  case scaleSimTopology = "SCALE-Sim topology (.csv)"
  /// An ONNX model (a serialized ModelProto).
  case onnx = "ONNX model (.onnx)"

  /// The kind of the file at `path` whose first bytes are `prefix`.
  public static func of(path: String, prefix: ArraySlice<UInt8>) -> TraceFileKind {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") { return .scaleSimTopology }
    if lower.hasSuffix(".onnx") { return .onnx }
    if lower.hasSuffix(".json") { return .axsimTrace }
    return prefix.first == 0x08 ? .onnx : .axsimTrace
  }
}
