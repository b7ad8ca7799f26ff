import Trace

/// Walks an ONNX graph's nodes in order, keeping every value's shape (`ValueState`) and
/// appending a trace layer for each MAC or pooling node.
///
/// Operator handlers live in the
/// `GraphWalker+…` files.
struct GraphWalker {
  /// Which quantity of a layer carries the batch, for `--batch` to rescale.
  enum BatchField: Equatable, Sendable {
    /// Nothing does (a layer of constants only, or a batch of 1 that stays 1).
    case none
    /// The layer's `batch` (convolutions, pools, dense layers).
    case batch
    /// A GEMM's M.
    case m
    /// A GEMM's N.
    case n
    /// A batched GEMM's product count.
    case groups
  }

  let model: ONNXModel
  let options: ONNXImportOptions
  var values: [String: ValueState] = [:]
  var layers: [TraceLayer] = []
  /// Per layer: the `source` of its activation input (see `ValueState.source`).
  var layerInputSources: [Int?] = []
  /// Per layer: which quantity carries the batch.
  var layerBatchFields: [BatchField] = []
  /// The batch the graph was exported with, when `options.batch` asks for another.
  var exportedBatch: Int?
  /// Where the batch could no longer be followed, if it was lost.
  var batchLostAt: String?
  var usedNames: Set<String> = []
  /// Activation nodes that had no layer to fold into.
  var unfoldedActivations = 0
  /// The node being handled and its position, for messages.
  var node = ONNXNode()
  var nodeIndex = 0

  init(model: ONNXModel, options: ONNXImportOptions) throws(ONNXImportError) {
    self.model = model
    self.options = options
    let graph = model.graph
    for tensor in graph.initializers {
      guard !tensor.name.isEmpty else { throw ONNXImportError("an initializer has no name; expected every initializer named") }
      values[tensor.name] = try GraphWalker.initializerState(tensor)
    }
    let inputs = graph.inputs.filter { values[$0.name] == nil }
    for name in options.inputShapes.keys.sorted() where !name.isEmpty && !inputs.contains(where: { $0.name == name }) {
      throw ONNXImportError(
        "--input-shape names \"\(name)\", which is not an input of the graph; inputs: \(inputs.map(\.name).joined(separator: ", "))"
      )
    }
    if options.inputShapes[""] != nil, inputs.count != 1 {
      throw ONNXImportError(
        "--input-shape without a name needs a graph with one input; this one has \(inputs.count): \(inputs.map(\.name).joined(separator: ", ")); write NAME=DIMS"
      )
    }
    var exported: Int?
    for input in inputs {
      var shape = try GraphWalker.declaredShape(input, override: options.inputShapes[input.name] ?? options.inputShapes[""])
      if let batch = options.batch, !shape.dims.isEmpty {
        if shape.batchIsFixed {
          if shape.dims[0] != batch {
            guard exported == nil || exported == shape.dims[0] else {
              throw ONNXImportError(
                "the graph inputs were exported with different batches (\(exported ?? 0) and \(shape.dims[0]) for \(input.name)); --batch cannot rescale them together"
              )
            }
            exported = shape.dims[0]
          }
        } else {
          shape.dims[0] = batch
        }
      }
      values[input.name] = ValueState(
        shape: shape.dims, batchAxis: shape.dims.isEmpty ? nil : 0, constant: nil, isConstant: false,
        source: ValueState.graphInput, fusable: nil)
    }
    exportedBatch = exported
  }

  /// An input's shape: the override, else the declared dims, with a symbolic first dimension
  /// (the batch) counting as 1.
  ///
  /// `batchIsFixed` tells whether the first dimension was a number.
  static func declaredShape(_ input: ONNXValueInfo, override: [Int]?) throws(ONNXImportError) -> (dims: [Int], batchIsFixed: Bool)
  {
    if let override {
      guard override.allSatisfy({ (1...(1 << 24)).contains($0) }), override.count <= ONNXLimits.maximumRank else {
        throw ONNXImportError("--input-shape for \(input.name): expected dimensions in 1...16777216, found \(override)")
      }
      return (override, true)
    }
    guard let declared = input.shape else {
      throw ONNXImportError(
        "graph input \"\(input.name)\" declares no shape; pass --input-shape \(input.name)=DIMS (e.g. 1x3x224x224)")
    }
    var dims: [Int] = []
    var batchIsFixed = true
    for (axis, dimension) in declared.enumerated() {
      switch dimension {
      case .value(let value):
        guard (1...Int64(1 << 24)).contains(value) else {
          throw ONNXImportError("graph input \"\(input.name)\" declares dimension \(axis) as \(value); expected 1...16777216")
        }
        dims.append(Int(value))
      case .symbolic, .unknown:
        guard axis == 0 else {
          let label = if case .symbolic(let name) = dimension { "\"\(name)\"" } else { "unknown" }
          throw ONNXImportError(
            "graph input \"\(input.name)\" has a symbolic dimension \(label) at axis \(axis); pass --input-shape \(input.name)=DIMS with every dimension fixed"
          )
        }
        dims.append(1)
        batchIsFixed = false
      }
    }
    return (dims, batchIsFixed)
  }

  /// The state of an initializer: a constant of its dims.
  static func initializerState(_ tensor: ONNXTensor) throws(ONNXImportError) -> ValueState {
    var shape: [Int] = []
    for dimension in tensor.dims {
      guard dimension <= Int64(1 << 40) else {
        throw ONNXImportError("initializer \"\(tensor.name)\" has dimension \(dimension); expected at most 2^40")
      }
      shape.append(Int(dimension))
    }
    return .constant(shape: shape, values: tensor.values)
  }

  // MARK: Walking

  /// Applies every node in order.
  mutating func walk() throws(ONNXImportError) {
    for (index, current) in model.graph.nodes.enumerated() {
      node = current
      nodeIndex = index
      guard current.domain.isEmpty || current.domain == "ai.onnx" else {
        throw fail(
          "operator of domain \"\(current.domain)\" is not supported; the importer reads the default ONNX domain only; \(ONNXOperators.summary)"
        )
      }
      try apply()
      for output in current.outputs where !output.isEmpty && values[output] == nil {
        throw fail(
          "produced no value for its output \"\(output)\"; expected at most \(current.outputs.count - 1) outputs to be used")
      }
    }
  }

  /// An error about the current node.
  func fail(_ message: String) -> ONNXImportError {
    ONNXImportError(node: node.name.isEmpty ? "#\(nodeIndex)" : node.name, opType: node.opType, message)
  }

  /// The state of input `index`, which must be present.
  func input(_ index: Int) throws(ONNXImportError) -> ValueState {
    guard let name = node.input(index) else {
      throw fail("input \(index) is missing; expected \(max(index + 1, node.inputs.count)) inputs")
    }
    guard let state = values[name] else {
      throw fail(
        "input \"\(name)\" is not a graph input, an initializer or an output of an earlier node (nodes must be in topological order)"
      )
    }
    return state
  }

  /// The state of input `index`, or nil when the optional input is omitted.
  func optionalInput(_ index: Int) throws(ONNXImportError) -> ValueState? {
    node.input(index) == nil ? nil : try input(index)
  }

  /// Sets output `index` (if the node names one).
  mutating func setOutput(_ index: Int, _ state: ValueState) throws(ONNXImportError) {
    guard index < node.outputs.count, !node.outputs[index].isEmpty else { return }
    for dimension in state.shape where dimension < 0 || dimension > 1 << 40 {
      throw fail("output \(index) would have dimension \(dimension); expected 0...2^40 (shapes \(state.shape))")
    }
    values[node.outputs[index]] = state
  }

  /// Records that the batch can no longer be followed (only an error if `--batch` rescales).
  mutating func loseBatch(_ why: String) {
    if batchLostAt == nil { batchLostAt = "node \"\(node.name.isEmpty ? "#\(nodeIndex)" : node.name)\" (\(node.opType)) \(why)" }
  }

  /// Appends `layer`, named after its weight or its node; returns its index.
  mutating func addLayer(_ layer: TraceLayer, weight: String?, inputSource: Int?, batchField: BatchField) -> Int {
    var named = layer
    named.name = uniqueName(layerName(weight: weight))
    layers.append(named)
    layerInputSources.append(inputSource)
    layerBatchFields.append(batchField)
    return layers.count - 1
  }

  /// A layer's name: its weight's module path (`layer1.0.conv1.weight` → `layer1.0.conv1`),
  /// else the scope of a TorchScript-style node name (`/query/MatMul` → `query`), else the
  /// node's name, else the operator and node index.
  func layerName(weight: String?) -> String {
    if let weight, weight.hasSuffix(".weight"), weight.count > 7 { return String(weight.dropLast(7)) }
    let parts = node.name.split(separator: "/")
    if node.name.hasPrefix("/"), parts.count >= 2 { return String(parts[parts.count - 2]) }
    return node.name.isEmpty ? "\(node.opType)_\(nodeIndex)" : node.name
  }

  /// `name`, or `name_2`, `name_3`… when taken.
  mutating func uniqueName(_ name: String) -> String {
    var candidate = name
    var suffix = 2
    while usedNames.contains(candidate) {
      candidate = "\(name)_\(suffix)"
      suffix += 1
    }
    usedNames.insert(candidate)
    return candidate
  }
}
