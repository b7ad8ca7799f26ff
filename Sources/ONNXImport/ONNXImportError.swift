/// An ONNX model that cannot be imported: malformed bytes, an unsupported operator, or shapes
/// that do not agree.
///
/// Names the node and its operator type when one is at fault.
public struct ONNXImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The node at fault (its name, or `#index` when unnamed), if any.
  public var node: String?
  /// Its operator type.
  public var opType: String?
  /// What is wrong and what was expected.
  public var message: String

  /// An error about the model as a whole.
  public init(_ message: String) {
    self.message = message
  }

  /// An error about one node.
  public init(node: String, opType: String, _ message: String) {
    self.node = node
    self.opType = opType
    self.message = message
  }

  public var description: String {
    guard let node else { return message }
    return "node \"\(node)\" (\(opType ?? "?")): \(message)"
  }
}
