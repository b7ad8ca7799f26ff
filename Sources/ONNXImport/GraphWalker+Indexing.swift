extension GraphWalker {
  /// Slice: per axis, elements start..<end by step, clamped as ONNX defines (inputs since
  /// opset 10, attributes before).
  mutating func slice() throws(ONNXImportError) {
    let x = try input(0)
    let rank = x.shape.count
    let starts: [Int64]
    let ends: [Int64]
    var axes: [Int64]?
    var steps: [Int64]?
    if node.input(1) != nil {
      starts = try constantIntegers(1, "starts")
      ends = try constantIntegers(2, "ends")
      if node.input(3) != nil { axes = try constantIntegers(3, "axes") }
      if node.input(4) != nil { steps = try constantIntegers(4, "steps") }
    } else {
      guard let attributeStarts = try ints("starts"), let attributeEnds = try ints("ends") else {
        throw fail("starts and ends are missing; expected inputs 1 and 2 (or attributes before opset 10)")
      }
      (starts, ends, axes) = (attributeStarts, attributeEnds, try ints("axes"))
    }
    let axisList = axes ?? (0..<Int64(starts.count)).map { $0 }
    let stepList = steps ?? Array(repeating: 1, count: starts.count)
    guard ends.count == starts.count, axisList.count == starts.count, stepList.count == starts.count else {
      throw fail(
        "starts, ends, axes and steps have \(starts.count), \(ends.count), \(axisList.count) and \(stepList.count) values; expected equal counts"
      )
    }
    var output = x
    output.fusable = nil
    var ranges: [(start: Int, step: Int, count: Int)] = x.shape.map { (0, 1, $0) }
    for index in starts.indices {
      let along = try axis(axisList[index], rank: rank, "axes")
      let step = stepList[index]
      guard step != 0 else { throw fail("step 0 on axis \(along); expected a non-zero step") }
      let length = Int64(x.shape[along])
      func clamp(_ value: Int64, _ low: Int64, _ high: Int64) -> Int64 {
        let shifted = value < 0 ? value &+ length : value
        return min(max(shifted, low), high)
      }
      let count: Int64
      let first: Int64
      if step > 0 {
        first = clamp(starts[index], 0, length)
        let last = clamp(ends[index], 0, length)
        count = last > first ? (last - first - 1) / step + 1 : 0
      } else {
        first = clamp(starts[index], 0, length - 1)
        let last = clamp(ends[index], -1, length - 1)
        let magnitude = step == .min ? Int64.max : -step
        count = first > last ? (first - last - 1) / magnitude + 1 : 0
      }
      output.shape[along] = Int(count)
      ranges[along] = (Int(first), Int(step), Int(count))
      if along == x.batchAxis, count != length { loseBatch("slices the batch axis") }
    }
    if rank == 1, let values = x.integers, values.count == x.shape[0] {
      output.constant = .integers((0..<ranges[0].count).map { values[ranges[0].start + $0 * ranges[0].step] })
    } else {
      output.constant = nil
    }
    try setOutput(0, output)
  }

  /// Gather: data[:axis] + indices.shape + data[axis+1:]; folded on small constants.
  mutating func gather() throws(ONNXImportError) {
    let data = try input(0)
    let indices = try input(1)
    let along = try axis(try int("axis", default: 0), rank: data.shape.count, "axis")
    let shape = Array(data.shape[..<along]) + indices.shape + Array(data.shape[(along + 1)...])
    var output = ValueState(
      shape: shape, batchAxis: nil, constant: nil, isConstant: data.isConstant && indices.isConstant, source: data.source,
      fusable: nil)
    if let batch = data.batchAxis {
      if batch == along {
        loseBatch("gathers along the batch axis")
      } else {
        output.batchAxis = batch < along ? batch : batch - 1 + indices.shape.count
        output.batchInner = data.batchInner
      }
    }
    if let values = data.integers, let picks = indices.integers, let count = ShapeMath.product(shape),
      count <= ONNXLimits.maximumFoldedElements, values.count == ShapeMath.product(data.shape),
      picks.count == ShapeMath.product(indices.shape)
    {
      let outer = data.shape[..<along].reduce(1, *)
      let inner = data.shape[(along + 1)...].reduce(1, *)
      let length = data.shape[along]
      var result: [Int64] = []
      for o in 0..<outer {
        for pick in picks {
          let position = pick < 0 ? Int(pick) + length : Int(pick)
          guard position >= 0, position < length else { throw fail("index \(pick) is outside 0..<\(length)") }
          for i in 0..<inner { result.append(values[(o * length + position) * inner + i]) }
        }
      }
      output.constant = .integers(result)
    }
    try setOutput(0, output)
  }

  /// Shape: the input's dimensions (from `start` to `end`) as a constant.
  mutating func shapeOf() throws(ONNXImportError) {
    let x = try input(0)
    let rank = Int64(x.shape.count)
    func position(_ value: Int64) -> Int { Int(min(max(value < 0 ? value + rank : value, 0), rank)) }
    let start = position(try int("start", default: 0))
    let end = position(try int("end", default: rank))
    let dims = start < end ? x.shape[start..<end].map(Int64.init) : []
    try setOutput(0, .constant(shape: [dims.count], values: .integers(dims)))
  }

  /// Size: the input's element count as a constant scalar.
  mutating func sizeOf() throws(ONNXImportError) {
    let x = try input(0)
    guard let count = ShapeMath.product(x.shape) else { throw fail("the input \(x.shape) is too large") }
    try setOutput(0, .constant(shape: [], values: .integers([Int64(count)])))
  }

  /// Constant: a tensor (or a scalar or list) held in an attribute.
  mutating func constantNode() throws(ONNXImportError) {
    guard let attribute = node.attributes.first else {
      throw fail("no value attribute; expected value, value_int(s) or value_float(s)")
    }
    switch attribute.value {
    case .tensor(let tensor): try setOutput(0, try GraphWalker.initializerState(tensor))
    case .int(let value): try setOutput(0, .constant(shape: [], values: .integers([value])))
    case .ints(let values): try setOutput(0, .constant(shape: [values.count], values: .integers(values)))
    case .float(let value): try setOutput(0, .constant(shape: [], values: .reals([Double(value)])))
    case .floats(let values): try setOutput(0, .constant(shape: [values.count], values: .reals(values.map(Double.init))))
    default:
      throw fail(
        "attribute \(attribute.name) is not a dense tensor, number or list; sparse and string constants are not supported")
    }
  }

  /// ConstantOfShape: a tensor of the shape its input lists, filled with one value.
  mutating func constantOfShape() throws(ONNXImportError) {
    let dims = try sizes(try constantIntegers(0, "the shape"), "the shape", in: 0...(1 << 40))
    var fill: ONNXTensor.Values = .reals([0])
    if let attribute = node.attribute("value"), case .tensor(let tensor) = attribute.value, let values = tensor.values {
      fill = values
    }
    var state = ValueState.constant(shape: dims, values: nil)
    if let count = ShapeMath.product(dims), count <= ONNXLimits.maximumFoldedElements {
      switch fill {
      case .integers(let values) where values.count == 1: state.constant = .integers(Array(repeating: values[0], count: count))
      case .reals(let values) where values.count == 1: state.constant = .reals(Array(repeating: values[0], count: count))
      default: break
      }
    }
    try setOutput(0, state)
  }

  /// Expand: the input broadcast to a shape (numpy rules, either side may stretch).
  mutating func expand() throws(ONNXImportError) {
    let x = try input(0)
    let target = try sizes(try constantIntegers(1, "the shape"), "the shape", in: 0...(1 << 40))
    guard let shape = ShapeMath.broadcast(x.shape, target) else { throw fail("\(x.shape) does not broadcast to \(target)") }
    var output = x
    output.shape = shape
    output.batchAxis = ShapeMath.broadcastAxis(x.batchAxis, rank: x.shape.count, outputRank: shape.count)
    output.constant = nil
    output.fusable = nil
    try setOutput(0, output)
  }

  /// Tile: each dimension repeated.
  mutating func tile() throws(ONNXImportError) {
    let x = try input(0)
    let repeats = try sizes(try constantIntegers(1, "repeats"), "repeats", count: x.shape.count, in: 0...(1 << 24))
    var output = x
    output.shape = []
    for (size, count) in zip(x.shape, repeats) {
      let (tiled, overflow) = size.multipliedReportingOverflow(by: count)
      guard !overflow, tiled <= 1 << 40 else { throw fail("tiling \(x.shape) by \(repeats) passes 2^40 elements on an axis") }
      output.shape.append(tiled)
    }
    output.constant = nil
    output.fusable = nil
    if let batch = x.batchAxis, repeats[batch] != 1 { loseBatch("tiles the batch axis") }
    try setOutput(0, output)
  }

  /// Range: start, start + delta, … below limit.
  mutating func range() throws(ONNXImportError) {
    let bounds = try (0..<3).map { (index) throws(ONNXImportError) -> Double in
      guard let values = try input(index).reals, values.count == 1 else { throw fail("input \(index) must be a constant scalar") }
      return values[0]
    }
    guard bounds[2] != 0 else { throw fail("delta is 0; expected a non-zero step") }
    let length = ((bounds[1] - bounds[0]) / bounds[2]).rounded(.up)
    guard length.isFinite, length <= Double(1 << 40) else {
      throw fail("the range from \(bounds[0]) to \(bounds[1]) by \(bounds[2]) holds more than 2^40 elements")
    }
    let count = max(0, Int(length))
    var state = ValueState.constant(shape: [count], values: nil)
    if count <= ONNXLimits.maximumFoldedElements {
      let reals = (0..<count).map { bounds[0] + Double($0) * bounds[2] }
      state.constant = reals.allSatisfy { $0 == $0.rounded() } ? .integers(reals.map { Int64($0) }) : .reals(reals)
    }
    try setOutput(0, state)
  }
}
