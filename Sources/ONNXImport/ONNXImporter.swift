import Trace

/// Turns an ONNX model into a network trace (docs/import.md).
///
/// ```
///  bytes ─► ModelProto (AxProtobuf) ─► walk the nodes in order, inferring every value's shape
///        ─► Conv / Gemm / MatMul / pools become layers; activations fold into the layer before
///           them; everything else only moves shapes ─► NetworkTrace (validated)
/// ```
///
/// Shapes come from the graph inputs' declared shapes and the initializers' dims; weights are
/// never read, but small integer tensors are (Reshape targets, Slice bounds), and shape
/// arithmetic on them is folded. The batch the model was exported with can be replaced: the
/// importer follows which dimension of every value carries the batch and rescales it.
public enum ONNXImporter {
  /// The operators the importer reads, by what it makes of them (for messages and docs).
  public static let supportedOperators: [(role: String, operators: [String])] = [
    ("layers", ONNXOperators.layers.sorted()),
    ("activations folded into the layer before them", ONNXOperators.activations.sorted()),
    ("shape-only", ONNXOperators.shapeOnly.sorted()),
  ]

  /// Every operator the importer reads, sorted.
  public static var supportedOperatorNames: [String] {
    (ONNXOperators.layers.union(ONNXOperators.activations).union(ONNXOperators.shapeOnly)).sorted()
  }

  /// The trace of the serialized ModelProto `bytes`, read from `file`.
  /// - Throws: `ONNXImportError`: malformed bytes (with the byte offset), an unsupported
  ///   operator (with the node, its type and what is supported), or shapes that disagree.
  public static func importTrace(bytes: [UInt8], file: String, options: ONNXImportOptions = ONNXImportOptions())
    throws(ONNXImportError) -> NetworkTrace
  {
    let model = try ONNXModel(bytes: bytes)
    return try trace(of: model, file: file, options: options)
  }

  /// The trace of a decoded model.
  public static func trace(of model: ONNXModel, file: String, options: ONNXImportOptions = ONNXImportOptions())
    throws(ONNXImportError) -> NetworkTrace
  {
    var walker = try GraphWalker(model: model, options: options)
    try walker.walk()
    let name = options.name ?? Self.baseName(file)
    return try walker.makeTrace(name: name, file: file)
  }

  /// `path` without its directories and its extension.
  static func baseName(_ path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
    return String(last[..<dot])
  }
}
