/// How to turn an ONNX model into a trace: the batch to simulate, shapes for inputs the file
/// leaves symbolic, and the trace's name.
public struct ONNXImportOptions: Equatable, Sendable {
  /// The batch to simulate; nil keeps the batch the model was exported with (a symbolic batch
  /// dimension then counts as 1).
  public var batch: Int?
  /// Full shapes for named graph inputs, replacing what the file declares (needed when an
  /// input has symbolic dimensions other than the batch).
  ///
  /// The empty name means "the only
  /// input".
  public var inputShapes: [String: [Int]]
  /// The trace's name; nil uses the file name without its extension.
  public var name: String?

  /// Options.
  public init(batch: Int? = nil, inputShapes: [String: [Int]] = [:], name: String? = nil) {
    self.batch = batch
    self.inputShapes = inputShapes
    self.name = name
  }
}
