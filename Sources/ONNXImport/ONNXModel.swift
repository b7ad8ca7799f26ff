/// The parts of an ONNX ModelProto (onnx/onnx.proto) AxSim reads: the IR and operator-set
/// versions, the producer, and the main graph.
///
/// Weights are not decoded: only their shapes,
/// and the values of small tensors that shapes can depend on.
public struct ONNXModel: Equatable, Sendable {
  /// `ir_version` (ModelProto field 1).
  public var irVersion: Int64
  /// The version of the default operator set (`""` or `"ai.onnx"` in `opset_import`,
  /// field 8); nil when the model declares none.
  public var opsetVersion: Int64?
  /// `producer_name` (field 2), such as `pytorch`.
  public var producerName: String
  /// `producer_version` (field 3).
  public var producerVersion: String
  /// The main graph (field 7).
  public var graph: ONNXGraph

  /// A model.
  public init(
    irVersion: Int64 = 0, opsetVersion: Int64? = nil, producerName: String = "", producerVersion: String = "",
    graph: ONNXGraph = ONNXGraph()
  ) {
    self.irVersion = irVersion
    self.opsetVersion = opsetVersion
    self.producerName = producerName
    self.producerVersion = producerVersion
    self.graph = graph
  }
}

/// A GraphProto: nodes in topological order, initializers (named constant tensors), and the
/// declared inputs, outputs and intermediate value shapes.
public struct ONNXGraph: Equatable, Sendable {
  /// `name` (field 2).
  public var name: String = ""
  /// `node` (field 1), in the order the file lists them (the standard requires topological).
  public var nodes: [ONNXNode] = []
  /// `initializer` (field 5).
  public var initializers: [ONNXTensor] = []
  /// `input` (field 11); before IR version 4 it lists the initializers too.
  public var inputs: [ONNXValueInfo] = []
  /// `output` (field 12).
  public var outputs: [ONNXValueInfo] = []
  /// `value_info` (field 13): shapes of intermediate values, when the exporter wrote them.
  public var valueInfo: [ONNXValueInfo] = []

  /// An empty graph.
  public init() {}
}

/// A NodeProto: one operator application.
public struct ONNXNode: Equatable, Sendable {
  /// `name` (field 3); may be empty.
  public var name: String = ""
  /// `op_type` (field 4), such as `Conv`.
  public var opType: String = ""
  /// `domain` (field 7); empty or `ai.onnx` for the standard operators.
  public var domain: String = ""
  /// `input` (field 1): value names; an empty name is an omitted optional input.
  public var inputs: [String] = []
  /// `output` (field 2).
  public var outputs: [String] = []
  /// `attribute` (field 5).
  public var attributes: [ONNXAttribute] = []
  /// Where the node starts in the file, for messages.
  public var offset: Int = 0

  /// An empty node.
  public init() {}

  /// The attribute called `name`, if present (the last one wins, as protobuf's rule for a
  /// repeated key would have it).
  public func attribute(_ name: String) -> ONNXAttribute? { attributes.last { $0.name == name } }

  /// Input `index` when present and not the empty name of an omitted optional input.
  public func input(_ index: Int) -> String? {
    index < inputs.count && !inputs[index].isEmpty ? inputs[index] : nil
  }
}

/// A ValueInfoProto: a value's name, element type and (possibly symbolic) shape.
public struct ONNXValueInfo: Equatable, Sendable {
  /// One dimension of a declared shape.
  public enum Dimension: Equatable, Sendable {
    /// A fixed size (`dim_value`).
    case value(Int64)
    /// A named, symbolic size (`dim_param`), such as `batch`.
    case symbolic(String)
    /// Neither was given.
    case unknown
  }

  /// `name` (field 1).
  public var name: String = ""
  /// The tensor element type (TypeProto.Tensor `elem_type`); 0 when not a tensor or not given.
  public var elementType: Int32 = 0
  /// The shape, or nil when the type carries none.
  public var shape: [Dimension]?

  /// A value.
  public init(name: String = "", elementType: Int32 = 0, shape: [Dimension]? = nil) {
    self.name = name
    self.elementType = elementType
    self.shape = shape
  }
}
