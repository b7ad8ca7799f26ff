import Trace

extension GraphWalker {
  /// Operators that fold into the layer before them: an affine per-channel map (batch norm)
  /// or a plain copy keeps the value fusable; anything else applies a function the trace
  /// cannot express, after which a following activation has no layer to fold into.
  static let transparentUnary: Set<String> = ["Identity", "Dropout", "Cast"]

  /// A shape-preserving operator on one input (its other outputs, such as Dropout's mask,
  /// have the same shape).
  ///
  /// Constant values are carried through copies and casts.
  mutating func unary() throws(ONNXImportError) {
    let x = try input(0)
    var output = x
    let transparent = GraphWalker.transparentUnary.contains(node.opType)
    if !transparent { output.fusable = nil }
    if node.opType == "Cast", let reals = x.reals {
      let target = try int("to", default: Int64(ONNXTensor.DataType.float))
      let integral: Set<Int64> = [2, 3, 4, 5, 6, 7, 9, 12, 13]
      let exact = reals.allSatisfy { $0.isFinite && abs($0) < 9e15 }
      output.constant =
        !integral.contains(target) ? .reals(reals) : exact ? .integers(reals.map { Int64($0.rounded(.towardZero)) }) : nil
    } else if node.opType == "Neg", let values = x.integers {
      output.constant = .integers(values.map { 0 &- $0 })
    } else if !transparent {
      output.constant = nil
    }
    try setOutput(0, output)
    var mask = output
    mask.constant = nil
    for index in 1..<max(1, node.outputs.count) { try setOutput(index, mask) }
  }

  /// Relu, Sigmoid, Tanh, Clip, Softmax: the activation of the MAC layer that produced the
  /// input, when it has none yet; otherwise nothing the trace can express.
  mutating func activation() throws(ONNXImportError) {
    let x = try input(0)
    var output = x
    output.constant = nil
    output.fusable = nil
    let kind: Activation?
    switch node.opType {
    case "Relu": kind = .relu
    case "Sigmoid": kind = .sigmoid
    case "Tanh": kind = .tanh
    case "Softmax": kind = .softmax
    default: kind = try clipActivation()
    }
    if !x.isConstant {
      if let kind, let layer = x.fusable, layers[layer].activation == .identity {
        layers[layer].activation = kind
      } else {
        unfoldedActivations += 1
      }
    }
    try setOutput(0, output)
  }

  /// Clip(0, 6) is ReLU6 and Clip(0, ∞) is ReLU; other limits are not an activation the
  /// hardware's activation units implement.
  private func clipActivation() throws(ONNXImportError) -> Activation? {
    var low: Double? = try float("min").map(Double.init)
    var high: Double? = try float("max").map(Double.init)
    if node.input(1) != nil {
      guard let values = try input(1).reals, values.count == 1 else { throw fail("the min input must be a constant scalar") }
      low = values[0]
    }
    if node.input(2) != nil {
      guard let values = try input(2).reals, values.count == 1 else { throw fail("the max input must be a constant scalar") }
      high = values[0]
    }
    guard low == 0 else { return nil }
    if high == nil || high == .infinity { return .relu }
    return high == 6 ? .relu6 : nil
  }

  /// BatchNormalization (folded into the layer before it), and the layer, instance and group
  /// normalisations (element-wise arithmetic the trace does not simulate).
  mutating func normalization() throws(ONNXImportError) {
    let x = try input(0)
    var output = x
    output.constant = nil
    if node.opType != "BatchNormalization" { output.fusable = nil }
    try setOutput(0, output)
    guard node.outputs.count > 1 else { return }
    // Statistics outputs: per channel (batch norm in training mode) or the input with the
    // normalised axes reduced to 1 (layer norm's mean and inverse deviation).
    var statistics: [Int]
    if node.opType == "LayerNormalization" {
      let start = try axis(try int("axis", default: -1), rank: x.shape.count, "axis")
      statistics = x.shape
      for index in start..<x.shape.count { statistics[index] = 1 }
    } else {
      statistics = [x.shape.count > 1 ? x.shape[1] : 1]
    }
    let state = ValueState(shape: statistics, batchAxis: nil, constant: nil, isConstant: x.isConstant, source: nil, fusable: nil)
    for index in 1..<node.outputs.count { try setOutput(index, state) }
  }

  /// ReduceMean, ReduceMax over the height and width of an NCHW activation is the global pool
  /// it computes; other reductions only shrink the shape.
  mutating func reduction() throws(ONNXImportError) {
    let x = try input(0)
    var axes = try ints("axes")
    if node.input(1) != nil { axes = try constantIntegers(1, "axes") }
    let keep = try int("keepdims", default: 1) != 0
    let rank = x.shape.count
    var normalized: [Int] = []
    for value in axes ?? [] { normalized.append(try axis(value, rank: rank, "axes")) }
    normalized = Array(Set(normalized)).sorted()
    if normalized.isEmpty, axes != nil || node.input(1) != nil, try int("noop_with_empty_axes", default: 0) != 0 {
      try setOutput(0, x)
      return
    }
    if normalized.isEmpty { normalized = Array(0..<rank) }
    if rank == 4, normalized == [2, 3], !x.isConstant, node.opType == "ReduceMean" || node.opType == "ReduceMax" {
      try globalPool(node.opType == "ReduceMean" ? .avgpool : .maxpool, keepDimensions: keep)
      return
    }
    var shape: [Int] = []
    var batchAxis: Int?
    for index in 0..<rank {
      if normalized.contains(index) {
        if index == x.batchAxis { loseBatch("reduces the batch axis") }
        if keep { shape.append(1) }
      } else {
        if index == x.batchAxis { batchAxis = shape.count }
        shape.append(x.shape[index])
      }
    }
    try setOutput(
      0,
      ValueState(
        shape: shape, batchAxis: batchAxis, constant: nil, isConstant: x.isConstant, source: x.source, fusable: nil,
        batchInner: x.batchInner))
  }

  /// Element-wise operators with numpy broadcasting (Where takes a condition first).
  ///
  /// Integer
  /// arithmetic on constants is folded: shapes computed in the graph depend on it.
  mutating func broadcasting() throws(ONNXImportError) {
    var operands: [ValueState] = []
    for index in node.inputs.indices where node.input(index) != nil { operands.append(try input(index)) }
    guard !operands.isEmpty else { throw fail("no inputs; expected at least one") }
    var shape = operands[0].shape
    for operand in operands.dropFirst() {
      guard let joined = ShapeMath.broadcast(shape, operand.shape) else {
        throw fail("the input shapes \(operands.map(\.shape)) do not broadcast")
      }
      shape = joined
    }
    let activations = operands.filter { !$0.isConstant }
    var output = ValueState(
      shape: shape, batchAxis: nil, constant: nil, isConstant: activations.isEmpty, source: nil, fusable: nil)
    for operand in activations {
      if let axis = ShapeMath.broadcastAxis(operand.batchAxis, rank: operand.shape.count, outputRank: shape.count),
        output.batchAxis == nil
      {
        output.batchAxis = axis
        output.batchInner = operand.batchInner
      }
    }
    let sources = Set(activations.map { $0.source ?? Int.min })
    output.source = sources.count == 1 && !sources.contains(Int.min) ? activations.first?.source : nil
    let linear: Set<String> = ["Add", "Sub", "Mul", "Div", "Sum"]
    if linear.contains(node.opType) {
      if activations.count == 1 {
        // A bias add or a scaling: the layer before keeps its claim to an activation.
        output.fusable = activations[0].fusable
      } else if node.opType == "Add" || node.opType == "Sum" {
        // A residual connection: the sum completes after the later of the layers feeding it,
        // whose activation unit then applies what follows.
        output.fusable = activations.compactMap(\.fusable).max()
      }
    }
    if activations.isEmpty { output.constant = fold(operands, shape: shape) }
    try setOutput(0, output)
  }

  /// The element-wise result on constant operands, when small and integral enough to matter
  /// for shapes.
  private func fold(_ operands: [ValueState], shape: [Int]) -> ONNXTensor.Values? {
    guard let count = ShapeMath.product(shape), count <= ONNXLimits.maximumFoldedElements else { return nil }
    let operation = node.opType
    let integral = operands.allSatisfy { if case .integers? = $0.constant { true } else { false } }
    guard integral || ["Add", "Sub", "Mul", "Div"].contains(operation) else { return nil }
    var columns: [[Double]] = []
    for operand in operands {
      guard let reals = operand.reals, reals.count == ShapeMath.product(operand.shape) else { return nil }
      columns.append(reals)
    }
    var result: [Double] = []
    result.reserveCapacity(count)
    for flat in 0..<count {
      let elements = operands.indices.map {
        columns[$0][ShapeMath.broadcastIndex(flat, shape: shape, operand: operands[$0].shape)]
      }
      let value: Double
      switch operation {
      case "Add", "Sum": value = elements.reduce(0, +)
      case "Sub": value = elements[0] - elements[1]
      case "Mul": value = elements.reduce(1, *)
      case "Div":
        guard elements[1] != 0 else { return nil }
        value = integral ? (elements[0] / elements[1]).rounded(.towardZero) : elements[0] / elements[1]
      case "Max": value = elements.max() ?? 0
      case "Min": value = elements.min() ?? 0
      case "Equal": value = elements[0] == elements[1] ? 1 : 0
      case "Less": value = elements[0] < elements[1] ? 1 : 0
      case "Greater": value = elements[0] > elements[1] ? 1 : 0
      case "LessOrEqual": value = elements[0] <= elements[1] ? 1 : 0
      case "GreaterOrEqual": value = elements[0] >= elements[1] ? 1 : 0
      case "Where": value = elements[0] != 0 ? elements[1] : elements[2]
      default: return nil
      }
      guard value.isFinite, abs(value) < 9e15 else { return nil }
      result.append(value)
    }
    return integral ? .integers(result.map { Int64($0) }) : .reals(result)
  }
}
