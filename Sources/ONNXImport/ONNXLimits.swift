/// The largest ONNX inputs the importer decodes, so that a hostile or corrupt file ends with a
/// clear error instead of exhausting memory (docs/limits.md lists them).
public enum ONNXLimits {
  /// Most nodes in a graph (real models have at most tens of thousands).
  public static let maximumNodes = 1_000_000
  /// Most initializers, inputs, outputs and value infos of a graph, each.
  public static let maximumValues = 1_000_000
  /// Most inputs, outputs or attributes of one node.
  public static let maximumNodeFields = 10_000
  /// Most elements of one attribute list or one tensor's dims.
  public static let maximumListLength = 65_536
  /// Most dimensions of a tensor.
  public static let maximumRank = 64
  /// Largest tensor whose values are decoded (for shape computations); larger tensors (the
  /// weights) keep only their dimensions.
  public static let maximumFoldedElements = 65_536
}
