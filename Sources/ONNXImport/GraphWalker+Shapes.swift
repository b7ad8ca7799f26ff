extension GraphWalker {
  /// Reshape: the target comes from a constant (0 copies the input's dimension unless
  /// `allowzero`, −1 takes what is left).
  mutating func reshape() throws(ONNXImportError) {
    let x = try input(0)
    let target = try constantIntegers(1, "the target shape")
    let allowZero = try int("allowzero", default: 0) != 0
    guard let count = ShapeMath.product(x.shape) else { throw fail("the input \(x.shape) is too large") }
    var shape: [Int] = []
    var inferred: Int?
    for (index, value) in target.enumerated() {
      switch value {
      case -1:
        guard inferred == nil else { throw fail("the target \(target) has more than one -1") }
        inferred = index
        shape.append(1)
      case 0 where !allowZero:
        guard index < x.shape.count else {
          throw fail("the target \(target) copies dimension \(index) of a rank-\(x.shape.count) input")
        }
        shape.append(x.shape[index])
      case 0...(1 << 40): shape.append(Int(value))
      default: throw fail("the target \(target) holds \(value); expected sizes, 0 or -1")
      }
    }
    guard let known = ShapeMath.product(shape) else { throw fail("the target \(target) is too large") }
    if let inferred {
      guard known > 0, count % known == 0 else { throw fail("cannot reshape \(x.shape) (\(count) elements) to \(target)") }
      shape[inferred] = count / known
    } else if known != count {
      throw fail("cannot reshape \(x.shape) (\(count) elements) to \(target) (\(known) elements)")
    }
    try setOutput(0, regrouped(x, to: shape))
  }

  /// Flatten: [d0·…·d(axis−1), d(axis)·…].
  mutating func flatten() throws(ONNXImportError) {
    let x = try input(0)
    let split = try axis(try int("axis", default: 1), rank: x.shape.count + 1, "axis")
    guard let outer = ShapeMath.product(x.shape[..<split]), let inner = ShapeMath.product(x.shape[split...]) else {
      throw fail("the input \(x.shape) is too large")
    }
    try setOutput(0, regrouped(x, to: [outer, inner]))
  }

  /// `x` with the same elements in `shape`, the batch followed through the regrouping.
  private mutating func regrouped(_ x: ValueState, to shape: [Int]) -> ValueState {
    var output = x
    output.shape = shape
    output.fusable = nil
    if let axis = x.batchAxis {
      let batch = exportedBatch ?? 1
      if let moved = ShapeMath.reshapedBatch(axis: axis, inner: x.batchInner, size: batch, from: x.shape, to: shape) {
        (output.batchAxis, output.batchInner) = (moved.axis, moved.inner)
      } else {
        output.batchAxis = nil
        loseBatch("splits the batch across dimensions")
      }
    }
    return output
  }

  /// Transpose: dimensions permuted (`perm`, default reversed).
  mutating func transpose() throws(ONNXImportError) {
    let x = try input(0)
    let rank = x.shape.count
    let permutation = try sizes(
      try ints("perm") ?? (0..<Int64(rank)).reversed(), "perm", count: rank, in: 0...Int64(max(rank - 1, 0)))
    guard Set(permutation).count == rank else { throw fail("perm \(permutation) is not a permutation of 0..<\(rank)") }
    var output = x
    output.shape = permutation.map { x.shape[$0] }
    output.batchAxis = x.batchAxis.flatMap { permutation.firstIndex(of: $0) }
    output.fusable = nil
    if rank > 1 { output.constant = nil }
    try setOutput(0, output)
  }

  /// Squeeze: drops size-1 axes (`axes`, or every size-1 axis).
  mutating func squeeze() throws(ONNXImportError) {
    let x = try input(0)
    var axes = try ints("axes")
    if node.input(1) != nil { axes = try constantIntegers(1, "axes") }
    var dropped: Set<Int> = []
    for value in axes ?? [] {
      let index = try axis(value, rank: x.shape.count, "axes")
      guard x.shape[index] == 1 else { throw fail("cannot squeeze axis \(index) of \(x.shape): its size is not 1") }
      dropped.insert(index)
    }
    if axes == nil { dropped = Set(x.shape.indices.filter { x.shape[$0] == 1 }) }
    var output = x
    output.shape = x.shape.indices.filter { !dropped.contains($0) }.map { x.shape[$0] }
    output.fusable = nil
    if let batch = x.batchAxis {
      if dropped.contains(batch) {
        loseBatch("squeezes the batch axis away")
        output.batchAxis = nil
      } else {
        output.batchAxis = batch - dropped.filter { $0 < batch }.count
      }
    }
    try setOutput(0, output)
  }

  /// Unsqueeze: inserts size-1 axes at `axes` (positions in the output).
  mutating func unsqueeze() throws(ONNXImportError) {
    let x = try input(0)
    var axes = try ints("axes")
    if node.input(1) != nil { axes = try constantIntegers(1, "axes") }
    guard let axes else { throw fail("axes are missing; expected an attribute or input 1") }
    let rank = x.shape.count + axes.count
    var inserted: Set<Int> = []
    for value in axes { inserted.insert(try axis(value, rank: rank, "axes")) }
    guard inserted.count == axes.count else { throw fail("axes \(axes) repeat an axis") }
    var shape: [Int] = []
    var next = 0
    var output = x
    for index in 0..<rank {
      if inserted.contains(index) {
        shape.append(1)
      } else {
        if next == x.batchAxis { output.batchAxis = index }
        shape.append(x.shape[next])
        next += 1
      }
    }
    output.shape = shape
    output.fusable = nil
    try setOutput(0, output)
  }

  /// Concat: joined along `axis`; 1-D constants (shape vectors) are folded.
  mutating func concat() throws(ONNXImportError) {
    var operands: [ValueState] = []
    for index in node.inputs.indices where node.input(index) != nil { operands.append(try input(index)) }
    guard let first = operands.first else { throw fail("no inputs; expected at least one") }
    let along = try axis(try int("axis", default: 0), rank: first.shape.count, "axis")
    var shape = first.shape
    shape[along] = 0
    for operand in operands {
      guard operand.shape.count == first.shape.count,
        operand.shape.indices.allSatisfy({ $0 == along || operand.shape[$0] == first.shape[$0] })
      else { throw fail("the input shapes \(operands.map(\.shape)) differ away from axis \(along)") }
      shape[along] += operand.shape[along]
    }
    let activations = operands.filter { !$0.isConstant }
    var output = ValueState(
      shape: shape, batchAxis: activations.first?.batchAxis, constant: nil, isConstant: activations.isEmpty,
      source: activations.count == 1 ? activations[0].source : nil, fusable: nil,
      batchInner: activations.first?.batchInner ?? 1)
    if output.batchAxis == along, activations.count > 1 { loseBatch("concatenates along the batch axis") }
    if activations.isEmpty, first.shape.count == 1 {
      var values: [Int64] = []
      for operand in operands {
        guard let integers = operand.integers else {
          values = []
          break
        }
        values += integers
      }
      if values.count == shape[0] { output.constant = .integers(values) }
    }
    try setOutput(0, output)
  }

  /// Split: pieces along `axis`, sized by `split` (input or attribute) or equal.
  mutating func split() throws(ONNXImportError) {
    let x = try input(0)
    let along = try axis(try int("axis", default: 0), rank: x.shape.count, "axis")
    var pieces = try ints("split")
    if node.input(1) != nil { pieces = try constantIntegers(1, "split") }
    let outputs = node.outputs.count
    guard outputs >= 1 else { throw fail("no outputs") }
    let length = x.shape[along]
    var sizes: [Int]
    if let pieces {
      sizes = try self.sizes(pieces, "split", count: outputs, in: 0...(1 << 40))
      guard sizes.reduce(0, +) == length else { throw fail("split \(sizes) does not add up to \(length)") }
    } else {
      let chunk = (length + outputs - 1) / outputs
      sizes = (0..<outputs).map { max(0, min(chunk, length - $0 * chunk)) }
    }
    if along == x.batchAxis, outputs > 1 { loseBatch("splits the batch axis") }
    var offset = 0
    for (index, size) in sizes.enumerated() {
      var output = x
      output.shape[along] = size
      output.fusable = nil
      if x.shape.count == 1, let values = x.integers, values.count == length {
        output.constant = .integers(Array(values[offset..<(offset + size)]))
      } else {
        output.constant = nil
      }
      offset += size
      try setOutput(index, output)
    }
  }
}
