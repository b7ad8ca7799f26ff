import ONNXImport
import Trace

/// How a trace is brought in from a file: the batch to simulate, shapes for an ONNX model's
/// symbolic inputs, and per-layer precision from a side file (`--batch`, `--input-shape`,
/// `--precision-file` of `axsim run` and `axsim import`).
public struct TraceInputOptions: Equatable, Sendable {
  /// The batch to simulate (ONNX models and SCALE-Sim topologies); nil keeps the file's.
  public var batch: Int?
  /// Shapes for named ONNX graph inputs (the empty name: the only input).
  public var inputShapes: [String: [Int]] = [:]
  /// Per-layer precision rules.
  public var precision: PrecisionFile?

  /// Options.
  public init(batch: Int? = nil, inputShapes: [String: [Int]] = [:], precision: PrecisionFile? = nil) {
    self.batch = batch
    self.inputShapes = inputShapes
    self.precision = precision
  }

  /// The option names a command accepts for them.
  public static let optionNames: Set<String> = ["batch", "input-shape", "precision-file"]

  /// The options given on a command line.
  public static func parse(_ parsed: ParsedArguments, command: String) throws(AxSimError) -> TraceInputOptions {
    var options = TraceInputOptions()
    options.batch = try parsed.integer("batch", command: command, in: 1...TraceLimits.maximumDimension)
    if let text = parsed.options["input-shape"] { options.inputShapes = try parseShapes(text, command: command) }
    if let path = parsed.options["precision-file"] { options.precision = try InputLoader.precisionFile(path) }
    return options
  }

  /// `NAME=DxDxD[,NAME=…]`, or `DxDxD` for a model with one input.
  static func parseShapes(_ text: String, command: String) throws(AxSimError) -> [String: [Int]] {
    var shapes: [String: [Int]] = [:]
    for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = parts.count == 2 ? String(parts[0]) : ""
      let dims = (parts.count == 2 ? parts[1] : parts[0]).split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
      guard !dims.isEmpty, dims.allSatisfy({ $0.map { (1...TraceLimits.maximumDimension).contains($0) } ?? false }),
        shapes[name] == nil
      else {
        throw .usage(
          "axsim \(command): --input-shape expects NAME=DxDxD (e.g. input=1x3x224x224), comma-separated, each dimension 1...\(TraceLimits.maximumDimension); found \"\(text)\""
        )
      }
      shapes[name] = dims.compactMap { $0 }
    }
    return shapes
  }
}

extension TraceInputOptions {
  /// Refuses a precision file beside a run-wide precision (`--precision` or the config's
  /// `precision`), which would overwrite it on every layer.
  public func check(against configuration: RunConfiguration) throws(AxSimError) {
    if precision != nil, configuration.precisionOverride != nil {
      throw .usage(
        "--precision-file sets per-layer precision, but a run-wide precision (--precision, or \"precision\" in \(configuration.source)) would replace it on every layer; give one of them"
      )
    }
  }
}
